import Foundation
import Script

/// Elementwise arithmetic and comparisons of arrays with arrays and Python numbers, with
/// numpy's broadcasting and its promotion rules for this subset (int / int → float64,
/// an int array with a Python float → float64, float32 with a Python float stays float32).
enum NdMath {
    enum Op: String {
        case add = "+", sub = "-", mul = "*", div = "/", floordiv = "//", mod = "%", pow = "**"
        case eq = "==", ne = "!=", lt = "<", le = "<=", gt = ">", ge = ">="
        case and = "&", or = "|", xor = "^"

        var isComparison: Bool {
            switch self {
            case .eq, .ne, .lt, .le, .gt, .ge: return true
            default: return false
            }
        }
        var ufunc: String {
            switch self {
            case .add: return "add"
            case .sub: return "subtract"
            case .mul: return "multiply"
            case .div: return "divide"
            case .floordiv: return "floor_divide"
            case .mod: return "remainder"
            case .pow: return "power"
            case .eq: return "equal"
            case .ne: return "not_equal"
            case .lt: return "less"
            case .le: return "less_equal"
            case .gt: return "greater"
            case .ge: return "greater_equal"
            case .and: return "bitwise_and"
            case .or: return "bitwise_or"
            case .xor: return "bitwise_xor"
            }
        }
    }

    /// An operand: an array, or a Python scalar (weakly typed, as NEP 50 has it).
    enum Operand {
        case array(NdArray)
        case scalar(Double, NdKind)
    }

    static func operand(_ o: PyObject) throws -> Operand? {
        if let a = o as? NdArray { return .array(a) }
        if let s = Args.scalarOrNil(o) {
            switch s {
            case .bool(let b): return .scalar(b ? 1 : 0, .bool)
            case .int(let i): return .scalar(Double(i), .int64)
            case .double(let d): return .scalar(d, .float64)
            }
        }
        if o is PyList || o is PyTuple { return .array(try NdConvert.array(o)) }
        return nil
    }

    /// `a op b`; nil when `b` is not something numpy combines with (the operator then returns NotImplemented).
    static func binary(_ op: Op, _ lhs: PyObject, _ rhs: PyObject) throws -> PyObject? {
        guard let l = try operand(lhs), let r = try operand(rhs) else { return nil }
        return try apply(op, l, r)
    }

    static func kindOf(_ x: Operand) -> NdKind {
        switch x {
        case .array(let a): return a.kind
        case .scalar(_, let k): return k
        }
    }

    /// The result kind of combining two operands (Python scalars adapt to the array's kind).
    static func resultKind(_ op: Op, _ l: Operand, _ r: Operand) -> NdKind {
        var k: NdKind
        switch (l, r) {
        case (.array(let a), .array(let b)): k = NdKind.promote(a.kind, b.kind)
        case (.array(let a), .scalar(_, let s)), (.scalar(_, let s), .array(let a)):
            if s.isFloat && !a.kind.isFloat { k = .float64 }
            else if s == .int64 && a.kind == .bool { k = .int64 }
            else { k = a.kind }
        case (.scalar(_, let a), .scalar(_, let b)): k = NdKind.promote(a, b)
        }
        if op.isComparison { return .bool }
        if op == .div && !k.isFloat { return .float64 }
        return k
    }

    static func apply(_ op: Op, _ l: Operand, _ r: Operand) throws -> PyObject {
        let kind = resultKind(op, l, r)
        let computeKind = op.isComparison ? NdKind.promote(kindOf(l), kindOf(r)) : kind
        if op == .sub && computeKind == .bool {
            throw PyError.type("numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.")
        }
        if [.and, .or, .xor].contains(op) && computeKind.isFloat {
            throw PyError.type("ufunc '\(op.ufunc)' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''")
        }
        var (lv, ls) = values(l), (rv, rs) = values(r)
        if computeKind == .float32 {
            // numpy computes float32 results from float32 operands (Python floats are cast first).
            if case .scalar = l { lv = lv.map { Double(Float($0)) } }
            if case .scalar = r { rv = rv.map { Double(Float($0)) } }
        }
        let shape = try broadcastShape(ls, rs)
        if op == .pow && computeKind.isInteger && rv.contains(where: { $0 < 0 }) {
            throw PyError.value("Integers to negative integer powers are not allowed.")
        }
        let f = function(op, integer: computeKind.isInteger || computeKind == .bool)
        var n = 1
        for d in shape {
            let (p, overflow) = n.multipliedReportingOverflow(by: d)
            if overflow { throw PyError.memory() }
            n = p
        }
        try ndCheckCount(n)
        var out = [Double](repeating: 0, count: n)
        if ls == shape && rs == shape {
            for i in 0 ..< n { out[i] = kind.store(f(lv[i], rv[i])) }
        } else {
            let li = broadcastIndex(ls, shape), ri = broadcastIndex(rs, shape)
            for i in 0 ..< n { out[i] = kind.store(f(lv[li[i]], rv[ri[i]])) }
        }
        if case .scalar = l, case .scalar = r { return NdArray.scalar(out.first ?? 0, kind) }
        return NdArray(out, shape: shape, kind: kind)
    }

