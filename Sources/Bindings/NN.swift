import Engine
import Script

/// `torch.nn` for scripts: `nn.Module` (subclassable), `nn.Parameter`, the layer classes and
/// containers, and `torchvision.models` where the engine has the models.
public enum NN {
    /// Adds `torch.nn` to every fresh torch module and registers its importable names (once
    /// per process; `Bindings.install()` calls it).
    public static func install() { _ = installed }

    private static let installed: Bool = {
        _ = NNModuleClass.moduleClass
        TorchModule.extensions.append { torch in build(torch) }
        for name in ["torch.nn", "torch.nn.modules", "torch.nn.modules.module", "torch.nn.parameter",
                     "torch.nn.modules.linear", "torch.nn.modules.activation", "torch.nn.modules.loss",
                     "torch.nn.modules.container", "torch.nn.modules.flatten", "torch.nn.modules.rnn",
                     "torch.nn.modules.conv", "torch.nn.modules.pooling", "torch.nn.modules.batchnorm",
                     "torch.nn.modules.normalization", "torch.nn.modules.dropout", "torch.nn.modules.sparse",
                     "torch.utils", "torch.utils.hooks"] {
            TorchModule.registerSubmodule(name)
        }
        Torchvision.install()
        return true
    }()

    /// Fills `torch.nn` (and its `modules`/`parameter` submodules) in a fresh torch module.
    static func build(_ torch: PyModule) {
        let nn = TorchModule.submodule("torch.nn", in: torch)
        let modules = TorchModule.submodule("torch.nn.modules", in: torch)
        nn["Module"] = NNModuleClass.moduleClass
        modules["Module"] = NNModuleClass.moduleClass
        TorchModule.submodule("torch.nn.modules.module", in: torch)["Module"] = NNModuleClass.moduleClass
        nn["Parameter"] = TensorObject.parameterClass
        TorchModule.submodule("torch.nn.parameter", in: torch)["Parameter"] = TensorObject.parameterClass
        TorchModule.submodule("torch.utils.hooks", in: torch)["RemovableHandle"] = HookHandleObject.handleClass
        for (name, cls) in NNLayers.classes + NNContainers.classes {
            nn[name] = cls
            modules[name] = cls
            TorchModule.submodule(cls.module, in: torch)[name] = cls
        }
    }

    /// `collections.OrderedDict` as `state_dict()` returns it (repr as Python 3.11 prints it).
    static let orderedDictClass: PyClass = {
        let c = PyClass(name: "OrderedDict", bases: [Builtin.dictType], module: "collections")
        c.define("__repr__", "self") { a in
            guard let d = a[0] as? PyDict else { return PyStr("") }
            if d.table.pairs.isEmpty { return PyStr("OrderedDict()") }
            let items = try d.table.pairs.map { "(\(try Runtime.repr($0.0.object)), \(try Runtime.repr($0.1)))" }
            return PyStr("OrderedDict([\(items.joined(separator: ", "))])")
        }
        for (name, view) in [("keys", "odict_keys"), ("values", "odict_values"), ("items", "odict_items")] {
            let viewClass = PyClass(name: view, bases: [Builtin.listType], module: "collections")
            viewClass.define("__repr__", "self") { a in
                let items = (a[0] as? PyList)?.items ?? []
                return PyStr("\(view)([" + (try items.map { try Runtime.repr($0) }).joined(separator: ", ") + "])")
            }
            c.define(name, "self") { a in
                guard let d = a[0] as? PyDict else { return PyList([], cls: viewClass) }
                let pairs = d.table.pairs
                switch name {
                case "keys": return PyList(pairs.map { $0.0.object }, cls: viewClass)
                case "values": return PyList(pairs.map { $0.1 }, cls: viewClass)
                default: return PyList(pairs.map { PyTuple([$0.0.object, $0.1]) }, cls: viewClass)
                }
            }
        }
        return c
    }()

