import Foundation

/// Comparisons (`eq ne lt le gt ge`), the float classifiers (`isnan isinf isfinite`) and the
/// closeness tests (`isclose allclose equal`). Results are bool tensors (or Swift Bools for
/// `allclose`/`equal`) and never carry gradients. Operands are compared in their promoted
/// dtype, as PyTorch does (an int64 tensor against 1.5 compares as float32).
extension Tensor {
    /// `torch.eq(self, other)`: `self == other` elementwise.
    public func eq(_ other: Tensor) throws -> Tensor { try compare(.tensor(other), .eq) }
    /// `torch.eq(self, number)`.
    public func eq(_ other: Scalar) throws -> Tensor { try compare(.scalar(other), .eq) }
    /// `torch.ne(self, other)`: `self != other` elementwise.
    public func ne(_ other: Tensor) throws -> Tensor { try compare(.tensor(other), .ne) }
    /// `torch.ne(self, number)`.
    public func ne(_ other: Scalar) throws -> Tensor { try compare(.scalar(other), .ne) }
    /// `torch.lt(self, other)`: `self < other` elementwise.
    public func lt(_ other: Tensor) throws -> Tensor { try compare(.tensor(other), .lt) }
    /// `torch.lt(self, number)`.
    public func lt(_ other: Scalar) throws -> Tensor { try compare(.scalar(other), .lt) }
    /// `torch.le(self, other)`: `self <= other` elementwise.
    public func le(_ other: Tensor) throws -> Tensor { try compare(.tensor(other), .le) }
    /// `torch.le(self, number)`.
    public func le(_ other: Scalar) throws -> Tensor { try compare(.scalar(other), .le) }
    /// `torch.gt(self, other)`: `self > other` elementwise.
    public func gt(_ other: Tensor) throws -> Tensor { try compare(.tensor(other), .gt) }
    /// `torch.gt(self, number)`.
    public func gt(_ other: Scalar) throws -> Tensor { try compare(.scalar(other), .gt) }
    /// `torch.ge(self, other)`: `self >= other` elementwise.
    public func ge(_ other: Tensor) throws -> Tensor { try compare(.tensor(other), .ge) }
    /// `torch.ge(self, number)`.
    public func ge(_ other: Scalar) throws -> Tensor { try compare(.scalar(other), .ge) }

    private func compare(_ other: Operand, _ op: ComparisonOp) throws -> Tensor {
        var dtype = resultType([.tensor(self), other])
        if dtype == .bool { dtype = .int32 }  // bools compare as 0 and 1
        let a = materialize(dtype), b = other.materialize(dtype)
        switch dtype {
        case .float32: return try compareKernel(a, b, Float.self, op)
        case .float64: return try compareKernel(a, b, Double.self, op)
        case .int64: return try compareKernel(a, b, Int64.self, op)
        case .int32, .bool: return try compareKernel(a, b, Int32.self, op)
        }
    }

    /// `torch.isnan`: true where the element is NaN.
    public func isnan() -> Tensor { classify(false) { $0.isNaN } }
    /// `torch.isinf`: true where the element is ±inf.
    public func isinf() -> Tensor { classify(false) { $0.isInfinite } }
    /// `torch.isfinite`: true where the element is neither NaN nor ±inf (always for integers).
    public func isfinite() -> Tensor { classify(true) { $0.isFinite } }

    /// Applies a float predicate; integer and bool tensors give `integral` everywhere.
    @inline(__always)
    private func classify(_ integral: Bool, _ test: (Double) -> Bool) -> Tensor {
        switch dtype {
        case .float32: return unaryMap(self, Float.self, Bool.self) { test(Double($0)) }
        case .float64: return unaryMap(self, Double.self, Bool.self, test)
        default:
            let out = Tensor(zeros: shape, dtype: .bool)
            if integral { out.storage.pointer(Bool.self).update(repeating: true, count: numel) }
            return out
        }
    }

    /// `torch.isclose(self, other, rtol=, atol=, equal_nan=)`: |self − other| ≤ atol +
    /// rtol·|other| elementwise, with PyTorch's handling of infinities and NaN.
    public func isclose(_ other: Tensor, rtol: Double = 1e-05, atol: Double = 1e-08, equalNan: Bool = false) throws -> Tensor {
        guard dtype == other.dtype else {
            throw TensorError.runtime("\(dtype.scalarTypeName) did not match \(other.dtype.scalarTypeName)")
        }
        guard rtol >= 0 else { throw TensorError.runtime("rtol must be greater than or equal to zero, but got \(String(format: "%g", rtol))") }
        guard atol >= 0 else { throw TensorError.runtime("atol must be greater than or equal to zero, but got \(String(format: "%g", atol))") }
        return try noGrad {
            var close = try eq(other)
            if equalNan && dtype.isFloatingPoint { close = try close.logicalOr(isnan().logicalAnd(other.isnan())) }
            if rtol == 0 && atol == 0 { return close }
            let a = dtype == .bool ? contiguousCopy(dtype: DType.defaultFloat) : self
            let b = dtype == .bool ? other.contiguousCopy(dtype: DType.defaultFloat) : other
            let allowed = try b.mul(.double(rtol)).abs().add(.double(atol))
            let actual = try a.sub(b).abs()
            return try close.logicalOr(actual.isfinite().logicalAnd(actual.le(allowed)))
        }
    }

    /// `torch.allclose(self, other, rtol=, atol=, equal_nan=)`: true when every element is close.
    public func allclose(_ other: Tensor, rtol: Double = 1e-05, atol: Double = 1e-08, equalNan: Bool = false) throws -> Bool {
        try isclose(other, rtol: rtol, atol: atol, equalNan: equalNan).toArray(Bool.self).allSatisfy { $0 }
    }

    /// `torch.equal(self, other)`: true when both have the same shape and equal elements.
    public func equal(_ other: Tensor) throws -> Bool {
        guard shape == other.shape else { return false }
        return try eq(other).toArray(Bool.self).allSatisfy { $0 }
    }
}

/// The six comparisons.
enum ComparisonOp { case eq, ne, lt, le, gt, ge }

/// Compares two tensors of `T`'s dtype, broadcast together, into a bool tensor.
private func compareKernel<T: Element & Comparable>(_ a: Tensor, _ b: Tensor, _: T.Type, _ op: ComparisonOp) throws -> Tensor {
    switch op {
    case .eq: return try binaryMap(a, b, T.self, T.self, Bool.self) { $0 == $1 }
    case .ne: return try binaryMap(a, b, T.self, T.self, Bool.self) { $0 != $1 }
    case .lt: return try binaryMap(a, b, T.self, T.self, Bool.self) { $0 < $1 }
    case .le: return try binaryMap(a, b, T.self, T.self, Bool.self) { $0 <= $1 }
    case .gt: return try binaryMap(a, b, T.self, T.self, Bool.self) { $0 > $1 }
    case .ge: return try binaryMap(a, b, T.self, T.self, Bool.self) { $0 >= $1 }
    }
}
