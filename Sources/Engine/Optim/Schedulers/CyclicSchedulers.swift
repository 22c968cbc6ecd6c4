import Foundation

extension LRScheduler {
    /// Whether `cycle_momentum` can work: the optimizer has `'momentum'` or `'betas'`
    /// options; returns `use_beta1`.
    static func momentumKind(_ optimizer: Optimizer) throws -> Bool {
        guard optimizer.defaults.contains("momentum") || optimizer.defaults.contains("betas") else {
            throw TensorError.value("optimizer must support momentum or beta1 with `cycle_momentum` option enabled")
        }
        return optimizer.defaults.contains("betas")
    }

    /// Writes a momentum into a group: `betas[0]` for Adam-like optimizers, else `'momentum'`.
    static func setMomentum(_ group: ParamGroup, _ value: Scalar, useBeta1: Bool) {
        if useBeta1 {
            if case .tuple(let betas)? = group["betas"], !betas.isEmpty {
                group["betas"] = .tuple([OptimValue(value)] + betas.dropFirst())
            } else {
                group["betas"] = .tuple([OptimValue(value)])
            }
        } else {
            group["momentum"] = OptimValue(value)
        }
    }
}

/// `CyclicLR(optimizer, base_lr, max_lr, step_size_up=2000, step_size_down=None,
/// mode='triangular', gamma=1.0, scale_fn=None, scale_mode='cycle', cycle_momentum=True,
/// base_momentum=0.8, max_momentum=0.9)`: cycles the learning rate between `base_lr` and
/// `max_lr` (and the momentum the other way), for use after every batch.
public final class CyclicLR: LRScheduler {
    /// `max_lrs`, one per group.
    public let maxLrs: [Scalar]
    /// `total_size`: steps per cycle.
    public let totalSize: Double
    /// `step_ratio`: the fraction of the cycle spent rising.
    public let stepRatio: Double
    /// `'triangular'`, `'triangular2'` or `'exp_range'`.
    public let mode: String
    /// `gamma` of `'exp_range'`.
    public let gamma: Scalar
    /// `scale_mode`: `'cycle'` or `'iterations'`.
    public internal(set) var scaleMode: String
    /// A custom `scale_fn`, or nil for the mode's.
    public let scaleFn: ((Double) throws -> Double)?
    /// `cycle_momentum`.
    public let cycleMomentum: Bool
    /// `use_beta1`: momentum lives in `betas[0]`.
    public let useBeta1: Bool
    /// `base_momentums` / `max_momentums`, one per group.
    public let baseMomentums: [Scalar], maxMomentums: [Scalar]

    /// Makes the scheduler; a list argument gives one value per group.
    public init(_ optimizer: Optimizer, baseLr: [Scalar], maxLr: [Scalar], stepSizeUp: Scalar = 2000,
                stepSizeDown: Scalar? = nil, mode: String = "triangular", gamma: Scalar = 1.0,
                scaleFn: ((Double) throws -> Double)? = nil, scaleMode: String = "cycle", cycleMomentum: Bool = true,
                baseMomentum: [Scalar] = [0.8], maxMomentum: [Scalar] = [0.9], lastEpoch: Int = -1) throws {
        let bases = try Self.perGroup("base_lr", optimizer, baseLr)
        if lastEpoch == -1 {
            for (lr, group) in zip(bases, optimizer.paramGroups) { group["lr"] = OptimValue(lr) }
        }
        maxLrs = try Self.perGroup("max_lr", optimizer, maxLr)
        let up = stepSizeUp.doubleValue, down = stepSizeDown?.doubleValue ?? stepSizeUp.doubleValue
        totalSize = up + down
        stepRatio = try PyMath.div(up, totalSize)
        guard ["triangular", "triangular2", "exp_range"].contains(mode) || scaleFn != nil else {
            throw TensorError.value("mode is invalid and scale_fn is None")
        }
        self.mode = mode
        self.gamma = gamma
        self.scaleFn = scaleFn
        self.scaleMode = scaleFn != nil ? scaleMode : (mode == "exp_range" ? "iterations" : "cycle")
        self.cycleMomentum = cycleMomentum
        if cycleMomentum {
            useBeta1 = try Self.momentumKind(optimizer)
            baseMomentums = try Self.perGroup("base_momentum", optimizer, baseMomentum)
            maxMomentums = try Self.perGroup("max_momentum", optimizer, maxMomentum)
            if lastEpoch == -1 {
                for (i, group) in optimizer.paramGroups.enumerated() {
                    Self.setMomentum(group, maxMomentums[i], useBeta1: useBeta1)
                    group["max_momentum"] = OptimValue(maxMomentums[i])
                    group["base_momentum"] = OptimValue(baseMomentums[i])
                }
            }
        } else {
            useBeta1 = false
            baseMomentums = []
            maxMomentums = []
        }
        try super.init(optimizer: optimizer, lastEpoch: lastEpoch, name: "CyclicLR")
        baseLrs = bases
    }

