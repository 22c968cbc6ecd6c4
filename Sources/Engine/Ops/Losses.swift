import Foundation

/// How a loss reduces its elementwise values: PyTorch's `reduction=` argument.
public enum LossReduction: String, Sendable {
    case none, mean, sum

    /// Parses `'none'`, `'mean'` or `'sum'` (and the deprecated `'elementwise_mean'`), with
    /// PyTorch's ValueError for anything else.
    public init(_ text: String) throws {
        if text == "elementwise_mean" {
            Autograd.warn("reduction='elementwise_mean' is deprecated. Please use reduction='mean' instead.")
            self = .mean
            return
        }
        guard let value = LossReduction(rawValue: text) else {
            throw TensorError.value("\(text) is not a valid value for reduction")
        }
        self = value
    }

    /// Reduces elementwise losses with `mean()`/`sum()`: recorded (`MeanBackward0`,
    /// `SumBackward0`) as ATen's `apply_loss_reduction` is, unless called under `noGrad`.
    func apply(_ loss: Tensor) throws -> Tensor {
        switch self {
        case .none: return loss
        case .mean: return try loss.mean()
        case .sum: return try loss.sum()
        }
    }

    /// The gradient of every element from the gradient of the reduced loss: g/n for mean.
    func elementGradient(_ g: Tensor, count n: Int) throws -> Tensor {
        self == .mean ? try g.div(.double(Double(n))) : g
    }
}

/// `torch.Size([2, 3])`, as Python prints a size in messages.
func torchSizeText(_ shape: [Int]) -> String { "torch.Size([" + shape.map(String.init).joined(separator: ", ") + "])" }

/// The regression and binary losses: mse_loss, l1_loss, smooth_l1_loss, huber_loss,
/// binary_cross_entropy, binary_cross_entropy_with_logits and kl_div. Fused losses are one
/// node with PyTorch's grad_fn name (`MseLossBackward0`, …); l1_loss and kl_div are composed
/// of tensor ops as ATen composes them.
extension Tensor {
    /// `F.mse_loss(input, target, reduction='mean')`: (input − target)² (`MseLossBackward0`).
    public static func mseLoss(_ input: Tensor, _ target: Tensor, reduction: String = "mean") throws -> Tensor {
        let (x, t) = try broadcastRegressionOperands(input, target)
        let r = try LossReduction(reduction)
        try checkFloatLoss(x, t, kernel: "mse_cpu")
        let out = try noGrad { try r.apply(x.sub(t).pow(2)) }
        let n = x.numel
        recordOp("MseLossBackward0", inputs: [x, t], outputs: [out], saving: [x, t]) { g, saved in
            let grad = try saved[0].sub(saved[1]).mul(r.elementGradient(g[0], count: n).mul(2))
            return [grad, saved[1].requiresGrad ? try grad.neg() : nil]
        }
        return out
    }

    /// `F.l1_loss(input, target, reduction='mean')`: |input − target|, composed as ATen does
    /// (`MeanBackward0` over `AbsBackward0`).
    public static func l1Loss(_ input: Tensor, _ target: Tensor, reduction: String = "mean") throws -> Tensor {
        let (x, t) = try broadcastRegressionOperands(input, target)
        let r = try LossReduction(reduction)
        return try r.apply(x.sub(t).abs())
    }

    /// `F.smooth_l1_loss(input, target, reduction='mean', beta=1.0)`: 0.5·d²/β where |d| < β,
    /// else |d| − 0.5β (`SmoothL1LossBackward0`; β = 0 is l1_loss).
    public static func smoothL1Loss(_ input: Tensor, _ target: Tensor, reduction: String = "mean",
                                    beta: Double = 1) throws -> Tensor {
        let (x, t) = try broadcastRegressionOperands(input, target)
        let r = try LossReduction(reduction)
        if beta == 0 { return try r.apply(x.sub(t).abs()) }
        guard beta >= 0 else { throw TensorError.runtime("smooth_l1_loss does not support negative values for beta.") }
        try checkFloatLoss(x, t, kernel: "smooth_l1_cpu")
        return try piecewiseLoss(x, t, r, name: "SmoothL1LossBackward0", threshold: beta,
                                 value: { z, b in z < b ? 0.5 * z * z / b : z - 0.5 * b },
                                 gradient: { d, gs in
                                     try Tensor.where(d.lt(.double(-beta)), gs.neg(),
                                                      Tensor.where(d.gt(.double(beta)), gs, d.mul(gs).div(.double(beta))))
                                 })
    }

