/// `prod`: the product of elements, with PyTorch's backward that stays exact when the input
/// holds zeros (products of all the other elements instead of result / input).
extension Tensor {
    /// `torch.prod(self, dtype=)`: the product of all elements as a 0-d tensor. Integer and
    /// bool inputs give int64 (wrapping on overflow); an empty tensor gives 1.
    public func prod(dtype: DType? = nil) throws -> Tensor {
        try prod(reduced: Set(0..<dim), along: nil, keepdim: false, dtype: dtype)
    }

    /// `torch.prod(self, dim, keepdim=, dtype=)` along one dimension.
    public func prod(dim d: Int, keepdim: Bool = false, dtype: DType? = nil) throws -> Tensor {
        let n = try normalizeDim(d, dim)
        return try prod(reduced: dim == 0 ? [] : [n], along: n, keepdim: keepdim, dtype: dtype)
    }

    private func prod(reduced: Set<Int>, along d: Int?, keepdim: Bool, dtype: DType?) throws -> Tensor {
        let outDtype = dtype ?? (self.dtype.isFloatingPoint ? self.dtype : .int64)
        try checkDifferentiableResult(outDtype)
        let outShape = reducedShape(reduced, keepdim: keepdim)
        let out: Tensor
        if outDtype.isFloatingPoint {
            let layout = reductionLayout(reduced, as: self.dtype.isFloatingPoint ? nil : .float64)
            let values = layout.source.dtype == .float32 ? layout.fold(FloatProductFold<Float>())
                                                         : layout.fold(FloatProductFold<Double>())
            out = reductionResult(values, shape: outShape, dtype: outDtype)
        } else {
            let layout = reductionLayout(reduced, as: self.dtype.isFloatingPoint ? .int64 : nil)
            let values: [Int64]
            switch layout.source.dtype {
            case .int32: values = layout.fold(IntProductFold<Int32>())
            case .bool: values = layout.fold(IntProductFold<Bool>())
            default: values = layout.fold(IntProductFold<Int64>())
            }
            out = reductionResult(values, shape: outShape, dtype: outDtype)
        }
        let name = d == nil ? "ProdBackward0" : "ProdBackward1"
        recordOp(name, inputs: [self], outputs: [out], saving: [self, out]) { g, saved in
            let result = try Tensor.outputForBackward(saved[1], of: saved[0]) {
                try saved[0].prod(reduced: reduced, along: d, keepdim: keepdim, dtype: dtype)
            }
            return [try Tensor.prodBackward(g[0], input: saved[0], result: result, dim: d, keepdim: keepdim)]
        }
        return out
    }

    /// PyTorch's `prod_backward`: grad · result / input without zeros, else grad times the
    /// product of every other element along the reduced run (`prod_safe_zeros_backward`).
    static func prodBackward(_ grad: Tensor, input: Tensor, result: Tensor, dim d: Int?, keepdim: Bool) throws -> Tensor {
        if input.dim == 0 { return grad }
        var grad = grad, result = result
        if let d, !keepdim {
            grad = try grad.unsqueeze(d)
            result = try result.unsqueeze(d)
        }
        let zeros = input.zeroMask().countTrue()
        if zeros == 0 { return try grad.mul(result.div(input)) }
        if d == nil && zeros > 1 && !GradMode.enabled { return try input.zerosLike() }
        let run: Set<Int> = d.map { [$0] } ?? Set(0..<input.dim)
        return try grad.mul(input.exclusiveProducts(run))
    }

    /// For every element, the product of the other elements of its run along `dims` (one dim,
    /// or all of them), as PyTorch computes it: an exclusive cumulative product from
    /// the left times one from the right, each accumulated in double and rounded to the dtype.
    /// Recorded as the `MulBackward0` that ends PyTorch's formula, so that second derivatives
    /// work; a third derivative through it is not supported.
    func exclusiveProducts(_ dims: Set<Int>) throws -> Tensor {
        let layout = reductionLayout(dims, as: dtype == .float32 ? .float32 : .float64, sameOrder: true)
        let out = Tensor.uninitialized(shape, dtype: layout.source.dtype)
        switch layout.source.dtype {
        case .float32: exclusiveProductsKernel(layout, out, Float.self)
        default: exclusiveProductsKernel(layout, out, Double.self)
        }
        recordOp("MulBackward0", inputs: [self], outputs: [out], saving: [self]) { g, saved in
            [try saved[0].exclusiveProductsGradient(g[0], dims)]
        }
        return out
    }

    /// The gradient of `exclusiveProducts`: for element k, the sum over i ≠ k of
    /// g[i] · (product of the run without i and k); quadratic in the run length, which only
    /// second derivatives through zeros pay.
    private func exclusiveProductsGradient(_ grad: Tensor, _ dims: Set<Int>) throws -> Tensor {
        let x = reductionLayout(dims, as: .float64, sameOrder: true)
        let g = grad.reductionLayout(dims, as: .float64, sameOrder: true)
        let values = Tensor(zeros: [x.outer, x.size, x.inner], dtype: .float64)
        let px = x.source.pointer(Double.self), pg = g.source.pointer(Double.self)
        let out = values.storage.pointer(Double.self)
        let n = x.size, inner = x.inner
        var left = [Double](repeating: 0, count: n)
        for o in 0..<x.outer {
            for i in 0..<inner {
                let base = o * n * inner + i
                for k in 0..<n {
                    // Exclusive products of the run with x[k] replaced by 1, weighted by g.
                    var prefix = 1.0
                    for j in 0..<n {
                        left[j] = prefix
                        if j != k { prefix *= px[base + j * inner] }
                    }
                    var suffix = 1.0, total = 0.0
                    for j in stride(from: n - 1, through: 0, by: -1) where j != k {
                        total += pg[base + j * inner] * left[j] * suffix
                        suffix *= px[base + j * inner]
                    }
                    out[base + k * inner] = total
                }
            }
        }
        let result = try values.reshape(shape).to(grad.dtype)
        if needsGrad([self, grad]) {
            recordOp("MulBackward0", inputs: [self, grad], outputs: [result]) { _, _ in
                throw TensorError.notImplemented("the third derivative of prod() with zeros in the input is not supported by wick yet")
            }
        }
        return result
    }
}

/// Writes, for each run of the layout, prefix[k] · suffix[k] with both exclusive products
/// accumulated in double and rounded to `T` first (PyTorch's two cumprods).
private func exclusiveProductsKernel<T: Element & FloatingPoint>(_ layout: ReductionLayout, _ out: Tensor, _: T.Type) {
    let src = layout.source.pointer(T.self), dst = out.storage.pointer(T.self)
    let n = layout.size, inner = layout.inner
    for o in 0..<layout.outer {
        for i in 0..<inner {
            var prefix = 1.0
            for k in 0..<n {
                let at = (o * n + k) * inner + i
                dst[at] = T(fromDouble: prefix)
                prefix *= src[at].asDouble
            }
            var suffix = 1.0
            for k in stride(from: n - 1, through: 0, by: -1) {
                let at = (o * n + k) * inner + i
                dst[at] = dst[at] * T(fromDouble: suffix)
                suffix *= src[at].asDouble
            }
        }
    }
}