    private func scale(_ x: Double) throws -> Double {
        if let scaleFn { return try scaleFn(x) }
        switch mode {
        case "triangular2": return 1 / Foundation.pow(2.0, x - 1)
        case "exp_range": return Foundation.pow(gamma.doubleValue, x)
        default: return 1
        }
    }

    /// `get_lr()`: this scheduler's chainable formula for `lastEpoch`.
    public override func computeLr() throws -> [Scalar] {
        let e = Double(lastEpoch)
        let cycle = (1 + (try PyMath.div(e, totalSize))).rounded(.down)
        let x = 1.0 + e / totalSize - cycle
        let factor = x <= stepRatio ? try PyMath.div(x, stepRatio) : try PyMath.div(x - 1, stepRatio - 1)
        let s = try scale(scaleMode == "cycle" ? cycle : e)
        let lrs: [Scalar] = zip(baseLrs, maxLrs).map { base, top in
            .double(base.doubleValue + (top.doubleValue - base.doubleValue) * factor * s)
        }
        if cycleMomentum {
            for (i, group) in optimizer.paramGroups.enumerated() where i < baseMomentums.count {
                let height = (maxMomentums[i].doubleValue - baseMomentums[i].doubleValue) * factor
                Self.setMomentum(group, .double(maxMomentums[i].doubleValue - height * s), useBeta1: useBeta1)
            }
        }
        return lrs
    }

    /// This scheduler's own attributes, first in `state_dict()`, in PyTorch's order.
    public override func ownState() -> OptionDict {
        var d: OptionDict = ["max_lrs": .list(maxLrs.map(OptimValue.init)), "total_size": .float(totalSize),
                             "step_ratio": .float(stepRatio), "mode": .string(mode), "gamma": OptimValue(gamma),
                             "scale_mode": .string(scaleMode), "cycle_momentum": .bool(cycleMomentum)]
        if cycleMomentum {
            d["use_beta1"] = .bool(useBeta1)
            d["base_momentums"] = .list(baseMomentums.map(OptimValue.init))
            d["max_momentums"] = .list(maxMomentums.map(OptimValue.init))
        }
        return d
    }

    /// PyTorch writes `'_scale_fn_custom'` last (None for plain functions).
    public override func stateDict() -> OptionDict {
        var d = super.stateDict()
        d["_scale_fn_custom"] = OptimValue.none
        return d
    }
}

/// `OneCycleLR(optimizer, max_lr, total_steps=None, epochs=None, steps_per_epoch=None,
/// pct_start=0.3, anneal_strategy='cos', cycle_momentum=True, base_momentum=0.85,
/// max_momentum=0.95, div_factor=25.0, final_div_factor=1e4, three_phase=False)`: the
/// 1cycle policy, warming up from `max_lr / div_factor` to `max_lr` and annealing to
/// `initial_lr / final_div_factor`, with momentum cycled the other way.
public final class OneCycleLR: LRScheduler {
    /// One phase of the schedule: where it ends and which group keys it anneals between.
    struct Phase {
        let endStep: Scalar
        let startLr: String, endLr: String, startMomentum: String, endMomentum: String
    }

    /// `total_steps`.
    public let totalSteps: Int
    /// `'cos'` or `'linear'`.
    public let annealStrategy: String
    /// `cycle_momentum`.
    public let cycleMomentum: Bool
    /// `use_beta1`: momentum lives in `betas[0]`.
    public let useBeta1: Bool
    let phases: [Phase]

