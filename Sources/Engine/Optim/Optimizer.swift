/// One entry of `optimizer.param_groups`: the parameters it updates and its options
/// (`'lr'`, `'momentum'`, `'betas'`, …) in Python's dict order.
///
/// A class, as the Python dict is an object: `optimizer.paramGroups[0]["lr"] = .float(0.01)`
/// changes the learning rate the next `step()` uses, and schedulers write here.
public final class ParamGroup {
    /// The tensors this group updates (`group['params']`).
    public var params: [Tensor]
    /// Every key of the group except `'params'`, in insertion order.
    public var options: OptionDict

    /// A group of `params` with the options given explicitly (the rest come from the
    /// optimizer's defaults when the group is added).
    public init(params: [Tensor], options: OptionDict = [:]) {
        self.params = params
        self.options = options
    }

    /// A group of named parameters (`model.named_parameters()`): keeps `'param_names'`.
    public convenience init(namedParams: [(String, Tensor)], options: OptionDict = [:]) {
        self.init(params: namedParams.map(\.1), options: options)
        self.options["param_names"] = .list(namedParams.map { .string($0.0) })
    }

    /// `group[key]`: an option by name; assigning nil removes it.
    public subscript(key: String) -> OptimValue? {
        get { options[key] }
        set { options[key] = newValue }
    }

    /// The learning rate as a double (`group['lr']`).
    public var lr: Double {
        get throws { try options.number("lr") }
    }
}

/// `torch.optim.Optimizer`: parameter groups with their own options, per-parameter state,
/// `zero_grad`, `step`, `state_dict` and `load_state_dict`, as PyTorch 2.15 has them.
///
/// Subclasses (`SGD`, `Adam`, …) validate their arguments, pass their defaults in PyTorch's
/// order and override `update()`, which `step()` runs under `no_grad`.
open class Optimizer: CustomStringConvertible {
    /// The options a group gets when it does not give them (`optimizer.defaults`).
    public let defaults: OptionDict
    /// `optimizer.param_groups`.
    public internal(set) var paramGroups: [ParamGroup] = []
    /// Per-parameter state in insertion order (PyTorch's `optimizer.state`).
    var stateEntries: [(param: Tensor, entries: OptionDict)] = []
    var stateIndex: [ObjectIdentifier: Int] = [:]
    /// The class name PyTorch prints (`SGD`, `Adam`).
    public let name: String
    /// Set once `step()` has run (PyTorch's `_opt_called`; schedulers warn when it is unset).
    public internal(set) var stepWasCalled = false
    /// Set when a scheduler is attached (PyTorch wraps `step` then); only later steps count.
    var tracksStepCalls = false

    /// Builds an optimizer over `groups`, each completed from `defaults` by
    /// `addParamGroup(_:)`. Throws PyTorch's error for an empty list.
    public init(groups: [ParamGroup], defaults: OptionDict, name: String) throws {
        self.defaults = defaults
        self.name = name
        guard !groups.isEmpty else { throw TensorError.value("optimizer got an empty parameter list") }
        for group in groups { try addParamGroup(group) }
    }

    /// Wraps a flat parameter list as one group, throwing PyTorch's error when it is empty.
    static func singleGroup(_ params: [Tensor]) throws -> [ParamGroup] {
        guard !params.isEmpty else { throw TensorError.value("optimizer got an empty parameter list") }
        return [ParamGroup(params: params)]
    }

    /// `add_param_group(param_group)`: checks the parameters (leaves, not already in another
    /// group), fills the missing options from the defaults and appends the group.
    public func addParamGroup(_ group: ParamGroup) throws {
        for p in group.params where !(p.isLeaf || p.retainsGrad) {
            throw TensorError.value("can't optimize a non-leaf Tensor")
        }
        for (key, value) in defaults { group.options.setDefault(key, value) }
        var seen = Set<ObjectIdentifier>()
        if group.params.contains(where: { !seen.insert(ObjectIdentifier($0)).inserted }) {
            Autograd.warn("optimizer contains a parameter group with duplicate parameters; in future, this will cause an error; see github.com/pytorch/pytorch/issues/40967 for more information")
        }
        var existing = Set<ObjectIdentifier>()
        for other in paramGroups {
            existing.formUnion(other.params.map(ObjectIdentifier.init))
            if other.options.contains("param_names") != group.options.contains("param_names") {
                let text = group.options.contains("param_names") ? "with names" : "without names"
                throw TensorError.value("all optimizer param groups should be with/without names. cannot add param group \(text) to the optimizer")
            }
        }
        if !existing.isDisjoint(with: seen) {
            throw TensorError.value("some parameters appear in more than one parameter group")
        }
        paramGroups.append(group)
    }

    /// `zero_grad(set_to_none=True)`: drops every parameter's gradient, or with
    /// `setToNone: false` detaches it and fills it with zeros.
    public func zeroGrad(setToNone: Bool = true) throws {
        for group in paramGroups {
            for p in group.params {
                guard let grad = p.grad else { continue }
                if setToNone {
                    p.grad = nil
                } else {
                    if grad.gradFn != nil { try grad.detachInPlace() } else { try grad.setRequiresGrad(false) }
                    try grad.zeroInPlace()
                }
            }
        }
    }

    /// `step()`: one update of every parameter that has a gradient, under `no_grad`.
    public func step() throws {
        try noGrad { try update() }
        if tracksStepCalls { stepWasCalled = true }
    }

    /// `step(closure)`: runs `closure` with gradients enabled (it recomputes the loss and calls
    /// backward), then updates; returns what the closure returned.
    @discardableResult
    public func step<Loss>(closure: () throws -> Loss) throws -> Loss {
        let loss = try enableGrad(closure)
        try step()
        return loss
    }

    /// The algorithm: updates the parameters in place from their gradients. Subclasses
    /// override it; `step()` calls it with gradient recording off.
    open func update() throws {
        throw TensorError.notImplemented("Optimizer.step() must be overridden by the optimizer class")
    }

    /// Called after `loadStateDict(_:)` replaced the groups (PyTorch's `__setstate__`), so a
    /// subclass can fill options older state dicts lack.
    open func didLoadState() {}

    // MARK: Per-parameter state

    /// `optimizer.state[p]`: the state of one parameter (empty before its first update).
    public func state(for param: Tensor) -> OptionDict {
        stateIndex[ObjectIdentifier(param)].map { stateEntries[$0].entries } ?? OptionDict()
    }

    /// Replaces the state of one parameter (appending it to the state order when new).
    public func setState(_ entries: OptionDict, for param: Tensor) {
        if let i = stateIndex[ObjectIdentifier(param)] {
            stateEntries[i].entries = entries
        } else {
            stateIndex[ObjectIdentifier(param)] = stateEntries.count
            stateEntries.append((param, entries))
        }
    }

    /// The parameters that have state, in the order their state was created.
    public var statefulParameters: [Tensor] { stateEntries.map(\.param) }

    /// `print(optimizer)`: the class name and each group's options sorted by key.
    public var description: String {
        var text = name + " ("
        for (i, group) in paramGroups.enumerated() {
            text += "\nParameter Group \(i)\n"
            for key in group.options.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                if let value = group.options[key] { text += "    \(key): \(value)\n" }
            }
        }
        return text + ")"
    }
}
