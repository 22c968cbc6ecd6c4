/// Generators run without threads: an explicit stack of block cursors that can stop at a `yield`
/// statement and resume there. Bodies whose `yield`s sit only at statement level (`yield x`,
/// `x = yield v`, `yield from it`) inside if/while/for use it — dataset and sampler generators do;
/// a `yield` inside try/with or deep in an expression falls back to the threaded runner.
final class SteppedGenerator {
    private enum Cursor {
        case statements([Statement], Int)
        case forLoop(PyObject, Expr, [Statement], [Statement])
        case whileLoop(Expr, [Statement], [Statement])
        case delegate(PyObject)
    }

    private let interpreter: Interpreter
    private let frame: Frame
    private var stack: [Cursor]
    private var pendingTargets: [Expr] = []
    private(set) var finished = false
    var returnValue: PyObject?

    init(interpreter: Interpreter, frame: Frame) {
        self.interpreter = interpreter
        self.frame = frame
        stack = [.statements(frame.code.body, 0)]
    }

    /// Runs to the next yield; nil when the body has finished.
    func resume(_ sent: PyObject) throws -> PyObject? {
        if finished { return nil }
        do {
            for t in pendingTargets { try interpreter.assign(t, sent, frame) }
            pendingTargets = []
            return try step()
        } catch let e as PyError {
            finished = true
            stack = []
            interpreter.record(e.exception, frame)
            if e.matches(Builtin.stopIterationClass) { throw PyError.runtime("generator raised StopIteration") }
            throw e
        }
    }

    private func step() throws -> PyObject? {
        while let top = stack.last {
            switch top {
            case .statements(let list, let i):
                if i >= list.count { stack.removeLast(); continue }
                stack[stack.count - 1] = .statements(list, i + 1)
                let s = list[i]
                frame.line = s.line
                if !s.containsYield {
                    if try handle(try interpreter.exec(s, frame)) { return nil }
                    continue
                }
                switch s.kind {
                case .expression(.yield(let e)):
                    return try e.map { try interpreter.eval($0, frame) } ?? PyNone.shared
                case .assign(let targets, .yield(let e)):
                    pendingTargets = targets
                    return try e.map { try interpreter.eval($0, frame) } ?? PyNone.shared
                case .expression(.yieldFrom(let e)):
                    stack.append(.delegate(try Runtime.iterate(try interpreter.eval(e, frame))))
                case .ifElse(let branches, let orelse):
                    var chosen = orelse
                    for (cond, body) in branches where try interpreter.truth(cond, frame) { chosen = body; break }
                    stack.append(.statements(chosen, 0))
                case .whileLoop(let cond, let body, let orelse):
                    stack.append(.whileLoop(cond, body, orelse))
                case .forLoop(let target, let iterable, let body, let orelse):
                    stack.append(.forLoop(try Runtime.iterate(try interpreter.eval(iterable, frame)), target, body, orelse))
                default:
                    throw PyError.runtime("internal: statement cannot be stepped")
                }
            case .forLoop(let it, let target, let body, let orelse):
                if let item = try Runtime.next(it) {
                    try interpreter.assign(target, item, frame)
                    stack.append(.statements(body, 0))
                } else {
                    stack.removeLast()
                    stack.append(.statements(orelse, 0))
                }
            case .whileLoop(let cond, let body, let orelse):
                if try interpreter.truth(cond, frame) {
                    stack.append(.statements(body, 0))
                } else {
                    stack.removeLast()
                    stack.append(.statements(orelse, 0))
                }
            case .delegate(let it):
                if let item = try Runtime.next(it) { return item }
                stack.removeLast()
            }
        }
        finished = true
        return nil
    }

    /// Applies a statement's flow; true when the generator returned.
    private func handle(_ flow: Flow) throws -> Bool {
        switch flow {
        case .normal: return false
        case .returned(let v):
            returnValue = v
            finished = true
            stack = []
            return true
        case .breakLoop:
            while let top = stack.popLast() {
                if case .forLoop = top { break }
                if case .whileLoop = top { break }
            }
            return false
        case .continueLoop:
            while let top = stack.last {
                if case .forLoop = top { break }
                if case .whileLoop = top { break }
                stack.removeLast()
            }
            return false
        }
    }

