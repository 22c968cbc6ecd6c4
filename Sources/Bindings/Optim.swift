import Engine
import Script

/// `torch.optim` for scripts: `SGD Adam AdamW RMSprop Adagrad` over the engine optimizers,
/// `param_groups` as live dict-like objects, `zero_grad step state_dict load_state_dict
/// add_param_group`, `defaults` and `state`.
public enum OptimBindings {
    /// Adds `torch.optim` and `torch.optim.lr_scheduler` to every fresh torch module (once per
    /// process).
    public static func install() { _ = installed }

    private static let installed: Bool = {
        TorchModule.extensions.append { torch in build(torch) }
        for name in ["torch.optim", "torch.optim.lr_scheduler", "torch.optim.optimizer"] {
            TorchModule.registerSubmodule(name)
        }
        return true
    }()

    static func build(_ torch: PyModule) {
        let optim = TorchModule.submodule("torch.optim", in: torch)
        optim["Optimizer"] = optimizerClass
        TorchModule.submodule("torch.optim.optimizer", in: torch)["Optimizer"] = optimizerClass
        for (name, cls) in optimizerClasses { optim[name] = cls }
        let sched = TorchModule.submodule("torch.optim.lr_scheduler", in: torch)
        for (name, cls) in SchedulerBindings.classes { sched[name] = cls }
    }

    /// The base class `torch.optim.Optimizer` (shared methods live here).
    static let optimizerClass: PyClass = {
        let c = PyClass(name: "Optimizer", bases: [Builtin.objectType], module: "torch.optim.optimizer")
        installMethods(c)
        return c
    }()

    /// `(name, class)` for each optimizer.
    static let optimizerClasses: [(String, PyClass)] = [
        make("SGD", "cls, params, lr=, momentum=, dampening=, weight_decay=, nesterov=, *, maximize=, foreach=, differentiable=, fused=") { groups, a in
            try SGD(groups: groups, lr: try num(a, 2, 1e-3), momentum: try num(a, 3, int: 0), dampening: try num(a, 4, int: 0),
                    weightDecay: try num(a, 5, int: 0), nesterov: try flag(a, 6, false), maximize: try flag(a, 7, false),
                    foreach: try optFlag(a, 8), differentiable: try flag(a, 9, false), fused: try optFlag(a, 10))
        },
        make("Adam", "cls, params, lr=, betas=, eps=, weight_decay=, amsgrad=, *, foreach=, maximize=, capturable=, differentiable=, fused=, decoupled_weight_decay=") { groups, a in
            try Adam(groups: groups, lr: try num(a, 2, 1e-3), betas: try betas(a, 3), eps: try num(a, 4, 1e-8),
                     weightDecay: try num(a, 5, int: 0), amsgrad: try flag(a, 6, false), foreach: try optFlag(a, 7),
                     maximize: try flag(a, 8, false), capturable: try flag(a, 9, false),
                     differentiable: try flag(a, 10, false), fused: try optFlag(a, 11),
                     decoupledWeightDecay: try flag(a, 12, false))
        },
        make("AdamW", "cls, params, lr=, betas=, eps=, weight_decay=, amsgrad=, *, maximize=, foreach=, capturable=, differentiable=, fused=") { groups, a in
            try AdamW(groups: groups, lr: try num(a, 2, 1e-3), betas: try betas(a, 3), eps: try num(a, 4, 1e-8),
                      weightDecay: try num(a, 5, 1e-2), amsgrad: try flag(a, 6, false), maximize: try flag(a, 7, false),
                      foreach: try optFlag(a, 8), capturable: try flag(a, 9, false),
                      differentiable: try flag(a, 10, false), fused: try optFlag(a, 11))
        },
        make("RMSprop", "cls, params, lr=, alpha=, eps=, weight_decay=, momentum=, centered=, capturable=, foreach=, maximize=, differentiable=") { groups, a in
            try RMSprop(groups: groups, lr: try num(a, 2, 1e-2), alpha: try num(a, 3, 0.99), eps: try num(a, 4, 1e-8),
                        weightDecay: try num(a, 5, int: 0), momentum: try num(a, 6, int: 0), centered: try flag(a, 7, false),
                        capturable: try flag(a, 8, false), foreach: try optFlag(a, 9), maximize: try flag(a, 10, false),
                        differentiable: try flag(a, 11, false))
        },
        make("Adagrad", "cls, params, lr=, lr_decay=, weight_decay=, initial_accumulator_value=, eps=, foreach=, *, maximize=, differentiable=, fused=") { groups, a in
            try Adagrad(groups: groups, lr: try num(a, 2, 1e-2), lrDecay: try num(a, 3, int: 0), weightDecay: try num(a, 4, int: 0),
                        initialAccumulatorValue: try num(a, 5, int: 0), eps: try num(a, 6, 1e-10), foreach: try optFlag(a, 7),
                        maximize: try flag(a, 8, false), differentiable: try flag(a, 9, false), fused: try optFlag(a, 10))
        },
    ]

