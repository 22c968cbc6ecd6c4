/// Statement execution.
extension Interpreter {
    func exec(_ body: [Statement], _ f: Frame) throws -> Flow {
        for s in body {
            let flow = try exec(s, f)
            if case .normal = flow { continue }
            return flow
        }
        return .normal
    }

    func exec(_ s: Statement, _ f: Frame) throws -> Flow {
        f.line = s.line
        if attentionCell.pointee != 0 { try attend() }
        switch s.kind {
        case .expression(let e):
            _ = try eval(e, f)
        case .assign(let targets, let value):
            let v = try eval(value, f)
            for t in targets { try assign(t, v, f) }
        case .augmentedAssign(let target, let op, let value):
            switch target {
            case .name(let ref):
                let current = try load(ref, f)
                store(ref, try Runtime.inplace(op, current, try eval(value, f)), f)
            case .attribute(let objExpr, let site):
                let obj = try eval(objExpr, f)
                let current = try loadAttribute(obj, site)
                try storeAttribute(obj, site, try Runtime.inplace(op, current, try eval(value, f)))
            case .item(let objExpr, let keyExpr):
                let obj = try eval(objExpr, f)
                let key = try eval(keyExpr, f)
                let current = try Runtime.getItem(obj, key)
                try Runtime.setItem(obj, key, try Runtime.inplace(op, current, try eval(value, f)))
            default:
                throw PyError(Builtin.syntaxErrorClass, "illegal expression for augmented assignment")
            }
        case .annotatedAssign(let target, let annotation, let value):
            if let v = value { try assign(target, try eval(v, f), f) }
            if f.function == nil { try annotate(target, annotation, f) }
        case .delete(let targets):
            for t in targets { try delete(t, f) }
        case .pass, .global, .nonlocal:
            break
        case .ifElse(let branches, let orelse):
            for (cond, body) in branches where try truth(cond, f) { return try exec(body, f) }
            return try exec(orelse, f)
        case .whileLoop(let cond, let body, let orelse):
            while try truth(cond, f) {
                switch try exec(body, f) {
                case .normal, .continueLoop: continue
                case .breakLoop: return .normal
                case .returned(let v): return .returned(v)
                }
            }
            return try exec(orelse, f)
        case .forLoop(let target, let iterable, let body, let orelse):
            return try forLoop(target, try eval(iterable, f), body, orelse, f)
        case .breakLoop: return .breakLoop
        case .continueLoop: return .continueLoop
        case .returnValue(let e):
            return .returned(try e.map { try eval($0, f) } ?? PyNone.shared)
        case .functionDef(let def, let ref):
            var fn: PyObject = try makeFunction(def, f)
            for d in def.decorators.reversed() { fn = try Runtime.call(try eval(d, f), [fn]) }
            store(ref, fn, f)
        case .classDef(let def, let ref):
            store(ref, try makeClass(def, f), f)
        case .tryExcept(let body, let handlers, let orelse, let final):
            return try tryStatement(body, handlers, orelse, final, f)
        case .raise(let e, let cause):
            try raise(e, cause, f)
        case .assert(let test, let message):
            if try !truth(test, f) {
                let args = try message.map { [try eval($0, f)] } ?? []
                throw PyError(PyBaseException(cls: Builtin.assertionErrorClass, args: args))
            }
        case .with(let items, let body):
            return try withStatement(items[...], body, f)
        case .importModule(let path, let ref, let hasAlias):
            let module = try importModule(path, f)
            if hasAlias {
                store(ref, module, f)
            } else {
                store(ref, try importModule([path[0]], f), f)
            }
        case .importFrom(let path, let level, let names):
            try importFrom(path, level, names, f)
        }
        return .normal
    }

    /// Non-zero when a statement must check something: bit 0 Ctrl-C, bit 1 a step budget.
    /// A raw pointer, so the per-statement check costs one load (no exclusivity bookkeeping).
    static let attention: UnsafeMutablePointer<Int> = {
        let p = UnsafeMutablePointer<Int>.allocate(capacity: 1)
        p.initialize(to: 0)
        return p
    }()

