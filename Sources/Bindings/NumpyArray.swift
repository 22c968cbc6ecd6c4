import Engine
import Script

/// The element type of a wick `numpy.ndarray` (the dtypes the numpy subset has).
public enum NdKind: String, Sendable {
    case bool, int32, int64, float32, float64

    /// numpy's promotion rank within the subset (bool < ints < float32 < float64).
    var rank: Int {
        switch self {
        case .bool: return 0
        case .int32: return 1
        case .int64: return 2
        case .float32: return 3
        case .float64: return 4
        }
    }
    var isFloat: Bool { self == .float32 || self == .float64 }
    var isInteger: Bool { self == .int32 || self == .int64 }

    /// The promoted kind of two arrays (numpy 2 rules restricted to these dtypes).
    static func promote(_ a: NdKind, _ b: NdKind) -> NdKind {
        if (a == .float32 && b.isInteger) || (b == .float32 && a.isInteger) { return .float64 }
        return a.rank >= b.rank ? a : b
    }

    /// Rounds a value computed in double precision to this kind's precision.
    @inline(__always) func store(_ v: Double) -> Double {
        switch self {
        case .float64: return v
        case .float32: return Double(Float(v))
        case .bool: return v != 0 ? 1 : 0
        case .int32, .int64:
            guard v.isFinite else { return v.isNaN ? -9.223372036854775808e18 : (v > 0 ? 9.223372036854775807e18 : -9.223372036854775808e18) }
            return v.rounded(.towardZero)
        }
    }

    /// The engine dtype holding the same values.
    var dtype: DType {
        switch self {
        case .bool: return .bool
        case .int32: return .int32
        case .int64: return .int64
        case .float32: return .float32
        case .float64: return .float64
        }
    }

    init(_ dtype: DType) {
        switch dtype {
        case .bool: self = .bool
        case .int32: self = .int32
        case .int64: self = .int64
        case .float32: self = .float32
        default: self = .float64
        }
    }
}

/// Shared element storage of arrays and their views.
final class NdBuffer {
    var values: [Double]
    init(_ values: [Double]) { self.values = values }
}

/// `numpy.ndarray` for scripts: a strided view on a buffer of doubles (ints are stored exactly up
/// to 2**53; float32 values are kept rounded to float32 after every operation).
///
/// Basic indexing (ints and slices) returns views that share the buffer, as numpy does; every
/// other operation returns a new contiguous array.
public final class NdArray: PyObject {
    let buffer: NdBuffer
    /// The array's shape (empty for a 0-d array).
    public let shape: [Int]
    let strides: [Int]
    let offset: Int
    /// The element type.
    public let kind: NdKind

    init(buffer: NdBuffer, shape: [Int], strides: [Int], offset: Int, kind: NdKind) {
        self.buffer = buffer
        self.shape = shape
        self.strides = strides
        self.offset = offset
        self.kind = kind
        super.init(cls: NumpyBindings.ndarrayClass)
    }

    /// A new contiguous array of `values` (already of `kind`'s precision) in `shape`.
    public convenience init(_ values: [Double], shape: [Int], kind: NdKind) {
        self.init(buffer: NdBuffer(values), shape: shape, strides: contiguousStrides(shape), offset: 0, kind: kind)
    }

    /// Number of elements.
    public var count: Int { shape.reduce(1, *) }

    var isContiguous: Bool { offset == 0 && strides == contiguousStrides(shape) && buffer.values.count == count }

    /// The elements in row-major order.
    public var values: [Double] {
        if isContiguous { return buffer.values }
        var out: [Double] = []
        out.reserveCapacity(count)
        forEachOffset { out.append(buffer.values[$0]) }
        return out
    }

    /// Calls `body` with the buffer offset of every element, in row-major order.
    func forEachOffset(_ body: (Int) -> Void) {
        let n = count
        guard n > 0 else { return }
        if shape.isEmpty { body(offset); return }
        var index = [Int](repeating: 0, count: shape.count)
        var position = offset
        for _ in 0 ..< n {
            body(position)
            var d = shape.count - 1
            while d >= 0 {
                index[d] += 1
                position += strides[d]
                if index[d] < shape[d] { break }
                position -= strides[d] * shape[d]
                index[d] = 0
                d -= 1
            }
        }
    }

    /// The Python scalar for an element value of this array's kind.
    func scalar(_ v: Double) -> PyObject { NdArray.scalar(v, kind) }

