import Foundation

/// `var`, `std` and `logsumexp`: reductions computed in two passes in double precision (the
/// mean, then the squared deviations; the maximum, then the shifted exponentials).
extension Tensor {
    /// `torch.var(self, dim=None, *, correction=1, keepdim=False)`: the variance over `dims`
    /// (nil: all elements; [] reduces all too), dividing by max(0, N − correction) as PyTorch
    /// does, so a correction of N or more gives inf or nan.
    public func `var`(dims: [Int]? = nil, correction: Double = 1, keepdim: Bool = false) throws -> Tensor {
        try variance(dims: dims, correction: correction, keepdim: keepdim, takeSqrt: false)
    }

    /// `torch.var(self, dim, unbiased, keepdim)`: `unbiased` is correction 1, else 0.
    public func `var`(dims: [Int]? = nil, unbiased: Bool, keepdim: Bool = false) throws -> Tensor {
        try variance(dims: dims, correction: unbiased ? 1 : 0, keepdim: keepdim, takeSqrt: false)
    }

    /// `torch.std(self, dim=None, *, correction=1, keepdim=False)`: the square root of `var`.
    public func std(dims: [Int]? = nil, correction: Double = 1, keepdim: Bool = false) throws -> Tensor {
        try variance(dims: dims, correction: correction, keepdim: keepdim, takeSqrt: true)
    }

    /// `torch.std(self, dim, unbiased, keepdim)`: `unbiased` is correction 1, else 0.
    public func std(dims: [Int]? = nil, unbiased: Bool, keepdim: Bool = false) throws -> Tensor {
        try variance(dims: dims, correction: unbiased ? 1 : 0, keepdim: keepdim, takeSqrt: true)
    }

    private func variance(dims: [Int]?, correction: Double, keepdim: Bool, takeSqrt: Bool,
                          warn: Bool = true) throws -> Tensor {
        guard dtype.isFloatingPoint else {
            throw TensorError.notImplemented("std and var only support floating point and complex dtypes")
        }
        let reduced = try reductionDims(dims ?? [])
        let layout = reductionLayout(reduced)
        let factor = layout.outCount == 0 ? 0 : numel / layout.outCount
        if warn && Double(factor) - correction <= 0 {
            Autograd.warn("\(takeSqrt ? "std" : "var")(): degrees of freedom is <= 0. Correction should be strictly less than the reduction factor (input numel divided by output numel). (Triggered internally at /__w/pytorch/pytorch/aten/src/ATen/native/ReduceOps.cpp:1927.)")
        }
        var values = dtype == .float32 ? layout.squaredDeviations(Float.self) : layout.squaredDeviations(Double.self)
        let divisor = Swift.max(0, Double(layout.size) - correction)
        for i in values.indices {
            values[i] /= divisor
            if takeSqrt { values[i] = values[i].squareRoot() }
        }
        let out = reductionResult(values, shape: reducedShape(reduced, keepdim: keepdim), dtype: dtype)
        if takeSqrt {
            recordOp("StdBackward0", inputs: [self], outputs: [out], saving: [self, out]) { g, saved in
                // std_backward: (grad / (2·result)).masked_fill_(result == 0, 0), then var's.
                let result = try Tensor.outputForBackward(saved[1], of: saved[0]) {
                    try saved[0].variance(dims: dims, correction: correction, keepdim: keepdim, takeSqrt: true, warn: false)
                }
                let gradVar = try g[0].div(result.mul(.int(2))).backwardMasked(result.zeroMask(), keep: false,
                                                                                   name: "MaskedFillBackward0")
                return [try Tensor.varBackward(gradVar, saved[0], dims: dims, reduced: reduced,
                                               correction: correction, keepdim: keepdim)]
            }
        } else {
            recordOp("VarBackward0", inputs: [self], outputs: [out], saving: [self]) { g, saved in
                [try Tensor.varBackward(g[0], saved[0], dims: dims, reduced: reduced, correction: correction, keepdim: keepdim)]
            }
        }
        return out
    }

