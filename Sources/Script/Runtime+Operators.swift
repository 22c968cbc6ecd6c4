import Foundation

/// Arithmetic and bitwise operators with CPython's semantics (64-bit ints that never wrap).
extension Runtime {
    static let floatTypeID = ObjectIdentifier(PyFloat.self)
    static let intTypeID = ObjectIdentifier(PyInt.self)

    static func dunder(_ op: BinaryOperator) -> (String, String, String) {
        switch op {
        case .add: return ("__add__", "__radd__", "__iadd__")
        case .sub: return ("__sub__", "__rsub__", "__isub__")
        case .mul: return ("__mul__", "__rmul__", "__imul__")
        case .matmul: return ("__matmul__", "__rmatmul__", "__imatmul__")
        case .truediv: return ("__truediv__", "__rtruediv__", "__itruediv__")
        case .floordiv: return ("__floordiv__", "__rfloordiv__", "__ifloordiv__")
        case .mod: return ("__mod__", "__rmod__", "__imod__")
        case .pow: return ("__pow__", "__rpow__", "__ipow__")
        case .lshift: return ("__lshift__", "__rlshift__", "__ilshift__")
        case .rshift: return ("__rshift__", "__rrshift__", "__irshift__")
        case .bitand: return ("__and__", "__rand__", "__iand__")
        case .bitor: return ("__or__", "__ror__", "__ior__")
        case .bitxor: return ("__xor__", "__rxor__", "__ixor__")
        }
    }

    /// `a op b`.
    public static func binary(_ op: BinaryOperator, _ a: PyObject, _ b: PyObject) throws -> PyObject {
        // Exact-type checks compare metadata pointers: cheaper than conditional casts on the hot path.
        let ta = ObjectIdentifier(type(of: a)), tb = ObjectIdentifier(type(of: b))
        if ta == floatTypeID && tb == floatTypeID {
            return try floatOp(op, unsafeDowncast(a, to: PyFloat.self).value, unsafeDowncast(b, to: PyFloat.self).value)
        }
        if ta == intTypeID && tb == intTypeID && a.cls === Builtin.intType && b.cls === Builtin.intType {
            return try intOp(op, unsafeDowncast(a, to: PyInt.self).value, unsafeDowncast(b, to: PyInt.self).value)
        }
        if let x = a as? PyFloat {
            if let y = b as? PyFloat { return try floatOp(op, x.value, y.value) }
            if let y = b as? PyInt { return try floatOp(op, x.value, Double(y.value)) }
        } else if let x = a as? PyInt {
            if let y = b as? PyInt {
                if x.cls === Builtin.boolType && y.cls === Builtin.boolType {
                    switch op {
                    case .bitand: return PyBool.make(x.value & y.value != 0)
                    case .bitor: return PyBool.make(x.value | y.value != 0)
                    case .bitxor: return PyBool.make(x.value ^ y.value != 0)
                    default: break
                    }
                }
                return try intOp(op, x.value, y.value)
            }
            if let y = b as? PyFloat { return try floatOp(op, Double(x.value), y.value) }
        }
        let (name, reflected, _) = Special.forOperator(op)
        let ac = a.cls, bc = b.cls
        let aNative = ac.special(name), bNative = bc.special(reflected)
        if bc !== ac && bc.isSubclass(of: ac), let m = bNative {
            let r = try callMethod1(m, b, a)
            if r !== PyNotImplemented.shared { return r }
        }
        if let m = aNative {
            let r = try callMethod1(m, a, b)
            if r !== PyNotImplemented.shared { return r }
        }
        if let r = try nativeBinary(op, a, b) { return r }
        if ac !== bc, let m = bNative {
            let r = try callMethod1(m, b, a)
            if r !== PyNotImplemented.shared { return r }
        }
        if op == .add, a is PyStr || a is PyList || a is PyTuple, a.cls.lookup("__add__") == nil {
            let kind = a is PyStr ? "str" : a is PyList ? "list" : "tuple"
            throw PyError.type("can only concatenate \(kind) (not \"\(typeName(b))\") to \(kind)")
        }
        if op == .mul, (a is PyStr || a is PyList || a is PyTuple || b is PyStr || b is PyList || b is PyTuple) {
            let other = (a is PyStr || a is PyList || a is PyTuple) ? b : a
            throw PyError.type("can't multiply sequence by non-int of type '\(typeName(other))'")
        }
        throw PyError.type("unsupported operand type(s) for \(op.rawValue)\(op == .pow ? " or pow()" : ""): '\(typeName(a))' and '\(typeName(b))'")
    }

