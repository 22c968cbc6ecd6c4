/// Factory functions: tensors filled with a constant, and the `*_like` variants.
extension Tensor {
    /// `torch.full(size, fill_value, dtype=)`: the dtype defaults to the one the value implies
    /// (int → int64, float → the default float dtype, bool → bool).
    public static func full(_ shape: [Int], _ value: Scalar, dtype: DType? = nil) throws -> Tensor {
        try checkShape(shape)
        let dtype = dtype ?? value.defaultDType
        let out = Tensor(zeros: shape, dtype: dtype)
        if value.doubleValue != 0 || value.doubleValue.sign == .minus {
            out.copyElements(from: Tensor(scalar: value, dtype: dtype))
        }
        return out
    }

    /// `torch.zeros(size, dtype=)`.
    public static func zeros(_ shape: [Int], dtype: DType = DType.defaultFloat) throws -> Tensor {
        try checkShape(shape)
        return Tensor(zeros: shape, dtype: dtype)
    }

    /// `torch.ones(size, dtype=)`.
    public static func ones(_ shape: [Int], dtype: DType = DType.defaultFloat) throws -> Tensor {
        try full(shape, .int(1), dtype: dtype)
    }

    /// `torch.zeros_like(self)`.
    public func zerosLike(dtype: DType? = nil) throws -> Tensor { Tensor(zeros: shape, dtype: dtype ?? self.dtype) }

    /// `torch.ones_like(self)`.
    public func onesLike(dtype: DType? = nil) throws -> Tensor { try Tensor.full(shape, .int(1), dtype: dtype ?? self.dtype) }

    /// `torch.full_like(self, value)`.
    public func fullLike(_ value: Scalar, dtype: DType? = nil) throws -> Tensor {
        try Tensor.full(shape, value, dtype: dtype ?? self.dtype)
    }
}
