import Foundation
import XCTest
@testable import Bindings
import Script

/// Every NN/NAME.py (torch.nn in scripts) must print exactly what PyTorch printed (NAME.out,
/// made by generate.py NN under real PyTorch).
final class NNScriptTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    func testEveryNNScriptMatchesPyTorch() throws {
        try runScripts(slow: false)
    }

    /// Scripts named slow_*.py (building torchvision's ResNet-18 draws 11M weights: ~20 s in a
    /// debug build) run in release builds, or when WICK_SLOW_TESTS is set.
    func testSlowNNScriptsMatchPyTorch() throws {
        #if DEBUG
        guard ProcessInfo.processInfo.environment["WICK_SLOW_TESTS"] != nil else {
            throw XCTSkip("slow nn scripts run in release builds or with WICK_SLOW_TESTS=1")
        }
        #endif
        try runScripts(slow: true)
    }

    func runScripts(slow: Bool) throws {
        NN.install()
        try assertScriptsMatchGoldens(in: Self.folder, label: "nn scripts\(slow ? " (slow)" : "")", include: { $0.hasPrefix("slow_") == slow })
    }

    /// Development aid: `NN_SCRATCH=/path/script.py swift test --filter NNScriptTests` prints
    /// what wick makes of any script (skipped otherwise).
    func testScratchScript() throws {
        guard let path = ProcessInfo.processInfo.environment["NN_SCRATCH"] else { throw XCTSkip("NN_SCRATCH not set") }
        NN.install()
        print(runTorchScript((try? String(contentsOfFile: path, encoding: .utf8)) ?? "", path: path))
    }
}