    /// `a op= b`: in place for lists, dicts, sets and objects with `__iop__`.
    public static func inplace(_ op: BinaryOperator, _ a: PyObject, _ b: PyObject) throws -> PyObject {
        let ta = ObjectIdentifier(type(of: a))
        if ta == floatTypeID || ta == intTypeID { return try binary(op, a, b) }
        if let l = a as? PyList {
            if op == .add { l.items.append(contentsOf: try toArray(b)); return l }
            if op == .mul, let n = b as? PyInt {
                let items = l.items
                l.items = []
                try checkSize(items.count, n.value)
                for _ in 0..<max(0, n.value) { l.items.append(contentsOf: items) }
                return l
            }
        }
        if let s = a as? PySet, !s.frozen, let t = b as? PySet, try PySet.inplace(op, s, t) {
            return s
        }
        if let d = a as? PyDict, op == .bitor {
            try update(d, b)
            return d
        }
        if !(a is PyInt) && !(a is PyFloat), let m = a.cls.special(Special.forOperator(op).2) {
            let r = try callMethod1(m, a, b)
            if r !== PyNotImplemented.shared { return r }
        }
        return try binary(op, a, b)
    }

    static func checkSize(_ count: Int, _ times: Int64) throws {
        guard times > 0 && count > 0 else { return }
        let (elements, o1) = Int64(count).multipliedReportingOverflow(by: times)
        let (bytes, o2) = elements.multipliedReportingOverflow(by: 8)
        if o1 || o2 || bytes > Int64(Interpreter.current.memoryBudget) {
            throw PyError.memory()
        }
    }

