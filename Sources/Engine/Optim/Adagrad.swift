/// `torch.optim.Adagrad`: divides the gradient by the root of the running sum of its squares,
/// with an optional learning-rate decay over steps.
///
/// The update is PyTorch's single-tensor one, op for op: `step += 1`,
/// `clr = lr / (1 + (step - 1) * lr_decay)`, `state_sum.addcmul_(grad, grad, value=1)`,
/// `std = state_sum.sqrt().add_(eps)`, `param.addcdiv_(grad, std, value=-clr)`.
/// As in PyTorch, every parameter gets its state (`step`, `sum`) when the optimizer is made.
public final class Adagrad: Optimizer {
    /// `Adagrad(params, lr=1e-2, lr_decay=0, weight_decay=0, initial_accumulator_value=0,
    /// eps=1e-10, foreach=None, *, maximize=False, differentiable=False, fused=None)`.
    public convenience init(_ params: [Tensor], lr: Scalar = 1e-2, lrDecay: Scalar = 0, weightDecay: Scalar = 0,
                            initialAccumulatorValue: Scalar = 0, eps: Scalar = 1e-10, foreach: Bool? = nil,
                            maximize: Bool = false, differentiable: Bool = false, fused: Bool? = nil) throws {
        try Self.validate(lr: lr, lrDecay: lrDecay, weightDecay: weightDecay, initial: initialAccumulatorValue, eps: eps)
        try self.init(groups: try Optimizer.singleGroup(params), lr: lr, lrDecay: lrDecay, weightDecay: weightDecay,
                      initialAccumulatorValue: initialAccumulatorValue, eps: eps, foreach: foreach,
                      maximize: maximize, differentiable: differentiable, fused: fused)
    }

    /// `Adagrad([{'params': …}, …], …)`: parameter groups with their own options.
    public init(groups: [ParamGroup], lr: Scalar = 1e-2, lrDecay: Scalar = 0, weightDecay: Scalar = 0,
                initialAccumulatorValue: Scalar = 0, eps: Scalar = 1e-10, foreach: Bool? = nil,
                maximize: Bool = false, differentiable: Bool = false, fused: Bool? = nil) throws {
        try Self.validate(lr: lr, lrDecay: lrDecay, weightDecay: weightDecay, initial: initialAccumulatorValue, eps: eps)
        try Optimizer.rejectUnsupported("Adagrad", fused: fused, differentiable: differentiable)
        let defaults: OptionDict = [
            "lr": OptimValue(lr), "lr_decay": OptimValue(lrDecay), "eps": OptimValue(eps),
            "weight_decay": OptimValue(weightDecay), "initial_accumulator_value": OptimValue(initialAccumulatorValue),
            "foreach": foreach.map(OptimValue.bool) ?? .none, "maximize": .bool(maximize),
            "differentiable": .bool(differentiable), "fused": fused.map(OptimValue.bool) ?? .none,
        ]
        try super.init(groups: groups, defaults: defaults, name: "Adagrad")
        for group in paramGroups {
            for p in group.params {
                var entries = state(for: p)
                entries["step"] = newStepCounter()
                entries["sum"] = .tensor(filledBuffer(like: p, initialAccumulatorValue.doubleValue))
                setState(entries, for: p)
            }
        }
    }

    /// PyTorch's argument checks, in its order and wording.
    private static func validate(lr: Scalar, lrDecay: Scalar, weightDecay: Scalar, initial: Scalar, eps: Scalar) throws {
        if !(0 <= lr.doubleValue) { throw TensorError.value("Invalid learning rate: \(lr)") }
        if !(0 <= lrDecay.doubleValue) { throw TensorError.value("Invalid lr_decay value: \(lrDecay)") }
        if !(0 <= weightDecay.doubleValue) { throw TensorError.value("Invalid weight_decay value: \(weightDecay)") }
        if !(0 <= initial.doubleValue) {
            throw TensorError.value("Invalid initial_accumulator_value value: \(initial)")
        }
        if !(0 <= eps.doubleValue) { throw TensorError.value("Invalid epsilon value: \(eps)") }
    }

    /// Fills options that state dicts of older PyTorch versions lack (`__setstate__`).
    public override func didLoadState() {
        for group in paramGroups {
            group.options.setDefault("foreach", .none)
            group.options.setDefault("maximize", false)
            group.options.setDefault("differentiable", false)
            group.options.setDefault("fused", .none)
        }
    }

    /// One Adagrad step over every parameter with a gradient.
    public override func update() throws {
        let initial = (try? defaults.number("initial_accumulator_value")) ?? 0
        for group in paramGroups {
            let o = group.options
            let lr = try o.number("lr"), lrDecay = try o.number("lr_decay"), eps = try o.number("eps")
            let weightDecay = try o.number("weight_decay"), maximize = o.flag("maximize")
            for p in group.params {
                guard let grad = try contiguousGradient(of: p) else { continue }
                var entries = state(for: p)
                if entries.isEmpty {
                    entries["step"] = newStepCounter()
                    entries["sum"] = .tensor(filledBuffer(like: p, initial))
                }
                let sum = try stateBuffer(&entries, "sum", like: p)
                let step = try incrementStep(&entries)
                setState(entries, for: p)
                let clr = lr / (1 + (step - 1) * lrDecay)
                switch p.dtype {
                case .float32: Self.kernel(Float.self, p, grad, sum, lr: clr, eps: eps, weightDecay: weightDecay, maximize: maximize, self)
                default: Self.kernel(Double.self, p, grad, sum, lr: clr, eps: eps, weightDecay: weightDecay, maximize: maximize, self)
                }
                sum.bumpVersion()
            }
        }
    }

    /// The fused per-element loop; each line is one PyTorch op with its float rounding.
    private static func kernel<T: OptimFloat>(_: T.Type, _ p: Tensor, _ grad: Tensor, _ sum: Tensor, lr: Double, eps: Double,
                                              weightDecay: Double, maximize: Bool, _ optimizer: Optimizer) {
        let n = p.numel
        let g = grad.pointer(T.self), s = sum.pointer(T.self)
        let wd = T(weightDecay), e = T(eps), negLR = T(-lr)
        let decay = weightDecay != 0
        optimizer.updateInPlace(p, T.self) { x in
            for i in 0..<n {
                var d = maximize ? -g[i] : g[i]
                if decay { d = d.fused(x[i], wd) }                 // grad.add(param, alpha=wd)
                s[i] = s[i].fused(d, d)                            // state_sum.addcmul_(grad, grad, value=1)
                let std = s[i].squareRoot() + e                            // state_sum.sqrt().add_(eps)
                x[i] = x[i] + negLR * d / std                              // param.addcdiv_(grad, std, value=-clr)
            }
        }
    }
}
