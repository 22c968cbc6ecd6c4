import Foundation

/// Python's object protocol for native code: repr/str, truth, equality, hashing, comparison.
public enum Runtime {
    static var reprDepth = 0
    /// Containers whose repr is being built (a list that contains itself prints `[...]`).
    static var reprActive: Set<ObjectIdentifier> = []
    static var nativeDepth = 0

    /// Guards native recursion over nested data (comparisons, JSON, copies) as CPython's limit does.
    static func enterNested(_ what: String) throws {
        nativeDepth += 1
        if nativeDepth > 3000 {
            nativeDepth -= 1
            throw PyError(Builtin.recursionErrorClass, "maximum recursion depth exceeded \(what)")
        }
    }

    public static func typeName(_ o: PyObject) -> String { o.cls.name }

    static func userMethod(_ o: PyObject, _ name: String) -> PyObject? {
        let m = o.cls.lookup(name)
        return m
    }

    /// `repr(o)`.
    public static func repr(_ o: PyObject) throws -> String {
        if let m = userMethod(o, "__repr__") {
            let r = try callMethod(m, o, [])
            guard let s = r as? PyStr else { throw PyError.type("__repr__ returned non-string (type \(typeName(r)))") }
            return s.value
        }
        if o is PyList || o is PyDict {
            let id = ObjectIdentifier(o)
            if reprActive.contains(id) { return o is PyList ? "[...]" : "{...}" }
            reprActive.insert(id)
        }
        reprDepth += 1
        defer {
            reprDepth -= 1
            if o is PyList || o is PyDict { reprActive.remove(ObjectIdentifier(o)) }
        }
        if reprDepth > 200 { throw PyError(Builtin.recursionErrorClass, "maximum recursion depth exceeded while getting the repr of an object") }
        switch o {
        case let i as PyInt:
            if i.cls === Builtin.boolType { return i.value != 0 ? "True" : "False" }
            return String(i.value)
        case let f as PyFloat: return FloatFormatting.repr(f.value)
        case let s as PyStr: return quote(s.value)
        case let l as PyList:
            if l.cls !== Builtin.listType && l.cls.bases.first === Builtin.listType && l.cls.name.hasPrefix("dict_") {
                return l.cls.name + "([" + (try l.items.map { try repr($0) }).joined(separator: ", ") + "])"
            }
            return "[" + (try l.items.map { try repr($0) }).joined(separator: ", ") + "]"
        case let t as PyTuple:
            if t.items.count == 1 { return "(" + (try repr(t.items[0])) + ",)" }
            return "(" + (try t.items.map { try repr($0) }).joined(separator: ", ") + ")"
        case let d as PyDict:
            let body = try d.table.pairs.map { "\(try repr($0.0.object)): \(try repr($0.1))" }.joined(separator: ", ")
            if let factory = d.defaultFactory { return "defaultdict(\(try repr(factory)), {\(body)})" }
            if d.cls !== Builtin.dictType && d.cls.module != "builtins" || d.cls.name == "OrderedDict" || d.cls.name == "Counter" {
                if d.cls.name == "Counter" || d.cls.name == "OrderedDict" { return "\(d.cls.name)({\(body)})" }
            }
            return "{" + body + "}"
        case let s as PySet:
            let name = s.frozen ? "frozenset" : "set"
            if s.table.count == 0 { return name + "()" }
            let body = try s.elements.map { try repr($0) }.joined(separator: ", ")
            return s.frozen ? "frozenset({\(body)})" : "{" + body + "}"
        case let r as PyRange:
            return r.step == 1 ? "range(\(r.start), \(r.stop))" : "range(\(r.start), \(r.stop), \(r.step))"
        case let s as PySlice:
            return "slice(\(try repr(s.start)), \(try repr(s.stop)), \(try repr(s.step)))"
        case is PyNone: return "None"
        case is PyEllipsis: return "Ellipsis"
        case is PyNotImplemented: return "NotImplemented"
        case let c as PyClass: return "<class '\(c.module == "builtins" ? "" : c.module + ".")\(c.name)'>"
        case let f as PyFunction: return "<function \(f.def.qualifiedName) at \(address(f))>"
        case let f as PyNativeFunction: return "<built-in function \(f.name)>"
        case let m as PyBoundMethod:
            let fname = (m.function as? PyFunction)?.def.qualifiedName ?? (m.function as? PyNativeFunction)?.name ?? "?"
            return "<bound method \(fname) of \(try repr(m.receiver))>"
        case let m as PyModule: return "<module '\(m.name)'>"
        default:
            return "<\(o.cls.module == "builtins" ? "" : o.cls.module + ".")\(o.cls.name) object at \(address(o))>"
        }
    }

