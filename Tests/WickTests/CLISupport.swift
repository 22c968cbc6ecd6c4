import XCTest
import Foundation

/// Runs the built `wick` binary in a temporary project folder and captures what it prints.
struct CLIRun {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// A temporary folder holding `Lessons/` files for one test.
final class CLIProject {
    let root: String

    init() throws {
        root = NSTemporaryDirectory() + "wick-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root + "/Lessons", withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    /// Writes `text` to `path` (relative to the folder).
    func write(_ path: String, _ text: String) throws {
        try text.write(toFile: root + "/" + path, atomically: true, encoding: .utf8)
    }

    /// Runs `wick arguments…` in the folder (stdout and stderr are pipes, so no colour, no bars).
    func wick(_ arguments: [String], environment: [String: String] = [:]) throws -> CLIRun {
        let process = Process()
        process.executableURL = WickBinary.url
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: root)
        var env = ProcessInfo.processInfo.environment
        env["WICK_PLOT"] = "none"
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes while the process runs so neither can fill up and block it.
        final class Box: @unchecked Sendable { var data = Data() }
        let outData = Box()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { outData.data = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return CLIRun(status: process.terminationStatus, stdout: String(decoding: outData.data, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}
