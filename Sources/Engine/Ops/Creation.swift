import Foundation

/// Factory functions: constant-filled tensors and the `*_like` variants, `eye`, the default
/// dtype, and the ranges `arange`, `linspace`, `logspace` (bit-exact with PyTorch's CPU kernels).
extension Tensor {
    /// `torch.full(size, fill_value, dtype=)`: the dtype defaults to the one the value implies
    /// (int → int64, float → the default float dtype, bool → bool). A value the dtype cannot
    /// hold is an error, as in PyTorch (`full((2,), 2**40, dtype=torch.int32)`).
    public static func full(_ shape: [Int], _ value: Scalar, dtype: DType? = nil) throws -> Tensor {
        try checkShape(shape)
        let dtype = dtype ?? value.defaultDType
        let stored = try checkedConvert(value, to: dtype, typeName: dtype.cppTypeName)
        let out = Tensor.uninitialized(shape, dtype: dtype)
        out.fillContiguous(with: stored)
        return out
    }

    /// `torch.zeros(size, dtype=)`.
    public static func zeros(_ shape: [Int], dtype: DType = DType.defaultFloat) throws -> Tensor {
        guard shape.allSatisfy({ $0 >= 0 }) else {
            throw TensorError.runtime("zeros: Dimension size must be non-negative.")
        }
        try checkShape(shape)
        return Tensor(zeros: shape, dtype: dtype)
    }

    /// `torch.ones(size, dtype=)`.
    public static func ones(_ shape: [Int], dtype: DType = DType.defaultFloat) throws -> Tensor {
        try full(shape, .int(1), dtype: dtype)
    }

    /// `torch.empty(size, dtype=)`. Wick zero-fills it, so results never depend on leftovers.
    public static func empty(_ shape: [Int], dtype: DType = DType.defaultFloat) throws -> Tensor {
        try checkShape(shape)
        return Tensor(zeros: shape, dtype: dtype)
    }

    /// `torch.zeros_like(self, dtype=)`: a new tensor that does not require grad.
    public func zerosLike(dtype: DType? = nil) throws -> Tensor { Tensor(zeros: shape, dtype: dtype ?? self.dtype) }

    /// `torch.ones_like(self, dtype=)`.
    public func onesLike(dtype: DType? = nil) throws -> Tensor { try Tensor.full(shape, .int(1), dtype: dtype ?? self.dtype) }

    /// `torch.empty_like(self, dtype=)` (zero-filled, like `empty`).
    public func emptyLike(dtype: DType? = nil) throws -> Tensor { Tensor(zeros: shape, dtype: dtype ?? self.dtype) }

    /// `torch.full_like(self, value, dtype=)`: the dtype is this tensor's unless given, so a
    /// float value on an int tensor truncates.
    public func fullLike(_ value: Scalar, dtype: DType? = nil) throws -> Tensor {
        try Tensor.full(shape, value, dtype: dtype ?? self.dtype)
    }

    /// `torch.eye(n, m=n, dtype=)`: ones on the main diagonal of an n × m matrix.
    public static func eye(_ n: Int, _ m: Int? = nil, dtype: DType = DType.defaultFloat) throws -> Tensor {
        guard n >= 0 else { throw TensorError.runtime("n must be greater or equal to 0, got \(n)") }
        let m = m ?? n
        guard m >= 0 else { throw TensorError.runtime("m must be greater or equal to 0, got \(m)") }
        let out = try zeros([n, m], dtype: dtype)
        for i in 0..<Swift.min(n, m) { out.setContiguous(i * m + i, .int(1)) }
        return out
    }

    /// `torch.get_default_dtype()`: the dtype of new float tensors.
    public static var defaultDType: DType { DType.defaultFloat }

    /// `torch.set_default_dtype(dtype)`: only float32 and float64 are accepted.
    public static func setDefaultDType(_ dtype: DType) throws {
        guard dtype.isFloatingPoint else {
            throw TensorError.type("only floating-point types are supported as the default type")
        }
        DType.defaultFloat = dtype
    }

    // MARK: Element writes shared by the factories

