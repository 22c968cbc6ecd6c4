import Foundation

/// A persistent `__main__` namespace that runs chunks of source one after another, as Python's
/// interactive interpreter does: the REPL, `%next` through a lesson and `%run` all share it.
///
/// Everything that touches the interpreter runs on one dedicated worker thread with a 512 MB
/// stack (as `ScriptRunner` does); the public methods block the calling thread until done, so
/// they may be called from any thread, one at a time. `interrupt()` is the exception: it only
/// sets a flag and may be called at any moment (from a signal handler too).
public final class ScriptSession: @unchecked Sendable {
    /// How a chunk ended.
    public enum Outcome: Equatable, Sendable {
        /// Ran to the end.
        case ok
        /// Raised; the traceback (or the syntax error) has been written to standard error.
        case error
        /// `exit()`, `quit()`, `sys.exit(code)` or `raise SystemExit`: the status the program should end with.
        case exit(Int32)
        /// `KeyboardInterrupt` (Ctrl-C); the traceback has been written; the namespace is intact.
        case interrupted
    }

    /// Where the session's text goes (`print`, echoes, tracebacks).
    public let output: ScriptRunner.Output
    /// Every interactive input and cell that ran (raising or not; syntax errors left out), in order, for `%save`.
    public private(set) var inputs: [String] = []

    private let worker = SessionWorker()
    var interpreter: Interpreter!
    var main: PyModule!
    private var displayHook: PyNativeFunction!

    /// Creates a session with an empty `__main__`; `arguments` become `sys.argv` (`['']` as in Python's REPL).
    public init(output: ScriptRunner.Output, arguments: [String] = [""]) {
        self.output = output
        worker.sync {
            let interpreter = Interpreter()
            interpreter.memoryBudget = MemoryGuard.start(limit: nil)
            interpreter.output = output.stdout
            interpreter.errorOutput = output.stderr
            interpreter.argv = arguments.isEmpty ? [""] : arguments
            interpreter.scriptDirectory = "."
            Interpreter.current = interpreter
            Interpreter.attention.pointee = 0
            self.interpreter = interpreter
            self.displayHook = PyNativeFunction(name: "displayhook", parameters: "value") { [unowned self] a in
                try self.display(a[0])
                return PyNone.shared
            }
            self.makeMain()
        }
    }

    private func makeMain() {
        let main = PyModule(name: "__main__")
        main["__doc__"] = PyNone.shared
        interpreter.modules["__main__"] = main
        self.main = main
    }

    /// `sys.displayhook`: echoes `repr(value)` unless it is None and keeps it in `builtins._`.
    private func display(_ value: PyObject) throws {
        guard !(value is PyNone) else { return }
        interpreter.builtins["_"] = PyNone.shared
        interpreter.output(try Runtime.repr(value) + "\n")
        interpreter.builtins["_"] = value
    }

    // MARK: running

    /// Runs `source` in the session's namespace.
    ///
    /// - `path`: the file name tracebacks show (`<stdin>` for typed input; a lesson's path for its cells).
    /// - `firstLine`: the line of `path` where `source` starts, so tracebacks name the real file line.
    /// - `interactive`: Python's `single` mode: an expression statement at top level (also inside
    ///   top-level `if`/`for`/`while`/`try`/`with`) echoes its `repr` unless None and sets `builtins._`;
    ///   the source is recorded in `inputs`.
    /// Errors are printed (traceback on standard error) and reported as the outcome.
    public func run(_ source: String, path: String = "<stdin>", firstLine: Int = 1, interactive: Bool = true) -> Outcome {
        let (outcome, parsed) = worker.sync { self.runOnWorker(source, path: path, firstLine: max(1, firstLine), echo: interactive ? .all : .none) }
        if interactive && parsed { inputs.append(source) }
        return outcome
    }

    /// Runs a notebook cell as Jupyter does: only a final top-level expression statement echoes
    /// its `repr` (unless None); the source is recorded in `inputs`. Otherwise as `run`.
    public func runCell(_ source: String, path: String, firstLine: Int = 1) -> Outcome {
        let (outcome, parsed) = worker.sync { self.runOnWorker(source, path: path, firstLine: max(1, firstLine), echo: .last) }
        if parsed { inputs.append(source) }
        return outcome
    }

    private enum Echo { case none, all, last }

