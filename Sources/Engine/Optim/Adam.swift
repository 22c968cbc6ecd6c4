import Foundation

/// `torch.optim.Adam`: adaptive moment estimation, with optional L2 weight decay (or the
/// decoupled decay of AdamW), AMSGrad and maximisation.
///
/// The update is PyTorch's single-tensor one, op for op: `step += 1`,
/// `exp_avg.lerp_(grad, 1 - beta1)`, `exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)`,
/// `step_size = lr / (1 - beta1**step)`,
/// `denom = (exp_avg_sq.sqrt() / (1 - beta2**step)**0.5).add_(eps)` (with the running maximum
/// of `exp_avg_sq` for AMSGrad), `param.addcdiv_(exp_avg, denom, value=-step_size)`.
/// State per parameter: `step` (a float tensor), `exp_avg`, `exp_avg_sq`, `max_exp_avg_sq`.
public class Adam: Optimizer {
    /// `Adam(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, amsgrad=False, *,
    /// foreach=None, maximize=False, capturable=False, differentiable=False, fused=None,
    /// decoupled_weight_decay=False)` over one group.
    public convenience init(_ params: [Tensor], lr: Scalar = 1e-3, betas: (Scalar, Scalar) = (0.9, 0.999),
                            eps: Scalar = 1e-8, weightDecay: Scalar = 0, amsgrad: Bool = false,
                            foreach: Bool? = nil, maximize: Bool = false, capturable: Bool = false,
                            differentiable: Bool = false, fused: Bool? = nil,
                            decoupledWeightDecay: Bool = false) throws {
        try Self.validate(lr: lr, betas: betas, eps: eps, weightDecay: weightDecay)
        try self.init(groups: try Optimizer.singleGroup(params), lr: lr, betas: betas, eps: eps,
                      weightDecay: weightDecay, amsgrad: amsgrad, foreach: foreach, maximize: maximize,
                      capturable: capturable, differentiable: differentiable, fused: fused,
                      decoupledWeightDecay: decoupledWeightDecay)
    }

    /// `Adam([{'params': …, 'lr': …}, …], …)`: parameter groups with their own options; the
    /// arguments are the defaults for options a group does not give.
    public convenience init(groups: [ParamGroup], lr: Scalar = 1e-3, betas: (Scalar, Scalar) = (0.9, 0.999),
                            eps: Scalar = 1e-8, weightDecay: Scalar = 0, amsgrad: Bool = false,
                            foreach: Bool? = nil, maximize: Bool = false, capturable: Bool = false,
                            differentiable: Bool = false, fused: Bool? = nil,
                            decoupledWeightDecay: Bool = false) throws {
        try self.init(groups: groups, lr: lr, betas: betas, eps: eps, weightDecay: weightDecay, amsgrad: amsgrad,
                      foreach: foreach, maximize: maximize, capturable: capturable, differentiable: differentiable,
                      fused: fused, decoupledWeightDecay: decoupledWeightDecay, name: "Adam")
    }

    /// The designated initialiser, shared with `AdamW` (which passes its own name).
    init(groups: [ParamGroup], lr: Scalar, betas: (Scalar, Scalar), eps: Scalar, weightDecay: Scalar,
         amsgrad: Bool, foreach: Bool?, maximize: Bool, capturable: Bool, differentiable: Bool,
         fused: Bool?, decoupledWeightDecay: Bool, name: String) throws {
        try Self.validate(lr: lr, betas: betas, eps: eps, weightDecay: weightDecay)
        try Optimizer.rejectUnsupported(name, fused: fused, capturable: capturable, differentiable: differentiable)
        let defaults: OptionDict = [
            "lr": OptimValue(lr), "betas": .tuple([OptimValue(betas.0), OptimValue(betas.1)]),
            "eps": OptimValue(eps), "weight_decay": OptimValue(weightDecay), "amsgrad": .bool(amsgrad),
            "maximize": .bool(maximize), "foreach": foreach.map(OptimValue.bool) ?? .none,
            "capturable": .bool(capturable), "differentiable": .bool(differentiable),
            "fused": fused.map(OptimValue.bool) ?? .none, "decoupled_weight_decay": .bool(decoupledWeightDecay),
        ]
        try super.init(groups: groups, defaults: defaults, name: name)
    }

    /// PyTorch's argument checks, in its order and wording.
    static func validate(lr: Scalar, betas: (Scalar, Scalar), eps: Scalar, weightDecay: Scalar) throws {
        if !(0 <= lr.doubleValue) { throw TensorError.value("Invalid learning rate: \(lr)") }
        if !(0 <= eps.doubleValue) { throw TensorError.value("Invalid epsilon value: \(eps)") }
        if !(0 <= betas.0.doubleValue && betas.0.doubleValue < 1) {
            throw TensorError.value("Invalid beta parameter at index 0: \(betas.0)")
        }
        if !(0 <= betas.1.doubleValue && betas.1.doubleValue < 1) {
            throw TensorError.value("Invalid beta parameter at index 1: \(betas.1)")
        }
        if !(0 <= weightDecay.doubleValue) { throw TensorError.value("Invalid weight_decay value: \(weightDecay)") }
        guard betas.0.isFloatingPoint && betas.1.isFloatingPoint else {
            throw TensorError.value("betas must be either both floats or both Tensors")
        }
    }