    /// Writes `value` (already converted for this dtype) to every element of this contiguous tensor.
    func fillContiguous(with value: Scalar) {
        let n = numel
        switch dtype {
        case .float32: pointer(Float.self).update(repeating: Float(value.doubleValue), count: n)
        case .float64: pointer(Double.self).update(repeating: value.doubleValue, count: n)
        case .int64: pointer(Int64.self).update(repeating: value.int64Value, count: n)
        case .int32: pointer(Int32.self).update(repeating: Int32(truncatingIfNeeded: value.int64Value), count: n)
        case .bool: pointer(Bool.self).update(repeating: value.doubleValue != 0, count: n)
        }
    }

    /// Writes `value` at flat index `i` of this contiguous tensor.
    func setContiguous(_ i: Int, _ value: Scalar) {
        switch dtype {
        case .float32: pointer(Float.self)[i] = Float(value.doubleValue)
        case .float64: pointer(Double.self)[i] = value.doubleValue
        case .int64: pointer(Int64.self)[i] = value.int64Value
        case .int32: pointer(Int32.self)[i] = Int32(truncatingIfNeeded: value.int64Value)
        case .bool: pointer(Bool.self)[i] = value.doubleValue != 0
        }
    }
}

extension DType {
    /// The C++ type name c10 prints when a Python number does not fit (`Scalar::to<T>()`).
    var cppTypeName: String {
        switch self {
        case .bool: return "bool"
        case .int32: return "int"
        case .int64: return "int64_t"
        case .float32: return "float"
        case .float64: return "double"
        }
    }
}

/// c10's `checked_convert` of a Python number to `dtype`: "value cannot be converted to type
/// int without overflow" for values the dtype cannot hold, else the value exactly as it will be
/// stored (float32 values already rounded, integers truncated toward zero).
///
/// Floats overflow an integer dtype when NaN, below its minimum, or at/above 2^(bits-1); a
/// finite double beyond float32's range overflows float32 (infinities and NaN pass). Bool
/// never overflows.
func checkedConvert(_ value: Scalar, to dtype: DType, typeName: String) throws -> Scalar {
    let overflow = TensorError.runtime("value cannot be converted to type \(typeName) without overflow")
    switch (dtype, value) {
    case (.bool, _):
        return .bool(value.doubleValue != 0)  // NaN is true
    case (.float64, _):
        return .double(value.doubleValue)
    case (.float32, .int(let i)):
        return .double(Double(Float(i)))
    case (.float32, _):
        let d = value.doubleValue
        if d.isFinite && Swift.abs(d) > Double(Float.greatestFiniteMagnitude) { throw overflow }
        return .double(Double(Float(d)))
    case (.int64, .double(let d)), (.int32, .double(let d)):
        let limit = dtype == .int64 ? 0x1p63 : 0x1p31
        guard !d.isNaN, d >= -limit, d < limit else { throw overflow }
        return .int(Int64(d))
    case (.int32, .int(let i)):
        guard i >= Int64(Int32.min), i <= Int64(Int32.max) else { throw overflow }
        return .int(i)
    case (.int32, _), (.int64, _):
        return .int(value.int64Value)
    }
}

// MARK: - Ranges

extension Tensor {
    /// `torch.arange(end)`: 0, 1, 2, … below `end` (int64 for an int `end`, else the default
    /// float dtype).
    public static func arange(_ end: Scalar, dtype: DType? = nil) throws -> Tensor {
        try arange(start: .int(0), end: end, step: .int(1), dtype: dtype)
    }