    /// Runs a chunk; the outcome, and whether it parsed (inputs with syntax errors are not kept for `%save`).
    private func runOnWorker(_ source: String, path: String, firstLine: Int, echo: Echo) -> (Outcome, Bool) {
        Interpreter.current = interpreter
        Interpreter.interruptRequested = false
        interpreter.depth = 0
        interpreter.handling = []
        // Leading newlines put every token on its real line of `path`.
        let padded = String(repeating: "\n", count: firstLine - 1) + source
        let lines = padded.split(separator: "\n", omittingEmptySubsequences: false)
        if !(path.hasPrefix("<") && path.hasSuffix(">")) { remember(lines, path: path) }
        let module: Module
        do {
            if source.utf8.contains(0) {
                throw SyntaxErrorInfo(type: "SyntaxError", message: "source code cannot contain null bytes", line: firstLine, column: 1)
            }
            module = try Parser.parseModule(padded)
            switch echo {
            case .none: break
            case .all: module.body.body = module.body.body.map(echoing)
            case .last:
                if let last = module.body.body.last, case .expression = last.kind {
                    module.body.body[module.body.body.count - 1] = echoing(last)
                }
            }
            try Resolver.resolve(module)
        } catch let e as SyntaxErrorInfo {
            output.stderr(ScriptRunner.formatSyntaxError(e, path: path, lines: lines))
            return (.error, false)
        } catch {
            output.stderr("SyntaxError: \(error)\n")
            return (.error, false)
        }
        let previousFile = main.file, previousDirectory = interpreter.scriptDirectory
        main.file = path
        // A file's code imports `.py` modules from beside the file, as under `wick run`.
        if !(path.hasPrefix("<") && path.hasSuffix(">")) { interpreter.scriptDirectory = (path as NSString).deletingLastPathComponent }
        defer { main.file = previousFile; interpreter.scriptDirectory = previousDirectory }
        let frame = Frame(code: module.body, module: main, closure: [])
        do {
            _ = try interpreter.exec(module.body.body, frame)
            // Ctrl-C during the last statement (a native call that does not poll) still interrupts, as in Python.
            if Interpreter.interruptRequested { throw ScriptSession.keyboardInterrupt() }
            return (.ok, true)
        } catch let e as PyError {
            Interpreter.interruptRequested = false
            interpreter.handling = []
            if e.matches(Builtin.systemExitClass) { return (exitOutcome(e.exception), true) }
            interpreter.record(e.exception, frame)
            output.stderr(ScriptRunner.formatTraceback(e.exception, interpreter))
            return (e.matches(Builtin.keyboardInterruptClass) ? .interrupted : .error, true)
        } catch {
            output.stderr("RuntimeError: \(error)\n")
            return (.error, true)
        }
    }

    /// The status `SystemExit(code)` asks for (a message code is printed, status 1).
    private func exitOutcome(_ e: PyBaseException) -> Outcome {
        guard let code = e.args.first, !(code is PyNone) else { return .exit(0) }
        if let c = code as? PyInt { return .exit(Int32(clamping: c.value)) }
        output.stderr(((try? Runtime.str(code)) ?? "") + "\n")
        return .exit(1)
    }

    /// Keeps the lines of a real file for tracebacks, at their own line numbers.
    private func remember(_ lines: [Substring], path: String) {
        var known = interpreter.sources[path] ?? []
        if known.count < lines.count { known.append(contentsOf: repeatElement("", count: lines.count - known.count)) }
        for (i, l) in lines.enumerated() where !l.isEmpty || known[i].isEmpty { known[i] = l }
        interpreter.sources[path] = known
    }

    /// Wraps top-level expression statements in a call of the display hook (Python's `PRINT_EXPR`).
    private func echoing(_ s: Statement) -> Statement {
        func body(_ b: [Statement]) -> [Statement] { b.map(echoing) }
        var s = s
        switch s.kind {
        case .expression(let e):
            if case .yield = e { break }
            s.kind = .expression(.call(.constant(displayHook), [.positional(e)]))
        case .ifElse(let branches, let orelse):
            s.kind = .ifElse(branches.map { ($0.0, body($0.1)) }, body(orelse))
        case .whileLoop(let c, let b, let o): s.kind = .whileLoop(c, body(b), body(o))
        case .forLoop(let t, let i, let b, let o): s.kind = .forLoop(t, i, body(b), body(o))
        case .tryExcept(let b, let handlers, let o, let f):
            s.kind = .tryExcept(body(b), handlers.map { var h = $0; h.body = body(h.body); return h }, body(o), body(f))
        case .with(let items, let b): s.kind = .with(items, body(b))
        default: break
        }
        return s
    }

    /// Evaluates one expression in the namespace and returns its value; errors are thrown as
    /// `PyError` (a syntax error as `SyntaxErrorInfo`), nothing is printed.
    public func evaluate(_ expression: String) throws -> PyObject {
        try worker.syncThrowing { () throws -> PyObject in
            Interpreter.current = self.interpreter
            let module = try Parser.parseModule(expression)
            guard module.body.body.count == 1, case .expression(let e) = module.body.body[0].kind else {
                throw SyntaxErrorInfo(type: "SyntaxError", message: "invalid syntax", line: 1, column: 1)
            }
            try Resolver.resolve(module)
            let frame = Frame(code: module.body, module: self.main, closure: [])
            return try self.interpreter.eval(e, frame)
        }
    }

