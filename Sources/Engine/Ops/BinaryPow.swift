import Foundation

/// `pow` in its three forms, as PyTorch records them: tensor ** number (`PowBackward0`),
/// tensor ** tensor (`PowBackward1`) and number ** tensor (`PowBackward2`).
extension Tensor {
    /// `torch.pow(self, exponent)` with a number exponent; `x ** 2`.
    public func pow(_ exponent: Scalar) throws -> Tensor {
        let out = try powScalarKernel(self, exponent)
        recordOp("PowBackward0", inputs: [self], outputs: [out], saving: [self]) { g, saved in
            [try powBackwardSelf(g[0], saved[0], exponent)]
        }
        return out
    }

    /// `torch.pow(self, exponent)` with a tensor exponent, broadcast together.
    public func pow(_ exponent: Tensor) throws -> Tensor {
        let dtype = resultType([.tensor(self), .tensor(exponent)])
        let out = try powTensorKernel(materialize(dtype), exponent.materialize(dtype), dtype)
        try recordPowTensor(exponent, out: out, original: self)
        return out
    }

    /// `torch.pow(number, exponent)`: a number raised to each element; `2 ** x`.
    public static func pow(_ base: Scalar, _ exponent: Tensor) throws -> Tensor {
        let dtype = resultType([.scalar(base), .tensor(exponent)])
        let out: Tensor
        if base.doubleValue == 1 && dtype != .bool {
            out = try Tensor.full(exponent.shape, .int(1), dtype: dtype)
        } else {
            out = try powTensorKernel(Tensor(scalar: base, dtype: dtype), exponent.materialize(dtype), dtype)
        }
        recordOp("PowBackward2", inputs: [exponent], outputs: [out], saving: [exponent, out]) { g, saved in
            let (exponent, result) = (saved[0], saved[1])
            if base.doubleValue == 0 {
                return [try g[0].mul(Tensor.where(exponent.ge(0), 0, result.mul(.double(-.infinity))))]
            }
            return [try g[0].mul(result.mul(.double(Foundation.log(base.doubleValue))))]
        }
        return out
    }

    /// `pow_(exponent)` with a number.
    @discardableResult
    public func powInPlace(_ exponent: Scalar) throws -> Tensor {
        try applyInPlace(UnaryOp(gradFn: "PowBackward0", saves: .input, forward: { try powScalarKernel($0, exponent) },
                                 backward: { g, x in try powBackwardSelf(g, x, exponent) }))
    }

    /// `pow_(exponent)` with a tensor broadcast to this tensor's shape.
    @discardableResult
    public func powInPlace(_ exponent: Tensor) throws -> Tensor {
        try checkInPlace()
        try checkNoPartialOverlap(with: exponent)
        let dtype = resultType([.tensor(self), .tensor(exponent)])
        try checkInPlaceResult(dtype)
        let original = needsGrad([self, exponent]) ? contiguousCopy() : self
        let exponentValue = snapshotIfOverwritten(exponent)
        let value = try powTensorKernel(materialize(dtype), exponent.materialize(dtype), dtype)
        guard value.shape == shape else {
            throw TensorError.runtime("output with shape \(formatShapeList(shape)) doesn't match the broadcast shape \(formatShapeList(value.shape))")
        }
        try checkNoInternalOverlap()
        copyElements(from: value)
        bumpVersion()
        try recordPowTensor(exponent, out: self, original: original, exponentValue: exponentValue)
        return self
    }

    /// Records PowBackward1 for `out = original ** exponent`.
    private func recordPowTensor(_ exponent: Tensor, out: Tensor, original: Tensor, exponentValue: Tensor? = nil) throws {
        let formula: BackwardFormula = { g, saved in
            let (base, exponent, result) = (saved[0], saved[1], saved[2])
            let gBase = try Tensor.where(exponent.eq(0.0), 0, g[0].mul(exponent.mul(base.pow(exponent.sub(1)))))
            let cond = try base.eq(0).logicalAnd(exponent.ge(0))
            let promoted = try base.to(resultType([.tensor(base), .tensor(exponent)]))
            let gExponent = try g[0].mul(Tensor.where(cond, 0, result.mul(promoted.log())))
            return [gBase, gExponent]
        }
        if out === self {
            try recordInPlace("PowBackward1", others: [exponent], saving: [original, exponentValue ?? exponent, self], formula)
        } else {
            recordOp("PowBackward1", inputs: [self, exponent], outputs: [out], saving: [self, exponent, out], formula)
        }
    }
}