    static func scalar(_ v: Double, _ kind: NdKind) -> PyObject {
        switch kind {
        case .bool: return PyBool.make(v != 0)
        case .int32, .int64: return PyInt.make(safeInt64(v))
        case .float32, .float64: return PyFloat(v)
        }
    }

    /// The values as an engine tensor of the matching dtype.
    public func tensor() throws -> Tensor {
        try bridge { try Tensor(values, shape: shape, dtype: kind.dtype) }
    }

    /// An array holding a copy of a tensor's values (the `Tensor.numpy()` of a tensor that does
    /// not require grad).
    public static func from(_ t: Tensor) -> NdArray {
        let kind = NdKind(t.dtype)
        let values: [Double]
        switch t.dtype {
        case .float32: values = t.toArray(Float.self).map { Double($0) }
        case .int64: values = t.toArray(Int64.self).map { Double($0) }
        case .int32: values = t.toArray(Int32.self).map { Double($0) }
        case .bool: values = t.toArray(Bool.self).map { $0 ? 1 : 0 }
        default: values = t.toArray(Double.self)
        }
        return NdArray(values, shape: t.shape, kind: kind)
    }

    /// Nested Python lists of the elements (`tolist()`).
    func tolist() -> PyObject {
        let v = values
        if shape.isEmpty { return scalar(v.first ?? 0) }
        func build(_ dim: Int, _ start: Int) -> PyObject {
            let step = shape[(dim + 1)...].reduce(1, *)
            if dim == shape.count - 1 { return PyList((0 ..< shape[dim]).map { scalar(v[start + $0]) }) }
            return PyList((0 ..< shape[dim]).map { build(dim + 1, start + $0 * step) })
        }
        return build(0, 0)
    }

    /// A copy in a new contiguous buffer, converted to `kind`.
    func converted(to kind: NdKind) -> NdArray {
        NdArray(values.map { kind.store($0) }, shape: shape, kind: kind)
    }
}

/// Conversion of script values to arrays (`np.array`, operands, plotting inputs).
enum NdConvert {
    /// `np.array(data, dtype=)`: nested lists/tuples of numbers, arrays, tensors and ranges.
    static func array(_ o: PyObject, kind requested: NdKind? = nil, copy: Bool = true) throws -> NdArray {
        if let a = o as? NdArray {
            if let requested, requested != a.kind { return a.converted(to: requested) }
            return copy ? NdArray(a.values, shape: a.shape, kind: a.kind) : a
        }
        if let t = o as? TensorObject {
            try checkNoGrad(t.tensor)
            let a = NdArray.from(t.tensor)
            return requested.map { a.converted(to: $0) } ?? a
        }
        var values: [Double] = []
        var shape: [Int]? = nil
        var kind = NdKind.bool
        var sawAny = false
        func visit(_ o: PyObject, _ depth: Int, _ path: inout [Int]) throws {
            if depth > 32 { throw PyError.value("setting an array element with a sequence. The requested array has an inhomogeneous shape") }
            if let s = Args.scalarOrNil(o) {
                try record(path)
                sawAny = true
                switch s {
                case .bool(let b): values.append(b ? 1 : 0)
                case .int(let i): values.append(Double(i)); kind = NdKind.promote(kind, .int64)
                case .double(let d): values.append(d); kind = NdKind.promote(kind, .float64)
                }
                return
            }
            if let a = o as? NdArray {
                try checkShape(path + a.shape)
                sawAny = true
                values.append(contentsOf: a.values)
                kind = a.count == 0 && values.isEmpty ? a.kind : NdKind.promote(kind, a.kind)
                return
            }
            if let t = o as? TensorObject {
                try checkNoGrad(t.tensor)
                try visit(NdArray.from(t.tensor), depth, &path)
                return
            }
            let items: [PyObject]
            if let l = o as? PyList { items = l.items }
            else if let t = o as? PyTuple { items = t.items }
            else if o is PyRange { items = try Runtime.toArray(o) }
            else { throw PyError.type("wick's numpy cannot make an array from '\(pythonTypeName(o))' (numbers, lists, tuples, ranges, arrays and tensors only)") }
            if items.isEmpty { try checkShape(path + [0]); return }
            for item in items {
                path.append(items.count)
                try visit(item, depth + 1, &path)
                path.removeLast()
            }
        }
        func record(_ path: [Int]) throws { try checkShape(path) }
        func checkShape(_ s: [Int]) throws {
            if let shape, shape != s {
                throw PyError.value("setting an array element with a sequence. The requested array has an inhomogeneous shape after \(commonPrefix(shape, s)) dimensions. The detected shape was \(tupleText(Array(shape.prefix(commonPrefix(shape, s))))) + inhomogeneous part.")
            }
            shape = s
        }
        var path: [Int] = []
        try visit(o, 0, &path)
        var finalKind = sawAny ? kind : .float64
        if let requested { finalKind = requested }
        return NdArray(values.map { finalKind.store($0) }, shape: shape ?? [], kind: finalKind)
    }