    /// `F.huber_loss(input, target, reduction='mean', delta=1.0)`: 0.5·d² where |d| < δ, else
    /// δ·(|d| − 0.5δ) (`HuberLossBackward0`).
    public static func huberLoss(_ input: Tensor, _ target: Tensor, reduction: String = "mean",
                                 delta: Double = 1) throws -> Tensor {
        let (x, t) = try broadcastRegressionOperands(input, target)
        let r = try LossReduction(reduction)
        guard delta > 0 else { throw TensorError.runtime("huber_loss does not support non-positive values for delta.") }
        try checkFloatLoss(x, t, kernel: "huber_cpu")
        return try piecewiseLoss(x, t, r, name: "HuberLossBackward0", threshold: delta,
                                 value: { z, b in z < b ? 0.5 * z * z : b * (z - 0.5 * b) },
                                 gradient: { d, gs in
                                     let scaled = try gs.mul(.double(delta))
                                     return try Tensor.where(d.lt(.double(-delta)), scaled.neg(),
                                                             Tensor.where(d.gt(.double(delta)), scaled, d.mul(gs)))
                                 })
    }

    /// One fused node for a loss of |input − target| given elementwise by `value(|d|, threshold)`
    /// and whose input gradient is `gradient(d, g/n)` (the target's is its negation).
    private static func piecewiseLoss(_ x: Tensor, _ t: Tensor, _ r: LossReduction, name: String, threshold: Double,
                                      value: @escaping (Double, Double) -> Double,
                                      gradient: @escaping (Tensor, Tensor) throws -> Tensor) throws -> Tensor {
        let dtype = resultType([.tensor(x), .tensor(t)])
        let elementwise: Tensor
        if dtype == .float32 {
            elementwise = try binaryMap(x.materialize(dtype), t.materialize(dtype), Float.self, Float.self, Float.self) {
                Float(value(Double(Swift.abs($0 - $1)), threshold))
            }
        } else {
            elementwise = try binaryMap(x.materialize(dtype), t.materialize(dtype), Double.self, Double.self, Double.self) {
                value(Swift.abs($0 - $1), threshold)
            }
        }
        let out = try noGrad { try r.apply(elementwise) }
        let n = x.numel
        recordOp(name, inputs: [x, t], outputs: [out], saving: [x, t]) { g, saved in
            let grad = try gradient(saved[0].sub(saved[1]), r.elementGradient(g[0], count: n))
            return [grad, saved[1].requiresGrad ? try grad.neg() : nil]
        }
        return out
    }

    /// The regression losses' operands: a size mismatch warns (PyTorch's UserWarning) and
    /// the two are broadcast together (recorded as `ExpandBackward0` where they grow).
    static func broadcastRegressionOperands(_ input: Tensor, _ target: Tensor) throws -> (Tensor, Tensor) {
        guard input.shape != target.shape else { return (input, target) }
        Autograd.warn("Using a target size (\(torchSizeText(target.shape))) that is different to the input size (\(torchSizeText(input.shape))). This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.")
        let shape = try broadcastShapes(input.shape, target.shape)
        return (input.shape == shape ? input : try input.expand(shape), target.shape == shape ? target : try target.expand(shape))
    }

    /// The "not implemented for 'Long'" error of a float-only loss kernel.
    static func checkFloatLoss(_ x: Tensor, _ t: Tensor, kernel: String) throws {
        let dtype = resultType([.tensor(x), .tensor(t)])
        guard dtype.isFloatingPoint else {
            throw TensorError.notImplemented("\"\(kernel)\" not implemented for '\(dtype.scalarTypeName)'")
        }
    }
}
