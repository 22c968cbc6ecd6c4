/// `optimizer.state_dict()` in PyTorch's layout, as a value:
///
/// ```
/// {'state': {0: {'step': tensor(2.), 'exp_avg': tensor(...), ...}, 1: {...}},
///  'param_groups': [{'lr': 0.01, 'betas': (0.9, 0.999), ..., 'params': [0, 1]}]}
/// ```
///
/// Parameters are replaced by their index, counted across the groups in order. The state
/// lists parameters in the order their state was created, and every group's options keep
/// their dict order with `'params'` last — exactly what `torch.save(opt.state_dict())` pickles.
/// As in PyTorch, the state tensors are the optimizer's own (not copies).
public struct OptimizerStateDict {
    /// One entry of `'state'`: a parameter index and its state dict.
    public struct Entry {
        /// The parameter's index across all groups.
        public var index: Int
        /// Its state (`'step'`, `'exp_avg'`, `'momentum_buffer'`, …) in insertion order.
        public var values: OptionDict

        /// An entry for parameter `index`.
        public init(index: Int, values: OptionDict) {
            self.index = index
            self.values = values
        }
    }

    /// `'state'`, in insertion order.
    public var state: [Entry]
    /// `'param_groups'`: each group's options followed by `'params'` (a list of int indices).
    public var paramGroups: [OptionDict]

    /// A state dict from its two parts.
    public init(state: [Entry], paramGroups: [OptionDict]) {
        self.state = state
        self.paramGroups = paramGroups
    }
}

extension Optimizer {
    /// `state_dict()`: the state and the groups with parameters replaced by indices.
    public func stateDict() -> OptimizerStateDict {
        var mapping: [ObjectIdentifier: Int] = [:]
        var start = 0
        var groups: [OptionDict] = []
        for group in paramGroups {
            var packed = group.options
            packed["params"] = nil
            var indices: [OptimValue] = []
            for (i, p) in group.params.enumerated() {
                let id = ObjectIdentifier(p)
                if mapping[id] == nil { mapping[id] = start + i }
                indices.append(.int(Int64(mapping[id] ?? start + i)))
            }
            packed["params"] = .list(indices)
            start += group.params.count
            groups.append(packed)
        }
        let state = stateEntries.compactMap { entry in
            mapping[ObjectIdentifier(entry.param)].map { OptimizerStateDict.Entry(index: $0, values: entry.entries) }
        }
        return OptimizerStateDict(state: state, paramGroups: groups)
    }

    /// `load_state_dict(state_dict)`: takes the groups' options and the per-parameter state
    /// from a state dict made by an optimizer over parameters of the same group sizes.
    /// State tensors other than `'step'` are converted to their parameter's dtype.
    public func loadStateDict(_ dict: OptimizerStateDict) throws {
        guard dict.paramGroups.count == paramGroups.count else {
            throw TensorError.value("loaded state dict has a different number of parameter groups")
        }
        var savedIDs: [[Int64]] = []
        for saved in dict.paramGroups {
            guard case .list(let items)? = saved["params"] else {
                throw TensorError.value("loaded state dict has a parameter group without 'params'")
            }
            savedIDs.append(try items.map { item in
                guard case .int(let i) = item else { throw TensorError.type("parameter ids must be ints, but got \(item.typeName)") }
                return i
            })
        }
        for (group, ids) in zip(paramGroups, savedIDs) where group.params.count != ids.count {
            throw TensorError.value("loaded state dict contains a parameter group that doesn't match the size of optimizer's group")
        }
        var idMap: [Int64: Tensor] = [:]
        for (group, ids) in zip(paramGroups, savedIDs) {
            for (id, p) in zip(ids, group.params) { idMap[id] = p }
        }
        var newEntries: [(param: Tensor, entries: OptionDict)] = []
        var newIndex: [ObjectIdentifier: Int] = [:]
        for entry in dict.state {
            guard let param = idMap[Int64(entry.index)] else { continue }
            var values = OptionDict()
            for (key, value) in entry.values { values[key] = castState(value, to: param, key: key) }
            if let i = newIndex[ObjectIdentifier(param)] {
                newEntries[i].entries = values
            } else {
                newIndex[ObjectIdentifier(param)] = newEntries.count
                newEntries.append((param, values))
            }
        }
        for (group, saved) in zip(paramGroups, dict.paramGroups) {
            var options = saved
            options["params"] = nil
            if let names = group.options["param_names"], !options.contains("param_names") {
                options["param_names"] = names
            }
            group.options = options
        }
        stateEntries = newEntries
        stateIndex = newIndex
        didLoadState()
    }

    /// `_process_value_according_to_param_policy`: floating state follows the parameter's
    /// dtype, except `'step'`; containers are converted element by element.
    private func castState(_ value: OptimValue, to param: Tensor, key: String?) -> OptimValue {
        switch value {
        case .tensor(let t):
            if key == "step" || !param.dtype.isFloatingPoint || t.dtype == param.dtype { return value }
            return .tensor(t.contiguousCopy(dtype: param.dtype))
        case .dict(let d):
            var out = OptionDict()
            for (k, v) in d { out[k] = castState(v, to: param, key: k) }
            return .dict(out)
        case .list(let items): return .list(items.map { castState($0, to: param, key: nil) })
        case .tuple(let items): return .tuple(items.map { castState($0, to: param, key: nil) })
        default: return value
        }
    }
}
