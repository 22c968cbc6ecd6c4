import Foundation

/// `CosineAnnealingLR(optimizer, T_max, eta_min=0.0)`: anneals the learning rate along a
/// cosine from the base rate to `eta_min` over `T_max` epochs (and back up after), with
/// PyTorch's recursive formula.
public final class CosineAnnealingLR: LRScheduler {
    /// `T_max`.
    public let tMax: Int
    /// `eta_min`.
    public let etaMin: Scalar

    /// Makes the scheduler and takes its initial step.
    public init(_ optimizer: Optimizer, tMax: Int, etaMin: Scalar = 0.0, lastEpoch: Int = -1) throws {
        self.tMax = tMax
        self.etaMin = etaMin
        try super.init(optimizer: optimizer, lastEpoch: lastEpoch, name: "CosineAnnealingLR")
    }

    /// `get_lr()`: this scheduler's chainable formula for `lastEpoch`.
    public override func computeLr() throws -> [Scalar] {
        if isInitial { return try currentLrs() }
        let eta = etaMin.doubleValue, t = Double(tMax), e = Double(lastEpoch)
        if stepCount == 1 && lastEpoch > 0 {
            return try baseLrs.map { base in
                .double(eta + (base.doubleValue - eta) * (1 + cos(try PyMath.div(e * Double.pi, t))) / 2)
            }
        }
        if try PyMath.mod(lastEpoch &- 1 &- tMax, 2 &* tMax) == 0 {
            let bump = 1 - cos(try PyMath.div(Double.pi, t))
            return try zip(baseLrs, currentLrs()).map { base, lr in
                .double(lr.doubleValue + (base.doubleValue - eta) * bump / 2)
            }
        }
        let ratio = try PyMath.div(1 + cos(try PyMath.div(Double.pi * e, t)), 1 + cos(try PyMath.div(Double.pi * (e - 1), t)))
        return try currentLrs().map { .double(ratio * ($0.doubleValue - eta) + eta) }
    }

    /// `_get_closed_form_lr()`: the rates at `lastEpoch` computed from `baseLrs` directly.
    public override func closedFormLr() throws -> [Scalar]? {
        let eta = etaMin.doubleValue
        let c = 1 + cos(try PyMath.div(Double.pi * Double(lastEpoch), Double(tMax)))
        return baseLrs.map { .double(eta + ($0.doubleValue - eta) * c / 2) }
    }

    /// This scheduler's own attributes, first in `state_dict()`, in PyTorch's order.
    public override func ownState() -> OptionDict { ["T_max": .int(Int64(tMax)), "eta_min": OptimValue(etaMin)] }
}

/// `CosineAnnealingWarmRestarts(optimizer, T_0, T_mult=1, eta_min=0.0)`: cosine annealing
/// restarted every `T_i` epochs, with `T_i` growing by `T_mult` after each restart (SGDR).
/// `step(epoch:)` accepts fractional epochs, as PyTorch does.
public final class CosineAnnealingWarmRestarts: LRScheduler {
    /// `T_0`: the length of the first period.
    public let t0: Int
    /// `T_i`: the length of the current period.
    public internal(set) var tI: Int
    /// `T_mult`.
    public let tMult: Int
    /// `eta_min`.
    public let etaMin: Scalar
    /// `T_cur`: epochs since the last restart (fractional after `step(epoch:)`).
    public internal(set) var tCur: Scalar

    /// Makes the scheduler and takes its initial step.
    public init(_ optimizer: Optimizer, t0: Int, tMult: Int = 1, etaMin: Scalar = 0.0, lastEpoch: Int = -1) throws {
        guard t0 > 0 else { throw TensorError.value("Expected positive integer T_0, but got \(t0)") }
        guard tMult >= 1 else { throw TensorError.value("Expected integer T_mult >= 1, but got \(tMult)") }
        self.t0 = t0
        self.tI = t0
        self.tMult = tMult
        self.etaMin = etaMin
        self.tCur = .int(Int64(lastEpoch))
        try super.init(optimizer: optimizer, lastEpoch: lastEpoch, name: "CosineAnnealingWarmRestarts")
    }

    /// `get_lr()`: this scheduler's chainable formula for `lastEpoch`.
    public override func computeLr() throws -> [Scalar] {
        let eta = etaMin.doubleValue
        let c = 1 + cos(try PyMath.div(Double.pi * tCur.doubleValue, Double(tI)))
        return baseLrs.map { .double(eta + ($0.doubleValue - eta) * c / 2) }
    }

    /// `step()`: one epoch further, restarting when `T_cur` reaches `T_i`.
    public override func step() throws { try step(epoch: nil) }

    /// `step(epoch)`: jumps to `epoch` (fractional epochs allowed), or one epoch further when nil.
    public func step(epoch: Scalar?) throws {
        var epoch = epoch
        if epoch == nil && lastEpoch < 0 { epoch = .int(0) }
        let reached: Scalar
        if let epoch {
            let e = epoch.doubleValue
            if e < 0 { throw TensorError.value("Expected non-negative epoch, but got \(epoch)") }
            guard e.isFinite else {
                throw TensorError.value(e.isNaN ? "cannot convert float NaN to integer" : "cannot convert float infinity to integer")
            }
            if e >= Double(t0) {
                if tMult == 1 {
                    tCur = epoch.isFloatingPoint ? .double(try PyMath.fmod(e, Double(t0))) : .int(Int64(try PyMath.mod(Int(epoch.int64Value), t0)))
                } else {
                    let n = Int(clampingDouble: log(e / Double(t0) * Double(tMult - 1) + 1) / log(Double(tMult)))
                    let power = Foundation.pow(Double(tMult), Double(n))
                    tCur = .double(e - Double(t0) * (power - 1) / Double(tMult - 1))
                    tI = Int(clampingDouble: Double(t0) * power)
                }
            } else {
                tI = t0
                tCur = epoch
            }
            reached = epoch
        } else {
            reached = .int(Int64(lastEpoch &+ 1))
            tCur = tCur.isFloatingPoint ? .double(tCur.doubleValue + 1) : .int(tCur.int64Value &+ 1)
            if tCur.doubleValue >= Double(tI) {
                tCur = tCur.isFloatingPoint ? .double(try PyMath.fmod(tCur.doubleValue, Double(tI)))
                                            : .int(Int64(try PyMath.mod(Int(tCur.int64Value), tI)))
                let (grown, overflow) = tI.multipliedReportingOverflow(by: tMult)
                tI = overflow ? Int.max : grown
            }
        }
        lastEpoch = Int(clampingDouble: reached.doubleValue.rounded(.down))
        getLrCalledWithinStep = true
        defer { getLrCalledWithinStep = false }
        for (group, lr) in zip(optimizer.paramGroups, try computeLr()) { group["lr"] = OptimValue(lr) }
        lastLr = try currentLrs()
    }

    /// This scheduler's own attributes, first in `state_dict()`, in PyTorch's order.
    public override func ownState() -> OptionDict {
        ["T_0": .int(Int64(t0)), "T_i": .int(Int64(tI)), "T_mult": .int(Int64(tMult)), "eta_min": OptimValue(etaMin),
         "T_cur": OptimValue(tCur)]
    }

    /// `load_state_dict(state_dict)`: restores what `stateDict()` wrote.
    public override func loadStateDict(_ d: OptionDict) throws {
        try super.loadStateDict(d)
        if let v = d["T_i"]?.doubleValue { tI = Int(clampingDouble: v) }
        if let v = d["T_cur"]?.scalar { tCur = v }
    }
}