    static var interruptRequested: Bool {
        get { attention.pointee & 1 != 0 }
        set { attention.pointee = newValue ? attention.pointee | 1 : attention.pointee & ~1 }
    }

    func attend() throws {
        if stepBudget != nil { try spendStep() }
        if Interpreter.interruptRequested {
            Interpreter.interruptRequested = false
            throw PyError(PyBaseException(cls: Builtin.keyboardInterruptClass, args: []))
        }
    }

    /// Counts down the optional step budget (tests and fuzzing bound endless loops with it).
    func spendStep() throws {
        guard let left = stepBudget else { return }
        if left <= 0 { throw PyError.runtime("wick step budget exhausted") }
        stepBudget = left - 1
    }

    @inline(__always)
    func truth(_ e: Expr, _ f: Frame) throws -> Bool {
        let v = try eval(e, f)
        let type = ObjectIdentifier(type(of: v))
        if type == intID { return unsafeDowncast(v, to: PyInt.self).value != 0 }  // ints and bools
        if v === PyNone.shared { return false }
        return try Runtime.truthy(v)
    }

    /// A module or class body's `name: T`: T goes into `__annotations__` (other targets only evaluate it).
    func annotate(_ target: Expr, _ annotation: Expr, _ f: Frame) throws {
        let value = try eval(annotation, f)
        guard case .name(let ref) = target else { return }
        let existing = f.classNamespace != nil ? f.classNamespace?["__annotations__"] : f.module["__annotations__"]
        let table: PyDict
        if let d = existing as? PyDict { table = d } else {
            table = PyDict()
            if f.classNamespace != nil { f.classNamespace?["__annotations__"] = table } else { f.module["__annotations__"] = table }
        }
        try table.set(PyStr(ref.name), value)
    }

    func forLoop(_ target: Expr, _ iterable: PyObject, _ body: [Statement], _ orelse: [Statement], _ f: Frame) throws -> Flow {
        // Fast targets and sequences avoid iterator objects.
        func step(_ item: PyObject) throws -> Flow? {
            if case .name(let ref) = target, case .fast(let i) = ref.slot { f.slots[i] = item } else { try assign(target, item, f) }
            switch try exec(body, f) {
            case .normal, .continueLoop: return nil
            case .breakLoop: return .normal
            case .returned(let v): return .returned(v)
            }
        }
        if let r = iterable as? PyRange {
            let n = r.count
            var i: Int64 = 0
            while i < n {
                if let flow = try step(PyInt.make(r.element(i))) { return flow }
                i += 1
            }
        } else if let l = iterable as? PyList, l.cls === Builtin.listType {
            var i = 0
            while i < l.items.count {
                if let flow = try step(l.items[i]) { return flow }
                i += 1
            }
        } else if let t = iterable as? PyTuple {
            for item in t.items { if let flow = try step(item) { return flow } }
        } else {
            let it = try Runtime.iterate(iterable)
            while let item = try Runtime.next(it) {
                if let flow = try step(item) { return flow }
            }
        }
        return try exec(orelse, f)
    }

    func delete(_ target: Expr, _ f: Frame) throws {
        switch target {
        case .name(let ref): try delete(ref, f)
        case .attribute(let obj, let site): try Runtime.setAttribute(try eval(obj, f), site.name, nil)
        case .item(let obj, let key): try Runtime.deleteItem(try eval(obj, f), try eval(key, f))
        case .tuple(let items), .list(let items): for i in items { try delete(i, f) }
        default: throw PyError(Builtin.syntaxErrorClass, "cannot delete expression")
        }
    }