    /// A class whose `__new__` parses the params argument into groups and calls `build`.
    static func make(_ name: String, _ spec: String,
                     _ build: @escaping ([ParamGroup], Arguments) throws -> Optimizer) -> (String, PyClass) {
        let c = PyClass(name: name, bases: [optimizerClass], module: "torch.optim.\(name.lowercased())")
        c.method("__new__", spec) { a in
            let groups = try paramGroups(a[1])
            return OptimizerObject(try build(groups, a), cls: c)
        }
        c.define("__init__", "self, *args, **kwargs") { _ in PyNone.shared }
        return (name, c)
    }

    // MARK: Arguments

    static func num(_ a: Arguments, _ i: Int, _ d: Double) throws -> Scalar {
        guard let o = a.optional(i) else { return .double(d) }
        if let s = Args.scalarOrNil(o) { return s }
        if let t = o as? TensorObject, t.tensor.numel == 1 { return try t.tensor.item() }
        throw PyError.type("must be real number, not \(pythonTypeName(o))")
    }

    /// A number argument whose PyTorch default is the int `d`.
    static func num(_ a: Arguments, _ i: Int, int d: Int64) throws -> Scalar {
        a.optional(i) == nil ? .int(d) : try num(a, i, 0)
    }

    static func flag(_ a: Arguments, _ i: Int, _ d: Bool) throws -> Bool {
        guard let o = a.optional(i) else { return d }
        return try Runtime.truthy(o)
    }

    static func optFlag(_ a: Arguments, _ i: Int) throws -> Bool? {
        guard let o = a.optional(i) else { return nil }
        return try Runtime.truthy(o)
    }

    static func betas(_ a: Arguments, _ i: Int) throws -> (Scalar, Scalar) {
        guard let o = a.optional(i) else { return (.double(0.9), .double(0.999)) }
        let items = try Runtime.toArray(o)
        guard items.count == 2, let b1 = Args.scalarOrNil(items[0]), let b2 = Args.scalarOrNil(items[1]) else {
            throw PyError.value("betas must be a pair of numbers")
        }
        return (b1, b2)
    }

    /// `params`: an iterable of tensors (a generator is fine) or of dicts (parameter groups).
    static func paramGroups(_ o: PyObject) throws -> [ParamGroup] {
        if o is TensorObject {
            throw PyError.type("params argument given to the optimizer should be an iterable of Tensors or dicts, but got torch.FloatTensor")
        }
        let items = try Runtime.toArray(o)
        if items.isEmpty { throw PyError.value("optimizer got an empty parameter list") }
        if items.first is PyDict || items.first is ParamGroupObject {
            return try items.map { try group(from: $0) }
        }
        return [ParamGroup(params: try tensors(items))]
    }

    static func tensors(_ items: [PyObject]) throws -> [Tensor] {
        try items.map { item in
            guard let t = item as? TensorObject else {
                throw PyError.type("optimizer can only optimize Tensors, but one of the params is \(torchTypename(item))")
            }
            return t.tensor
        }
    }

    /// A parameter group from a script dict (`{'params': …, 'lr': 0.1}`).
    static func group(from o: PyObject) throws -> ParamGroup {
        if let g = o as? ParamGroupObject { return ParamGroup(params: g.group.params, options: g.group.options) }
        guard let d = o as? PyDict else { throw PyError.type("param_group must be a dict, but got \(pythonTypeName(o))") }
        var params: [Tensor] = []
        var options = OptionDict()
        for (k, v) in d.table.pairs {
            guard let key = (k.object as? PyStr)?.value else { continue }
            if key == "params" {
                if let t = v as? TensorObject { params = [t.tensor] } else {
                    if v is PySet { throw PyError.type("optimizer parameters need to be organized in ordered collections, but the ordering of tensors in sets will change between runs. Please use a list instead.") }
                    params = try tensors(try Runtime.toArray(v))
                }
            } else {
                options[key] = try OptimConvert.value(v)
            }
        }
        guard d["params"] != nil else { throw PyError.key(PyStr("params")) }
        return ParamGroup(params: params, options: options)
    }
}

/// A script optimizer object around an engine `Optimizer`.
final class OptimizerObject: PyObject {
    let optimizer: Optimizer
    /// The group objects handed out so far (`opt.param_groups[0] is opt.param_groups[0]`).
    var groupObjects: [ParamGroupObject] = []
    /// The object `opt.state` returns (kept, so keys a script reads stay, as in a defaultdict).
    lazy var stateObject = PyDict(cls: OptimBindings.stateDictClass)

    init(_ optimizer: Optimizer, cls: PyClass) {
        self.optimizer = optimizer
        super.init(cls: cls, withAttributes: true)
    }

    /// The live group objects, in order.
    var groups: PyList {
        let groups = optimizer.paramGroups
        if groupObjects.count != groups.count || zip(groupObjects, groups).contains(where: { $0.group !== $1 }) {
            groupObjects = groups.map { g in groupObjects.first(where: { $0.group === g }) ?? ParamGroupObject(g) }
        }
        return PyList(groupObjects)
    }
}
