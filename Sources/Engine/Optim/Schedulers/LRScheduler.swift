import Foundation

/// `torch.optim.lr_scheduler.LRScheduler`: the base of the learning-rate schedulers.
///
/// As in PyTorch 2.15, making a scheduler sets `'initial_lr'` in every parameter group
/// (when `lastEpoch` is -1), remembers those as `baseLrs`, and takes an initial step (epoch 0)
/// that writes the first learning rates into the groups. Each `step()` then advances
/// `lastEpoch` and computes the new rates with PyTorch's recursive ("chainable") formulas,
/// which read the groups' current `'lr'`, so several schedulers can be chained.
/// Learning rates are Python numbers (`Scalar`): an `int` lr stays an `int` until a formula
/// multiplies it by a float, exactly as in PyTorch.
open class LRScheduler {
    /// The optimizer whose parameter groups' `'lr'` this scheduler writes.
    public let optimizer: Optimizer
    /// `base_lrs`: each group's `'initial_lr'` when the scheduler was made.
    public internal(set) var baseLrs: [Scalar]
    /// `last_epoch`: the number of `step()` calls so far (0 after construction).
    public internal(set) var lastEpoch: Int
    /// `_step_count`: steps taken, the initial one included.
    public internal(set) var stepCount = 0
    /// `_last_lr`: the groups' learning rates after the last step (`get_last_lr()`).
    public internal(set) var lastLr: [Scalar] = []
    /// The class name PyTorch shows (`StepLR`).
    public let name: String
    /// `_is_initial`: true only during the constructor's initial step.
    var isInitial = false
    /// `_get_lr_called_within_step`.
    var getLrCalledWithinStep = false

    /// Registers `'initial_lr'` in the groups, reads `baseLrs` and takes the initial step.
    /// Subclasses set their own properties first, as PyTorch's subclasses do before calling
    /// `super().__init__`.
    init(optimizer: Optimizer, lastEpoch: Int, name: String) throws {
        self.optimizer = optimizer
        self.name = name
        if lastEpoch == -1 {
            for group in optimizer.paramGroups {
                if let lr = group["lr"] { group.options.setDefault("initial_lr", lr) }
            }
        } else {
            for (i, group) in optimizer.paramGroups.enumerated() where group["initial_lr"] == nil {
                throw TensorError.runtime("KeyError: \"param 'initial_lr' is not specified in param_groups[\(i)] when resuming scheduler with last_epoch >= 0.\\nThis typically happens when:\\n1. You're trying to resume training from a checkpoint but haven't properly loaded the optimizer state\\n2. You're using last_epoch >= 0 for a fresh training run (not recommended)\"")
            }
        }
        baseLrs = try optimizer.paramGroups.map { try Self.number($0, "initial_lr") }
        self.lastEpoch = lastEpoch
        optimizer.tracksStepCalls = true
        try initialStep()
    }

    /// For schedulers that do not run the base constructor (ReduceLROnPlateau, SequentialLR).
    init(uninitialized optimizer: Optimizer, name: String) {
        self.optimizer = optimizer
        self.name = name
        self.baseLrs = []
        self.lastEpoch = 0
    }

    /// `_initial_step()`: resets the step count and steps once in initial mode.
    func initialStep() throws {
        stepCount = 0
        isInitial = true
        defer { isInitial = false }
        try step()
    }

    /// `step()`: advances one epoch and writes the new learning rates into the groups. Warns,
    /// as PyTorch does, when the first call comes before any `optimizer.step()`.
    open func step() throws {
        if stepCount == 1 && !optimizer.stepWasCalled {
            Autograd.warn("Detected call of `lr_scheduler.step()` before `optimizer.step()`. In PyTorch 1.1.0 and later, you should call them in the opposite order: `optimizer.step()` before `lr_scheduler.step()`.  Failure to do this will result in PyTorch skipping the first value of the learning rate schedule. See more details at https://pytorch.org/docs/stable/optim.html#how-to-adjust-learning-rate")
        }
        stepCount += 1
        try updateLr(epoch: nil)
    }

    /// `_update_lr(epoch)`: with an epoch, jumps there using the closed form when the
    /// scheduler has one.
    func updateLr(epoch: Int?) throws {
        getLrCalledWithinStep = true
        defer { getLrCalledWithinStep = false }
        let values: [Scalar]
        if let epoch {
            lastEpoch = epoch
            values = try closedFormLr() ?? computeLr()
        } else {
            lastEpoch &+= 1
            values = try computeLr()
        }
        for (group, lr) in zip(optimizer.paramGroups, values) { group["lr"] = OptimValue(lr) }
        lastLr = try currentLrs()
    }

    /// `get_lr()`: the learning rates for `lastEpoch` (subclasses override).
    open func computeLr() throws -> [Scalar] {
        throw TensorError.notImplemented("\(name).get_lr() is not implemented")
    }