    /// Parses `source` once, then runs it `number` times in the namespace without echo (`%timeit`);
    /// returns the wall-clock seconds of the runs. Errors (a `KeyboardInterrupt` too) are thrown,
    /// not printed: a syntax error as `SyntaxErrorInfo`, anything raised as `PyError`.
    public func measure(_ source: String, number: Int) throws -> Double {
        try worker.syncThrowing { () throws -> Double in
            Interpreter.current = self.interpreter
            Interpreter.interruptRequested = false
            let module = try Parser.parseModule(source)
            try Resolver.resolve(module)
            let previousFile = self.main.file
            self.main.file = "<timeit>"
            defer { self.main.file = previousFile }
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<max(0, number) {
                let frame = Frame(code: module.body, module: self.main, closure: [])
                do { _ = try self.interpreter.exec(module.body.body, frame) } catch let e as PyError {
                    self.interpreter.record(e.exception, frame)
                    throw e
                }
            }
            return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        }
    }

    /// Runs `body` on the session's thread (where interpreter objects may be touched) and returns its result.
    public func perform<T>(_ body: @escaping () -> T) -> T {
        worker.sync {
            Interpreter.current = self.interpreter
            return body()
        }
    }

    /// `perform` for a body that throws: its error is rethrown on the calling thread.
    public func performThrowing<T>(_ body: @escaping () throws -> T) throws -> T {
        try worker.syncThrowing {
            Interpreter.current = self.interpreter
            return try body()
        }
    }

    /// The text of an uncaught exception as the REPL prints it (traceback and last line).
    public func describe(_ error: Error) -> String {
        if let e = error as? PyError { return worker.sync { ScriptRunner.formatTraceback(e.exception, self.interpreter) } }
        if let e = error as? SyntaxErrorInfo { return "  File \"<string>\", line \(e.line)\n\(e.type): \(e.message)\n" }
        return "RuntimeError: \(error)\n"
    }

    // MARK: state

    /// The user's variables in definition order (names starting with `_` left out), for `%who`.
    public var globals: [(name: String, value: PyObject)] {
        worker.sync { self.main.entries.filter { !$0.0.hasPrefix("_") }.map { (name: $0.0, value: $0.1) } }
    }

    /// Reads a global of `__main__` (nil when unset).
    public subscript(name: String) -> PyObject? {
        get { worker.sync { self.main[name] } }
        set { worker.sync { self.main[name] = newValue } }
    }

    /// Empties the namespace (`%reset`): a fresh `__main__`, `_` forgotten, inputs cleared.
    public func reset() {
        worker.sync {
            self.makeMain()
            self.interpreter.builtins["_"] = nil
        }
        inputs.removeAll()
    }

    /// Asks the running code to raise `KeyboardInterrupt` at its next statement (signal-safe: sets a flag).
    public func interrupt() {
        Interpreter.interruptRequested = true
    }

    /// A `KeyboardInterrupt` to throw from native code that noticed Ctrl-C (an engine kernel cut
    /// short); clears the pending request so one Ctrl-C raises once.
    public static func keyboardInterrupt() -> PyError {
        Interpreter.interruptRequested = false
        return PyError(PyBaseException(cls: Builtin.keyboardInterruptClass, args: []))
    }

    /// The class name of a value (`Tensor`, `Linear`, `int`), for listings.
    public static func typeName(_ value: PyObject) -> String { value.cls.name }

    /// `repr(value)`, or nil when it raises (call through `perform`).
    public static func repr(_ value: PyObject) -> String? { try? Runtime.repr(value) }
}

/// One thread with a 512 MB stack that runs closures in order, blocking each caller until done.
final class SessionWorker: @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [() -> Void] = []
    private var thread: Thread?

    init() {
        let t = Thread { [unowned self] in self.loop() }
        t.stackSize = 512 << 20
        t.name = "wick-session"
        thread = t
        t.start()
    }

    private func loop() {
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let job = jobs.removeFirst()
            condition.unlock()
            job()
        }
    }

    /// Runs `body` on the worker (inline when already there) and returns its result.
    func sync<T>(_ body: @escaping () -> T) -> T {
        if Thread.current === thread { return body() }
        var result: T?
        do { result = try syncThrowing { Optional(body()) } } catch {}
        // A non-throwing body always produces a value; the fallback only satisfies the type checker.
        return result ?? body()
    }

    /// Runs `body` on the worker (inline when already there), returning its result or rethrowing its error.
    func syncThrowing<T>(_ body: @escaping () throws -> T) throws -> T {
        if Thread.current === thread { return try body() }
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        condition.lock()
        jobs.append {
            do { box.result = .success(try body()) } catch { box.result = .failure(error) }
            done.signal()
        }
        condition.signal()
        condition.unlock()
        done.wait()
        guard let result = box.result else { throw PyError.runtime("wick session worker lost a job") }
        return try result.get()
    }
}

/// Where a worker job leaves its result for the waiting caller.
private final class ResultBox<T>: @unchecked Sendable {
    var result: Result<T, Error>?
}