    /// Fills options that state dicts of older PyTorch versions lack (`__setstate__`).
    public override func didLoadState() {
        for group in paramGroups {
            group.options.setDefault("amsgrad", false)
            group.options.setDefault("maximize", false)
            group.options.setDefault("foreach", .none)
            group.options.setDefault("capturable", false)
            group.options.setDefault("differentiable", false)
            group.options.setDefault("decoupled_weight_decay", false)
            group.options.setDefault("fused", .none)
        }
    }

    /// The group's options as doubles, and the step's bias corrections.
    struct Coefficients {
        var lr = 0.0, beta1 = 0.0, beta2 = 0.0, eps = 0.0, weightDecay = 0.0
        var amsgrad = false, maximize = false, decoupled = false
        var stepSize = 0.0, biasCorrection2Sqrt = 0.0
    }

    /// One Adam step over every parameter with a gradient.
    public override func update() throws {
        for group in paramGroups {
            let o = group.options
            guard case .tuple(let betas)? = o["betas"], betas.count >= 2,
                  let beta1 = betas[0].doubleValue, let beta2 = betas[1].doubleValue else {
                throw TensorError.type("'betas' must be a tuple of two floats")
            }
            var c = Coefficients(lr: try o.number("lr"), beta1: beta1, beta2: beta2, eps: try o.number("eps"),
                                 weightDecay: try o.number("weight_decay"), amsgrad: o.flag("amsgrad"),
                                 maximize: o.flag("maximize"), decoupled: o.flag("decoupled_weight_decay"))
            for p in group.params {
                guard let grad = try contiguousGradient(of: p) else { continue }
                var entries = state(for: p)
                if entries.isEmpty {
                    entries["step"] = newStepCounter()
                    entries["exp_avg"] = .tensor(filledBuffer(like: p))
                    entries["exp_avg_sq"] = .tensor(filledBuffer(like: p))
                    if c.amsgrad { entries["max_exp_avg_sq"] = .tensor(filledBuffer(like: p)) }
                }
                let expAvg = try stateBuffer(&entries, "exp_avg", like: p)
                let expAvgSq = try stateBuffer(&entries, "exp_avg_sq", like: p)
                let maxExpAvgSq = c.amsgrad ? try stateBuffer(&entries, "max_exp_avg_sq", like: p) : nil
                let step = try incrementStep(&entries)
                setState(entries, for: p)
                c.stepSize = c.lr / (1 - Foundation.pow(c.beta1, step))
                c.biasCorrection2Sqrt = Foundation.pow(1 - Foundation.pow(c.beta2, step), 0.5)
                switch p.dtype {
                case .float32: Self.kernel(Float.self, p, grad, expAvg, expAvgSq, maxExpAvgSq, c, self)
                default: Self.kernel(Double.self, p, grad, expAvg, expAvgSq, maxExpAvgSq, c, self)
                }
                for t in [expAvg, expAvgSq, maxExpAvgSq] { t?.bumpVersion() }
            }
        }
    }

    /// The fused per-element loop; each line is one PyTorch op with its float rounding.
    private static func kernel<T: OptimFloat>(_: T.Type, _ p: Tensor, _ grad: Tensor, _ expAvg: Tensor, _ expAvgSq: Tensor,
                                              _ maxExpAvgSq: Tensor?, _ c: Coefficients, _ optimizer: Optimizer) {
        let n = p.numel
        let g = grad.pointer(T.self), m = expAvg.pointer(T.self), v = expAvgSq.pointer(T.self)
        let vmax = maxExpAvgSq?.pointer(T.self)
        let wd = T(c.weightDecay), shrink = T(1 - c.lr * c.weightDecay)
        let w1 = T(1 - c.beta1), b2 = T(c.beta2), w2 = T(1 - c.beta2)
        let bc2 = T(c.biasCorrection2Sqrt), eps = T(c.eps), negStep = T(-c.stepSize)
        let decay = c.weightDecay != 0
        optimizer.updateInPlace(p, T.self) { x in
            for i in 0..<n {
                var d = c.maximize ? -g[i] : g[i]
                if decay {
                    if c.decoupled { x[i] = x[i] * shrink }                // param.mul_(1 - lr * wd)
                    else { d = d.fused(x[i], wd) }                 // grad.add(param, alpha=wd)
                }
                m[i] = OptimMath.lerp(m[i], d, w1)                         // exp_avg.lerp_(grad, 1 - beta1)
                v[i] = (v[i] * b2).fused(w2 * d, d)                // exp_avg_sq.mul_(b2).addcmul_(g, g, value=1-b2)
                var s = v[i]
                if let vmax {
                    vmax[i] = OptimMath.maximum(vmax[i], v[i])             // torch.maximum(max_exp_avg_sq, exp_avg_sq)
                    s = vmax[i]
                }
                let denom = s.squareRoot() / bc2 + eps                     // (sqrt(v) / bc2_sqrt).add_(eps)
                x[i] = x[i] + negStep * m[i] / denom                       // param.addcdiv_(exp_avg, denom, value=-step_size)
            }
        }
    }
}
