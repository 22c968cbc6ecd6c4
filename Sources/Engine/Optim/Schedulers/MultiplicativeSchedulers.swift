import Foundation

/// `StepLR(optimizer, step_size, gamma=0.1)`: multiplies the learning rate by `gamma` every
/// `step_size` epochs.
public final class StepLR: LRScheduler {
    /// `step_size`.
    public let stepSize: Int
    /// `gamma`.
    public let gamma: Scalar

    /// Makes the scheduler and takes its initial step.
    public init(_ optimizer: Optimizer, stepSize: Int, gamma: Scalar = 0.1, lastEpoch: Int = -1) throws {
        self.stepSize = stepSize
        self.gamma = gamma
        try super.init(optimizer: optimizer, lastEpoch: lastEpoch, name: "StepLR")
    }

    /// `get_lr()`: `lr * gamma` on multiples of `step_size`, else unchanged.
    public override func computeLr() throws -> [Scalar] {
        if try lastEpoch == 0 || PyMath.mod(lastEpoch, stepSize) != 0 { return try currentLrs() }
        return try currentLrs().map { PyMath.mul($0, gamma) }
    }

    /// `base_lr * gamma ** (last_epoch // step_size)`.
    public override func closedFormLr() throws -> [Scalar]? {
        guard stepSize != 0 else { throw TensorError(.zeroDivision, "integer division or modulo by zero") }
        let k = Int((Double(lastEpoch) / Double(stepSize)).rounded(.down))
        return baseLrs.map { .double($0.doubleValue * Foundation.pow(gamma.doubleValue, Double(k))) }
    }

    /// This scheduler's own attributes, first in `state_dict()`, in PyTorch's order.
    public override func ownState() -> OptionDict {
        ["step_size": .int(Int64(stepSize)), "gamma": OptimValue(gamma)]
    }
}

/// `MultiStepLR(optimizer, milestones, gamma=0.1)`: multiplies the learning rate by `gamma`
/// at each milestone (by `gamma**k` when a milestone is listed k times).
public final class MultiStepLR: LRScheduler {
    /// `milestones`, as given (PyTorch keeps them in a `Counter`).
    public let milestones: [Int]
    /// `gamma`.
    public let gamma: Scalar

    /// Makes the scheduler and takes its initial step.
    public init(_ optimizer: Optimizer, milestones: [Int], gamma: Scalar = 0.1, lastEpoch: Int = -1) throws {
        self.milestones = milestones
        self.gamma = gamma
        try super.init(optimizer: optimizer, lastEpoch: lastEpoch, name: "MultiStepLR")
    }

    /// `get_lr()`: this scheduler's chainable formula for `lastEpoch`.
    public override func computeLr() throws -> [Scalar] {
        let count = milestones.filter { $0 == lastEpoch }.count
        if count == 0 { return try currentLrs() }
        let factor = Foundation.pow(gamma.doubleValue, Double(count))
        return try currentLrs().map { PyMath.mul($0, .double(factor)) }
    }

    /// `_get_closed_form_lr()`: the rates at `lastEpoch` computed from `baseLrs` directly.
    public override func closedFormLr() throws -> [Scalar]? {
        let k = milestones.filter { $0 <= lastEpoch }.count
        return baseLrs.map { .double($0.doubleValue * Foundation.pow(gamma.doubleValue, Double(k))) }
    }

    /// `'milestones'` is written as a sorted list (PyTorch pickles a `Counter`).
    public override func ownState() -> OptionDict {
        ["milestones": .list(milestones.sorted().map { .int(Int64($0)) }), "gamma": OptimValue(gamma)]
    }
}

/// `ExponentialLR(optimizer, gamma)`: multiplies the learning rate by `gamma` every epoch.
public final class ExponentialLR: LRScheduler {
    /// `gamma`.
    public let gamma: Scalar

    /// Makes the scheduler and takes its initial step.
    public init(_ optimizer: Optimizer, gamma: Scalar, lastEpoch: Int = -1) throws {
        self.gamma = gamma
        try super.init(optimizer: optimizer, lastEpoch: lastEpoch, name: "ExponentialLR")
    }

    /// `get_lr()`: this scheduler's chainable formula for `lastEpoch`.
    public override func computeLr() throws -> [Scalar] {
        if isInitial { return try currentLrs() }
        return try currentLrs().map { PyMath.mul($0, gamma) }
    }

    /// `_get_closed_form_lr()`: the rates at `lastEpoch` computed from `baseLrs` directly.
    public override func closedFormLr() throws -> [Scalar]? {
        baseLrs.map { .double($0.doubleValue * Foundation.pow(gamma.doubleValue, Double(lastEpoch))) }
    }

    /// This scheduler's own attributes, first in `state_dict()`, in PyTorch's order.
    public override func ownState() -> OptionDict { ["gamma": OptimValue(gamma)] }
}

/// `ConstantLR(optimizer, factor=1/3, total_iters=5)`: scales the learning rate by `factor`
/// until epoch `total_iters`, then restores it.
public final class ConstantLR: LRScheduler {
    /// `factor`.
    public let factor: Scalar
    /// `total_iters`.
    public let totalIters: Int

    /// Makes the scheduler and takes its initial step.
    public init(_ optimizer: Optimizer, factor: Scalar = .double(1.0 / 3), totalIters: Int = 5, lastEpoch: Int = -1) throws {
        guard !(factor.doubleValue > 1 || factor.doubleValue < 0) else {
            throw TensorError.value("Constant multiplicative factor expected to be between 0 and 1.")
        }
        self.factor = factor
        self.totalIters = totalIters
        try super.init(optimizer: optimizer, lastEpoch: lastEpoch, name: "ConstantLR")
    }

