import Foundation

/// `norm`: `torch.norm` with a numeric order is `linalg.vector_norm` (grad_fn
/// `LinalgVectorNormBackward0`) over any dims; `'fro'` over at most two dims is the 2-norm.
extension Tensor {
    /// `torch.norm(self, p=2, dim=None, keepdim=False)`: the vector p-norm over `dims` (nil or
    /// []: all elements). p may be any number: 2, 1, ±inf (largest/smallest magnitude),
    /// 0 (count of nonzeros), or any other (Σ|x|^p)^(1/p).
    public func norm(p: Scalar = 2, dims: [Int]? = nil, keepdim: Bool = false) throws -> Tensor {
        let text: String
        if case .int(let i) = p { text = String(i) } else { text = formatCDouble(p.doubleValue) }
        return try vectorNorm(ord: p.doubleValue, ordText: text, dims: dims, keepdim: keepdim)
    }

    /// `torch.norm(self, p, dim, keepdim=False)` over one dimension.
    public func norm(p: Scalar = 2, dim d: Int, keepdim: Bool = false) throws -> Tensor {
        try norm(p: p, dims: [d], keepdim: keepdim)
    }

    /// `torch.norm(self, p='fro' | 'nuc', dim=None, keepdim=False)`: `'fro'` over all elements
    /// or at most two dims is the vector 2-norm; the nuclear norm needs an SVD, which wick
    /// does not have.
    public func norm(p: String, dims: [Int]? = nil, keepdim: Bool = false) throws -> Tensor {
        if p == "fro" && (dims?.count ?? 0) <= 2 {
            return try vectorNorm(ord: 2, ordText: "2", dims: dims, keepdim: keepdim)
        }
        guard p == "fro" || p == "nuc" else {
            throw TensorError.runtime("linalg.matrix_norm: Order \(p) not supported.")
        }
        guard dim >= 2 else {
            throw TensorError.runtime("linalg.matrix_norm: The input tensor A must have at least 2 dimensions.")
        }
        let matrixDims = dims ?? Array(0..<dim)
        guard matrixDims.count == 2 else {
            throw TensorError.runtime("linalg.matrix_norm: dim must be a 2-tuple. Got \(matrixDims.map(String.init).joined(separator: " "))")
        }
        throw TensorError.notImplemented("the nuclear norm (torch.norm with p='nuc') is not supported by wick yet")
    }

    private func vectorNorm(ord: Double, ordText: String, dims: [Int]?, keepdim: Bool) throws -> Tensor {
        guard dtype.isFloatingPoint else {
            throw TensorError.notImplemented("linalg.vector_norm: Expected a floating point or complex tensor as input. Got \(dtype.scalarTypeName)")
        }
        let reduced = try reductionDims(dims ?? [])
        if numel == 0 && (ord < 0 || ord.isInfinite) {
            for d in dims ?? [] {
                if shape[try normalizeDim(d, dim)] == 0 {
                    throw TensorError.runtime("linalg.vector_norm cannot compute the \(ordText) norm on the dimension \(d)because this dimension is empty and the operation does not have an identity")
                }
            }
            if (dims ?? []).isEmpty {
                throw TensorError.runtime("linalg.vector_norm cannot compute the \(ordText) norm on an empty tensor because the operation does not have an identity")
            }
        }
        let layout = reductionLayout(reduced)
        let values = dtype == .float32 ? layout.norms(Float.self, ord: ord) : layout.norms(Double.self, ord: ord)
        let out = reductionResult(values, shape: reducedShape(reduced, keepdim: keepdim), dtype: dtype)
        recordOp("LinalgVectorNormBackward0", inputs: [self], outputs: [out], saving: [self, out]) { g, saved in
            let norm = try Tensor.outputForBackward(saved[1], of: saved[0]) {
                try saved[0].vectorNorm(ord: ord, ordText: ordText, dims: dims, keepdim: keepdim)
            }
            return [try Tensor.normBackward(g[0], input: saved[0], norm: norm, ord: ord, reduced: reduced, keepdim: keepdim)]
        }
        return out
    }

