import Foundation

/// Runs scripts: parse everything first, then execute on a thread with a large stack.
public enum ScriptRunner {
    /// Where a run's text goes.
    public struct Output {
        public var stdout: (String) -> Void
        public var stderr: (String) -> Void
        public init(stdout: @escaping (String) -> Void, stderr: @escaping (String) -> Void) {
            self.stdout = stdout
            self.stderr = stderr
        }
    }

    /// Asks the running script to raise KeyboardInterrupt at its next statement (call from a SIGINT handler).
    /// Writes `text` to the running script's standard output (in order with its `print`s), for
    /// native modules that print (torchsummary's table).
    public static func writeOutput(_ text: String) { Interpreter.current.output(text) }

    public static func requestInterrupt() {
        Interpreter.interruptRequested = true
    }

    /// Optional bounds on a run (fuzzing and tests use them; `wick run` leaves them unset).
    public struct Limits {
        /// Statements and loop items before `RuntimeError: wick step budget exhausted`.
        public var steps: Int?
        /// Bytes one object may take before `MemoryError` (default: WICK_MAX_MEMORY or half of RAM).
        public var memory: Int?
        public init(steps: Int? = nil, memory: Int? = nil) {
            self.steps = steps
            self.memory = memory
        }
    }

    /// Runs `source` as the file `path`; returns the exit status (0, or 1 after printing a traceback).
    public static func run(source: String, path: String, arguments: [String] = [], limits: Limits = Limits(),
                           output: Output) -> Int32 {
        // The script runs on its own thread with a 512 MB stack, so deep recursion never overflows it.
        final class Result: @unchecked Sendable { var status: Int32 = 0 }
        let result = Result()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            result.status = runOnCurrentThread(source: source, path: path, arguments: arguments, limits: limits, output: output)
            done.signal()
        }
        thread.stackSize = 512 << 20
        thread.start()
        done.wait()
        return result.status
    }

    static func runOnCurrentThread(source: String, path: String, arguments: [String], limits: Limits, output: Output) -> Int32 {
        let interpreter = Interpreter()
        interpreter.stepBudget = limits.steps
        Interpreter.attention.pointee = limits.steps == nil ? 0 : 2
        interpreter.memoryBudget = MemoryGuard.start(limit: limits.memory)
        Interpreter.current = interpreter
        interpreter.output = output.stdout
        interpreter.errorOutput = output.stderr
        interpreter.argv = [path] + arguments
        interpreter.scriptDirectory = (path as NSString).deletingLastPathComponent
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        interpreter.sources[path] = lines
        let module: Module
        do {
            if source.utf8.contains(0) {
                throw SyntaxErrorInfo(type: "SyntaxError", message: "source code cannot contain null bytes", line: 1, column: 1)
            }
            module = try Parser.parseModule(source)
            try Resolver.resolve(module)
        } catch let e as SyntaxErrorInfo {
            output.stderr(formatSyntaxError(e, path: path, lines: lines))
            return 1
        } catch {
            output.stderr("SyntaxError: \(error)\n")
            return 1
        }
        let main = PyModule(name: "__main__")
        main.file = path
        main["__file__"] = PyStr(path)
        interpreter.modules["__main__"] = main
        let frame = Frame(code: module.body, module: main, closure: [])
        do {
            _ = try interpreter.exec(module.body.body, frame)
            return 0
        } catch let e as PyError {
            if e.matches(Builtin.systemExitClass) {
                let code = e.exception.args.first
                if let c = code as? PyInt { return Int32(clamping: c.value) }
                if let c = code, c !== PyNone.shared { output.stderr(((try? Runtime.str(c)) ?? "") + "\n"); return 1 }
                return 0
            }
            interpreter.record(e.exception, frame)
            output.stderr(formatTraceback(e.exception, interpreter))
            return e.matches(Builtin.keyboardInterruptClass) ? 130 : 1
        } catch {
            output.stderr("RuntimeError: \(error)\n")
            return 1
        }
    }

    /// CPython's SyntaxError layout: file and line, the source line, a caret, the message.
    public static func formatSyntaxError(_ e: SyntaxErrorInfo, path: String, lines: [Substring]) -> String {
        var out = "  File \"\(path)\", line \(e.line)\n"
        if e.line >= 1 && e.line <= lines.count {
            let raw = String(lines[e.line - 1])
            let trimmed = raw.drop(while: { $0 == " " || $0 == "\t" })
            let removed = raw.count - trimmed.count
            out += "    " + trimmed.trimmingCharacters(in: .newlines) + "\n"
            out += "    " + String(repeating: " ", count: max(0, e.column - 1 - removed)) + "^\n"
        }
        return out + "\(e.type): \(e.message)\n"
    }

    static func formatTraceback(_ exc: PyBaseException, _ interpreter: Interpreter) -> String {
        var out = ""
        if let cause = exc.cause {
            out += formatTraceback(cause, interpreter)
            out += "\nThe above exception was the direct cause of the following exception:\n\n"
        } else if let context = exc.context, !exc.suppressContext {
            out += formatTraceback(context, interpreter)
            out += "\nDuring handling of the above exception, another exception occurred:\n\n"
        }
        // An exception that was never raised (a `from` cause made on the spot) has no traceback and no header.
        if !exc.traceback.isEmpty { out += "Traceback (most recent call last):\n" }
        var previous: TracebackEntry?
        var repeats = 0
        func flushRepeats() {
            if repeats > 3 { out += "  [Previous line repeated \(repeats - 3) more time\(repeats - 3 == 1 ? "" : "s")]\n" }
        }
        for entry in exc.traceback.reversed() {
            if let p = previous, p.file == entry.file, p.line == entry.line, p.function == entry.function {
                repeats += 1
                if repeats > 3 { continue }
            } else {
                flushRepeats()
                repeats = 1
            }
            previous = entry
            out += "  File \"\(entry.file)\", line \(entry.line), in \(entry.function)\n"
            if let lines = interpreter.sources[entry.file], entry.line >= 1, entry.line <= lines.count {
                let text = lines[entry.line - 1].trimmingCharacters(in: .whitespaces)
                if !text.isEmpty { out += "    \(text)\n" }
            }
        }
        flushRepeats()
        let message = (try? Runtime.str(exc)) ?? exc.message
        let name = exc.cls.module == "builtins" || exc.cls.module == "__main__" ? exc.cls.name : exc.cls.module + "." + exc.cls.name
        out += message.isEmpty ? "\(name)\n" : "\(name): \(message)\n"
        return out
    }
}