/// PyTorch's `pow_backward`: zeros for exponent 0, else grad · (e · x^(e−1)).
private func powBackwardSelf(_ g: Tensor, _ x: Tensor, _ exponent: Scalar) throws -> Tensor {
    if exponent.doubleValue == 0 { return try x.zerosLike() }
    let e = exponent.doubleValue
    return try g.mul(x.pow(.double(e - 1)).mul(.double(e)))
}

/// tensor ** number with PyTorch's dtype rules and special cases (0 → ones, 1 → copy, ±0.5,
/// −1, ±2, 3 as sqrt / rsqrt / reciprocal / products).
private func powScalarKernel(_ x: Tensor, _ exponent: Scalar) throws -> Tensor {
    let dtype = resultType([.tensor(x), .scalar(exponent)])
    if exponent.isIntegral && exponent.int64Value < 0 && !x.dtype.isFloatingPoint {
        throw TensorError.runtime("Integers to negative integer powers are not allowed.")
    }
    if dtype == .bool { throw TensorError.notImplemented("\"pow\" not implemented for 'Bool'") }
    let e = exponent.doubleValue
    if e == 0 { return try Tensor.full(x.shape, .int(1), dtype: dtype) }
    let base = x.materialize(dtype)
    if e == 1 { return base === x ? x.contiguousCopy() : base }
    switch dtype {
    case .float32:
        switch e {
        case 0.5: return unaryMap(base, Float.self, Float.self) { $0.squareRoot() }
        case -0.5: return unaryMap(base, Float.self, Float.self) { 1 / $0.squareRoot() }
        case -1: return unaryMap(base, Float.self, Float.self) { 1 / $0 }
        case 2: return unaryMap(base, Float.self, Float.self) { $0 * $0 }
        case 3: return unaryMap(base, Float.self, Float.self) { $0 * $0 * $0 }
        case -2: return unaryMap(base, Float.self, Float.self) { 1 / ($0 * $0) }
        default: return unaryMap(base, Float.self, Float.self) { Float(Foundation.pow(Double($0), e)) }
        }
    case .float64:
        switch e {
        case 0.5: return unaryMap(base, Double.self, Double.self) { $0.squareRoot() }
        case -0.5: return unaryMap(base, Double.self, Double.self) { 1 / $0.squareRoot() }
        case -1: return unaryMap(base, Double.self, Double.self) { 1 / $0 }
        case 2: return unaryMap(base, Double.self, Double.self) { $0 * $0 }
        case 3: return unaryMap(base, Double.self, Double.self) { $0 * $0 * $0 }
        case -2: return unaryMap(base, Double.self, Double.self) { 1 / ($0 * $0) }
        default: return unaryMap(base, Double.self, Double.self) { Foundation.pow($0, e) }
        }
    case .int64:
        let n = exponent.int64Value
        return unaryMap(base, Int64.self, Int64.self) { integerPower($0, n) }
    case .int32, .bool:
        let n = Int32(truncatingIfNeeded: exponent.int64Value)
        return unaryMap(base, Int32.self, Int32.self) { integerPower($0, n) }
    }
}

/// tensor ** tensor in `dtype` (both operands converted), broadcast together.
private func powTensorKernel(_ a: Tensor, _ b: Tensor, _ dtype: DType) throws -> Tensor {
    switch dtype {
    case .float32: return try binaryMap(a, b, Float.self, Float.self, Float.self) { Foundation.pow($0, $1) }
    case .float64: return try binaryMap(a, b, Double.self, Double.self, Double.self) { Foundation.pow($0, $1) }
    case .int64: return try binaryMap(a, b, Int64.self, Int64.self, Int64.self) { integerPower($0, $1) }
    case .int32: return try binaryMap(a, b, Int32.self, Int32.self, Int32.self) { integerPower($0, $1) }
    case .bool: throw TensorError.notImplemented("\"pow\" not implemented for 'Bool'")
    }
}

/// PyTorch's `powi`: exponentiation by squaring with wrapping products; a negative exponent
/// gives 1 for base 1, ±1 for base −1 and 0 otherwise.
@inline(__always)
func integerPower<T: FixedWidthInteger & SignedInteger>(_ base: T, _ exponent: T) -> T {
    if exponent < 0 {
        if base == 1 { return 1 }
        if base == -1 { return exponent & 1 == 0 ? 1 : -1 }
        return 0
    }
    var result: T = 1, a = base, b = exponent
    while b != 0 {
        if b & 1 != 0 { result = result &* a }
        b >>= 1
        a = a &* a
    }
    return result
}

extension Scalar {
    /// True for Python ints and bools.
    var isIntegral: Bool { if case .double = self { return false } else { return true } }
}
