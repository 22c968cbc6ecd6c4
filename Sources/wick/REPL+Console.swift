import Engine
import Foundation
import Script

/// The REPL's Ctrl-C: one flag, set by the SIGINT handler.
///
/// The handler only stores words (async-signal-safe): this flag (the line editor cancels the
/// line being typed), the interpreter's request (running code raises `KeyboardInterrupt` at its
/// next statement) and the engine's (a long kernel stops early and its result is discarded).
enum SignalFlag {
    private static let flag: UnsafeMutablePointer<Int> = {
        let p = UnsafeMutablePointer<Int>.allocate(capacity: 1)
        p.initialize(to: 0)
        return p
    }()

    /// Whether Ctrl-C was pressed since the last `clear()`.
    static var isSet: Bool { flag.pointee != 0 }

    /// Forgets a Ctrl-C (and the interpreter's and engine's requests with it).
    static func clear() {
        flag.pointee = 0
        Interruption.clear()
    }

    /// Installs the SIGINT handler (without SA_RESTART, so a waiting `select` wakes up).
    static func install() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            SignalFlag.flag.pointee = 1
            ScriptRunner.requestInterrupt()
            Interruption.request()
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
    }
}

/// Unbuffered output for the REPL: program output and prompts stay in order.
enum REPLOutput {
    /// Writes to standard output at once.
    static func out(_ s: String) {
        fputs(s, stdout)
        fflush(stdout)
    }

    /// Writes to standard error (after flushing standard output).
    static func err(_ s: String) {
        fflush(stdout)
        fputs(s, stderr)
        fflush(stderr)
    }

    /// The session output that writes here.
    static var output: ScriptRunner.Output { .init(stdout: out, stderr: err) }
}