    func raise(_ e: Expr?, _ cause: Expr?, _ f: Frame) throws {
        guard let e = e else {
            guard let current = handling.last else { throw PyError.runtime("No active exception to reraise") }
            throw PyError(current)
        }
        let exc = try makeException(try eval(e, f))
        if let c = cause {
            let cv = try eval(c, f)
            exc.cause = cv === PyNone.shared ? nil : try makeException(cv)
            exc.suppressContext = true
        }
        if exc.context == nil, let ctx = handling.last, ctx !== exc { exc.context = ctx }
        // A re-raised exception keeps its frames; the raise line is recorded after them, and the
        // traceback prints newest first, as CPython's `raise err` does.
        exc.lastRecordedFrame = nil
        throw PyError(exc)
    }

    func makeException(_ v: PyObject) throws -> PyBaseException {
        if let e = v as? PyBaseException { return e }
        if let c = v as? PyClass, c.isSubclass(of: Builtin.baseExceptionClass),
           let e = try Runtime.call(c, []) as? PyBaseException { return e }
        throw PyError.type("exceptions must derive from BaseException")
    }

    func tryStatement(_ body: [Statement], _ handlers: [ExceptHandler], _ orelse: [Statement], _ final: [Statement], _ f: Frame) throws -> Flow {
        var flow: Flow = .normal
        do {
            do {
                flow = try exec(body, f)
            } catch let error as PyError {
                let exc = error.exception
                record(exc, f)
                var handled = false
                for h in handlers {
                    if let typeExpr = h.type {
                        let t = try eval(typeExpr, f)
                        guard try matches(exc, t) else { continue }
                    }
                    handled = true
                    if let name = h.name { store(name, exc, f) }
                    handling.append(exc)
                    defer {
                        handling.removeLast()
                        if let name = h.name { try? delete(name, f) }
                    }
                    do {
                        flow = try exec(h.body, f)
                    } catch let inner as PyError {
                        if inner.exception !== exc && inner.exception.context == nil { inner.exception.context = exc }
                        throw inner
                    }
                    break
                }
                if !handled { throw error }
                if case .normal = flow {} else { return try finishWith(flow, final, f) }
                return try finishWith(.normal, final, f)
            }
            if case .normal = flow { flow = try exec(orelse, f) }
        } catch {
            // `finally` runs, then the exception continues (unless finally returns/breaks).
            let finalFlow = try exec(final, f)
            if case .normal = finalFlow { throw error }
            return finalFlow
        }
        return try finishWith(flow, final, f)
    }

    private func finishWith(_ flow: Flow, _ final: [Statement], _ f: Frame) throws -> Flow {
        let finalFlow = try exec(final, f)
        if case .normal = finalFlow { return flow }
        return finalFlow
    }

    func matches(_ exc: PyBaseException, _ t: PyObject) throws -> Bool {
        if let c = t as? PyClass {
            guard c.isSubclass(of: Builtin.baseExceptionClass) else {
                throw PyError.type("catching classes that do not inherit from BaseException is not allowed")
            }
            return exc.cls.isSubclass(of: c)
        }
        if let tuple = t as? PyTuple { return try tuple.items.contains { try matches(exc, $0) } }
        throw PyError.type("catching classes that do not inherit from BaseException is not allowed")
    }

    func withStatement(_ items: ArraySlice<(Expr, Expr?)>, _ body: [Statement], _ f: Frame) throws -> Flow {
        guard let (ctxExpr, target) = items.first else { return try exec(body, f) }
        let manager = try eval(ctxExpr, f)
        guard let enter = manager.cls.lookup("__enter__"), let exit = manager.cls.lookup("__exit__") else {
            throw PyError.type("'\(manager.cls.name)' object does not support the context manager protocol")
        }
        let value = try Runtime.callMethod(enter, manager, [])
        if let t = target { try assign(t, value, f) }
        let flow: Flow
        do {
            flow = try withStatement(items.dropFirst(), body, f)
        } catch let error as PyError {
            let e = error.exception
            let suppress = try Runtime.callMethod(exit, manager, [e.cls, e, PyNone.shared])
            if try Runtime.truthy(suppress) { return .normal }
            throw error
        }
        _ = try Runtime.callMethod(exit, manager, [PyNone.shared, PyNone.shared, PyNone.shared])
        return flow
    }
}