    static func values(_ x: Operand) -> ([Double], [Int]) {
        switch x {
        case .array(let a): return (a.values, a.shape)
        case .scalar(let v, _): return ([v], [])
        }
    }

    static func function(_ op: Op, integer: Bool) -> (Double, Double) -> Double {
        switch op {
        case .add: return { $0 + $1 }
        case .sub: return { $0 - $1 }
        case .mul: return { $0 * $1 }
        case .div: return { $0 / $1 }
        case .floordiv:
            if integer { return { b, d in d == 0 ? 0 : (b / d).rounded(.down) } }
            return { b, d in
                if d == 0 { return b / d }
                let m = fmod(b, d)
                var q = (b - m) / d
                if m != 0 && ((d < 0) != (m < 0)) { q -= 1 }
                return q.rounded() == q ? q : q.rounded(.down)
            }
        case .mod:
            return { b, d in
                if d == 0 { return integer ? 0 : .nan }
                var m = fmod(b, d)
                if m != 0 && ((d < 0) != (m < 0)) { m += d }
                return m
            }
        case .pow: return { Foundation.pow($0, $1) }
        case .eq: return { $0 == $1 ? 1 : 0 }
        case .ne: return { $0 != $1 ? 1 : 0 }
        case .lt: return { $0 < $1 ? 1 : 0 }
        case .le: return { $0 <= $1 ? 1 : 0 }
        case .gt: return { $0 > $1 ? 1 : 0 }
        case .ge: return { $0 >= $1 ? 1 : 0 }
        case .and: return { Double(safeInt64($0) & safeInt64($1)) }
        case .or: return { Double(safeInt64($0) | safeInt64($1)) }
        case .xor: return { Double(safeInt64($0) ^ safeInt64($1)) }
        }
    }

    /// numpy's broadcasting of two shapes.
    static func broadcastShape(_ a: [Int], _ b: [Int]) throws -> [Int] {
        let n = max(a.count, b.count)
        var out = [Int](repeating: 1, count: n)
        for i in 0 ..< n {
            let x = i < n - a.count ? 1 : a[i - (n - a.count)]
            let y = i < n - b.count ? 1 : b[i - (n - b.count)]
            if x == y || y == 1 { out[i] = x } else if x == 1 { out[i] = y } else {
                throw PyError.value("operands could not be broadcast together with shapes \(shapeText(a)) \(shapeText(b)) ")
            }
        }
        return out
    }

    /// `(3,)` / `(2,3)` as numpy's broadcast message prints shapes (no space after commas).
    static func shapeText(_ s: [Int]) -> String {
        s.count == 1 ? "(\(s[0]),)" : "(" + s.map(String.init).joined(separator: ",") + ")"
    }

    /// For each element of `target`, the flat index into a row-major array of `shape` broadcast to it.
    static func broadcastIndex(_ shape: [Int], _ target: [Int]) -> [Int] {
        let n = target.reduce(1, *)
        let pad = target.count - shape.count
        var strides = [Int](repeating: 0, count: target.count)
        var s = 1
        for d in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[d + pad] = shape[d] == 1 ? 0 : s
            s *= shape[d]
        }
        var out = [Int](repeating: 0, count: n)
        var index = [Int](repeating: 0, count: target.count)
        var pos = 0
        for i in 0 ..< n {
            out[i] = pos
            var d = target.count - 1
            while d >= 0 {
                index[d] += 1
                pos += strides[d]
                if index[d] < target[d] { break }
                pos -= strides[d] * target[d]
                index[d] = 0
                d -= 1
            }
        }
        return out
    }

    /// Elementwise functions (`np.exp`, `np.sqrt`, …): float results (float32 stays float32).
    static func unary(_ name: String, _ o: PyObject, _ f: (Double) -> Double) throws -> PyObject {
        let isScalar = !(o is NdArray) && Args.scalarOrNil(o) != nil
        let a = try NdConvert.array(o, copy: false)
        let kind: NdKind = a.kind == .float32 ? .float32 : .float64
        let out = a.values.map { kind.store(f($0)) }
        if isScalar || a.shape.isEmpty { return NdArray.scalar(out.first ?? 0, kind) }
        return NdArray(out, shape: a.shape, kind: kind)
    }
}

/// A double as an Int64 without trapping (NaN → 0, out of range → the nearest bound).
@inline(__always) func safeInt64(_ d: Double) -> Int64 {
    if d.isNaN { return 0 }
    if d >= 9.223372036854775807e18 { return Int64.max }
    if d <= -9.223372036854775808e18 { return Int64.min }
    return Int64(d)
}