    /// Makes the scheduler; give `totalSteps`, or `epochs` and `stepsPerEpoch`.
    public init(_ optimizer: Optimizer, maxLr: [Scalar], totalSteps: Int? = nil, epochs: Int? = nil,
                stepsPerEpoch: Int? = nil, pctStart: Scalar = 0.3, annealStrategy: String = "cos",
                cycleMomentum: Bool = true, baseMomentum: [Scalar] = [0.85], maxMomentum: [Scalar] = [0.95],
                divFactor: Scalar = 25.0, finalDivFactor: Scalar = 1e4, threePhase: Bool = false,
                lastEpoch: Int = -1) throws {
        if let totalSteps {
            guard totalSteps > 0 else { throw TensorError.value("Expected positive integer total_steps, but got \(totalSteps)") }
            self.totalSteps = totalSteps
        } else if let epochs, let stepsPerEpoch {
            guard epochs > 0 else { throw TensorError.value("Expected positive integer epochs, but got \(epochs)") }
            guard stepsPerEpoch > 0 else {
                throw TensorError.value("Expected positive integer steps_per_epoch, but got \(stepsPerEpoch)")
            }
            let (product, overflow) = epochs.multipliedReportingOverflow(by: stepsPerEpoch)
            guard !overflow else { throw TensorError.value("Expected positive integer total_steps, but got a product that overflows") }
            self.totalSteps = product
        } else {
            throw TensorError.value("You must define either total_steps OR (epochs AND steps_per_epoch)")
        }
        let pct = pctStart.doubleValue, total = Double(self.totalSteps)
        if threePhase {
            phases = [Phase(endStep: .double(pct * total - 1), startLr: "initial_lr", endLr: "max_lr",
                            startMomentum: "max_momentum", endMomentum: "base_momentum"),
                      Phase(endStep: .double(2 * pct * total - 2), startLr: "max_lr", endLr: "initial_lr",
                            startMomentum: "base_momentum", endMomentum: "max_momentum"),
                      Phase(endStep: .int(Int64(self.totalSteps - 1)), startLr: "initial_lr", endLr: "min_lr",
                            startMomentum: "max_momentum", endMomentum: "max_momentum")]
        } else {
            phases = [Phase(endStep: .double(pct * total - 1), startLr: "initial_lr", endLr: "max_lr",
                            startMomentum: "max_momentum", endMomentum: "base_momentum"),
                      Phase(endStep: .int(Int64(self.totalSteps - 1)), startLr: "max_lr", endLr: "min_lr",
                            startMomentum: "base_momentum", endMomentum: "max_momentum")]
        }
        guard pct >= 0 && pct <= 1 && pctStart.isFloatingPoint else {
            throw TensorError.value("Expected float between 0 and 1 pct_start, but got \(pctStart)")
        }
        guard annealStrategy == "cos" || annealStrategy == "linear" else {
            throw TensorError.value("anneal_strategy must be one of 'cos' or 'linear', instead got \(annealStrategy)")
        }
        self.annealStrategy = annealStrategy
        let maxLrs = try Self.perGroup("max_lr", optimizer, maxLr)
        if lastEpoch == -1 {
            for (i, group) in optimizer.paramGroups.enumerated() {
                let initial = try PyMath.div(maxLrs[i].doubleValue, divFactor.doubleValue)
                group["initial_lr"] = .float(initial)
                group["max_lr"] = OptimValue(maxLrs[i])
                group["min_lr"] = .float(try PyMath.div(initial, finalDivFactor.doubleValue))
            }
        }
        self.cycleMomentum = cycleMomentum
        if cycleMomentum {
            useBeta1 = try Self.momentumKind(optimizer)
            let tops = try Self.perGroup("max_momentum", optimizer, maxMomentum)
            let bottoms = try Self.perGroup("base_momentum", optimizer, baseMomentum)
            if lastEpoch == -1 {
                for (i, group) in optimizer.paramGroups.enumerated() {
                    Self.setMomentum(group, tops[i], useBeta1: useBeta1)
                    group["max_momentum"] = OptimValue(tops[i])
                    group["base_momentum"] = OptimValue(bottoms[i])
                }
            }
        } else {
            useBeta1 = false
        }
        try super.init(optimizer: optimizer, lastEpoch: lastEpoch, name: "OneCycleLR")
    }

    private func anneal(_ start: Double, _ end: Double, _ pct: Double) -> Double {
        if annealStrategy == "cos" {
            let cosOut = cos(Double.pi * pct) + 1
            return end + (start - end) / 2.0 * cosOut
        }
        return (end - start) * pct + start
    }

    /// `get_lr()`: this scheduler's chainable formula for `lastEpoch`.
    public override func computeLr() throws -> [Scalar] {
        let stepNum = lastEpoch
        if stepNum > totalSteps {
            throw TensorError.value("Tried to step \(stepNum) times. The specified number of total steps is \(totalSteps)")
        }
        var lrs: [Scalar] = []
        for group in optimizer.paramGroups {
            var startStep = 0.0
            for (i, phase) in phases.enumerated() {
                let endStep = phase.endStep.doubleValue
                if Double(stepNum) <= endStep || i == phases.count - 1 {
                    let pct = try PyMath.div(Double(stepNum) - startStep, endStep - startStep)
                    lrs.append(.double(anneal(try Self.number(group, phase.startLr).doubleValue,
                                              try Self.number(group, phase.endLr).doubleValue, pct)))
                    if cycleMomentum {
                        let m = anneal(try Self.number(group, phase.startMomentum).doubleValue,
                                       try Self.number(group, phase.endMomentum).doubleValue, pct)
                        Self.setMomentum(group, .double(m), useBeta1: useBeta1)
                    }
                    break
                }
                startStep = endStep
            }
        }
        return lrs
    }

    /// This scheduler's own attributes, first in `state_dict()`, in PyTorch's order.
    public override func ownState() -> OptionDict {
        var d: OptionDict = [
            "total_steps": .int(Int64(totalSteps)),
            "_schedule_phases": .list(phases.map { p in
                .dict(["end_step": OptimValue(p.endStep), "start_lr": .string(p.startLr), "end_lr": .string(p.endLr),
                       "start_momentum": .string(p.startMomentum), "end_momentum": .string(p.endMomentum)])
            }),
            "_anneal_func_type": .string(annealStrategy), "cycle_momentum": .bool(cycleMomentum),
        ]
        if cycleMomentum { d["use_beta1"] = .bool(useBeta1) }
        return d
    }
}
