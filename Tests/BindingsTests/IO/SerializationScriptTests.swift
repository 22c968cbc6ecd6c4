import Foundation
import XCTest
@testable import Bindings
import Script

/// Every IO/NAME.py (torch.save / torch.load in scripts) must print exactly what PyTorch
/// printed (NAME.out, made by generate.py IO under real PyTorch).
final class SerializationScriptTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    func testEverySerializationScriptMatchesPyTorch() throws {
        Bindings.install()
        SerializationBindings.install()
        try assertScriptsMatchGoldens(in: Self.folder, label: "serialization scripts", minimum: 2)
    }
}
