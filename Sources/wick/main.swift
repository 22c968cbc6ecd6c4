import ArgumentParser
import Foundation
import Bindings
import Script

/// `wick`: runs lessons and scripts (issue 3 and 6 grow it).
struct Wick: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wick",
        abstract: "Learn how neural networks are built and trained, the PyTorch way.",
        version: "0.1.0",
        subcommands: [Run.self])
}

/// `wick run FILE`: parse the whole file, then run it; exit 0, or 1 after a traceback.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run a lesson or script top to bottom.")

    @Argument(help: "The script to run.") var file: String
    @Argument(parsing: .captureForPassthrough, help: "Arguments for the script (sys.argv).") var arguments: [String] = []

    func run() throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            FileHandle.standardError.write("wick: can't open file '\(file)': [Errno 2] No such file or directory\n".data(using: .utf8)!)
            throw ExitCode(2)
        }
        guard let source = String(data: data, encoding: .utf8) else {
            let offset = firstInvalidUTF8Offset(data)
            FileHandle.standardError.write("SyntaxError: (unicode error) 'utf-8' codec can't decode byte at position \(offset): invalid start byte (\(file))\n".data(using: .utf8)!)
            throw ExitCode(1)
        }
        // Ctrl-C raises KeyboardInterrupt at the next statement; the traceback ends the run with status 130.
        signal(SIGINT) { _ in ScriptRunner.requestInterrupt() }
        Bindings.install()
        let out = StandardStreams()
        let status = ScriptRunner.run(source: source, path: file, arguments: arguments,
                                      output: .init(stdout: out.writeOut, stderr: out.writeErr))
        out.flush()
        if status != 0 { throw ExitCode(status) }
    }

    private func firstInvalidUTF8Offset(_ data: Data) -> Int {
        var i = 0
        let bytes = [UInt8](data)
        while i < bytes.count {
            let b = bytes[i]
            let n = b < 0x80 ? 1 : b >> 5 == 0b110 ? 2 : b >> 4 == 0b1110 ? 3 : b >> 3 == 0b11110 ? 4 : 0
            if n == 0 || i + n > bytes.count { return i }
            for k in 1..<n where bytes[i + k] >> 6 != 0b10 { return i }
            i += n
        }
        return i
    }
}

/// Buffered stdout (flushed before anything goes to stderr, so the two interleave correctly).
final class StandardStreams {
    private var buffer: [UInt8] = []
    func writeOut(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        if buffer.count > 1 << 16 { flush() }
    }
    func writeErr(_ s: String) {
        flush()
        FileHandle.standardError.write(s.data(using: .utf8) ?? Data())
    }
    func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBufferPointer { p in _ = fwrite(p.baseAddress, 1, p.count, stdout) }
        fflush(stdout)
        buffer.removeAll(keepingCapacity: true)
    }
}

// `wick FILE` means `wick run FILE`.
var arguments = Array(CommandLine.arguments.dropFirst())
if let first = arguments.first, !first.hasPrefix("-"), first != "run", first != "help" {
    arguments.insert("run", at: 0)
}
do {
    var command = try Wick.parseAsRoot(arguments)
    try command.run()
} catch let code as ExitCode {
    exit(code.rawValue)
} catch {
    let exitCode = Wick.exitCode(for: error)
    if exitCode == .success {
        print(Wick.fullMessage(for: error))
        exit(0)
    }
    FileHandle.standardError.write((Wick.fullMessage(for: error) + "\n").data(using: .utf8)!)
    exit(2)
}
