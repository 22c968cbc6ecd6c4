import Foundation
import Glibc
import XCTest

/// The `wick` binary running on a pseudo-terminal, driven as a person at a keyboard would:
/// keys go in through the master side, the screen comes back from it. Every wait has a timeout.
final class PTYSession {
    let pid: pid_t
    private let master: Int32
    private var buffer: [UInt8] = []
    /// Everything read so far (for failure messages).
    private(set) var transcript = ""
    private var exited: Int32?

    /// Starts `wick arguments` in its own session with the terminal's slave side as stdin, stdout
    /// and stderr; `home` becomes HOME (where `.wick_history` is kept).
    init(arguments: [String] = [], home: String, environment extra: [String: String] = [:]) throws {
        // posix_openpt/grantpt/unlockpt/ptsname are hidden from Swift: their ioctls (Linux) instead.
        let m = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var unlock: Int32 = 0, number: UInt32 = 0
        guard m >= 0, ioctl(m, PTYSession.unlockPTY, &unlock) == 0, ioctl(m, PTYSession.getPTYNumber, &number) == 0 else {
            if m >= 0 { close(m) }
            throw NSError(domain: "PTY", code: 1, userInfo: [NSLocalizedDescriptionKey: "no pseudo-terminal"])
        }
        master = m
        var size = winsize(ws_row: 40, ws_col: 100, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(m, UInt(TIOCSWINSZ), &size)
        let slavePath = "/dev/pts/\(number)"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd: Int32 in [0, 1, 2] { posix_spawn_file_actions_addopen(&actions, fd, slavePath, O_RDWR, 0) }
        posix_spawn_file_actions_addclose(&actions, m)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, PTYSession.spawnSetsid)
        var env = ProcessInfo.processInfo.environment
        env["HOME"] = home
        env["TERM"] = "xterm"
        env["NO_COLOR"] = "1"
        for (k, v) in extra { env[k] = v }
        let executable = WickBinary.url.path
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in argv + envp { free(p) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard status == 0 else {
            close(m)
            throw NSError(domain: "PTY", code: Int(status), userInfo: [NSLocalizedDescriptionKey: "posix_spawn failed: \(status)"])
        }
        pid = child
    }

    /// `TIOCSPTLCK`, `TIOCGPTN` (asm-generic ioctl numbers) and glibc's `POSIX_SPAWN_SETSID`.
    static let unlockPTY: UInt = 0x4004_5431, getPTYNumber: UInt = 0x8004_5430
    static let spawnSetsid: Int16 = 0x80

    deinit {
        if exited == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        close(master)
    }

    /// Types `text` (use `\r` for Enter, `\t` for Tab, `\u{3}` for Ctrl-C, `\u{4}` for Ctrl-D).
    func type(_ text: String) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { p in _ = write(master, p.baseAddress, p.count) }
    }

    /// Reads until `pattern` appears; returns the text up to and including it (and drops it from the buffer).
    @discardableResult
    func read(until pattern: String, timeout: TimeInterval = 10, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let needle = Array(pattern.utf8)
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let range = find(needle) {
                let text = String(decoding: buffer[..<range], as: UTF8.self)
                buffer.removeSubrange(..<range)
                return text
            }
            if Date() > deadline {
                XCTFail("timed out waiting for \(pattern.debugDescription); screen so far: \(transcript.debugDescription)", file: file, line: line)
                throw NSError(domain: "PTY", code: 2)
            }
            fill(timeout: min(0.1, deadline.timeIntervalSinceNow))
        }
    }

    /// Reads until the primary prompt `>>> ` appears.
    @discardableResult
    func prompt(timeout: TimeInterval = 10, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        try read(until: ">>> ", timeout: timeout, file: file, line: line)
    }

    /// Types `line` and Enter, waits for the next primary prompt and returns the output lines
    /// in between (the echo of the typed line, terminal escapes and carriage returns removed).
    func enter(_ line: String, timeout: TimeInterval = 10, file: StaticString = #filePath, lineNumber: UInt = #line) throws -> [String] {
        type(line + "\r")
        let screen = try prompt(timeout: timeout, file: file, line: lineNumber)
        var lines = PTYSession.clean(screen).components(separatedBy: "\n")
        if !lines.isEmpty { lines.removeFirst() }  // the echo of what was typed
        if lines.last == ">>> " { lines.removeLast() }
        return lines
    }

    /// Text with ANSI escape sequences and carriage returns removed.
    static func clean(_ text: String) -> String {
        text.replacingOccurrences(of: "\u{1b}\\[[0-9;?]*[A-Za-z]", with: "", options: .regularExpression)
            .replacingOccurrences(of: "\r", with: "")
    }

    private func find(_ needle: [UInt8]) -> Int? {
        guard !needle.isEmpty, buffer.count >= needle.count else { return nil }
        for i in 0...(buffer.count - needle.count) where buffer[i] == needle[0] {
            if Array(buffer[i..<(i + needle.count)]) == needle { return i + needle.count }
        }
        return nil
    }

    private func fill(timeout: TimeInterval) {
        var fds = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&fds, 1, Int32(max(1, timeout * 1000))) > 0 else { return }
        var chunk = [UInt8](repeating: 0, count: 4096)
        let n = chunk.withUnsafeMutableBufferPointer { Glibc.read(master, $0.baseAddress, $0.count) }
        if n > 0 {
            buffer.append(contentsOf: chunk[..<n])
            transcript += String(decoding: chunk[..<n], as: UTF8.self)
        } else {
            usleep(10_000)
        }
    }

    /// Waits for the process to end; its exit status, or nil after the timeout (or on a signal).
    func waitForExit(timeout: TimeInterval = 10) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            fill(timeout: 0.02)
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                exited = status
                let terminatedBySignal = (status & 0x7f) != 0
                return terminatedBySignal ? nil : (status >> 8) & 0xff
            }
        }
        return nil
    }

    /// Sends a signal to the process (SIGKILL: it is reaped here).
    func signal(_ sig: Int32) {
        kill(pid, sig)
        if sig == SIGKILL {
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            exited = status
        }
    }
}

/// A fresh temporary directory, removed by the returned closure.
func makeTemporaryDirectory(_ name: String) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}
