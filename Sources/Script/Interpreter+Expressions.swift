/// Expression evaluation.
extension Interpreter {
    func eval(_ e: Expr, _ f: Frame) throws -> PyObject {
        switch e {
        case .name(let ref):
            if case .fast(let i) = ref.slot, let v = f.slots[i] { return v }
            return try load(ref, f)
        case .constant(let v): return v
        case .overflowingInt: throw PyError.overflow()
        case .fstring(let parts): return PyStr(try fstring(parts, f))
        case .tuple(let items): return PyTuple(try evalItems(items, f))
        case .list(let items): return PyList(try evalItems(items, f))
        case .set(let items):
            let s = PySet()
            if items.count > 2 && items.allSatisfy({ $0.isCompileTimeConstant }) {
                // CPython folds an all-constant display into a frozenset and merges it (SET_UPDATE).
                let folded = PySet(frozen: true)
                for v in try evalItems(items, f) { try folded.add(v) }
                try s.update(with: folded)
                return s
            }
            for v in try evalItems(items, f) { try s.add(v) }
            return s
        case .dict(let entries):
            let d = PyDict()
            for (k, v) in entries {
                if let k = k { try d.set(try eval(k, f), try eval(v, f)) } else { try Runtime.update(d, try eval(v, f)) }
            }
            return d
        case .starred: throw PyError(Builtin.syntaxErrorClass, "can't use starred expression here")
        case .attribute(let obj, let site): return try loadAttribute(try eval(obj, f), site)
        case .item(let obj, let key):
            let o = try eval(obj, f)
            return try Runtime.getItem(o, try eval(key, f))
        case .slice(let a, let b, let c):
            return PySlice(try a.map { try eval($0, f) } ?? PyNone.shared, try b.map { try eval($0, f) } ?? PyNone.shared,
                           try c.map { try eval($0, f) } ?? PyNone.shared)
        case .callSite(let site): return try call(site, f)
        case .call(let callee, let args): return try call(CallSite(callee, args), f)
        case .binary(let op, let a, let b):
            let x = try eval(a, f)
            let y = try eval(b, f)
            return try Runtime.binary(op, x, y)
        case .unary(let op, let a): return try Runtime.unary(op, try eval(a, f))
        case .and(let items):
            var v: PyObject = PyBool.trueValue
            for i in items { v = try eval(i, f); if try !Runtime.truthy(v) { return v } }
            return v
        case .or(let items):
            var v: PyObject = PyBool.falseValue
            for i in items { v = try eval(i, f); if try Runtime.truthy(v) { return v } }
            return v
        case .compare(let first, let rest):
            var left = try eval(first, f)
            var result: PyObject = PyBool.trueValue
            for (op, rightExpr) in rest {
                let right = try eval(rightExpr, f)
                result = try compare(op, left, right)
                if rest.count > 1, try !Runtime.truthy(result) { return result }
                left = right
            }
            return result
        case .conditional(let c, let a, let b): return try truth(c, f) ? try eval(a, f) : try eval(b, f)
        case .lambda(let def): return try makeFunction(def, f)
        case .comprehension(let kind, let element, let value, let clauses, let def):
            return try comprehension(kind, element, value, clauses, def, f)
        case .yield(let v):
            guard let g = f.generator else { throw PyError(Builtin.syntaxErrorClass, "'yield' outside function") }
            return try g.yield(try v.map { try eval($0, f) } ?? PyNone.shared)
        case .yieldFrom(let v):
            guard let g = f.generator else { throw PyError(Builtin.syntaxErrorClass, "'yield' outside function") }
            let source = try eval(v, f)
            if let inner = source as? PyGenerator {
                while let item = try inner.resume(PyNone.shared) { _ = try g.yield(item) }
                return inner.returnValue ?? PyNone.shared
            }
            let it = try Runtime.iterate(source)
            while let item = try Runtime.next(it) { _ = try g.yield(item) }
            return PyNone.shared
        }
    }

    func compare(_ op: CompareOperator, _ a: PyObject, _ b: PyObject) throws -> PyObject {
        switch op {
        case .isOp: return PyBool.make(a === b)
        case .isNot: return PyBool.make(a !== b)
        case .inOp: return PyBool.make(try Runtime.contains(b, a))
        case .notIn: return PyBool.make(try !Runtime.contains(b, a))
        case .eq, .ne, .lt, .le, .gt, .ge: return try Runtime.compare(op, a, b)
        }
    }

    func evalItems(_ items: [Expr], _ f: Frame) throws -> [PyObject] {
        var out: [PyObject] = []
        out.reserveCapacity(items.count)
        for i in items {
            if case .starred(let inner) = i { out.append(contentsOf: try Runtime.toArray(try eval(inner, f))) }
            else { out.append(try eval(i, f)) }
        }
        return out
    }

    func zeroArgumentSuper(_ f: Frame) throws -> PyObject {
        guard let cls = f.function?.definingClass, f.slotCount > 0, let receiver = f.slots[0] else {
            throw PyError.runtime("super(): no arguments")
        }
        return PySuper(startAfter: cls, receiver: receiver)
    }

    func fstring(_ parts: [FStringPart], _ f: Frame) throws -> String {
        var out = ""
        for p in parts {
            switch p {
            case .literal(let s): out += s
            case .value(let e, let conversion, let spec):
                var v = try eval(e, f)
                if let c = conversion {
                    v = PyStr(c == "s" ? try Runtime.str(v) : try Runtime.repr(v))
                }
                let specText = try spec.map { try fstring($0, f) } ?? ""
                out += try Formatting.format(v, specText)
            }
        }
        return out
    }

    func comprehension(_ kind: ComprehensionKind, _ element: Expr, _ value: Expr?, _ clauses: [ComprehensionClause],
                       _ def: FunctionDef, _ f: Frame) throws -> PyObject {
        guard let first = clauses.first else { return PyNone.shared }
        let source = try eval(first.iterable, f)
        let frame = Frame(code: def, module: f.module, closure: def.scope.freeSources.map { $0 < f.cells.count ? f.cells[$0] : PyCell() })
        frame.function = f.function
        frame.line = f.line
        if kind == .generator {
            let iterator = try Runtime.iterate(source)
            return PyComprehensionGenerator(interpreter: self, frame: frame, clauses: clauses, element: element, firstIterator: iterator)
        }
        var results: [PyObject] = []
        let dict = kind == .dict ? PyDict() : nil
        func run(_ level: Int, _ iterable: PyObject) throws {
            let clause = clauses[level]
            try Runtime.forEach(iterable) { item in
                try assign(clause.target, item, frame)
                for c in clause.conditions where try !truth(c, frame) { return true }
                if level + 1 < clauses.count {
                    try run(level + 1, try eval(clauses[level + 1].iterable, frame))
                } else if let d = dict, let v = value {
                    try d.set(try eval(element, frame), try eval(v, frame))
                } else {
                    results.append(try eval(element, frame))
                }
                return true
            }
        }
        try run(0, source)
        switch kind {
        case .list: return PyList(results)
        case .set:
            let s = PySet()
            for r in results { try s.add(r) }
            return s
        case .dict: return dict ?? PyDict()
        case .generator: return PyNone.shared
        }
    }
}

extension Expr {
    /// Whether CPython's compiler folds this expression into a constant (literals, signed numbers, tuples of them).
    var isCompileTimeConstant: Bool {
        switch self {
        case .constant: return true
        case .unary(let op, .constant(let c)): return op != .not && (c is PyInt || c is PyFloat)
        case .tuple(let items): return items.allSatisfy { $0.isCompileTimeConstant }
        default: return false
        }
    }
}