    /// `torch.arange(start, end, step=1, dtype=)`: values `start + i·step` below `end`.
    ///
    /// Without a dtype, all-integer arguments give int64 and any float gives the default float
    /// dtype. The length is `ceil((end - start) / step)` in double (exact integer arithmetic when
    /// everything is an int64 integer), float values follow PyTorch's single-threaded CPU kernel
    /// bit for bit (fused multiply-adds in double, restarted every 8 float32 / 4 float64
    /// elements as its vector blocks do), and integer dtypes compute in int64 and wrap.
    public static func arange(start: Scalar = 0, end: Scalar, step: Scalar = 1, dtype: DType? = nil) throws -> Tensor {
        let integral = !start.isFloatingPoint && !end.isFloatingPoint && !step.isFloatingPoint
        let dtype = dtype ?? (integral ? .int64 : DType.defaultFloat)
        if dtype == .bool { throw TensorError.notImplemented("\"arange_cpu\" not implemented for 'Bool'") }
        let count: Int
        if dtype == .int64 && integral {
            let (s, e, st) = (start.int64Value, end.int64Value, step.int64Value)
            guard st != 0 else { throw TensorError.runtime("step must be nonzero") }
            try checkArangeSign(step: Double(st), ascending: e >= s, descending: e <= s)
            let numerator = e &- s &+ st &- (st > 0 ? 1 : -1)
            let (quotient, overflow) = numerator.dividedReportingOverflow(by: st)
            guard !overflow, quotient >= 0 else { throw TensorError.runtime("invalid size, possible overflow?") }
            count = Int(quotient)
        } else {
            let (s, e, st) = (start.doubleValue, end.doubleValue, step.doubleValue)
            guard st != 0 && !st.isNaN else { throw TensorError.runtime("step must be nonzero") }
            guard s.isFinite && e.isFinite else {
                throw TensorError.runtime("unsupported range: \(formatCDouble(s)) -> \(formatCDouble(e))")
            }
            try checkArangeSign(step: st, ascending: e >= s, descending: e <= s)
            let size = ((e - s) / st).rounded(.up)
            guard size >= 0 && size < 0x1p63 else { throw TensorError.runtime("invalid size, possible overflow?") }
            count = Int(size)
        }
        try checkShape([count])
        let out = Tensor.uninitialized([count], dtype: dtype)
        switch dtype {
        case .float32:
            arangeFill(out.pointer(Float.self), count, start.doubleValue, step.doubleValue, lanes: 8)
        case .float64:
            arangeFill(out.pointer(Double.self), count, start.doubleValue, step.doubleValue, lanes: 4)
        case .int64, .int32, .bool:
            let s = try checkedConvert(start, to: .int64, typeName: "int64_t").int64Value
            let st = try checkedConvert(step, to: .int64, typeName: "int64_t").int64Value
            if dtype == .int32 {
                let p = out.pointer(Int32.self)
                for i in 0..<count { p[i] = Int32(truncatingIfNeeded: s &+ st &* Int64(i)) }
            } else {
                let p = out.pointer(Int64.self)
                for i in 0..<count { p[i] = s &+ st &* Int64(i) }
            }
        }
        return out
    }

    private static func checkArangeSign(step: Double, ascending: Bool, descending: Bool) throws {
        guard (step > 0 && ascending) || (step < 0 && descending) else {
            throw TensorError.runtime("upper bound and lower bound inconsistent with step sign")
        }
    }

    /// PyTorch's arange kernel: blocks of 2 × `lanes` elements start from `start + idx·step`
    /// rounded to T and add `k·step` in double; the tail goes element by element.
    @inline(__always)
    private static func arangeFill<T: BinaryFloatingPoint>(_ p: UnsafeMutablePointer<T>, _ n: Int,
                                                           _ start: Double, _ step: Double, lanes: Int) {
        var i = 0
        while i + 2 * lanes <= n {
            for idx in stride(from: i, to: i + 2 * lanes, by: lanes) {
                let base = Double(T(start.addingProduct(step, Double(idx))))
                for k in 0..<lanes { p[idx + k] = T(base.addingProduct(Double(k), step)) }
            }
            i += 2 * lanes
        }
        while i < n {
            p[i] = T(start.addingProduct(step, Double(i)))
            i += 1
        }
    }

    /// `torch.linspace(start, end, steps, dtype=)`: `steps` evenly spaced values from `start`
    /// to `end` inclusive, in the default float dtype unless given.
    ///
    /// PyTorch's symmetric formula, bit for bit: with `step = (end - start) / (steps - 1)` in
    /// the dtype (double for integer dtypes), the first half is `start + i·step` and the second
    /// `end - (steps - 1 - i)·step`, each one fused multiply-add; integers truncate.
    public static func linspace(start: Scalar, end: Scalar, steps: Int, dtype: DType? = nil) throws -> Tensor {
        try evenlySpaced("linspace", start: start, end: end, steps: steps, dtype: dtype) { $0 }
    }

