import Foundation
import XCTest
@testable import Bindings
import Script

/// Every Summary/NAME.py (torchsummary in scripts) must print exactly what the real torchsummary
/// package printed under PyTorch (NAME.out, made by generate.py Summary).
final class SummaryScriptTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    /// Runs a script with `torchsummary` installed, its table going to the same captured stdout.
    func run(_ source: String, path: String) -> String {
        Bindings.install()
        SummaryBindings.install()
        var out = "", err = ""
        SummaryBindings.output = { out += $0 }
        defer { SummaryBindings.output = nil }
        let status = ScriptRunner.run(source: source, path: path, output: .init(stdout: { out += $0 }, stderr: { err += $0 }))
        if status != 0 {
            let last = err.split(separator: "\n").last(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) ?? ""
            out += last + "\n"
        }
        return out
    }

    func testEverySummaryScriptMatchesTorchsummary() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
            .filter { $0.hasSuffix(".py") && $0 != "generate.py" }.sorted()
        XCTAssertEqual(files, ["lenet.py", "mlp.py", "nested.py"])
        for file in files {
            let path = Self.folder.appendingPathComponent(file).path
            let expected = (try? String(contentsOfFile: String(path.dropLast(3)) + ".out", encoding: .utf8)) ?? "<missing .out>"
            let source = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            let actual = run(source, path: path)
            XCTAssertEqual(actual, expected, "\(file):\n--- expected\n\(expected)--- actual\n\(actual)")
        }
    }
}
