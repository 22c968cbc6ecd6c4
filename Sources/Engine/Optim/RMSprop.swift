/// `torch.optim.RMSprop`: divides the gradient by a running root mean square, optionally
/// centred (subtracting the running mean of the gradient) and with momentum.
///
/// The update is PyTorch's single-tensor one, op for op: `step += 1`,
/// `square_avg.mul_(alpha).addcmul_(grad, grad, value=1 - alpha)`; centred:
/// `grad_avg.lerp_(grad, 1 - alpha)`, `avg = square_avg.addcmul(grad_avg, grad_avg, value=-1).sqrt_()`,
/// else `avg = square_avg.sqrt()`; `avg.add_(eps)`; with momentum
/// `buf.mul_(momentum).addcdiv_(grad, avg)`, `param.add_(buf, alpha=-lr)`, else
/// `param.addcdiv_(grad, avg, value=-lr)`.
public final class RMSprop: Optimizer {
    /// `RMSprop(params, lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0, momentum=0,
    /// centered=False, capturable=False, foreach=None, maximize=False, differentiable=False)`.
    public convenience init(_ params: [Tensor], lr: Scalar = 1e-2, alpha: Scalar = 0.99, eps: Scalar = 1e-8,
                            weightDecay: Scalar = 0, momentum: Scalar = 0, centered: Bool = false,
                            capturable: Bool = false, foreach: Bool? = nil, maximize: Bool = false,
                            differentiable: Bool = false) throws {
        try Self.validate(lr: lr, alpha: alpha, eps: eps, weightDecay: weightDecay, momentum: momentum)
        try self.init(groups: try Optimizer.singleGroup(params), lr: lr, alpha: alpha, eps: eps,
                      weightDecay: weightDecay, momentum: momentum, centered: centered, capturable: capturable,
                      foreach: foreach, maximize: maximize, differentiable: differentiable)
    }

    /// `RMSprop([{'params': …}, …], …)`: parameter groups with their own options.
    public init(groups: [ParamGroup], lr: Scalar = 1e-2, alpha: Scalar = 0.99, eps: Scalar = 1e-8,
                weightDecay: Scalar = 0, momentum: Scalar = 0, centered: Bool = false,
                capturable: Bool = false, foreach: Bool? = nil, maximize: Bool = false,
                differentiable: Bool = false) throws {
        try Self.validate(lr: lr, alpha: alpha, eps: eps, weightDecay: weightDecay, momentum: momentum)
        try Optimizer.rejectUnsupported("RMSprop", capturable: capturable, differentiable: differentiable)
        let defaults: OptionDict = [
            "lr": OptimValue(lr), "momentum": OptimValue(momentum), "alpha": OptimValue(alpha),
            "eps": OptimValue(eps), "centered": .bool(centered), "weight_decay": OptimValue(weightDecay),
            "capturable": .bool(capturable), "foreach": foreach.map(OptimValue.bool) ?? .none,
            "maximize": .bool(maximize), "differentiable": .bool(differentiable),
        ]
        try super.init(groups: groups, defaults: defaults, name: "RMSprop")
    }

    /// PyTorch's argument checks, in its order and wording.
    private static func validate(lr: Scalar, alpha: Scalar, eps: Scalar, weightDecay: Scalar, momentum: Scalar) throws {
        if !(0 <= lr.doubleValue) { throw TensorError.value("Invalid learning rate: \(lr)") }
        if !(0 <= eps.doubleValue) { throw TensorError.value("Invalid epsilon value: \(eps)") }
        if !(0 <= momentum.doubleValue) { throw TensorError.value("Invalid momentum value: \(momentum)") }
        if !(0 <= weightDecay.doubleValue) { throw TensorError.value("Invalid weight_decay value: \(weightDecay)") }
        if !(0 <= alpha.doubleValue) { throw TensorError.value("Invalid alpha value: \(alpha)") }
    }

