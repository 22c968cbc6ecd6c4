import Foundation

/// binary_cross_entropy (`BinaryCrossEntropyBackward0`), binary_cross_entropy_with_logits
/// (`BinaryCrossEntropyWithLogitsBackward0`) and kl_div (composed as ATen composes it).
/// `weight` and `pos_weight` are constants, as in PyTorch (which has no derivative for them).
extension Tensor {
    /// `F.binary_cross_entropy(input, target, weight=None, reduction='mean')`:
    /// −w·(t·log x + (1 − t)·log(1 − x)), each log clamped at −100 as PyTorch does.
    public static func binaryCrossEntropy(_ input: Tensor, _ target: Tensor, weight: Tensor? = nil,
                                          reduction: String = "mean") throws -> Tensor {
        let r = try LossReduction(reduction)
        guard target.shape == input.shape else {
            throw TensorError.value("Using a target size (\(torchSizeText(target.shape))) that is different to the input size (\(torchSizeText(input.shape))) is deprecated. Please ensure they have the same size.")
        }
        let w = try weight.map { try $0.expand(broadcastShapes(target.shape, $0.shape)) }
        guard input.dtype.isFloatingPoint else {
            throw TensorError.notImplemented("\"binary_cross_entropy\" not implemented for '\(input.dtype.scalarTypeName)'")
        }
        guard target.dtype == input.dtype else {
            throw TensorError.runtime("Found dtype \(target.dtype.scalarTypeName) but expected \(input.dtype.scalarTypeName)")
        }
        var elementwise: Tensor
        if input.dtype == .float32 {
            elementwise = try bceValues(input, target, Float.self)
        } else {
            elementwise = try bceValues(input, target, Double.self)
        }
        if let w { elementwise = try noGrad { try elementwise.mul(w) } }
        let out = try noGrad { try r.apply(elementwise) }
        let n = input.numel
        recordOp("BinaryCrossEntropyBackward0", inputs: [input, target], outputs: [out],
                 saving: [input, target] + (w.map { [$0] } ?? [])) { g, saved in
            let (x, t) = (saved[0], saved[1])
            var scale = try r.elementGradient(g[0], count: n)
            if saved.count > 2 { scale = try scale.mul(saved[2]) }
            let denominator = try x.rsub(1).mul(x).clamp(min: .double(1e-12))
            let gradInput = try x.sub(t).div(denominator).mul(scale)
            let gradTarget = t.requiresGrad ? try x.div(x.rsub(1)).log().neg().mul(scale) : nil
            return [gradInput, gradTarget]
        }
        return out
    }

    /// The elementwise BCE of one dtype, with PyTorch's range checks.
    private static func bceValues<T: ActivationFloat>(_ input: Tensor, _ target: Tensor, _: T.Type) throws -> Tensor {
        var badInput = false, badTarget = false
        let out = try binaryMap(input, target, T.self, T.self, T.self) { x, t in
            if !(x >= 0 && x <= 1) { badInput = true }
            if !(t >= 0 && t <= 1) { badTarget = true }
            let logX = Swift.max(T.log(x), -100), log1mX = Swift.max(T.actLog1p(-x), -100)
            return (t - 1) * log1mX - t * logX
        }
        if badInput { throw TensorError.runtime("all elements of input should be between 0 and 1") }
        if badTarget { throw TensorError.runtime("all elements of target should be between 0 and 1") }
        return out
    }

    /// `F.binary_cross_entropy_with_logits(input, target, weight=None, reduction='mean',
    /// pos_weight=None)`: BCE of σ(input), computed stably from log σ.
    public static func binaryCrossEntropyWithLogits(_ input: Tensor, _ target: Tensor, weight: Tensor? = nil,
                                                    reduction: String = "mean", posWeight: Tensor? = nil) throws -> Tensor {
        let r = try LossReduction(reduction)
        guard target.shape == input.shape else {
            throw TensorError.value("Target size (\(torchSizeText(target.shape))) must be the same as input size (\(torchSizeText(input.shape)))")
        }
        let out = try noGrad { () -> Tensor in
            var logSigmoid = try input.logSigmoid()
            if let posWeight { logSigmoid = try logSigmoid.mul(posWeight.sub(1).mul(target).add(1)) }
            var loss = try target.rsub(1).mul(input).sub(logSigmoid)
            if let weight { loss = try loss.mul(weight) }
            return try r.apply(loss)
        }
        let n = input.numel
        recordOp("BinaryCrossEntropyWithLogitsBackward0", inputs: [input, target], outputs: [out],
                 saving: [input, target]) { g, saved in
            let (x, t) = (saved[0], saved[1])
            var scale = try r.elementGradient(g[0], count: n)
            if let weight { scale = try scale.mul(weight) }
            var gradInput: Tensor
            if let posWeight {
                let weighted = try posWeight.mul(t)
                gradInput = try weighted.add(1).sub(t).mul(x.sigmoid()).sub(weighted)
            } else {
                gradInput = try x.sigmoid().sub(t)
            }
            gradInput = try gradInput.mul(scale)
            var gradTarget: Tensor? = nil
            if t.requiresGrad {
                let base = try posWeight.map { try x.neg().logSigmoid().sub(x.logSigmoid().mul($0)) } ?? x.neg()
                gradTarget = try base.mul(scale)
            }
            return [gradInput, gradTarget]
        }
        return out
    }

    /// `F.kl_div(input, target, reduction='mean', log_target=False)`: target·(log target −
    /// input) with `input` log-probabilities, composed as ATen does. `'batchmean'` divides the
    /// sum by the batch size; `'mean'` (which divides by every element) warns as PyTorch does.
    public static func klDiv(_ input: Tensor, _ target: Tensor, reduction: String = "mean",
                             logTarget: Bool = false) throws -> Tensor {
        if reduction == "mean" {
            Autograd.warn("reduction: 'mean' divides the total loss by both the batch size and the support size.'batchmean' divides only by the batch size, and aligns with the KL div math definition.'mean' will be changed to behave the same as 'batchmean' in the next major release.")
        }
        let r = try LossReduction(reduction == "batchmean" ? "sum" : reduction)
        let pointwise: Tensor
        if logTarget {
            pointwise = try target.exp().mul(target.sub(input))
        } else {
            pointwise = try xlogyOfSelf(target).sub(target.mul(input))
        }
        let reduced = try r.apply(pointwise)
        if reduction == "batchmean" && input.dim != 0 { return try reduced.div(.int(Int64(input.shape[0]))) }
        return reduced
    }

    /// xlogy(t, t) = t·log t with 0 where t = 0 (NaN stays NaN), recorded as ATen's
    /// `XlogyBackward0` with t as both arguments.
    private static func xlogyOfSelf(_ t: Tensor) throws -> Tensor {
        let values = t.promotedToFloat
        let out = values.dtype == .float32
            ? unaryMap(values, Float.self, Float.self) { $0.isNaN ? $0 : ($0 == 0 ? 0 : $0 * Foundation.log($0)) }
            : unaryMap(values, Double.self, Double.self) { $0.isNaN ? $0 : ($0 == 0 ? 0 : $0 * Foundation.log($0)) }
        recordOp("XlogyBackward0", inputs: [t, t], outputs: [out], saving: [t]) { g, saved in
            let x = saved[0]
            let selfGrad = try g[0].mul(Tensor.where(x.eq(0), 0.0, x.log()))
            return [selfGrad, try g[0].mul(x).div(x)]
        }
        return out
    }
}