    /// `_get_closed_form_lr()`, or nil for schedulers without one.
    open func closedFormLr() throws -> [Scalar]? { nil }

    /// `get_lr()` called from outside `step()`: warns as PyTorch does and computes the rates.
    public func getLr() throws -> [Scalar] {
        if !getLrCalledWithinStep {
            Autograd.warn("To get the last learning rate computed by the scheduler, please use `get_last_lr()`.")
        }
        return try computeLr()
    }

    /// `get_last_lr()`: the learning rates the last step set, as doubles.
    public func getLastLr() -> [Double] { lastLr.map(\.doubleValue) }

    // MARK: State dict

    /// `state_dict()`: every attribute except the optimizer, in PyTorch's key order.
    open func stateDict() -> OptionDict {
        var d = ownState()
        d["base_lrs"] = .list(baseLrs.map(OptimValue.init))
        d["last_epoch"] = .int(Int64(lastEpoch))
        d["_step_count"] = .int(Int64(stepCount))
        d["_is_initial"] = .bool(isInitial)
        d["_get_lr_called_within_step"] = .bool(getLrCalledWithinStep)
        d["_last_lr"] = .list(lastLr.map(OptimValue.init))
        return d
    }

    /// The subclass's own attributes, which come first in `state_dict()`.
    open func ownState() -> OptionDict { OptionDict() }

    /// `load_state_dict(state_dict)`: restores the attributes `stateDict()` wrote.
    open func loadStateDict(_ d: OptionDict) throws {
        if case .list(let items)? = d["base_lrs"] { baseLrs = items.compactMap(\.scalar) }
        if let v = d["last_epoch"]?.doubleValue { lastEpoch = Int(clampingDouble: v) }
        if let v = d["_step_count"]?.doubleValue { stepCount = Int(clampingDouble: v) }
        if case .list(let items)? = d["_last_lr"] { lastLr = items.compactMap(\.scalar) }
    }

    // MARK: Helpers

    /// Every group's current `'lr'` (`_param_groups_val_list(optimizer, 'lr')`).
    func currentLrs() throws -> [Scalar] { try optimizer.paramGroups.map { try Self.number($0, "lr") } }

    /// A group's option as a Python number.
    static func number(_ group: ParamGroup, _ key: String) throws -> Scalar {
        guard let value = group[key] else { throw TensorError.runtime("KeyError: '\(key)'") }
        guard let s = value.scalar else {
            throw TensorError.type("unsupported operand type(s) for *: '\(value.typeName)' and 'float'")
        }
        return s
    }

    /// `_format_param(name, optimizer, param)`: one value per group.
    static func perGroup(_ name: String, _ optimizer: Optimizer, _ values: [Scalar]) throws -> [Scalar] {
        if values.count == 1 { return Array(repeating: values[0], count: optimizer.paramGroups.count) }
        guard values.count == optimizer.paramGroups.count else {
            throw TensorError.value("\(name) must have the same length as optimizer.param_groups. \(name) has \(values.count) values, param_groups has \(optimizer.paramGroups.count).")
        }
        return values
    }
}

/// Python arithmetic on numbers for the schedulers.
enum PyMath {
    /// `a * b`: int when both are ints (float if the product overflows), else float.
    static func mul(_ a: Scalar, _ b: Scalar) -> Scalar {
        if !a.isFloatingPoint && !b.isFloatingPoint {
            let (p, overflow) = a.int64Value.multipliedReportingOverflow(by: b.int64Value)
            if !overflow { return .int(p) }
        }
        return .double(a.doubleValue * b.doubleValue)
    }

    /// `a / b` on floats, raising ZeroDivisionError as Python does.
    static func div(_ a: Double, _ b: Double) throws -> Double {
        guard b != 0 else { throw TensorError(.zeroDivision, "float division by zero") }
        return a / b
    }

    /// `a % b` on ints with Python's sign rule, raising ZeroDivisionError for 0.
    static func mod(_ a: Int, _ b: Int) throws -> Int {
        guard b != 0 else { throw TensorError(.zeroDivision, "integer division or modulo by zero") }
        if b == -1 { return 0 }
        let r = a % b
        return (r != 0 && (r < 0) != (b < 0)) ? r + b : r
    }

    /// `a % b` on floats with Python's sign rule.
    static func fmod(_ a: Double, _ b: Double) throws -> Double {
        guard b != 0 else { throw TensorError(.zeroDivision, "float modulo") }
        let r = Foundation.fmod(a, b)
        return (r != 0 && (r < 0) != (b < 0)) ? r + b : r
    }
}

extension Int {
    /// Converts a double as Python's `int()` would for in-range values, clamping the rest.
    init(clampingDouble d: Double) {
        if d.isNaN { self = 0 } else if d >= 9.2e18 { self = Int.max } else if d <= -9.2e18 { self = Int.min } else { self = Int(d) }
    }
}
