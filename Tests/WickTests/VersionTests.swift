import XCTest
import Foundation

/// Runs the built `wick` binary (next to the test bundle) and checks `--version`.
final class VersionTests: XCTestCase {
    func testVersionFlag() throws {
        let process = Process()
        process.executableURL = WickBinary.url
        process.arguments = ["--version"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(process.terminationStatus, 0)
        XCTAssertEqual(text, "0.1.0\n")
    }
}

/// The `wick` executable built beside the test bundle (`.build/debug/wick` or `.build/release/wick`).
enum WickBinary {
    static var url: URL {
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let beside = products.appendingPathComponent("wick")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return Bundle.main.bundleURL.appendingPathComponent("wick")
    }
}
