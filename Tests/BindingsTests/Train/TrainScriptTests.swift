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
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
            .filter { $0.hasSuffix(".py") && $0 != "generate.py" }.sorted()
        XCTAssertGreaterThanOrEqual(files.count, 5)
        var failures: [String] = []
        for file in files {
            let path = Self.folder.appendingPathComponent(file).path
            let expected = (try? String(contentsOfFile: String(path.dropLast(3)) + ".out", encoding: .utf8)) ?? "<missing .out>"
            let source = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            let actual = runTorchScript(source, path: path)
            if actual != expected {
                failures.append(file)
                XCTFail("\(file):\n--- expected\n\(expected)--- actual\n\(actual)")
            }
        }
        print("train scripts: \(files.count - failures.count)/\(files.count) match PyTorch")
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