    /// `torch.nn.modules.module._IncompatibleKeys`, which `load_state_dict` returns.
    static let incompatibleKeysClass: PyClass = {
        let c = PyClass(name: "_IncompatibleKeys", bases: [Builtin.objectType], module: "torch.nn.modules.module")
        func keys(_ o: PyObject, _ name: String) -> [String] {
            ((o.attributes?[name] as? PyList)?.items ?? []).compactMap { ($0 as? PyStr)?.value }
        }
        c.define("__repr__", "self") { a in
            let missing = keys(a[0], "missing_keys"), unexpected = keys(a[0], "unexpected_keys")
            if missing.isEmpty && unexpected.isEmpty { return PyStr("<All keys matched successfully>") }
            let m = try Runtime.repr(a[0].attributes?["missing_keys"] ?? PyList([]))
            let u = try Runtime.repr(a[0].attributes?["unexpected_keys"] ?? PyList([]))
            return PyStr("_IncompatibleKeys(missing_keys=\(m), unexpected_keys=\(u))")
        }
        c.define("__iter__", "self") { a in
            try Runtime.iterate(PyList([a[0].attributes?["missing_keys"] ?? PyList([]), a[0].attributes?["unexpected_keys"] ?? PyList([])]))
        }
        c.define("__getitem__", "self, i") { a in
            try Runtime.getItem(PyTuple([a[0].attributes?["missing_keys"] ?? PyList([]), a[0].attributes?["unexpected_keys"] ?? PyList([])]), a[1])
        }
        c.define("__len__", "self") { _ in PyInt.make(2) }
        return c
    }()
}

/// An `OrderedDict` of the given string keys and values.
func orderedDict(_ pairs: [(String, PyObject)]) throws -> PyDict {
    let d = PyDict(cls: NN.orderedDictClass)
    for (k, v) in pairs { try d.set(PyStr(k), v) }
    return d
}

extension NNModuleClass {
    /// `state_dict` and `load_state_dict`.
    static func installStateDict(_ c: PyClass) {
        c.method("state_dict", "self, *args, destination=, prefix=, keep_vars=") { a in
            let me = try moduleOf(a[0])
            if !a.rest.isEmpty { throw TorchErrors.unsupported("positional arguments to state_dict()") }
            let prefix = try string(a, 2, "prefix", "state_dict")
            let entries = me.module.stateDict(prefix: prefix, keepVars: try flag(a, 3, false))
            let pairs = entries.map { ($0.0, TensorObject.wrap($0.1) as PyObject) }
            if let dest = a.optional(1) {
                guard let d = dest as? PyDict else { throw PyError.type("destination must be a dict") }
                for (k, v) in pairs { try d.set(PyStr(k), v) }
                return d
            }
            return try orderedDict(pairs)
        }
        c.method("load_state_dict", "self, state_dict, strict=, assign=") { a in
            let me = try moduleOf(a[0])
            guard let d = a[1] as? PyDict else {
                throw PyError.type("Expected state_dict to be dict-like, got <class '\(torchTypename(a[1]))'>.")
            }
            if try flag(a, 3, false) { throw TorchErrors.unsupported("load_state_dict(assign=True)") }
            var state: [(String, Tensor)] = []
            for (k, v) in d.table.pairs {
                guard let key = k.object as? PyStr else { continue }
                guard let t = v as? TensorObject else {
                    throw PyError.type("expected torch.Tensor or Tensor-like object from checkpoint but received \(torchTypename(v))")
                }
                state.append((key.value, t.tensor))
            }
            let strict = try flag(a, 2, true)
            let result = try nnBridge { try me.module.loadStateDict(state, strict: strict) }
            let o = PyObject(cls: NN.incompatibleKeysClass, withAttributes: true)
            o.attributes?["missing_keys"] = PyList(result.missingKeys.map { PyStr($0) })
            o.attributes?["unexpected_keys"] = PyList(result.unexpectedKeys.map { PyStr($0) })
            return o
        }
    }
}
