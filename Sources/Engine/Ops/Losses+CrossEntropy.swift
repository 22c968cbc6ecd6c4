import Foundation

/// cross_entropy as ATen composes it: log_softmax over the class dimension, then nll_loss for
/// class indices (`NllLossBackward0`); class probabilities and label smoothing are composed
/// of tensor ops with ATen's grad_fn names (`DivBackward1`, `NegBackward0`, `AddBackward0`).
extension Tensor {
    /// `F.cross_entropy(input, target, weight=None, ignore_index=-100, reduction='mean',
    /// label_smoothing=0.0)`: `target` holds class indices (shape of `input` without the class
    /// dimension, int64) or class probabilities (the shape of `input`, floating point).
    public static func crossEntropy(_ input: Tensor, _ target: Tensor, weight: Tensor? = nil, ignoreIndex: Int = -100,
                                    reduction: String = "mean", labelSmoothing: Double = 0) throws -> Tensor {
        let r = try LossReduction(reduction)
        if input.shape == target.shape {
            guard target.dtype.isFloatingPoint else {
                throw TensorError.runtime("Expected floating point type for target with class probabilities, got \(target.dtype.scalarTypeName)")
            }
            guard ignoreIndex < 0 else { throw TensorError.runtime("ignore_index is not supported for floating point target") }
            return try crossEntropyProbabilities(input, target, weight: weight, reduction: r, labelSmoothing: labelSmoothing)
        }
        if labelSmoothing > 0 {
            try checkLabelSmoothing(labelSmoothing)
            return try crossEntropySmoothed(input, target, weight: weight, ignoreIndex: ignoreIndex, reduction: r,
                                            labelSmoothing: labelSmoothing)
        }
        let logProbabilities = try input.logSoftmax(dim: input.dim == 1 ? 0 : 1)
        return try nllLossND(logProbabilities, target, weight: weight, ignoreIndex: ignoreIndex, reduction: r)
    }

    private static func checkLabelSmoothing(_ value: Double) throws {
        guard value <= 1 else {
            throw TensorError.runtime("label_smoothing must be between 0.0 and 1.0. Got: \(formatCDouble(value))")
        }
    }

    /// `weight` viewed to broadcast along the class dimension of a `rank`-d input.
    private static func classWeightView(_ weight: Tensor, rank: Int, classDim: Int) throws -> Tensor {
        guard rank > 1 else { return weight }
        var shape = [Int](repeating: 1, count: rank)
        shape[classDim] = weight.shape[0]
        return try weight.view(shape)
    }

    /// ATen's `cross_entropy_loss_prob_target`.
    private static func crossEntropyProbabilities(_ input: Tensor, _ target: Tensor, weight: Tensor?,
                                                  reduction r: LossReduction, labelSmoothing: Double) throws -> Tensor {
        let classDim = input.dim == 1 ? 0 : 1
        let classes = try input.size(classDim)
        try checkClassWeight(weight, classes, prefix: "cross_entropy: ")
        let logProbabilities = try input.logSoftmax(dim: classDim)
        var probabilities = target
        if labelSmoothing > 0 {
            try checkLabelSmoothing(labelSmoothing)
            probabilities = try scalarAdd1(scalarMul1(target, 1 - labelSmoothing), labelSmoothing / Double(classes))
        }
        var product = try logProbabilities.mul(probabilities)
        if let weight { product = try product.mul(classWeightView(weight, rank: input.dim, classDim: classDim)) }
        switch r {
        case .mean:
            if input.numel == 0 { return try product.sum().neg().fullLike(.double(.nan)) }
            return try scalarDiv1(product.sum().neg(), Double(input.numel / Swift.max(classes, 1)))
        case .sum: return try product.sum().neg()
        case .none: return try product.sum(dim: classDim).neg()
        }
    }

    /// ATen's `cross_entropy_loss_label_smoothing` for class-index targets.
    private static func crossEntropySmoothed(_ input: Tensor, _ target: Tensor, weight: Tensor?, ignoreIndex: Int,
                                             reduction r: LossReduction, labelSmoothing: Double) throws -> Tensor {
        let classDim = input.dim == 1 ? 0 : 1
        let logProbabilities = try input.logSoftmax(dim: classDim)
        let nll = try nllLossND(logProbabilities, target, weight: weight, ignoreIndex: ignoreIndex, reduction: r)
        let classes = try logProbabilities.size(classDim)
        var smooth: Tensor
        if let weight {
            smooth = try logProbabilities.mul(classWeightView(weight, rank: input.dim, classDim: classDim)).sum(dim: classDim).neg()
        } else {
            smooth = try logProbabilities.sum(dim: classDim).neg()
        }
        let ignored = try target.eq(.int(Int64(ignoreIndex)))
        smooth = try smooth.maskedFill(ignored, value: 0.0)
        let reduced: Tensor
        switch r {
        case .mean:
            let kept = target.contiguousData().toArray(Int64.self).filter { $0 != Int64(ignoreIndex) }
            if let weight {
                let w = weight.contiguousData(.float64).toArray(Double.self)
                let total = kept.reduce(0.0) { $0 + (w.indices.contains(Int($1)) ? w[Int($1)] : 0) }
                reduced = try smooth.sum().div(Tensor(scalar: .double(total), dtype: weight.dtype))
            } else {
                reduced = try smooth.sum().div(Tensor(scalar: .int(Int64(kept.count))))
            }
        case .sum: reduced = try smooth.sum()
        case .none: reduced = smooth
        }
        return try scalarMul1(nll, 1 - labelSmoothing).add(scalarMul1(reduced, labelSmoothing / Double(classes)))
    }

    // MARK: Scalar overloads as ATen records them

    /// `x * s` recorded as ATen's `mul(Tensor, Scalar)` (`MulBackward1`).
    static func scalarMul1(_ x: Tensor, _ s: Double) throws -> Tensor {
        let out = try noGrad { try x.mul(.double(s)) }
        recordOp("MulBackward1", inputs: [x], outputs: [out]) { g, _ in [try g[0].mul(.double(s))] }
        return out
    }

    /// `x / s` recorded as ATen's `div(Tensor, Scalar)` (`DivBackward1`).
    static func scalarDiv1(_ x: Tensor, _ s: Double) throws -> Tensor {
        let out = try noGrad { try x.div(.double(s)) }
        recordOp("DivBackward1", inputs: [x], outputs: [out]) { g, _ in [try g[0].div(.double(s))] }
        return out
    }

    /// `x + s` recorded as ATen's `add(Tensor, Scalar)` (`AddBackward1`; `SubBackward1` for
    /// `sub(Tensor, Scalar)` with `s` negated).
    static func scalarAdd1(_ x: Tensor, _ s: Double, name: String = "AddBackward1") throws -> Tensor {
        let out = try noGrad { try x.add(.double(s)) }
        recordOp(name, inputs: [x], outputs: [out]) { g, _ in [g[0]] }
        return out
    }
}
