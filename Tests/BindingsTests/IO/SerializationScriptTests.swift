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
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
            .filter { $0.hasSuffix(".py") && $0 != "generate.py" }.sorted()
        XCTAssertGreaterThanOrEqual(files.count, 2)
        for file in files {
            let path = Self.folder.appendingPathComponent(file).path
            let expected = (try? String(contentsOfFile: String(path.dropLast(3)) + ".out", encoding: .utf8)) ?? "<missing .out>"
            let source = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            let actual = runTorchScript(source, path: path)
            XCTAssertEqual(actual, expected, file)
        }
    }
}
