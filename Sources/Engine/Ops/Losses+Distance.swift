import Foundation

/// The embedding losses (cosine_embedding_loss, triplet_margin_loss) and the small
/// functionals they stand on (pairwise_distance, cosine_similarity, normalize, one_hot), all
/// composed of tensor ops as ATen and torch.nn.functional compose them, so their graphs
/// carry PyTorch's grad_fn names (`NormBackward1`, `ClampMinBackward0`, …).
extension Tensor {
    /// `F.cosine_embedding_loss(input1, input2, target, margin=0, reduction='mean')`: 1 − cos
    /// for targets 1, max(0, cos − margin) for targets −1.
    public static func cosineEmbeddingLoss(_ input1: Tensor, _ input2: Tensor, _ target: Tensor, margin: Double = 0,
                                           reduction: String = "mean") throws -> Tensor {
        let r = try LossReduction(reduction)
        let targetDim = target.dim
        guard targetDim == 1 || targetDim == 0 else {
            throw TensorError.runtime("0D or 1D target tensor expected, multi-target not supported")
        }
        if targetDim == 1 {
            guard input1.dim == 2 && input2.dim == 2 else {
                throw TensorError.runtime("1D target tensor expects 2D input tensors, but found inputs with sizes \(formatShapeList(input1.shape)) and \(formatShapeList(input2.shape)).")
            }
        } else {
            guard input1.dim == 1 && input2.dim == 1 else {
                throw TensorError.runtime("0D target tensor expects 1D input tensors, but found inputs with sizes \(formatShapeList(input1.shape)) and \(formatShapeList(input2.shape)).")
            }
        }
        let productSum = try input1.mul(input2).sum(dim: targetDim)
        let squared1 = try scalarAdd1(input1.mul(input1).sum(dim: targetDim), 1e-12)
        let squared2 = try scalarAdd1(input2.mul(input2).sum(dim: targetDim), 1e-12)
        let cos = try productSum.div(squared1.mul(squared2).sqrt())
        let zeros = try cos.zerosLike()
        let positive = try cos.onesLike().sub(cos)
        let negative = try clampMin(scalarAdd1(cos, -margin, name: "SubBackward1"), 0)
        let output = try Tensor.where(target.eq(1), positive, zeros).add(Tensor.where(target.eq(-1), negative, zeros))
        return try r.apply(output)
    }

    /// `F.triplet_margin_loss(anchor, positive, negative, margin=1.0, p=2, eps=1e-6,
    /// swap=False, reduction='mean')`: max(d(a, p) − d(a, n) + margin, 0) with the p-norm
    /// pairwise distance (`swap` also tries d(p, n)).
    public static func tripletMarginLoss(_ anchor: Tensor, _ positive: Tensor, _ negative: Tensor, margin: Double = 1,
                                         p: Double = 2, eps: Double = 1e-6, swap: Bool = false,
                                         reduction: String = "mean") throws -> Tensor {
        let r = try LossReduction(reduction)
        guard margin > 0 else { throw TensorError.value("margin must be greater than 0, got \(formatPythonFloat(margin))") }
        guard anchor.dim == positive.dim && positive.dim == negative.dim else {
            throw TensorError.runtime("The anchor, positive, and negative tensors are expected to have the same number of dimensions, but got: anchor \(anchor.dim)D, positive \(positive.dim)D, and negative \(negative.dim)D inputs")
        }
        let distancePositive = try pairwiseDistance(anchor, positive, p: p, eps: eps)
        var distanceNegative = try pairwiseDistance(anchor, negative, p: p, eps: eps)
        if swap { distanceNegative = try distanceNegative.minimum(pairwiseDistance(positive, negative, p: p, eps: eps)) }
        let output = try clampMin(scalarAdd1(distancePositive, margin).sub(distanceNegative), 0)
        return try r.apply(output)
    }

    /// `F.pairwise_distance(x1, x2, p=2.0, eps=1e-6, keepdim=False)`: ‖x1 − x2 + eps‖ₚ over
    /// the last dimension (`NormBackward1`).
    public static func pairwiseDistance(_ x1: Tensor, _ x2: Tensor, p: Double = 2, eps: Double = 1e-6,
                                        keepdim: Bool = false) throws -> Tensor {
        let innermost = Swift.max(x1.dim, x2.dim) - 1
        return try scalarAdd1(x1.sub(x2), eps).normRecordedAsNorm(p: p, dim: innermost, keepdim: keepdim)
    }

