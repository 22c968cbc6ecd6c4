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

/// Runs every `NAME.py` in `folder` (those `include` accepts) and compares what wick prints with
/// `NAME.out`, which real Python made (`Tests/BindingsTests/generate.py FOLDER`); prints a tally.
/// With `WICK_SCRIPT_DUMP=DIR` set, wick's output of each script is also written to DIR/NAME.actual.
func assertScriptsMatchGoldens(in folder: URL, label: String, minimum: Int = 1, include: (String) -> Bool = { _ in true },
                               file: StaticString = #filePath, line: UInt = #line) throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        .filter { $0.hasSuffix(".py") && $0 != "generate.py" && include($0) }.sorted()
    XCTAssertGreaterThanOrEqual(names.count, minimum, "scripts in \(folder.path)", file: file, line: line)
    var failures = 0
    for name in names {
        let path = folder.appendingPathComponent(name).path
        let expected = (try? String(contentsOfFile: String(path.dropLast(3)) + ".out", encoding: .utf8)) ?? "<missing .out>"
        let source = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        let actual = runTorchScript(source, path: path)
        if let dump = ProcessInfo.processInfo.environment["WICK_SCRIPT_DUMP"] {
            try? actual.write(toFile: dump + "/" + name.dropLast(3) + ".actual", atomically: true, encoding: .utf8)
        }
        if actual != expected {
            failures += 1
            XCTFail("\(name):\n--- expected\n\(expected)--- actual\n\(actual)", file: file, line: line)
        }
    }
    print("\(label): \(names.count - failures)/\(names.count) match Python")
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
        try assertScriptsMatchGoldens(in: Self.folder, label: "bindings scripts")
    }
}