    private static func commonPrefix(_ a: [Int], _ b: [Int]) -> Int {
        var n = 0
        while n < a.count && n < b.count && a[n] == b[n] { n += 1 }
        return n
    }

    /// matplotlib and numpy call `Tensor.__array__`, which refuses tensors that require grad.
    static func checkNoGrad(_ t: Tensor) throws {
        if t.requiresGrad {
            throw PyError.runtime("Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.")
        }
    }

    /// A `dtype=` argument: `np.float32`, `'float64'`, `float`, `int`, `bool`, a torch dtype; nil for None.
    static func kind(_ o: PyObject?) throws -> NdKind? {
        guard let o, !(o is PyNone) else { return nil }
        if let d = o as? NdDType { return d.kind }
        if o === Builtin.floatType { return .float64 }
        if o === Builtin.intType { return .int64 }
        if o === Builtin.boolType { return .bool }
        if let s = o as? PyStr {
            switch s.value {
            case "float64", "float", "f8", "double", "d": return .float64
            case "float32", "f4", "single", "f": return .float32
            case "int64", "int", "i8", "long": return .int64
            case "int32", "i4": return .int32
            case "bool", "?": return .bool
            default: throw PyError.type("data type '\(s.value)' not understood")
            }
        }
        throw PyError.type("Cannot interpret '\(try Runtime.repr(o))' as a data type")
    }
}

/// `(2, 3)` / `(4,)` as Python prints a tuple of ints.
func tupleText(_ s: [Int]) -> String {
    s.count == 1 ? "(\(s[0]),)" : "(" + s.map(String.init).joined(separator: ", ") + ")"
}

/// `numpy.dtype` objects (`np.float32`, `a.dtype`): print as numpy does (`float32`,
/// `dtype('float32')`) and compare equal to each other and to their names.
final class NdDType: PyObject {
    let kind: NdKind
    private init(_ kind: NdKind) {
        self.kind = kind
        super.init(cls: NdDType.dtypeClass)
    }
    nonisolated(unsafe) private static var cache: [NdKind: NdDType] = [:]
    static func of(_ kind: NdKind) -> NdDType {
        if let d = cache[kind] { return d }
        let d = NdDType(kind)
        cache[kind] = d
        return d
    }

    static let dtypeClass: PyClass = {
        let c = PyClass(name: "dtype", bases: [Builtin.objectType], module: "numpy")
        c.method("__repr__", "self") { a in PyStr("dtype('\((a[0] as? NdDType)?.kind.rawValue ?? "")')") }
        c.method("__str__", "self") { a in PyStr((a[0] as? NdDType)?.kind.rawValue ?? "") }
        c.method("__eq__", "self, other") { a in
            guard let me = a[0] as? NdDType else { return PyNotImplemented.shared }
            if let k = try? NdConvert.kind(a[1]) { return PyBool.make(k == me.kind) }
            return PyBool.falseValue
        }
        c.method("__ne__", "self, other") { a in
            guard let me = a[0] as? NdDType else { return PyNotImplemented.shared }
            if let k = try? NdConvert.kind(a[1]) { return PyBool.make(k != me.kind) }
            return PyBool.trueValue
        }
        c.method("__hash__", "self") { a in PyInt.make((a[0] as? NdDType)?.kind.rank ?? 0) }
        c.property("name") { o in PyStr((o as? NdDType)?.kind.rawValue ?? "") }
        c.method("__call__", "self, value") { a in
            guard let me = a[0] as? NdDType else { return PyNone.shared }
            let arr = try NdConvert.array(a[1], kind: me.kind)
            return arr.shape.isEmpty ? arr.scalar(arr.values.first ?? 0) : arr
        }
        return c
    }()
}
