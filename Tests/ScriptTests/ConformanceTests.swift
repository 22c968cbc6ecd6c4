import Foundation
import XCTest
@testable import Script

/// Runs every script of Tests/Conformance and compares its output with CPython's (NAME.out).
final class ConformanceTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Conformance")

    /// Runs a script file the way `wick run` does; returns stdout plus the traceback's last line on error.
    static func run(_ path: String) -> String {
        let source = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        var out = "", err = ""
        let status = ScriptRunner.run(source: source, path: path, output: .init(stdout: { out += $0 }, stderr: { err += $0 }))
        if status != 0 {
            let last = err.split(separator: "\n").last(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) ?? ""
            out += last + "\n"
        }
        return out
    }

    func testEveryScriptMatchesCPython() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
            .filter { $0.hasSuffix(".py") && $0 != "generate.py" && !$0.hasPrefix("helper_") }.sorted()
        XCTAssertGreaterThan(files.count, 0)
        var failures: [String] = []
        for file in files {
            let path = Self.folder.appendingPathComponent(file).path
            let expected = (try? String(contentsOfFile: String(path.dropLast(3)) + ".out", encoding: .utf8)) ?? "<missing .out>"
            let actual = Self.run(path)
            if actual != expected {
                failures.append(file)
                XCTFail("\(file):\n--- expected\n\(expected)--- actual\n\(actual)")
            }
        }
        print("conformance: \(files.count - failures.count)/\(files.count) scripts match CPython")
    }
}