    /// PyTorch's `var_backward`. Without dims (or for a 0-d input) it divides by
    /// numel − correction and, when that is not positive, returns grad times nan where
    /// self equals its mean and inf elsewhere; with dims it divides by the size of the
    /// reduced dims minus the correction, whatever its sign (an empty dim list counts as 1
    /// there, as in PyTorch).
    static func varBackward(_ grad: Tensor, _ input: Tensor, dims: [Int]?, reduced: Set<Int>,
                            correction: Double, keepdim: Bool) throws -> Tensor {
        guard input.dim > 0, let dims else {
            let dof = Double(input.numel) - correction
            if dof <= 0 {
                let equal = try input.equalMask(noGrad { try input.mean() })
                let factor = input.dtype == .float32
                    ? unaryMap(equal, Bool.self, Float.self) { $0 ? .nan : .infinity }
                    : unaryMap(equal, Bool.self, Double.self) { $0 ? .nan : .infinity }
                return try grad.mul(factor)
            }
            return try grad.mul(.double(2 / dof)).mul(input.sub(input.mean()))
        }
        var grad = grad
        if !keepdim && input.dim > 1 { grad = try grad.unsqueezing(reduced, keepdim: false) }
        let rnumel = dims.isEmpty ? 1 : input.reducedCount(reduced)
        return try grad.mul(.double(2 / (Double(rnumel) - correction)))
            .mul(input.sub(input.mean(dims: dims, keepdim: true)))
    }

    /// `torch.logsumexp(self, dim, keepdim=False)`: log(sum(exp(self))) over `dims`, computed
    /// stably as max + log(sum(exp(self − max))) (with shift 0 where the max is infinite).
    /// Integer and bool inputs are converted to the default float dtype first.
    public func logsumexp(dims: [Int], keepdim: Bool = false) throws -> Tensor {
        if !dtype.isFloatingPoint { return try to(DType.defaultFloat).logsumexp(dims: dims, keepdim: keepdim) }
        if dims.isEmpty && dim > 0 && !keepdim {
            throw TensorError.runtime("output with shape [] doesn't match the broadcast shape \(formatShapeList([Int](repeating: 1, count: dim)))")
        }
        let reduced = try reductionDims(dims)
        let layout = reductionLayout(reduced)
        let values = dtype == .float32 ? layout.logSumExp(Float.self) : layout.logSumExp(Double.self)
        let out = reductionResult(values, shape: reducedShape(reduced, keepdim: keepdim), dtype: dtype)
        recordOp("LogsumexpBackward0", inputs: [self], outputs: [out], saving: [self, out]) { g, saved in
            let input = saved[0]
            let grad = try g[0].unsqueezing(reduced, keepdim: keepdim)
            let result = try Tensor.outputForBackward(saved[1], of: input) { try input.logsumexp(dims: dims, keepdim: keepdim) }
                .unsqueezing(reduced, keepdim: keepdim)
            return [try grad.mul(input.sub(result).backwardExp())]
        }
        return out
    }

    /// `torch.logsumexp(self, dim, keepdim=False)` over one dimension.
    public func logsumexp(dim: Int, keepdim: Bool = false) throws -> Tensor {
        try logsumexp(dims: [dim], keepdim: keepdim)
    }
}

extension ReductionLayout {
    /// log Σ exp(x) of every run: the maximum first (NaN propagates), then the sum of
    /// exp(x − shift) with shift = max, or 0 where the max is ±inf; empty runs give -inf.
    /// float32 takes float exponentials (as PyTorch does) summed in double.
    func logSumExp<T: ReductionFloat>(_: T.Type) -> [Double] {
        let shifts = floatExtrema(T.self, max: true).map { $0.isInfinite ? 0 : $0.asDouble }
        var sums = [Double](repeating: 0, count: outCount)
        let p = source.pointer(T.self)
        let size = self.size, inner = self.inner
        sums.withUnsafeMutableBufferPointer { s in
            for o in 0..<outer {
                if inner == 1 {
                    let row = p + o * size, shift = shifts[o]
                    var total = 0.0
                    if T.self == Float.self {
                        let rowF = UnsafeMutableRawPointer(row).assumingMemoryBound(to: Float.self), shiftF = Float(shift)
                        for k in 0..<size { total += Double(Foundation.exp(rowF[k] - shiftF)) }
                    } else {
                        for k in 0..<size { total += Foundation.exp(row[k].asDouble - shift) }
                    }
                    s[o] = total
                    continue
                }
                for k in 0..<size {
                    let row = p + (o * size + k) * inner
                    for i in 0..<inner { s[o * inner + i] += Foundation.exp(row[i].asDouble - shifts[o * inner + i]) }
                }
            }
        }
        return zip(sums, shifts).map { Foundation.log($0) + $1 }
    }
}