    /// `torch.logspace(start, end, steps, base=10, dtype=)`: `base ** x` for the exponents
    /// `linspace(start, end, steps)` computes (in the dtype; double for integer dtypes).
    ///
    /// Wick raises with libm's double `pow`; PyTorch's vectorised power differs from it by up to
    /// 2 float32 ulps (1 float64 ulp) on some elements, so logspace is close, not bit-exact.
    public static func logspace(start: Scalar, end: Scalar, steps: Int, base: Double = 10,
                                dtype: DType? = nil) throws -> Tensor {
        try evenlySpaced("logspace", start: start, end: end, steps: steps, dtype: dtype,
                         single: Foundation.pow(base, start.doubleValue)) { Foundation.pow(base, $0) }
    }

    @inline(__always)
    private static func evenlySpaced(_ name: String, start: Scalar, end: Scalar, steps: Int, dtype: DType?,
                                     single: Double? = nil, _ transform: (Double) -> Double) throws -> Tensor {
        guard steps >= 0 else { throw TensorError.runtime("number of steps must be non-negative") }
        let dtype = dtype ?? DType.defaultFloat
        if dtype == .bool { throw TensorError.notImplemented("\"\(name)_cpu\" not implemented for 'Bool'") }
        try checkShape([steps])
        let out = Tensor(zeros: [steps], dtype: dtype)
        if steps == 0 { return out }
        if steps == 1 {
            out.fillContiguous(with: try checkedConvert(single.map { .double($0) } ?? start, to: dtype,
                                                        typeName: dtype.cppTypeName))
            return out
        }
        let a = try checkedConvert(start, to: dtype, typeName: dtype.cppTypeName)
        let b = try checkedConvert(end, to: dtype, typeName: dtype.cppTypeName)
        let half = steps / 2
        switch dtype {
        case .float32:
            let (s, e) = (Float(a.doubleValue), Float(b.doubleValue))
            let step = (e - s) / Float(steps - 1)
            let p = out.pointer(Float.self)
            for i in 0..<steps {
                let x = i < half ? s.addingProduct(step, Float(i)) : e.addingProduct(-step, Float(steps - i - 1))
                p[i] = Float(transform(Double(x)))
            }
        case .float64:
            let (s, e) = (a.doubleValue, b.doubleValue)
            let step = (e - s) / Double(steps - 1)
            let p = out.pointer(Double.self)
            for i in 0..<steps {
                let x = i < half ? s.addingProduct(step, Double(i)) : e.addingProduct(-step, Double(steps - i - 1))
                p[i] = transform(x)
            }
        case .int64, .int32, .bool:
            let (s, e) = (Double(a.int64Value), Double(b.int64Value))
            let step = (e - s) / Double(steps - 1)
            for i in 0..<steps {
                let x = i < half ? s.addingProduct(step, Double(i)) : e.addingProduct(-step, Double(steps - i - 1))
                out.storeTruncating(i, transform(x))
            }
        }
        return out
    }

    /// Stores a double into flat index `i` of this contiguous integer tensor as C's cast
    /// compiles on x86 (`cvttsd2si`): truncation, with NaN and out-of-range values giving the
    /// integer minimum.
    func storeTruncating(_ i: Int, _ value: Double) {
        switch dtype {
        case .int64: pointer(Int64.self)[i] = x86Truncate64(value)
        case .int32: pointer(Int32.self)[i] = x86Truncate32(value)
        case .float32: pointer(Float.self)[i] = Float(value)
        case .float64: pointer(Double.self)[i] = value
        case .bool: pointer(Bool.self)[i] = value != 0
        }
    }
}

/// x86's `cvttsd2si` to 64 bits, what PyTorch's double→int64 casts compile to: truncation,
/// and Int64.min for NaN and values outside the int64 range.
@inline(__always) func x86Truncate64(_ d: Double) -> Int64 {
    d >= -0x1p63 && d < 0x1p63 ? Int64(d) : Int64.min
}

/// x86's `cvttsd2si` to 32 bits: truncation, and Int32.min for NaN and out-of-range values.
@inline(__always) func x86Truncate32(_ d: Double) -> Int32 {
    d > -2147483649.0 && d < 2147483648.0 ? Int32(d) : Int32.min
}