    /// Fills options that state dicts of older PyTorch versions lack (`__setstate__`).
    public override func didLoadState() {
        for group in paramGroups {
            group.options.setDefault("momentum", 0)
            group.options.setDefault("centered", false)
            group.options.setDefault("foreach", .none)
            group.options.setDefault("maximize", false)
            group.options.setDefault("differentiable", false)
            group.options.setDefault("capturable", false)
        }
    }

    /// The group's options as doubles.
    struct Coefficients {
        let lr, alpha, eps, weightDecay, momentum: Double
        let centered, maximize: Bool
    }

    /// One RMSprop step over every parameter with a gradient.
    public override func update() throws {
        for group in paramGroups {
            let o = group.options
            let c = Coefficients(lr: try o.number("lr"), alpha: try o.number("alpha"), eps: try o.number("eps"),
                                 weightDecay: try o.number("weight_decay"), momentum: try o.number("momentum"),
                                 centered: o.flag("centered"), maximize: o.flag("maximize"))
            for p in group.params {
                guard let grad = try contiguousGradient(of: p) else { continue }
                var entries = state(for: p)
                if entries.isEmpty {
                    entries["step"] = newStepCounter()
                    entries["square_avg"] = .tensor(filledBuffer(like: p))
                    if c.momentum > 0 { entries["momentum_buffer"] = .tensor(filledBuffer(like: p)) }
                    if c.centered { entries["grad_avg"] = .tensor(filledBuffer(like: p)) }
                }
                let squareAvg = try stateBuffer(&entries, "square_avg", like: p)
                let buffer = c.momentum > 0 ? try stateBuffer(&entries, "momentum_buffer", like: p) : nil
                let gradAvg = c.centered ? try stateBuffer(&entries, "grad_avg", like: p) : nil
                _ = try incrementStep(&entries)
                setState(entries, for: p)
                switch p.dtype {
                case .float32: Self.kernel(Float.self, p, grad, squareAvg, buffer, gradAvg, c, self)
                default: Self.kernel(Double.self, p, grad, squareAvg, buffer, gradAvg, c, self)
                }
                for t in [squareAvg, buffer, gradAvg] { t?.bumpVersion() }
            }
        }
    }

    /// The fused per-element loop; each line is one PyTorch op with its float rounding.
    private static func kernel<T: OptimFloat>(_: T.Type, _ p: Tensor, _ grad: Tensor, _ squareAvg: Tensor, _ buffer: Tensor?,
                                              _ gradAvg: Tensor?, _ c: Coefficients, _ optimizer: Optimizer) {
        let n = p.numel
        let g = grad.pointer(T.self), sq = squareAvg.pointer(T.self)
        let buf = buffer?.pointer(T.self), ga = gradAvg?.pointer(T.self)
        let wd = T(c.weightDecay), alpha = T(c.alpha), keep = T(1 - c.alpha), eps = T(c.eps)
        let mom = T(c.momentum), negLR = T(-c.lr)
        let decay = c.weightDecay != 0
        optimizer.updateInPlace(p, T.self) { x in
            for i in 0..<n {
                var d = c.maximize ? -g[i] : g[i]
                if decay { d = d.fused(x[i], wd) }                 // grad.add(param, alpha=wd)
                sq[i] = (sq[i] * alpha).fused(keep * d, d)         // square_avg.mul_(a).addcmul_(g, g, value=1-a)
                var avg: T
                if let ga {
                    ga[i] = OptimMath.lerp(ga[i], d, keep)                 // grad_avg.lerp_(grad, 1 - alpha)
                    avg = sq[i].fused(-ga[i], ga[i]).squareRoot()  // square_avg.addcmul(ga, ga, value=-1).sqrt_()
                } else {
                    avg = sq[i].squareRoot()
                }
                avg = avg + eps                                            // avg.add_(eps)
                if let buf {
                    buf[i] = buf[i] * mom + 1 * d / avg                    // buf.mul_(m).addcdiv_(grad, avg)
                    x[i] = x[i].fused(buf[i], negLR)               // param.add_(buf, alpha=-lr)
                } else {
                    x[i] = x[i] + negLR * d / avg                          // param.addcdiv_(grad, avg, value=-lr)
                }
            }
        }
    }
}
