import Engine
import Script

extension OptimBindings {
    static func optimizerOf(_ o: PyObject) throws -> OptimizerObject {
        guard let opt = o as? OptimizerObject else {
            throw PyError.type("descriptor requires a 'torch.optim.Optimizer' object but received a '\(pythonTypeName(o))'")
        }
        return opt
    }

    /// The methods and properties every optimizer class shares.
    static func installMethods(_ c: PyClass) {
        c.method("zero_grad", "self, set_to_none=") { a in
            try optimizerOf(a[0]).optimizer.zeroGrad(setToNone: try flag(a, 1, true))
            return PyNone.shared
        }
        c.method("step", "self, closure=") { a in
            let opt = try optimizerOf(a[0]).optimizer
            guard let closure = a.optional(1) else {
                try opt.step()
                return PyNone.shared
            }
            return try opt.step { try Runtime.call(closure, []) }
        }
        c.property("param_groups") { o in try optimizerOf(o).groups }
        c.property("defaults") { o in try OptimConvert.dictObject(try optimizerOf(o).optimizer.defaults) }
        c.property("state") { o in
            let me = try optimizerOf(o)
            let out = me.stateObject
            for p in me.optimizer.statefulParameters {
                try out.set(TensorObject.wrap(p), try OptimConvert.dictObject(me.optimizer.state(for: p)))
            }
            return out
        }
        c.method("add_param_group", "self, param_group") { a in
            let me = try optimizerOf(a[0])
            try me.optimizer.addParamGroup(try group(from: a[1]))
            return PyNone.shared
        }
        c.method("state_dict", "self") { a in try stateDictObject(try optimizerOf(a[0]).optimizer.stateDict()) }
        c.method("load_state_dict", "self, state_dict") { a in
            let me = try optimizerOf(a[0])
            try me.optimizer.loadStateDict(try stateDict(from: a[1]))
            me.stateObject = PyDict(cls: stateDictClass)
            return PyNone.shared
        }
        c.method("__repr__", "self") { a in PyStr(try optimizerOf(a[0]).optimizer.description) }
    }

    /// `optimizer.state`: a `defaultdict(dict)` keyed by parameter, refreshed from the engine
    /// on every read (entries a script writes into it do not reach the engine).
    static let stateDictClass: PyClass = {
        let c = PyClass(name: "defaultdict", bases: [Builtin.dictType], module: "collections")
        c.define("__missing__", "self, key") { a in
            let fresh = PyDict()
            try (a[0] as? PyDict)?.set(a[1], fresh)
            return fresh
        }
        c.define("__repr__", "self") { a in
            guard let d = a[0] as? PyDict else { return PyStr("defaultdict(<class 'dict'>, {})") }
            let items = try d.table.pairs.map { "\(try Runtime.repr($0.0.object)): \(try Runtime.repr($0.1))" }
            return PyStr("defaultdict(<class 'dict'>, {" + items.joined(separator: ", ") + "})")
        }
        return c
    }()

    /// `{'state': {0: {...}}, 'param_groups': [{..., 'params': [0, 1]}]}`.
    static func stateDictObject(_ sd: OptimizerStateDict) throws -> PyDict {
        let state = PyDict()
        for entry in sd.state { try state.set(PyInt.make(entry.index), try OptimConvert.dictObject(entry.values)) }
        let out = PyDict()
        try out.set(PyStr("state"), state)
        try out.set(PyStr("param_groups"), PyList(try sd.paramGroups.map { try OptimConvert.dictObject($0) as PyObject }))
        return out
    }

    /// The engine state dict from a script one.
    static func stateDict(from o: PyObject) throws -> OptimizerStateDict {
        guard let d = o as? PyDict else { throw PyError.type("state_dict must be a dict, not \(pythonTypeName(o))") }
        guard let state = try d.get(PyStr("state")) as? PyDict else { throw PyError.key(PyStr("state")) }
        guard let groups = try d.get(PyStr("param_groups")) else { throw PyError.key(PyStr("param_groups")) }
        var entries: [OptimizerStateDict.Entry] = []
        for (k, v) in state.table.pairs {
            guard let i = k.object as? PyInt, let index = Int(exactly: i.value) else {
                throw PyError.type("wick expects integer parameter ids in an optimizer state dict")
            }
            guard let values = v as? PyDict else { throw PyError.type("parameter state must be a dict") }
            entries.append(.init(index: index, values: try OptimConvert.dict(values)))
        }
        let packed = try Runtime.toArray(groups).map { g -> OptionDict in
            guard let gd = g as? PyDict else { throw PyError.type("param_groups entries must be dicts") }
            return try OptimConvert.dict(gd)
        }
        return OptimizerStateDict(state: entries, paramGroups: packed)
    }
}
