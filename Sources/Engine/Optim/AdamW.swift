/// `torch.optim.AdamW`: Adam with decoupled weight decay (`param.mul_(1 - lr * weight_decay)`
/// before the Adam update); `weight_decay` defaults to 1e-2.
public final class AdamW: Adam {
    /// `AdamW(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2, amsgrad=False, *,
    /// maximize=False, foreach=None, capturable=False, differentiable=False, fused=None)`.
    public convenience init(_ params: [Tensor], lr: Scalar = 1e-3, betas: (Scalar, Scalar) = (0.9, 0.999),
                            eps: Scalar = 1e-8, weightDecay: Scalar = 1e-2, amsgrad: Bool = false,
                            maximize: Bool = false, foreach: Bool? = nil, capturable: Bool = false,
                            differentiable: Bool = false, fused: Bool? = nil) throws {
        try Adam.validate(lr: lr, betas: betas, eps: eps, weightDecay: weightDecay)
        try self.init(groups: try Optimizer.singleGroup(params), lr: lr, betas: betas, eps: eps,
                      weightDecay: weightDecay, amsgrad: amsgrad, maximize: maximize, foreach: foreach,
                      capturable: capturable, differentiable: differentiable, fused: fused)
    }

    /// `AdamW([{'params': …}, …], …)`: parameter groups with their own options.
    public init(groups: [ParamGroup], lr: Scalar = 1e-3, betas: (Scalar, Scalar) = (0.9, 0.999),
                eps: Scalar = 1e-8, weightDecay: Scalar = 1e-2, amsgrad: Bool = false,
                maximize: Bool = false, foreach: Bool? = nil, capturable: Bool = false,
                differentiable: Bool = false, fused: Bool? = nil) throws {
        try super.init(groups: groups, lr: lr, betas: betas, eps: eps, weightDecay: weightDecay, amsgrad: amsgrad,
                      foreach: foreach, maximize: maximize, capturable: capturable, differentiable: differentiable,
                      fused: fused, decoupledWeightDecay: true, name: "AdamW")
    }

    /// AdamW always decays decoupled, whatever the loaded state dict says (`__setstate__`).
    public override func didLoadState() {
        super.didLoadState()
        for group in paramGroups { group.options["decoupled_weight_decay"] = true }
    }
}