    /// `F.cosine_similarity(x1, x2, dim=1, eps=1e-8)`: Σ (x1/‖x1‖)·(x2/‖x2‖) along `dim`, each
    /// norm clamped to at least eps (without gradient, as ATen does).
    public static func cosineSimilarity(_ x1: Tensor, _ x2: Tensor, dim d: Int = 1, eps: Double = 1e-8) throws -> Tensor {
        let common = resultType([.tensor(x1), .tensor(x2)])
        guard common.isFloatingPoint else {
            throw TensorError.runtime("expected common dtype to be floating point, yet common dtype is \(common.scalarTypeName)")
        }
        let shape = try broadcastShapes(x1.shape, x2.shape)
        var a = try x1.to(common), b = try x2.to(common)
        if a.shape != shape { a = try a.expand(shape) }
        if b.shape != shape { b = try b.expand(shape) }
        let norm1 = try a.norm(p: 2, dim: d, keepdim: true).clone()
        let norm2 = try b.norm(p: 2, dim: d, keepdim: true).clone()
        try noGrad {
            try norm1.clampInPlace(min: .double(eps))
            try norm2.clampInPlace(min: .double(eps))
        }
        return try a.div(norm1).mul(b.div(norm2)).sum(dim: d)
    }

    /// `F.normalize(input, p=2.0, dim=1, eps=1e-12)`: input / max(‖input‖ₚ, eps) along `dim`.
    public static func normalize(_ input: Tensor, p: Double = 2, dim d: Int = 1, eps: Double = 1e-12) throws -> Tensor {
        let denominator = try clampMin(input.norm(p: .double(p), dim: d, keepdim: true), eps).expandAs(input)
        return try input.div(denominator)
    }

    /// `F.one_hot(tensor, num_classes=-1)`: int64 one-hot rows, a new last dimension of
    /// `numClasses` (−1: the largest value + 1).
    public static func oneHot(_ tensor: Tensor, numClasses: Int = -1) throws -> Tensor {
        guard tensor.dtype == .int64 else {
            throw TensorError.runtime("one_hot is only applicable to index tensor of type LongTensor.")
        }
        if tensor.numel == 0 {
            guard numClasses > 0 else { throw TensorError.runtime("Can not infer total number of classes from empty tensor.") }
            try checkShape(tensor.shape + [numClasses], dtype: .int64)
            return Tensor(zeros: tensor.shape + [numClasses], dtype: .int64)
        }
        let values = tensor.contiguousData().toArray(Int64.self)
        let low = values.min() ?? 0, high = values.max() ?? 0
        guard low >= 0 else { throw TensorError.runtime("Class values must be non-negative.") }
        var classes = numClasses
        if numClasses == -1 {
            guard high < Int64(Int32.max) else { throw TensorError.runtime("Class values must be smaller than num_classes.") }
            classes = Int(high) + 1
        } else {
            guard high < Int64(numClasses) else { throw TensorError.runtime("Class values must be smaller than num_classes.") }
        }
        try checkShape(tensor.shape + [classes], dtype: .int64)
        let out = Tensor(zeros: tensor.shape + [classes], dtype: .int64)
        let p = out.pointer(Int64.self)
        for (i, k) in values.enumerated() { p[i * classes + Int(k)] = 1 }
        return out
    }

    /// `torch.clamp_min(x, value)` (`ClampMinBackward0`: the gradient passes where x ≥ value).
    static func clampMin(_ x: Tensor, _ value: Double) throws -> Tensor {
        let out = try noGrad { try x.clamp(min: .double(value)) }
        recordOp("ClampMinBackward0", inputs: [x], outputs: [out], saving: [x]) { g, saved in
            [try Tensor.where(saved[0].ge(.double(value)), g[0], 0.0)]
        }
        return out
    }

    /// ATen's `norm(self, p, dim, keepdim)` (`NormBackward1`), the vector p-norm along `dim`.
    func normRecordedAsNorm(p: Double, dim d: Int, keepdim: Bool) throws -> Tensor {
        let axis = try normalizeDim(d, dim)
        let out = try noGrad { try norm(p: .double(p), dims: [axis], keepdim: keepdim) }
        recordOp("NormBackward1", inputs: [self], outputs: [out], saving: [self, out]) { g, saved in
            [try Tensor.normBackward(g[0], input: saved[0], norm: saved[1], ord: p, reduced: [axis], keepdim: keepdim)
                ?? saved[0].zerosLike()]
        }
        return out
    }
}
