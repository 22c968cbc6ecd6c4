import XCTest
import Foundation

/// Runs `wick check` over every lesson in Lessons/ (issue 7): every cell runs, every gradient
/// check passes, every assert holds and every lesson writes its figures. Uses the release build
/// when `make test` has made one (lessons are timed for it), else the debug binary beside the tests.
final class LessonTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static var wick: URL {
        let release = root.appendingPathComponent(".build/release/wick")
        if FileManager.default.isExecutableFile(atPath: release.path) { return release }
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("wick")
    }

    static var lessons: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Lessons").path)) ?? []
        return names.filter { $0.range(of: #"^\d\d-.*\.py$"#, options: .regularExpression) != nil }.sorted()
    }

    func testEveryLessonPassesWickCheck() throws {
        let lessons = Self.lessons
        XCTAssertGreaterThanOrEqual(lessons.count, 10, "Lessons/ should hold the ten core lessons")
        let process = Process()
        process.executableURL = Self.wick
        process.arguments = ["check"]
        process.currentDirectoryURL = Self.root
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, output)
        XCTAssertTrue(output.contains("all \(lessons.count) lessons passed"), output)
        // Every lesson row reports at least one figure written and no failed gradient check.
        for lesson in lessons {
            let name = (lesson as NSString).deletingPathExtension
            guard let row = output.split(separator: "\n").first(where: { $0.contains(name) }) else {
                XCTFail("no row for \(name) in:\n\(output)"); continue
            }
            let cells = row.split(whereSeparator: { $0 == " " || $0 == "│" || $0 == "|" }).map(String.init)
            XCTAssertEqual(cells.last, "ok", String(row))
        }
    }
}