    static func intOp(_ op: BinaryOperator, _ a: Int64, _ b: Int64) throws -> PyObject {
        func checked(_ r: (partialValue: Int64, overflow: Bool)) throws -> PyObject {
            if r.overflow { throw PyError.overflow() }
            return PyInt.make(r.partialValue)
        }
        switch op {
        case .add: return try checked(a.addingReportingOverflow(b))
        case .sub: return try checked(a.subtractingReportingOverflow(b))
        case .mul: return try checked(a.multipliedReportingOverflow(by: b))
        case .truediv:
            if b == 0 { throw PyError.zeroDivision("division by zero") }
            return PyFloat(Double(a) / Double(b))
        case .floordiv:
            if b == 0 { throw PyError.zeroDivision("integer division or modulo by zero") }
            if a == Int64.min && b == -1 { throw PyError.overflow() }
            let q = a / b
            return PyInt.make((a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q)
        case .mod:
            if b == 0 { throw PyError.zeroDivision("integer modulo by zero") }
            if b == -1 { return PyInt.make(0) }
            let r = a % b
            return PyInt.make((r != 0 && ((r < 0) != (b < 0))) ? r + b : r)
        case .pow:
            if b < 0 {
                if a == 0 { throw PyError.zeroDivision("0.0 cannot be raised to a negative power") }
                return PyFloat(Foundation.pow(Double(a), Double(b)))
            }
            var result: Int64 = 1, base = a, e = b
            while e > 0 {
                if e & 1 == 1 {
                    let r = result.multipliedReportingOverflow(by: base)
                    if r.overflow { throw PyError.overflow() }
                    result = r.partialValue
                }
                e >>= 1
                if e > 0 {
                    let s = base.multipliedReportingOverflow(by: base)
                    if s.overflow { throw PyError.overflow() }
                    base = s.partialValue
                }
            }
            return PyInt.make(result)
        case .lshift:
            if b < 0 { throw PyError.value("negative shift count") }
            if a == 0 { return PyInt.make(0) }
            if b >= 64 { throw PyError.overflow() }
            let r = a << b
            if r >> b != a { throw PyError.overflow() }
            return PyInt.make(r)
        case .rshift:
            if b < 0 { throw PyError.value("negative shift count") }
            return PyInt.make(b >= 64 ? (a < 0 ? -1 : 0) : a >> b)
        case .bitand: return PyInt.make(a & b)
        case .bitor: return PyInt.make(a | b)
        case .bitxor: return PyInt.make(a ^ b)
        case .matmul: throw PyError.type("unsupported operand type(s) for @: 'int' and 'int'")
        }
    }

    static func floatOp(_ op: BinaryOperator, _ a: Double, _ b: Double) throws -> PyObject {
        switch op {
        case .add: return PyFloat(a + b)
        case .sub: return PyFloat(a - b)
        case .mul: return PyFloat(a * b)
        case .truediv:
            if b == 0 { throw PyError.zeroDivision("float division by zero") }
            return PyFloat(a / b)
        case .floordiv:
            if b == 0 { throw PyError.zeroDivision("float floor division by zero") }
            return PyFloat(floatDivmod(a, b).0)
        case .mod:
            if b == 0 { throw PyError.zeroDivision("float modulo") }
            return PyFloat(floatDivmod(a, b).1)
        case .pow:
            if a == 0 && b < 0 { throw PyError.zeroDivision("0.0 cannot be raised to a negative power") }
            if a < 0 && b != b.rounded() && b.isFinite {
                throw PyError.value("complex numbers are not supported by wick")
            }
            let r = Foundation.pow(a, b)
            if r.isInfinite && a.isFinite && b.isFinite { throw PyError.overflow("(34, 'Numerical result out of range')") }
            return PyFloat(r)
        case .matmul, .lshift, .rshift, .bitand, .bitor, .bitxor:
            throw PyError.type("unsupported operand type(s) for \(op.rawValue): 'float' and 'float'")
        }
    }

    /// CPython's float_divmod.
    static func floatDivmod(_ vx: Double, _ wx: Double) -> (Double, Double) {
        var mod = fmod(vx, wx)
        var div = (vx - mod) / wx
        if mod != 0 {
            if (wx < 0) != (mod < 0) { mod += wx; div -= 1 }
        } else {
            mod = copysign(0, wx)
        }
        var floordiv: Double
        if div != 0 {
            floordiv = div.rounded(.down)
            if div - floordiv > 0.5 { floordiv += 1 }
        } else {
            floordiv = copysign(0, vx / wx)
        }
        return (floordiv, mod)
    }

    static func nativeBinary(_ op: BinaryOperator, _ a: PyObject, _ b: PyObject) throws -> PyObject? {
        switch (op, a, b) {
        case let (.add, x as PyStr, y as PyStr): return PyStr(x.value + y.value)
        case let (.add, x as PyList, y as PyList): return PyList(x.items + y.items)
        case let (.add, x as PyTuple, y as PyTuple): return PyTuple(x.items + y.items)
        case let (.mul, x as PyStr, n as PyInt), let (.mul, n as PyInt, x as PyStr):
            try checkSize(x.value.utf8.count, n.value)
            return PyStr(n.value > 0 ? String(repeating: x.value, count: Int(n.value)) : "")
        case let (.mul, x as PyList, n as PyInt), let (.mul, n as PyInt, x as PyList):
            try checkSize(x.items.count, n.value)
            var out: [PyObject] = []
            for _ in 0..<max(0, n.value) { out.append(contentsOf: x.items) }
            return PyList(out)
        case let (.mul, x as PyTuple, n as PyInt), let (.mul, n as PyInt, x as PyTuple):
            try checkSize(x.items.count, n.value)
            var out: [PyObject] = []
            for _ in 0..<max(0, n.value) { out.append(contentsOf: x.items) }
            return PyTuple(out)
        case let (.mod, x as PyStr, _): return PyStr(try PercentFormat.format(x.value, b))
        case let (.bitor, x as PyDict, y as PyDict):
            let d = PyDict()
            d.table = x.table
            try update(d, y)
            return d
        case let (_, x as PySet, y as PySet):
            return try PySet.binary(op, x, y)
        default: return nil
        }
    }

    /// Unary `-x`, `+x`, `~x`.
    public static func unary(_ op: UnaryOperator, _ v: PyObject) throws -> PyObject {
        switch (op, v) {
        case let (.neg, i as PyInt):
            if i.value == Int64.min { throw PyError.overflow() }
            return PyInt.make(-i.value)
        case let (.neg, f as PyFloat): return PyFloat(-f.value)
        case let (.pos, i as PyInt): return PyInt.make(i.value)
        case let (.pos, f as PyFloat): return f
        case let (.invert, i as PyInt): return PyInt.make(~i.value)
        case (.not, _): return PyBool.make(!(try truthy(v)))
        default:
            let name = op == .neg ? "__neg__" : op == .pos ? "__pos__" : "__invert__"
            if let m = v.cls.lookup(name) { return try callMethod(m, v, []) }
            let sym = op == .neg ? "-" : op == .pos ? "+" : "~"
            throw PyError.type("bad operand type for unary \(sym): '\(typeName(v))'")
        }
    }

    /// `dict.update(other)` for a dict or an iterable of pairs.
    static func update(_ d: PyDict, _ other: PyObject) throws {
        if let o = other as? PyDict {
            for (k, v) in o.table.pairs { d.table.set(k, v) }
            return
        }
        if !(other is PyList) && !(other is PyTuple), other.cls.lookup("keys") != nil {
            for k in try toArray(invokeMethod(other, "keys", [])) { try d.set(k, try getItem(other, k)) }
            return
        }
        for (i, item) in try toArray(other).enumerated() {
            let pair = try toArray(item)
            guard pair.count == 2 else {
                throw PyError.value("dictionary update sequence element #\(i) has length \(pair.count); 2 is required")
            }
            try d.set(pair[0], pair[1])
        }
    }
}
