import Foundation
import XCTest
@testable import Bindings
import Script

/// Every Functional/NAME.py (torch.nn.functional, nn.init, nn.utils) must print exactly what
/// PyTorch printed (NAME.out, made by generate.py Functional).
final class FunctionalScriptTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    func testEveryScriptMatchesPyTorch() throws {
        FunctionalBindings.install()
        NN.install()
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
            .filter { $0.hasSuffix(".py") && $0 != "generate.py" }.sorted()
        XCTAssertGreaterThanOrEqual(files.count, 5)
        var failures: [String] = []
        for file in files {
            let path = Self.folder.appendingPathComponent(file).path
            let expected = (try? String(contentsOfFile: String(path.dropLast(3)) + ".out", encoding: .utf8)) ?? "<missing .out>"
            let source = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            let actual = runTorchScript(source, path: path)
            if let dump = ProcessInfo.processInfo.environment["WICK_FUNCTIONAL_DUMP"] {
                try? actual.write(toFile: dump + "/" + file.dropLast(3) + ".actual", atomically: true, encoding: .utf8)
            }
            if actual != expected {
                failures.append(file)
                XCTFail("\(file):\n--- expected\n\(expected)--- actual\n\(actual)")
            }
        }
        print("functional scripts: \(files.count - failures.count)/\(files.count) match PyTorch")
    }

    /// `torch.nn.functional` is one module object, however it is reached.
    func testOneModuleObjectForEveryImportForm() {
        FunctionalBindings.install()
        let out = runTorchScript("""
        import torch
        import torch.nn.functional as F
        from torch.nn import functional as G
        import torch.nn as nn
        from torch.nn.init import kaiming_uniform_
        print(F is torch.nn.functional, G is F, nn.functional is F, kaiming_uniform_ is torch.nn.init.kaiming_uniform_)
        print(torch.nn.utils.clip_grad_norm_ is not None)
        """)
        XCTAssertEqual(out, "True True True True\nTrue\n")
    }
}
