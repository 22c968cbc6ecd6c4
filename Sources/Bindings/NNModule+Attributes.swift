import Engine
import Script

/// The class `torch.nn.Module` and its attribute protocol (PyTorch's `__setattr__`,
/// `__getattr__`, `__delattr__`): parameters, buffers and submodules are registered with the
/// engine module, everything else lives in the instance `__dict__`.
enum NNModuleClass {
    /// `torch.nn.Module`.
    static let moduleClass: PyClass = {
        let c = PyClass(name: "Module", bases: [Builtin.objectType], module: "torch.nn.modules.module")
        ModuleRegistry.nativeClasses.insert(ObjectIdentifier(c))
        c.allocator = { cls in
            let m = ScriptModule()
            let o = ModuleObject(m, cls: cls, initialized: false)
            m.host = o
            return o
        }
        c.attributeSetHook = { o, name, value in try setAttribute(o, name, value) }
        c.attributeFallback = { o, name in try getAttribute(o, name) }
        installMethods(c)
        installHookMethods(c)
        return c
    }()

    /// A native layer class deriving from `nn.Module` (`nn.Linear`, …) in `module`.
    static func layerClass(_ name: String, module: String, base: PyClass? = nil) -> PyClass {
        let c = PyClass(name: name, bases: [base ?? moduleClass], module: module)
        ModuleRegistry.nativeClasses.insert(ObjectIdentifier(c))
        c.allocator = { cls in ModuleObject(Module(), cls: cls, initialized: false) }
        return c
    }

    /// `module.name = value` (value nil: `del module.name`): PyTorch's `Module.__setattr__`.
    static func setAttribute(_ o: PyObject, _ name: String, _ value: PyObject?) throws -> Bool {
        guard let me = o as? ModuleObject else { return false }
        guard let value else {
            return me.module.deleteAttribute(name)
        }
        let assigned: Module.AttributeValue
        if let t = value as? TensorObject {
            assigned = t.tensor.isParameter ? .parameter(t.tensor) : .tensor(t.tensor)
        } else if let m = value as? ModuleObject {
            assigned = .module(m.module)
        } else if value is PyNone {
            assigned = .none
        } else {
            assigned = .other(typeName: torchTypename(value))
        }
        if !me.initialized {
            switch assigned {
            case .parameter: throw PyError.attribute("cannot assign parameters before Module.__init__() call")
            case .module: throw PyError.attribute("cannot assign module before Module.__init__() call")
            default: return false
            }
        }
        if try nnBridge({ try me.module.assignAttribute(name, assigned) }) {
            me.attributes?[name] = nil
            return true
        }
        ModuleRegistry.pin(me)
        return false
    }

    /// PyTorch's `Module.__getattr__`: a registered parameter, buffer or submodule, else
    /// `AttributeError: 'MyModel' object has no attribute 'fc3'`.
    static func getAttribute(_ o: PyObject, _ name: String) throws -> PyObject? {
        guard let me = o as? ModuleObject else { return nil }
        switch me.module.registeredMember(name) {
        case .parameter(let t)?: return TensorObject.wrapOptional(t)
        case .buffer(let t)?: return TensorObject.wrapOptional(t)
        case .module(let m)?: return m.map { ModuleObject.wrap($0) } ?? PyNone.shared
        case nil: throw PyError.attribute("'\(me.cls.name)' object has no attribute '\(name)'")
        }
    }

    /// `dir(module)`: class attributes, instance attributes and registered members, sorted,
    /// without names that are not identifiers (Sequential's "0").
    static func dir(_ me: ModuleObject) -> [String] {
        var names = Set<String>()
        for c in me.cls.mro { for (n, _) in c.namespace.entries { names.insert(n) } }
        for (n, _) in me.attributes?.entries ?? [] { names.insert(n) }
        for (n, _) in me.module.parameterEntries { names.insert(n) }
        for (n, _) in me.module.bufferEntries { names.insert(n) }
        for (n, _) in me.module.moduleEntries { names.insert(n) }
        names.insert("training")
        return names.filter { !($0.first?.isNumber ?? true) }.sorted()
    }
}

/// `torch.utils.hooks.RemovableHandle`.
final class HookHandleObject: PyObject {
    let handle: Engine.HookHandle

    init(_ handle: Engine.HookHandle) {
        self.handle = handle
        super.init(cls: HookHandleObject.handleClass)
    }

    static let handleClass: PyClass = {
        let c = PyClass(name: "RemovableHandle", bases: [Builtin.objectType], module: "torch.utils.hooks")
        c.define("remove", "self") { a in
            (a[0] as? HookHandleObject)?.handle.remove()
            return PyNone.shared
        }
        c.define("__enter__", "self") { a in a[0] }
        c.define("__exit__", "self, *args") { a in
            (a[0] as? HookHandleObject)?.handle.remove()
            return PyNone.shared
        }
        c.property("id") { o in PyInt.make((o as? HookHandleObject)?.handle.id ?? 0) }
        return c
    }()
}

extension NNModuleClass {
    /// `register_forward_hook`, `register_forward_pre_hook`.
    static func installHookMethods(_ c: PyClass) {
        c.method("register_forward_hook", "self, hook, *, prepend=, with_kwargs=, always_call=") { a in
            let me = try moduleOf(a[0])
            let hook = a[1]
            if let w = a.optional(3), try Runtime.truthy(w) { throw TorchErrors.unsupported("register_forward_hook(with_kwargs=True)") }
            let prepend = try a.optional(2).map { try Runtime.truthy($0) } ?? false
            let handle = me.module.registerForwardHook(prepend: prepend) { m, args, output in
                let r = try Runtime.call(hook, [ModuleObject.wrap(m), PyTuple(args.map(ModuleValues.object)),
                                               ModuleValues.object(output)])
                return r is PyNone ? nil : ModuleValues.from(r)
            }
            return HookHandleObject(handle)
        }
        c.method("register_forward_pre_hook", "self, hook, *, prepend=, with_kwargs=") { a in
            let me = try moduleOf(a[0])
            let hook = a[1]
            if let w = a.optional(3), try Runtime.truthy(w) { throw TorchErrors.unsupported("register_forward_pre_hook(with_kwargs=True)") }
            let prepend = try a.optional(2).map { try Runtime.truthy($0) } ?? false
            let handle = me.module.registerForwardPreHook(prepend: prepend) { m, args in
                let r = try Runtime.call(hook, [ModuleObject.wrap(m), PyTuple(args.map(ModuleValues.object))])
                if r is PyNone { return nil }
                if let t = r as? PyTuple, t.cls === Builtin.tupleType { return t.items.map(ModuleValues.from) }
                return [ModuleValues.from(r)]
            }
            return HookHandleObject(handle)
        }
        for name in ["register_backward_hook", "register_full_backward_hook", "register_full_backward_pre_hook",
                     "register_state_dict_pre_hook", "register_load_state_dict_post_hook", "half", "bfloat16",
                     "share_memory", "to_empty", "compile", "ipu", "xpu", "mtia", "set_submodule", "get_extra_state",
                     "set_extra_state"] {
            c.define(name, "self, *args, **kwargs") { _ in throw TorchErrors.unsupported("nn.Module." + name) }
        }
    }
}