    /// `get_lr()`: this scheduler's chainable formula for `lastEpoch`.
    public override func computeLr() throws -> [Scalar] {
        if lastEpoch == 0 { return try currentLrs().map { PyMath.mul($0, factor) } }
        if lastEpoch != totalIters { return try currentLrs() }
        let inverse = try PyMath.div(1, factor.doubleValue)
        return try currentLrs().map { PyMath.mul($0, .double(inverse)) }
    }

    /// `_get_closed_form_lr()`: the rates at `lastEpoch` computed from `baseLrs` directly.
    public override func closedFormLr() throws -> [Scalar]? {
        let f = factor.doubleValue
        return baseLrs.map { .double($0.doubleValue * (f + (lastEpoch >= totalIters ? 1 : 0) * (1 - f))) }
    }

    /// This scheduler's own attributes, first in `state_dict()`, in PyTorch's order.
    public override func ownState() -> OptionDict {
        ["factor": OptimValue(factor), "total_iters": .int(Int64(totalIters))]
    }
}

/// `LinearLR(optimizer, start_factor=1/3, end_factor=1.0, total_iters=5)`: scales the
/// learning rate linearly from `start_factor` to `end_factor` over `total_iters` epochs.
public final class LinearLR: LRScheduler {
    /// `start_factor`.
    public let startFactor: Scalar
    /// `end_factor`.
    public let endFactor: Scalar
    /// `total_iters`.
    public let totalIters: Int

    /// Makes the scheduler and takes its initial step.
    public init(_ optimizer: Optimizer, startFactor: Scalar = .double(1.0 / 3), endFactor: Scalar = 1.0,
                totalIters: Int = 5, lastEpoch: Int = -1) throws {
        if startFactor.doubleValue > 1 || startFactor.doubleValue <= 0 {
            throw TensorError.value("Starting multiplicative factor expected to be greater than 0 and less or equal to 1.")
        }
        if endFactor.doubleValue > 1 || endFactor.doubleValue < 0 {
            throw TensorError.value("Ending multiplicative factor expected to be between 0 and 1.")
        }
        self.startFactor = startFactor
        self.endFactor = endFactor
        self.totalIters = totalIters
        try super.init(optimizer: optimizer, lastEpoch: lastEpoch, name: "LinearLR")
    }

    /// `get_lr()`: this scheduler's chainable formula for `lastEpoch`.
    public override func computeLr() throws -> [Scalar] {
        let s = startFactor.doubleValue, e = endFactor.doubleValue
        if lastEpoch == 0 { return try currentLrs().map { PyMath.mul($0, startFactor) } }
        if isInitial || lastEpoch > totalIters { return try currentLrs() }
        let factor = 1.0 + (try PyMath.div(e - s, Double(totalIters) * s + Double(lastEpoch &- 1) * (e - s)))
        return try currentLrs().map { PyMath.mul($0, .double(factor)) }
    }

    /// `_get_closed_form_lr()`: the rates at `lastEpoch` computed from `baseLrs` directly.
    public override func closedFormLr() throws -> [Scalar]? {
        let s = startFactor.doubleValue, e = endFactor.doubleValue
        let f = s + (try PyMath.div((e - s) * Double(Swift.min(totalIters, lastEpoch)), Double(totalIters)))
        return baseLrs.map { .double($0.doubleValue * f) }
    }

    /// This scheduler's own attributes, first in `state_dict()`, in PyTorch's order.
    public override func ownState() -> OptionDict {
        ["start_factor": OptimValue(startFactor), "end_factor": OptimValue(endFactor), "total_iters": .int(Int64(totalIters))]
    }
}

/// `LambdaLR(optimizer, lr_lambda)`: `base_lr * lr_lambda(epoch)`, one function for all
/// groups or one per group. The script bindings pass a script callable wrapped as a closure.
public final class LambdaLR: LRScheduler {
    /// One learning-rate multiplier per group.
    public let lrLambdas: [(Int) throws -> Scalar]

    /// Makes the scheduler with one function for every group.
    public convenience init(_ optimizer: Optimizer, lrLambda: @escaping (Int) throws -> Scalar, lastEpoch: Int = -1) throws {
        try self.init(optimizer, lrLambdas: Array(repeating: lrLambda, count: optimizer.paramGroups.count), lastEpoch: lastEpoch)
    }

    /// Makes the scheduler with one function per group.
    public init(_ optimizer: Optimizer, lrLambdas: [(Int) throws -> Scalar], lastEpoch: Int = -1) throws {
        guard lrLambdas.count == optimizer.paramGroups.count else {
            throw TensorError.value("Expected \(optimizer.paramGroups.count) lr_lambdas, but got \(lrLambdas.count)")
        }
        self.lrLambdas = lrLambdas
        try super.init(optimizer: optimizer, lastEpoch: lastEpoch, name: "LambdaLR")
    }

    /// `get_lr()`: this scheduler's chainable formula for `lastEpoch`.
    public override func computeLr() throws -> [Scalar] {
        try zip(lrLambdas, baseLrs).map { f, base in PyMath.mul(base, try f(lastEpoch)) }
    }

    /// PyTorch writes `'lr_lambdas'` last: None for plain functions.
    public override func stateDict() -> OptionDict {
        var d = super.stateDict()
        d["lr_lambdas"] = .list(lrLambdas.map { _ in .none })
        return d
    }
}
