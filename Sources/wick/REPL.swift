import Bindings
import Engine
import Foundation
import Script

/// The interactive loop of `wick`: Python's REPL with readline, magics and lesson stepping.
enum REPL {
    /// Runs the REPL until `exit()`, `%quit` or Ctrl-D; returns the exit status.
    /// `openingLesson` (from `wick step FILE`) is opened as `%open` would, before the first prompt.
    static func run(openingLesson: String?) -> Int32 {
        Bindings.install()
        SignalFlag.install()
        let session = ScriptSession(output: REPLOutput.output, arguments: [""])
        let magics = Magics(session: session)
        let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
        let editor = LineEditor(historyPath: (home as NSString).appendingPathComponent(".wick_history"),
                                completer: Completer(session: session, magics: magics).complete)
        if editor.interactive {
            REPLOutput.out("wick \(Wick.configuration.version) · PyTorch, the learning way · %help lists the magics, Ctrl-D leaves\n")
        }
        if let lesson = openingLesson, case .exit(let status) = magics.handle("%open " + lesson) { return status }
        var loop = Loop(session: session, magics: magics, editor: editor)
        return loop.run()
    }

    /// One REPL's state between prompts: the lines of an unfinished block.
    struct Loop {
        let session: ScriptSession
        let magics: Magics
        let editor: LineEditor
        var pending: [String] = []

        init(session: ScriptSession, magics: Magics, editor: LineEditor) {
            self.session = session
            self.magics = magics
            self.editor = editor
        }

        mutating func run() -> Int32 {
            while true {
                let prompt = editor.interactive ? (pending.isEmpty ? ">>> " : "... ") : ""
                switch editor.read(prompt: prompt) {
                case .endOfFile:
                    if editor.interactive { REPLOutput.out("\n"); return 0 }
                    // Piped input that ends inside a block runs the block, as a file would.
                    if !pending.isEmpty, case .exit(let status) = session.run(pending.joined(separator: "\n") + "\n") {
                        return status
                    }
                    return 0
                case .interrupted:
                    pending = []
                    SignalFlag.clear()
                    REPLOutput.out("\nKeyboardInterrupt\n")
                case .line(let line):
                    if let status = accept(line) { return status }
                }
            }
        }

        /// Handles one typed line; returns an exit status when the REPL should end.
        mutating func accept(_ line: String) -> Int32? {
            if pending.isEmpty {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty {
                    // Enter on an empty line steps through an open lesson.
                    if magics.lessonIsOpen, case .exit(let s) = magics.handle("%next") { return s }
                    return nil
                }
                if trimmed.hasPrefix("%") {
                    if case .exit(let s) = magics.handle(trimmed) { return s }
                    return nil
                }
            }
            pending.append(line)
            let source = pending.joined(separator: "\n")
            if case .incomplete = ScriptSession.isComplete(source) { return nil }
            pending = []
            SignalFlag.clear()
            let outcome = session.run(source + "\n")
            SignalFlag.clear()
            magics.noteFigure()
            if case .exit(let status) = outcome { return status }
            return nil
        }
    }
}