    /// PyTorch's `norm_backward`, branch by branch (including its masked_fill of the zero-norm
    /// case, so the gradient of the 2-norm at 0 is 0, and no gradient at all for p = 0).
    static func normBackward(_ grad: Tensor, input: Tensor, norm: Tensor, ord: Double,
                             reduced: Set<Int>, keepdim: Bool) throws -> Tensor? {
        if ord == 0 { return nil }
        let grad = try grad.unsqueezing(reduced, keepdim: keepdim)
        let norm = try norm.unsqueezing(reduced, keepdim: keepdim)
        let fill = "MaskedFillBackward0"
        if ord == 1 { return try input.signValues().mul(grad) }
        if ord == 2 {
            return try grad.mul(input.div(norm).backwardMasked(norm.zeroMask(), keep: false, name: fill))
        }
        if ord.isInfinite {
            // The derivative of amax(abs(self)) that respects NaN: split among the maxima.
            let magnitude = try noGrad { try input.backwardAbs() }
            let mask = try magnitude.equalMask(norm).orMask(magnitude.nanMask())
            let count = try noGrad { try mask.sum(dims: reduced.sorted(), keepdim: true) }
            return try input.signValues().mul(grad.div(count).mul(mask))
        }
        let magnitude = try input.backwardAbs()
        if ord < 1 {
            let scaled = try input.signValues().mul(magnitude.backwardPow(ord - 1)
                .backwardMasked(input.zeroMask(), keep: false, name: fill))
            return try scaled.mul(grad).mul(norm.backwardPow(1 - ord))
        }
        let scaled = ord < 2 ? try input.signValues().mul(magnitude.backwardPow(ord - 1))
                             : try input.mul(magnitude.backwardPow(ord - 2))
        let scale = try grad.div(norm.backwardPow(ord - 1)).backwardMasked(norm.zeroMask(), keep: false, name: fill)
        return try scaled.mul(scale)
    }
}

extension ReductionLayout {
    /// The p-norm of every run, accumulated in double.
    func norms<T: ReductionFloat>(_: T.Type, ord: Double) -> [Double] {
        if ord == 2 { return squareSums(T.self).map { $0.squareRoot() } }
        if ord == 1 { return fold(PowerSumFold<T>(ord: 1)) }
        if ord == 0 { return fold(NonzeroCountFold<T>()) }
        if ord.isInfinite {
            return fold(MagnitudeExtremumFold<T>(max: ord > 0))
        }
        return fold(PowerSumFold<T>(ord: ord)).map { Foundation.pow($0, 1 / ord) }
    }
}

/// Σ |x|^ord (products for the small integer orders).
struct PowerSumFold<T: Element>: ReductionFold {
    let ord: Double
    var initial: Double { 0 }
    @inline(__always) func combine(_ acc: inout Double, _ x: T, _ k: Int) {
        let m = Swift.abs(x.asDouble)
        switch ord {
        case 1: acc += m
        case 3: acc += m * m * m
        case 4: acc += (m * m) * (m * m)
        default: acc += Foundation.pow(m, ord)
        }
    }
}

/// The number of nonzero elements (NaN counts), as a double.
struct NonzeroCountFold<T: Element>: ReductionFold {
    var initial: Double { 0 }
    @inline(__always) func combine(_ acc: inout Double, _ x: T, _ k: Int) { if x.asDouble != 0 { acc += 1 } }
}

/// The largest (or smallest) magnitude; NaN sticks.
struct MagnitudeExtremumFold<T: Element>: ReductionFold {
    let max: Bool
    var initial: Double { max ? 0 : .infinity }
    @inline(__always) func combine(_ acc: inout Double, _ x: T, _ k: Int) {
        if acc.isNaN { return }
        let m = Swift.abs(x.asDouble)
        if m.isNaN || (max ? m > acc : m < acc) { acc = m }
    }
}