    /// Whether a body can run on this engine (see the type's comment).
    static func canStep(_ body: [Statement]) -> Bool {
        body.allSatisfy { s in
            guard s.containsYield else { return true }
            switch s.kind {
            case .expression(.yield(let e)): return !(e?.containsYield ?? false)
            case .assign(let targets, .yield(let e)):
                return !(e?.containsYield ?? false) && !targets.contains { $0.containsYield }
            case .expression(.yieldFrom(let e)): return !e.containsYield
            case .ifElse(let branches, let orelse):
                return branches.allSatisfy { !$0.0.containsYield && canStep($0.1) } && canStep(orelse)
            case .whileLoop(let cond, let body, let orelse):
                return !cond.containsYield && canStep(body) && canStep(orelse)
            case .forLoop(let target, let iterable, let body, let orelse):
                return !target.containsYield && !iterable.containsYield && canStep(body) && canStep(orelse)
            default: return false
            }
        }
    }
}

extension Statement {
    /// True when a `yield` of this scope appears anywhere in the statement.
    var containsYield: Bool {
        switch kind {
        case .expression(let e), .annotatedAssign(let e, _, nil): return e.containsYield
        case .annotatedAssign(let t, let a, let v?): return t.containsYield || a.containsYield || v.containsYield
        case .assign(let ts, let v): return v.containsYield || ts.contains { $0.containsYield }
        case .augmentedAssign(let t, _, let v): return t.containsYield || v.containsYield
        case .delete(let ts): return ts.contains { $0.containsYield }
        case .pass, .breakLoop, .continueLoop, .global, .nonlocal, .importModule, .importFrom: return false
        case .ifElse(let bs, let o): return bs.contains { $0.0.containsYield || $0.1.contains { $0.containsYield } } || o.contains { $0.containsYield }
        case .whileLoop(let c, let b, let o): return c.containsYield || (b + o).contains { $0.containsYield }
        case .forLoop(let t, let i, let b, let o): return t.containsYield || i.containsYield || (b + o).contains { $0.containsYield }
        case .returnValue(let v): return v?.containsYield ?? false
        case .functionDef(let fn, _):
            return fn.decorators.contains { $0.containsYield } || fn.parameters.contains { $0.defaultValue?.containsYield ?? false }
        case .classDef(let c, _): return c.decorators.contains { $0.containsYield }
        case .tryExcept(let b, let hs, let o, let f):
            return (b + o + f).contains { $0.containsYield } || hs.contains { h in (h.type?.containsYield ?? false) || h.body.contains { $0.containsYield } }
        case .raise(let e, let c): return (e?.containsYield ?? false) || (c?.containsYield ?? false)
        case .assert(let t, let m): return t.containsYield || (m?.containsYield ?? false)
        case .with(let items, let body): return items.contains { $0.0.containsYield || ($0.1?.containsYield ?? false) } || body.contains { $0.containsYield }
        }
    }
}

extension Expr {
    /// True when a `yield` of the enclosing scope appears in the expression (nested scopes excluded).
    var containsYield: Bool {
        switch self {
        case .yield, .yieldFrom: return true
        case .name, .constant, .overflowingInt, .lambda: return false
        case .fstring(let parts): return parts.contains { if case .value(let e, _, _) = $0 { return e.containsYield }; return false }
        case .tuple(let xs), .list(let xs), .set(let xs), .and(let xs), .or(let xs): return xs.contains { $0.containsYield }
        case .dict(let es): return es.contains { ($0.0?.containsYield ?? false) || $0.1.containsYield }
        case .starred(let x), .attribute(let x, _), .unary(_, let x): return x.containsYield
        case .item(let a, let b), .binary(_, let a, let b): return a.containsYield || b.containsYield
        case .slice(let a, let b, let c): return [a, b, c].contains { $0?.containsYield ?? false }
        case .callSite(let site): return Expr.call(site.callee, site.arguments).containsYield
        case .call(let f, let args):
            return f.containsYield || args.contains {
                switch $0 {
                case .positional(let e), .star(let e), .keyword(_, let e), .doubleStar(let e): return e.containsYield
                }
            }
        case .compare(let a, let rest): return a.containsYield || rest.contains { $0.1.containsYield }
        case .conditional(let a, let b, let c): return a.containsYield || b.containsYield || c.containsYield
        case .comprehension(_, _, _, let clauses, _): return clauses.first?.iterable.containsYield ?? false
        }
    }
}
