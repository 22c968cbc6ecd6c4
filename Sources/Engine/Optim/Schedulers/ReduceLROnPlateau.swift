/// `ReduceLROnPlateau(optimizer, mode='min', factor=0.1, patience=10, threshold=1e-4,
/// threshold_mode='rel', cooldown=0, min_lr=0, eps=1e-8)`: multiplies the learning rates by
/// `factor` when a metric has stopped improving for more than `patience` epochs.
///
/// It is stepped with the metric: `step(metric)`. Like PyTorch's, it takes no initial step and
/// does not set `'initial_lr'`.
public final class ReduceLROnPlateau: LRScheduler {
    /// `'min'` (the metric should fall) or `'max'` (it should rise).
    public let mode: String
    /// `factor`.
    public let factor: Scalar
    /// `patience`.
    public let patience: Int
    /// `threshold`.
    public let threshold: Scalar
    /// `'rel'` or `'abs'`.
    public let thresholdMode: String
    /// `cooldown`.
    public let cooldown: Int
    /// `min_lrs`: the lower bound of each group's learning rate.
    public internal(set) var minLrs: [Scalar]
    /// `default_min_lr`: the single `min_lr` given, or nil when a list was given.
    public let defaultMinLr: Scalar?
    /// `eps`: smaller reductions are skipped.
    public let eps: Scalar
    /// `best`: the best metric so far.
    public internal(set) var best: Double
    /// `num_bad_epochs`.
    public internal(set) var numBadEpochs = 0
    /// `cooldown_counter`.
    public internal(set) var cooldownCounter = 0

    /// Makes the scheduler; `minLr` is one value for all groups or one per group.
    public init(_ optimizer: Optimizer, mode: String = "min", factor: Scalar = 0.1, patience: Int = 10,
                threshold: Scalar = 1e-4, thresholdMode: String = "rel", cooldown: Int = 0,
                minLr: [Scalar] = [0], minLrIsList: Bool = false, eps: Scalar = 1e-8) throws {
        guard factor.doubleValue < 1 else { throw TensorError.value("Factor should be < 1.0.") }
        self.factor = factor
        if minLrIsList || minLr.count != 1 {
            guard minLr.count == optimizer.paramGroups.count else {
                throw TensorError.value("expected \(optimizer.paramGroups.count) min_lrs, got \(minLr.count)")
            }
            defaultMinLr = nil
            minLrs = minLr
        } else {
            defaultMinLr = minLr[0]
            minLrs = Array(repeating: minLr[0], count: optimizer.paramGroups.count)
        }
        self.patience = patience
        self.cooldown = cooldown
        self.eps = eps
        guard mode == "min" || mode == "max" else { throw TensorError.value("mode " + mode + " is unknown!") }
        guard thresholdMode == "rel" || thresholdMode == "abs" else {
            throw TensorError.value("threshold mode " + thresholdMode + " is unknown!")
        }
        self.mode = mode
        self.threshold = threshold
        self.thresholdMode = thresholdMode
        self.best = mode == "min" ? .infinity : -.infinity
        super.init(uninitialized: optimizer, name: "ReduceLROnPlateau")
        lastLr = try currentLrs()
    }

    /// `mode_worse`: the worst possible metric.
    var modeWorse: Double { mode == "min" ? .infinity : -.infinity }

    /// Plain `step()` is not how this scheduler is driven.
    public override func step() throws {
        throw TensorError.type("ReduceLROnPlateau.step() missing 1 required positional argument: 'metrics'")
    }

    /// `step(metrics)`: records the metric of one epoch and reduces the rates after more than
    /// `patience` epochs without improvement (none during a cooldown).
    public func step(_ metric: Double) throws {
        lastEpoch &+= 1
        if isBetter(metric, best) {
            best = metric
            numBadEpochs = 0
        } else {
            numBadEpochs += 1
        }
        if cooldownCounter > 0 {
            cooldownCounter -= 1
            numBadEpochs = 0
        }
        if numBadEpochs > patience {
            try reduceLr()
            cooldownCounter = cooldown
            numBadEpochs = 0
        }
        lastLr = try currentLrs()
    }

    private func reduceLr() throws {
        if optimizer.paramGroups.count != minLrs.count {
            guard let defaultMinLr else {
                throw TensorError.runtime("The number of param groups in the `optimizer` (\(optimizer.paramGroups.count)) differs from when `ReduceLROnPlateau` was initialized (\(minLrs.count)), usually due to a new param group being added to the optimizer. Please modify the `min_lrs` field to match the length of the `optimizer` param groups.")
            }
            minLrs = Array(repeating: defaultMinLr, count: optimizer.paramGroups.count)
        }
        for (i, group) in optimizer.paramGroups.enumerated() {
            let old = try Self.number(group, "lr").doubleValue
            let scaled = old * factor.doubleValue
            // Python's max keeps the first argument on ties and returns the object itself.
            let newLr: Scalar = minLrs[i].doubleValue > scaled ? minLrs[i] : .double(scaled)
            if old - newLr.doubleValue > eps.doubleValue { group["lr"] = OptimValue(newLr) }
        }
    }

    private func isBetter(_ a: Double, _ best: Double) -> Bool {
        let t = threshold.doubleValue
        switch (mode, thresholdMode) {
        case ("min", "rel"): return a < best * (1.0 - t)
        case ("min", _): return a < best - t
        case (_, "rel"): return a > best * (t + 1.0)
        default: return a > best + t
        }
    }

    /// `state_dict()` in PyTorch's attribute order.
    public override func stateDict() -> OptionDict {
        ["factor": OptimValue(factor), "default_min_lr": defaultMinLr.map(OptimValue.init) ?? .none,
         "min_lrs": .list(minLrs.map(OptimValue.init)), "patience": .int(Int64(patience)),
         "cooldown": .int(Int64(cooldown)), "eps": OptimValue(eps), "last_epoch": .int(Int64(lastEpoch)),
         "_last_lr": .list(lastLr.map(OptimValue.init)), "mode_worse": .float(modeWorse), "mode": .string(mode),
         "threshold": OptimValue(threshold), "threshold_mode": .string(thresholdMode), "best": .float(best),
         "cooldown_counter": .int(Int64(cooldownCounter)), "num_bad_epochs": .int(Int64(numBadEpochs))]
    }

    /// Restores the counters and the best metric.
    public override func loadStateDict(_ d: OptionDict) throws {
        try super.loadStateDict(d)
        if let v = d["best"]?.doubleValue { best = v }
        if let v = d["num_bad_epochs"]?.doubleValue { numBadEpochs = Int(clampingDouble: v) }
        if let v = d["cooldown_counter"]?.doubleValue { cooldownCounter = Int(clampingDouble: v) }
        if case .list(let items)? = d["min_lrs"] { minLrs = items.compactMap(\.scalar) }
    }
}
