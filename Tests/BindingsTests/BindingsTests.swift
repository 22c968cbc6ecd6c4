import Foundation
import XCTest
@testable import Bindings
import Script

/// Runs a script with the torch bindings installed; returns stdout plus, after an error, the
/// last line of the traceback (as Tests/BindingsTests/generate.py records PyTorch's).
func runTorchScript(_ source: String, path: String = "test.py") -> String {
    Bindings.install()
    var out = "", err = ""
    let status = ScriptRunner.run(source: source, path: path, output: .init(stdout: { out += $0 }, stderr: { err += $0 }))
    if status != 0 {
        let last = err.split(separator: "\n").last(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) ?? ""
        out += last + "\n"
    }
    return out
}

final class BindingsInstallTests: XCTestCase {
    func testInstallIsIdempotent() {
        Bindings.install()
        Bindings.install()
        XCTAssertEqual(runTorchScript("import torch\nprint(torch.ones(2))\n"), "tensor([1., 1.])\n")
    }
}

/// Every Scripts/NAME.py must print exactly what PyTorch printed (NAME.out, made by `generate.py Scripts`).
final class BindingsScriptTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Scripts")

    func testEveryScriptMatchesPyTorch() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
            .filter { $0.hasSuffix(".py") && $0 != "generate.py" }.sorted()
        XCTAssertGreaterThanOrEqual(files.count, 1)
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
        print("bindings scripts: \(files.count - failures.count)/\(files.count) match PyTorch")
    }
}
