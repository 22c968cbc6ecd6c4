import Foundation
import XCTest
@testable import Bindings
import Script

/// Every Train/NAME.py (torch.optim and torch.utils.data in scripts) must print exactly what PyTorch printed (NAME.out,
/// made by generate.py Train under real PyTorch).
final class TrainScriptTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    func testEveryTrainScriptMatchesPyTorch() throws {
        NN.install()
        OptimBindings.install()
        DataBindings.install()
        try assertScriptsMatchGoldens(in: Self.folder, label: "train scripts", minimum: 5)
    }

    /// Development aid: `TRAIN_SCRATCH=/path/script.py swift test --filter TrainScriptTests` prints
    /// what wick makes of any script (skipped otherwise).
    func testScratchScript() throws {
        guard let path = ProcessInfo.processInfo.environment["TRAIN_SCRATCH"] else { throw XCTSkip("TRAIN_SCRATCH not set") }
        NN.install()
        OptimBindings.install()
        DataBindings.install()
        print(runTorchScript((try? String(contentsOfFile: path, encoding: .utf8)) ?? "", path: path))
    }
}
