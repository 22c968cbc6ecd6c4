/// dtype conversion with autograd (`to`, `float`, `double`, `long`, …).
extension Tensor {
    /// `to(dtype)`: this tensor if it already has `dtype`, else a converted copy
    /// (`ToCopyBackward0` carries gradients back to the original dtype).
    public func to(_ dtype: DType) throws -> Tensor {
        if dtype == self.dtype { return self }
        let out = contiguousCopy(dtype: dtype)
        guard dtype.isFloatingPoint else { return out }
        let original = self.dtype
        recordOp("ToCopyBackward0", inputs: [self], outputs: [out]) { g, _ in [try g[0].to(original)] }
        return out
    }
}
