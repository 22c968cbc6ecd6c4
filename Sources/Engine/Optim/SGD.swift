/// `torch.optim.SGD`: stochastic gradient descent with optional momentum, dampening,
/// Nesterov momentum, weight decay (L2 penalty) and maximisation.
///
/// The update is PyTorch's single-tensor one, op for op:
/// `g = grad (+ weight_decay * p)`, `buf = g` on the first step and
/// `buf = momentum * buf + (1 - dampening) * g` after, `g = g + momentum * buf` (Nesterov)
/// or `g = buf`, then `p -= lr * g`.
public final class SGD: Optimizer {
    /// `SGD(params, lr=1e-3, momentum=0, dampening=0, weight_decay=0, nesterov=False, *,
    /// maximize=False, foreach=None, differentiable=False, fused=None)` over one group.
    public convenience init(_ params: [Tensor], lr: Scalar = 1e-3, momentum: Scalar = 0, dampening: Scalar = 0,
                            weightDecay: Scalar = 0, nesterov: Bool = false, maximize: Bool = false,
                            foreach: Bool? = nil, differentiable: Bool = false, fused: Bool? = nil) throws {
        try Self.validate(lr: lr, momentum: momentum, dampening: dampening, weightDecay: weightDecay, nesterov: nesterov)
        try self.init(groups: try Optimizer.singleGroup(params), lr: lr, momentum: momentum, dampening: dampening,
                      weightDecay: weightDecay, nesterov: nesterov, maximize: maximize, foreach: foreach,
                      differentiable: differentiable, fused: fused)
    }

    /// `SGD([{'params': …, 'lr': …}, …], …)`: parameter groups with their own options; the
    /// arguments are the defaults for options a group does not give.
    public init(groups: [ParamGroup], lr: Scalar = 1e-3, momentum: Scalar = 0, dampening: Scalar = 0,
                weightDecay: Scalar = 0, nesterov: Bool = false, maximize: Bool = false,
                foreach: Bool? = nil, differentiable: Bool = false, fused: Bool? = nil) throws {
        try Self.validate(lr: lr, momentum: momentum, dampening: dampening, weightDecay: weightDecay, nesterov: nesterov)
        try Optimizer.rejectUnsupported("SGD", fused: fused, differentiable: differentiable)
        let defaults: OptionDict = [
            "lr": OptimValue(lr), "momentum": OptimValue(momentum), "dampening": OptimValue(dampening),
            "weight_decay": OptimValue(weightDecay), "nesterov": .bool(nesterov), "maximize": .bool(maximize),
            "foreach": foreach.map(OptimValue.bool) ?? .none, "differentiable": .bool(differentiable),
            "fused": fused.map(OptimValue.bool) ?? .none,
        ]
        try super.init(groups: groups, defaults: defaults, name: "SGD")
    }

    /// PyTorch's argument checks, in its order and wording.
    private static func validate(lr: Scalar, momentum: Scalar, dampening: Scalar, weightDecay: Scalar, nesterov: Bool) throws {
        if lr.doubleValue < 0 { throw TensorError.value("Invalid learning rate: \(lr)") }
        if momentum.doubleValue < 0 { throw TensorError.value("Invalid momentum value: \(momentum)") }
        if weightDecay.doubleValue < 0 { throw TensorError.value("Invalid weight_decay value: \(weightDecay)") }
        if nesterov && (momentum.doubleValue <= 0 || dampening.doubleValue != 0) {
            throw TensorError.value("Nesterov momentum requires a momentum and zero dampening")
        }
    }

    /// Fills options that state dicts of older PyTorch versions lack (`__setstate__`).
    public override func didLoadState() {
        for group in paramGroups {
            group.options.setDefault("nesterov", false)
            group.options.setDefault("maximize", false)
            group.options.setDefault("foreach", .none)
            group.options.setDefault("differentiable", false)
            group.options.setDefault("fused", false)
        }
    }

    /// One SGD step over every parameter with a gradient.
    public override func update() throws {
        for group in paramGroups {
            let o = group.options
            let c = Coefficients(lr: try o.number("lr"), momentum: try o.number("momentum"),
                                 dampening: try o.number("dampening"), weightDecay: try o.number("weight_decay"),
                                 nesterov: o.flag("nesterov"), maximize: o.flag("maximize"))
            for p in group.params {
                guard let grad = try contiguousGradient(of: p) else { continue }
                var buffer: Tensor?
                var first = false
                if c.momentum != 0 {
                    var entries = state(for: p)
                    if entries["momentum_buffer"] == nil || entries["momentum_buffer"] == OptimValue.none {
                        first = true
                        let b = filledBuffer(like: p)
                        entries["momentum_buffer"] = .tensor(b)
                    }
                    buffer = try stateBuffer(&entries, "momentum_buffer", like: p)
                    setState(entries, for: p)
                }
                switch p.dtype {
                case .float32: Self.kernel(Float.self, p, grad, buffer, first: first, c, self)
                default: Self.kernel(Double.self, p, grad, buffer, first: first, c, self)
                }
                buffer?.bumpVersion()
            }
        }
    }

    /// The group's options as doubles.
    struct Coefficients {
        let lr, momentum, dampening, weightDecay: Double
        let nesterov, maximize: Bool
    }

    /// The fused per-element loop; each line is one PyTorch op with its float rounding.
    private static func kernel<T: OptimFloat>(_: T.Type, _ p: Tensor, _ grad: Tensor, _ buffer: Tensor?,
                                              first: Bool, _ c: Coefficients, _ optimizer: Optimizer) {
        let n = p.numel
        let g = grad.pointer(T.self)
        let buf = buffer?.pointer(T.self)
        let wd = T(c.weightDecay), mom = T(c.momentum), keep = T(1 - c.dampening), negLR = T(-c.lr)
        let decay = c.weightDecay != 0
        optimizer.updateInPlace(p, T.self) { x in
            // The common cases as branch-free loops the compiler vectorises, same formulas.
            if !c.maximize && !decay && !c.nesterov && !first {
                if let buf {
                    if c.dampening == 0 {
                        // buf.mul_(m).add_(grad): alpha = 1 rounds as a plain sum.
                        for i in 0..<n {
                            let b = buf[i] * mom + g[i]
                            buf[i] = b
                            x[i] = x[i].fused(b, negLR)
                        }
                    } else {
                        for i in 0..<n {
                            let b = (buf[i] * mom).fused(g[i], keep)
                            buf[i] = b
                            x[i] = x[i].fused(b, negLR)
                        }
                    }
                } else {
                    for i in 0..<n { x[i] = x[i].fused(g[i], negLR) }
                }
                return
            }
            for i in 0..<n {
                var d = c.maximize ? -g[i] : g[i]
                if decay { d = d.fused(x[i], wd) }               // grad.add(param, alpha=wd)
                if let buf {
                    if first {
                        buf[i] = d                                       // grad.detach().clone()
                    } else {
                        buf[i] = (buf[i] * mom).fused(d, keep)   // buf.mul_(m).add_(grad, alpha=1-damp)
                    }
                    d = c.nesterov ? d.fused(buf[i], mom) : buf[i]
                }
                x[i] = x[i].fused(d, negLR)                      // param.add_(grad, alpha=-lr)
            }
        }
    }
}
