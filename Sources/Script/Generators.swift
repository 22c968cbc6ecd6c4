import Foundation

/// The hand-off between a generator body (on its own thread) and its consumer: only one runs at a time.
final class GeneratorState {
    let toBody = DispatchSemaphore(value: 0)
    let toConsumer = DispatchSemaphore(value: 0)
    var sent: PyObject = PyNone.shared
    var yielded: PyObject?
    var error: Error?
    var finished = false
    var closing = false

    /// Called by the body: hands `value` out and waits to be resumed.
    func yield(_ value: PyObject) throws -> PyObject {
        yielded = value
        toConsumer.signal()
        toBody.wait()
        if closing { throw PyError(PyBaseException(cls: Builtin.generatorExitClass, args: [])) }
        return sent
    }
}

/// A generator from a `def` with `yield`. Most bodies run on the thread-free `SteppedGenerator`;
/// the rest run on a dedicated thread (a large stack), suspended between items, so that no
/// thread runs unless the consumer is waiting for it.
final class PyGenerator: PyObject {
    let frame: Frame
    let interpreter: Interpreter
    let state = GeneratorState()
    let stepped: SteppedGenerator?
    var started = false
    var running = false
    var returnValue: PyObject?

    init(frame: Frame, interpreter: Interpreter) {
        self.frame = frame
        self.interpreter = interpreter
        let scope = frame.code.scope
        if scope.steppable == nil { scope.steppable = SteppedGenerator.canStep(frame.code.body) }
        stepped = scope.steppable == true ? SteppedGenerator(interpreter: interpreter, frame: frame) : nil
        super.init(cls: Builtin.generatorType)
        if stepped == nil { frame.generator = state }
    }

    /// Runs the body to its next `yield`; nil when it finished (its return value is `returnValue`).
    func resume(_ value: PyObject) throws -> PyObject? {
        if running { throw PyError.value("generator already executing") }
        if let s = stepped {
            running = true
            defer { running = false }
            let v = try s.resume(value)
            if v == nil { returnValue = s.returnValue }
            return v
        }
        if state.finished { return nil }
        running = true
        defer { running = false }
        state.sent = value
        if !started {
            started = true
            let frame = self.frame, interpreter = self.interpreter, state = self.state
            let thread = Thread {
                do {
                    if case .returned(let v) = try interpreter.exec(frame.code.body, frame) { state.yielded = v } else { state.yielded = nil }
                    state.error = nil
                } catch let e as PyError {
                    interpreter.record(e.exception, frame)
                    state.error = e
                } catch {
                    state.error = error
                }
                state.finished = true
                state.toConsumer.signal()
            }
            thread.stackSize = 64 << 20
            thread.start()
        } else {
            state.toBody.signal()
        }
        state.toConsumer.wait()
        if state.finished {
            if let e = state.error {
                state.error = nil
                if let pe = e as? PyError, pe.matches(Builtin.stopIterationClass) {
                    throw PyError.runtime("generator raised StopIteration")
                }
                throw e
            }
            returnValue = state.yielded
            return nil
        }
        return state.yielded
    }

    deinit {
        // Let a suspended body unwind (its `finally` blocks run) so its thread ends.
        if started && !state.finished && !running {
            state.closing = true
            state.toBody.signal()
            // Wait until the body has unwound, so it never runs beside the consumer.
            state.toConsumer.wait()
        }
    }
}

/// A generator expression, run without threads: an explicit stack of iterators, one per `for` clause.
final class PyComprehensionGenerator: PyObject {
    let interpreter: Interpreter
    let frame: Frame
    let clauses: [ComprehensionClause]
    let element: Expr
    var iterators: [PyObject]

    init(interpreter: Interpreter, frame: Frame, clauses: [ComprehensionClause], element: Expr, firstIterator: PyObject) {
        self.interpreter = interpreter
        self.frame = frame
        self.clauses = clauses
        self.element = element
        self.iterators = [firstIterator]
        super.init(cls: Builtin.generatorType)
    }

    func next() throws -> PyObject? {
        while let it = iterators.last {
            let level = iterators.count - 1
            guard let item = try Runtime.next(it) else {
                iterators.removeLast()
                continue
            }
            let clause = clauses[level]
            try interpreter.assign(clause.target, item, frame)
            var ok = true
            for c in clause.conditions where try !interpreter.truth(c, frame) { ok = false; break }
            if !ok { continue }
            if level + 1 < clauses.count {
                iterators.append(try Runtime.iterate(try interpreter.eval(clauses[level + 1].iterable, frame)))
                continue
            }
            return try interpreter.eval(element, frame)
        }
        return nil
    }
}
