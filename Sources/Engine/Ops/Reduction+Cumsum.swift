/// `cumsum`: running sums along a dimension (accumulated in double for floats, as PyTorch's
/// CPU kernel does), with `CumsumBackward0` = the reversed running sum of the gradient.
extension Tensor {
    /// `torch.cumsum(self, dim, dtype=None)`: element i along `dim` is the sum of elements
    /// 0...i. Integer and bool inputs give int64 unless `dtype` says otherwise.
    public func cumsum(dim d: Int, dtype: DType? = nil) throws -> Tensor {
        let n = try normalizeDim(d, dim)
        let outDtype = dtype ?? (self.dtype.isFloatingPoint ? self.dtype : .int64)
        try checkDifferentiableResult(outDtype)
        let out = runningSums(along: n, dtype: outDtype, reverse: false)
        let inputDtype = self.dtype
        recordOp("CumsumBackward0", inputs: [self], outputs: [out]) { g, _ in
            // cumsum_backward(grad.to(self.dtype), dim): the reversed cumulative sum.
            let grad = try g[0].to(inputDtype)
            if grad.numel <= 1 || grad.dim == 0 || grad.shape[n] == 1 { return [grad] }
            return [try grad.reversedCumsum(dim: n)]
        }
        return out
    }

    /// `x.flip(dim).cumsum(dim).flip(dim)`: element i is the sum of elements i... along
    /// `dim` (normalized). Recorded as the `FlipBackward0` that ends PyTorch's formula; its
    /// gradient is a plain cumsum.
    func reversedCumsum(dim n: Int) throws -> Tensor {
        let out = runningSums(along: n, dtype: dtype, reverse: true)
        recordOp("FlipBackward0", inputs: [self], outputs: [out]) { g, _ in [try g[0].cumsum(dim: n)] }
        return out
    }

    /// The running sums along `n` (from the end when `reverse`), in `outDtype`.
    private func runningSums(along n: Int, dtype outDtype: DType, reverse: Bool) -> Tensor {
        let reduced: Set<Int> = dim == 0 ? [] : [n]
        if outDtype.isFloatingPoint {
            let layout = reductionLayout(reduced, as: dtype.isFloatingPoint ? nil : .float64, sameOrder: true)
            switch (layout.source.dtype, outDtype) {
            case (.float32, .float32): return layout.scan(Float.self, Float.self, Double.self, reverse: reverse)
            case (.float32, _): return layout.scan(Float.self, Double.self, Double.self, reverse: reverse)
            case (_, .float32): return layout.scan(Double.self, Float.self, Double.self, reverse: reverse)
            default: return layout.scan(Double.self, Double.self, Double.self, reverse: reverse)
            }
        }
        let layout = reductionLayout(reduced, as: dtype.isFloatingPoint ? .int64 : nil, sameOrder: true)
        let sums: Tensor
        switch layout.source.dtype {
        case .int32: sums = layout.scan(Int32.self, Int64.self, Int64.self, reverse: reverse)
        case .bool: sums = layout.scan(Bool.self, Int64.self, Int64.self, reverse: reverse)
        default: sums = layout.scan(Int64.self, Int64.self, Int64.self, reverse: reverse)
        }
        return outDtype == .int64 ? sums : sums.contiguousCopy(dtype: outDtype)
    }
}

/// Accumulators of running sums: double for floats, wrapping int64 for integers.
protocol ScanAccumulator: Element {
    static func accumulate(_ acc: Self, _ x: Double, _ i: Int64) -> Self
}

extension Double: ScanAccumulator {
    @inline(__always) static func accumulate(_ acc: Double, _ x: Double, _ i: Int64) -> Double { acc + x }
}

extension Int64: ScanAccumulator {
    @inline(__always) static func accumulate(_ acc: Int64, _ x: Double, _ i: Int64) -> Int64 { acc &+ i }
}

extension ReductionLayout {
    /// Running sums of every run of the layout (its shape is the input's, since the scanned
    /// dim is one block), reading `S`, accumulating in `A` and writing `R`.
    func scan<S: Element, R: Element, A: ScanAccumulator>(_: S.Type, _: R.Type, _: A.Type, reverse: Bool) -> Tensor {
        let out = Tensor.uninitialized(source.shape, dtype: R.dtype)
        let src = source.pointer(S.self), dst = out.storage.pointer(R.self)
        let size = self.size, inner = self.inner
        let isFloat = A.dtype.isFloatingPoint
        var accumulators = [A](repeating: A.zero, count: inner)
        accumulators.withUnsafeMutableBufferPointer { acc in
            for o in 0..<outer {
                if inner == 1 {
                    var a = A.zero
                    for step in 0..<size {
                        let at = o * size + (reverse ? size - 1 - step : step)
                        let x = src[at]
                        a = A.accumulate(a, isFloat ? x.asDouble : 0, isFloat ? 0 : x.asInt64)
                        dst[at] = isFloat ? R(fromDouble: a.asDouble) : R(fromInt64: a.asInt64)
                    }
                    continue
                }
                for i in 0..<inner { acc[i] = A.zero }
                for step in 0..<size {
                    let k = reverse ? size - 1 - step : step
                    let row = (o * size + k) * inner
                    for i in 0..<inner {
                        let x = src[row + i]
                        let a = A.accumulate(acc[i], isFloat ? x.asDouble : 0, isFloat ? 0 : x.asInt64)
                        acc[i] = a
                        dst[row + i] = isFloat ? R(fromDouble: a.asDouble) : R(fromInt64: a.asInt64)
                    }
                }
            }
        }
        return out
    }
}