    static func address(_ o: PyObject) -> String {
        "0x" + String(UInt(bitPattern: ObjectIdentifier(o).hashValue), radix: 16).leftPadded(12)
    }

    /// A string literal as `repr` writes it: single quotes unless the text has one and no double quote.
    public static func quote(_ s: String) -> String {
        let useDouble = s.contains("'") && !s.contains("\"")
        var out = useDouble ? "\"" : "'"
        for u in s.unicodeScalars {
            switch u {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "'" where !useDouble: out += "\\'"
            default:
                if u.value < 0x20 || u.value == 0x7f {
                    out += "\\x" + String(u.value, radix: 16).leftPadded(2)
                } else if u.value >= 0x80 && u.value < 0xa0 {
                    out += "\\x" + String(u.value, radix: 16).leftPadded(2)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + (useDouble ? "\"" : "'")
    }

    /// `str(o)`.
    public static func str(_ o: PyObject) throws -> String {
        if let s = o as? PyStr, s.cls === Builtin.strType { return s.value }
        if let m = userMethod(o, "__str__") {
            let r = try callMethod(m, o, [])
            guard let s = r as? PyStr else { throw PyError.type("__str__ returned non-string (type \(typeName(r)))") }
            return s.value
        }
        if let s = o as? PyStr { return s.value }
        return try repr(o)
    }

    /// Truth value (`bool(o)`).
    public static func truthy(_ o: PyObject) throws -> Bool {
        switch o {
        case let i as PyInt: return i.value != 0
        case is PyNone: return false
        case let f as PyFloat: return f.value != 0
        case let s as PyStr: return !s.value.isEmpty
        case let l as PyList where l.cls === Builtin.listType: return !l.items.isEmpty
        case let t as PyTuple where t.cls === Builtin.tupleType: return !t.items.isEmpty
        case let d as PyDict where d.cls === Builtin.dictType: return d.table.count > 0
        default: break
        }
        if let m = o.cls.special(.bool) {
            let r = try callMethod(m, o, [])
            guard let b = r as? PyInt, b.cls === Builtin.boolType else {
                throw PyError.type("__bool__ should return bool, returned \(typeName(r))")
            }
            return b.value != 0
        }
        if o.cls.special(.len) != nil || o is PyList || o is PyTuple || o is PyDict || o is PySet || o is PyRange {
            return try length(o) > 0
        }
        return true
    }

    /// `a == b` as a truth value (containers use it; identity implies equality).
    public static func equals(_ a: PyObject, _ b: PyObject) throws -> Bool {
        if a === b { return true }
        return try truthy(compare(.eq, a, b))
    }

    /// `hash(o)`.
    public static func hash(_ o: PyObject) throws -> Int {
        switch o {
        case let i as PyInt: return hashInt(i.value)
        case let s as PyStr: return s.value.hashValue
        case let f as PyFloat: return hashFloat(f.value, f)
        case let t as PyTuple:
            // CPython 3.11's tuplehash (xxHash-based), so tuples in sets iterate as there.
            let prime1: UInt64 = 11400714785074694791, prime2: UInt64 = 14029467366897019727
            let prime5: UInt64 = 2870177450012600261
            var acc = prime5
            for x in t.items {
                let lane = UInt64(bitPattern: Int64(try hash(x)))
                acc = acc &+ lane &* prime2
                acc = (acc << 31) | (acc >> 33)
                acc = acc &* prime1
            }
            acc = acc &+ (UInt64(t.items.count) ^ (prime5 ^ 3527539))
            if acc == UInt64.max { return 1546275796 }
            return Int(Int64(bitPattern: acc))
        case is PyNone: return 0x5f5e100
        case let s as PySet where s.frozen:
            var acc = 0
            for e in s.elements { acc ^= try hash(e) }
            return acc
        case is PyList, is PyDict, is PySet:
            throw PyError.type("unhashable type: '\(typeName(o))'")
        default: break
        }
        if let m = o.cls.special(.hash) {
            if m === PyNone.shared { throw PyError.type("unhashable type: '\(typeName(o))'") }
            let r = try callMethod(m, o, [])
            guard let i = r as? PyInt else { throw PyError.type("__hash__ method should return an integer") }
            return hashInt(i.value)
        }
        if o.cls.special(.eq) is PyFunction { throw PyError.type("unhashable type: '\(typeName(o))'") }
        return ObjectIdentifier(o).hashValue
    }

    /// CPython's `_Py_HashDouble`: integral floats hash as ints, others by their binary expansion.
    static func hashFloat(_ v: Double, _ object: PyObject) -> Int {
        if v.isNaN { return ObjectIdentifier(object).hashValue }
        if v.isInfinite { return v > 0 ? 314159 : -314159 }
        let modulus: UInt64 = (1 << 61) - 1
        if v == 0 { return 0 }
        // frexp: |v| = m * 2^e with m in [0.5, 1); Double.significand is in [1, 2).
        var m = v.magnitude.significand / 2, e = Int(v.magnitude.exponent) + 1
        let sign: Int64 = v < 0 ? -1 : 1
        var x: UInt64 = 0
        while m != 0 {
            x = ((x << 28) & modulus) | x >> (61 - 28)
            m *= 268435456.0
            e -= 28
            let y = UInt64(m)
            m -= Double(y)
            x += y
            if x >= modulus { x -= modulus }
        }
        let shift = e >= 0 ? e % 61 : 61 - 1 - ((-1 - e) % 61)
        x = ((x << UInt64(shift)) & modulus) | x >> UInt64(61 - shift)
        var result = Int64(bitPattern: x) &* sign
        if result == -1 { result = -2 }
        return Int(result)
    }

    static func hashInt(_ v: Int64) -> Int {
        let m: Int64 = (1 << 61) - 1
        var h = v >= 0 ? v % m : -((-(v &+ 1) % m + 1) % m)
        if h == -1 { h = -2 }
        return Int(h)
    }

    /// Rich comparison (`==`, `<`, …) with reflected dunders and NotImplemented, as CPython does.
    public static func compare(_ op: CompareOperator, _ a: PyObject, _ b: PyObject) throws -> PyObject {
        if let x = a as? PyInt, let y = b as? PyInt { return PyBool.make(compareValues(op, x.value, y.value)) }
        if let x = a as? PyFloat, let y = b as? PyFloat { return PyBool.make(compareValues(op, x.value, y.value)) }
        if let x = a as? PyStr, let y = b as? PyStr, x.cls === Builtin.strType, y.cls === Builtin.strType {
            if op == .eq { return PyBool.make(x.value == y.value) }
            if op == .ne { return PyBool.make(x.value != y.value) }
            return PyBool.make(compareValues(op, Array(x.value.unicodeScalars).map { $0.value }, Array(y.value.unicodeScalars).map { $0.value }))
        }
        if let (name, reflected) = specialNames(op) {
            let ac = a.cls, bc = b.cls
            if bc !== ac && bc.isSubclass(of: ac), let m = bc.special(reflected) {
                let r = try callMethod1(m, b, a)
                if r !== PyNotImplemented.shared { return r }
            }
            if let m = ac.special(name) {
                let r = try callMethod1(m, a, b)
                if r !== PyNotImplemented.shared { return r }
            }
            if let m = bc.special(reflected) {
                let r = try callMethod1(m, b, a)
                if r !== PyNotImplemented.shared { return r }
            }
        }
        if let r = try nativeCompare(op, a, b) { return PyBool.make(r) }
        switch op {
        case .eq: return PyBool.make(a === b)
        case .ne: return PyBool.make(a !== b)
        default:
            throw PyError.type("'\(op.rawValue)' not supported between instances of '\(typeName(a))' and '\(typeName(b))'")
        }
    }

    static func specialNames(_ op: CompareOperator) -> (Special, Special)? {
        switch op {
        case .eq: return (.eq, .eq)
        case .ne: return (.ne, .ne)
        case .lt: return (.lt, .gt)
        case .le: return (.le, .ge)
        case .gt: return (.gt, .lt)
        case .ge: return (.ge, .le)
        case .isOp, .isNot, .inOp, .notIn: return nil
        }
    }

    static func dunderNames(_ op: CompareOperator) -> (String, String) {
        switch op {
        case .eq: return ("__eq__", "__eq__")
        case .ne: return ("__ne__", "__ne__")
        case .lt: return ("__lt__", "__gt__")
        case .le: return ("__le__", "__ge__")
        case .gt: return ("__gt__", "__lt__")
        case .ge: return ("__ge__", "__le__")
        case .isOp, .isNot, .inOp, .notIn: return ("", "")
        }
    }

    static func compareValues<T: Comparable>(_ op: CompareOperator, _ a: T, _ b: T) -> Bool {
        switch op {
        case .eq: return a == b
        case .ne: return a != b
        case .lt: return a < b
        case .le: return a <= b
        case .gt: return a > b
        case .ge: return a >= b
        case .isOp, .isNot, .inOp, .notIn: return false
        }
    }

    static func compareValues<T: Comparable>(_ op: CompareOperator, _ a: [T], _ b: [T]) -> Bool {
        for (x, y) in zip(a, b) where x != y { return compareValues(op, x, y) }
        return compareValues(op, a.count, b.count)
    }

    /// Comparisons between built-in types; nil when the types do not compare.
    static func nativeCompare(_ op: CompareOperator, _ a: PyObject, _ b: PyObject) throws -> Bool? {
        switch (a, b) {
        case let (x as PyInt, y as PyFloat): return compareMixed(op, x.value, y.value)
        case let (x as PyFloat, y as PyInt):
            return compareMixed(op.swapped, y.value, x.value)
        case let (x as PyStr, y as PyStr):
            return compareValues(op, x.value.unicodeScalars.map { $0.value }, y.value.unicodeScalars.map { $0.value })
        case let (x as PyList, y as PyList): return try compareSequences(op, x.items, y.items)
        case let (x as PyTuple, y as PyTuple): return try compareSequences(op, x.items, y.items)
        case let (x as PyDict, y as PyDict):
            guard op == .eq || op == .ne else { return nil }
            var same = x.table.count == y.table.count
            if same {
                for (k, v) in x.table.pairs {
                    guard let w = y.table.get(k), try equals(v, w) else { same = false; break }
                }
            }
            return op == .eq ? same : !same
        case let (x as PySet, y as PySet):
            let xs = x.elements, ys = y.elements
            let xInY = try xs.allSatisfy { try y.contains($0) }
            let yInX = try ys.allSatisfy { try x.contains($0) }
            switch op {
            case .eq: return xInY && yInX
            case .ne: return !(xInY && yInX)
            case .le: return xInY
            case .lt: return xInY && !yInX
            case .ge: return yInX
            case .gt: return yInX && !xInY
            case .isOp, .isNot, .inOp, .notIn: return nil
            }
        case let (x as PyRange, y as PyRange):
            guard op == .eq || op == .ne else { return nil }
            let same = x.count == y.count && (x.count == 0 || (x.start == y.start && (x.count == 1 || x.step == y.step)))
            return op == .eq ? same : !same
        default: return nil
        }
    }

    static func compareMixed(_ op: CompareOperator, _ i: Int64, _ f: Double) -> Bool {
        if f.isNaN { return op == .ne }
        let d = Double(i)
        if d == f {
            // Exact comparison for large ints that round to the same double.
            if abs(f) < 9.2e18 { return compareValues(op, i, Int64(f)) }
        }
        return compareValues(op, d, f)
    }

    static func compareSequences(_ op: CompareOperator, _ a: [PyObject], _ b: [PyObject]) throws -> Bool {
        try enterNested("in comparison")
        defer { nativeDepth -= 1 }
        for (x, y) in zip(a, b) {
            if try !equals(x, y) {
                if op == .eq { return false }
                if op == .ne { return true }
                return try truthy(compare(op, x, y))
            }
        }
        return compareValues(op, a.count, b.count)
    }
}

extension CompareOperator {
    var swapped: CompareOperator {
        switch self {
        case .lt: return .gt
        case .gt: return .lt
        case .le: return .ge
        case .ge: return .le
        case .eq, .ne, .isOp, .isNot, .inOp, .notIn: return self
        }
    }
}

extension String {
    func leftPadded(_ width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
