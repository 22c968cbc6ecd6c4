import Foundation
import XCTest
@testable import Script

/// Thousands of randomly mutated scripts (seeded): every one must end cleanly, never trap.
final class FuzzTests: XCTestCase {
    /// SplitMix64: a small seeded generator so every run mutates the same way.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E3779B97F4A7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
            z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
            return z ^ (z >> 31)
        }
    }

    static let fragments = ["(", ")", "[", "]", "{", "}", ":", "\n", "    ", "\t", "'", "\"", "\"\"\"", "f'{", "}", "\\",
                            "yield", "lambda", "return", "def ", "class ", "*", "**", "=", "==", "if ", "else", "for ",
                            "in ", "not ", "-", "~", "@", ".", ",", ";", "#", "0x", "1e", "9999999999999999999", "%",
                            "//", "<<", "global ", "nonlocal ", "del ", "try:", "except", "finally:", "with ", "raise ",
                            "None", "True", "__init__", "super()", "\u{0}", "é", "🙂", "\r", "async", "await", "..."]

    static func mutate(_ source: String, _ rng: inout SeededGenerator) -> String {
        var bytes = Array(source.utf8)
        let rounds = Int.random(in: 1...4, using: &rng)
        for _ in 0..<rounds {
            guard !bytes.isEmpty else { break }
            let at = Int.random(in: 0..<bytes.count, using: &rng)
            switch Int.random(in: 0..<6, using: &rng) {
            case 0: bytes = Array(bytes[..<at])  // truncation
            case 1: bytes.insert(UInt8.random(in: 0...255, using: &rng), at: at)  // random byte
            case 2: bytes.insert(contentsOf: Array(fragments.randomElement(using: &rng)!.utf8), at: at)
            case 3: bytes.remove(at: at)
            case 4:
                // Token shuffle: swap two whitespace-separated words.
                var words = String(decoding: bytes, as: UTF8.self).split(separator: " ", omittingEmptySubsequences: false).map(String.init)
                if words.count > 2 {
                    let i = Int.random(in: 0..<words.count, using: &rng), j = Int.random(in: 0..<words.count, using: &rng)
                    words.swapAt(i, j)
                }
                bytes = Array(words.joined(separator: " ").utf8)
            default:
                let end = min(bytes.count, at + Int.random(in: 1...40, using: &rng))
                bytes.insert(contentsOf: bytes[at..<end], at: Int.random(in: 0...bytes.count, using: &rng))
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    func testMutatedScriptsExitCleanly() throws {
        let folder = ConformanceTests.folder
        let corpus = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".py") && $0 != "generate.py" && !$0.hasPrefix("helper_") && !$0.contains("mod_") && !$0.contains("file") }
            .sorted()
            .compactMap { try? String(contentsOfFile: folder.appendingPathComponent($0).path, encoding: .utf8) }
        var rng = SeededGenerator(state: 20261129)
        let count = 3000
        var statuses: [Int32: Int] = [:]
        for _ in 0..<count {
            guard let base = corpus.randomElement(using: &rng) else { break }
            let source = Self.mutate(base, &rng)
            var out = 0
            let status = ScriptRunner.run(source: source, path: "fuzz.py", limits: .init(steps: 20_000, memory: 64 << 20),
                                          output: .init(stdout: { out += $0.utf8.count }, stderr: { _ in }))
            statuses[status, default: 0] += 1
            XCTAssertTrue([0, 1, 2, 3, 130].contains(status) || status >= 0, "status \(status) for:\n\(source)")
        }
        XCTAssertEqual(statuses.values.reduce(0, +), count)
    }
}
