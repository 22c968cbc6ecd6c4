import Engine
import Script

extension NNModuleClass {
    /// A list iterator over `items` (PyTorch returns generators; scripts iterate them once).
    static func iterator(_ items: [PyObject]) throws -> PyObject { try Runtime.iterate(PyList(items)) }

    static func flag(_ a: Arguments, _ i: Int, _ fallback: Bool) throws -> Bool {
        try a.optional(i).map { try Runtime.truthy($0) } ?? fallback
    }

    static func string(_ a: Arguments, _ i: Int, _ name: String, _ function: String) throws -> String {
        guard let o = a.optional(i) else { return "" }
        guard let s = o as? PyStr else {
            throw PyError.type("\(function)(): argument '\(name)' must be str, not \(pythonTypeName(o))")
        }
        return s.value
    }

    static func named(_ pairs: [(String, PyObject)]) throws -> PyObject {
        try iterator(pairs.map { PyTuple([PyStr($0.0), $0.1]) })
    }

    /// The methods of `nn.Module` TORCH_API.md lists.
    static func installMethods(_ c: PyClass) {
        c.method("__init__", "self, *args, **kwargs") { a in
            let me = try moduleOf(a[0])
            if let (k, _) = a.keywords.first {
                throw PyError.type("\(me.cls.name).__init__() got an unexpected keyword argument '\(k)'")
            }
            if !a.rest.isEmpty {
                throw PyError.type("\(me.cls.name).__init__() takes 1 positional argument but \(a.rest.count + 1) were given")
            }
            me.initialized = true
            return PyNone.shared
        }
        c.define("__call__", "") { a in
            guard let me = a.rest.first as? ModuleObject else { throw PyError.type("'Module' object is not callable") }
            let args = Array(a.rest.dropFirst())
            if !(me.module is ScriptModule), !ModuleRegistry.isNative(me.cls),
               let f = me.cls.lookup("forward"), !(f is PyNativeFunction) {
                // A script subclass of a layer overriding forward.
                let counts = me.module.forwardHookCount
                if counts.hooks + counts.preHooks > 0 {
                    throw TorchErrors.unsupported("forward hooks on a script subclass of \(me.module.typeName) that overrides forward")
                }
                return try Runtime.callMethod(f, me, args, a.keywords)
            }
            let result = try nnBridge {
                try me.module.call(args.map(ModuleValues.from), keywords: a.keywords.map { ($0.0, ModuleValues.from($0.1)) })
            }
            return ModuleValues.object(result)
        }
        c.method("forward", "self, *args, **kwargs") { a in
            let me = try moduleOf(a[0])
            if me.module is ScriptModule {
                throw PyError.notImplemented("Module [\(me.cls.name)] is missing the required \"forward\" function")
            }
            let r = try nnBridge {
                try me.module.forward(a.rest.map(ModuleValues.from), keywords: a.keywords.map { ($0.0, ModuleValues.from($0.1)) })
            }
            return ModuleValues.object(r)
        }
        c.method("__repr__", "self") { a in PyStr(try moduleOf(a[0]).module.description) }
        c.method("extra_repr", "self") { a in PyStr(try moduleOf(a[0]).module.extraRepr()) }
        c.method("_get_name", "self") { a in PyStr(try moduleOf(a[0]).cls.name) }
        c.method("__dir__", "self") { a in PyList(dir(try moduleOf(a[0])).map { PyStr($0) }) }
        c.property("training", get: { o in PyBool.make(try moduleOf(o).module.training) }, set: { o, v in
            try moduleOf(o).module.training = try Runtime.truthy(v)
        })
        c.property("_parameters") { o in try orderedDict(try moduleOf(o).module.parameterEntries.map { ($0.0, TensorObject.wrapOptional($0.1)) }) }
        c.property("_buffers") { o in try orderedDict(try moduleOf(o).module.bufferEntries.map { ($0.0, TensorObject.wrapOptional($0.1)) }) }
        c.property("_modules") { o in
            try orderedDict(try moduleOf(o).module.moduleEntries.map { ($0.0, $0.1.map { ModuleObject.wrap($0) } ?? PyNone.shared) })
        }
        installTraversal(c)
        installRegistration(c)
        installConversion(c)
        installStateDict(c)
    }

    static func installTraversal(_ c: PyClass) {
        c.method("parameters", "self, recurse=") { a in
            try iterator(try moduleOf(a[0]).module.parameters(recurse: try flag(a, 1, true)).map { TensorObject.wrap($0) })
        }
        c.method("named_parameters", "self, prefix=, recurse=, remove_duplicate=") { a in
            let me = try moduleOf(a[0])
            let pairs = me.module.namedParameters(prefix: try string(a, 1, "prefix", "named_parameters"),
                                                  recurse: try flag(a, 2, true), removeDuplicate: try flag(a, 3, true))
            return try named(pairs.map { ($0.0, TensorObject.wrap($0.1)) })
        }
        c.method("buffers", "self, recurse=") { a in
            try iterator(try moduleOf(a[0]).module.buffers(recurse: try flag(a, 1, true)).map { TensorObject.wrap($0) })
        }
        c.method("named_buffers", "self, prefix=, recurse=, remove_duplicate=") { a in
            let me = try moduleOf(a[0])
            let pairs = me.module.namedBuffers(prefix: try string(a, 1, "prefix", "named_buffers"),
                                               recurse: try flag(a, 2, true), removeDuplicate: try flag(a, 3, true))
            return try named(pairs.map { ($0.0, TensorObject.wrap($0.1)) })
        }
        c.method("children", "self") { a in
            try iterator(try moduleOf(a[0]).module.children().map { ModuleObject.wrap($0) })
        }
        c.method("named_children", "self") { a in
            try named(try moduleOf(a[0]).module.namedChildren().map { ($0.0, ModuleObject.wrap($0.1)) })
        }
        c.method("modules", "self") { a in
            try iterator(try moduleOf(a[0]).module.modules().map { ModuleObject.wrap($0) })
        }
        c.method("named_modules", "self, memo=, prefix=, remove_duplicate=") { a in
            let me = try moduleOf(a[0])
            let pairs = me.module.namedModules(prefix: try string(a, 2, "prefix", "named_modules"),
                                               removeDuplicate: try flag(a, 3, true))
            return try named(pairs.map { ($0.0, ModuleObject.wrap($0.1)) })
        }
        c.method("get_submodule", "self, target") { a in
            let me = try moduleOf(a[0])
            let target = try Args.string(a[1], ArgumentSite("get_submodule", isMethod: true), "target", 1)
            if target.isEmpty { return me }
            var module = me.module
            for item in target.split(separator: ".", omittingEmptySubsequences: false).map(String.init) {
                guard let member = module.registeredMember(item) else {
                    throw PyError.attribute("\(module.typeName) has no attribute `\(item)`")
                }
                guard case .module(let m?) = member else { throw PyError.attribute("`\(item)` is not an nn.Module") }
                module = m
            }
            return ModuleObject.wrap(module)
        }
        c.method("get_parameter", "self, target") { a in
            let me = try moduleOf(a[0])
            let target = try Args.string(a[1], ArgumentSite("get_parameter", isMethod: true), "target", 1)
            var path = target.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            let name = path.removeLast()
            var module = me.module
            for item in path {
                guard let member = module.registeredMember(item) else {
                    throw PyError.attribute("\(module.typeName) has no attribute `\(item)`")
                }
                guard case .module(let m?) = member else { throw PyError.attribute("`\(item)` is not an nn.Module") }
                module = m
            }
            guard let member = module.registeredMember(name) else {
                throw PyError.attribute("\(module.typeName) has no attribute `\(name)`")
            }
            guard case .parameter(let p?) = member else { throw PyError.attribute("`\(name)` is not an nn.Parameter") }
            return TensorObject.wrap(p)
        }
        c.method("train", "self, mode=") { a in
            let me = try moduleOf(a[0])
            var mode = true
            if let m = a.optional(1) {
                guard m.cls === Builtin.boolType else { throw PyError.value("training mode is expected to be boolean") }
                mode = try Runtime.truthy(m)
            }
            me.module.train(mode)
            return me
        }
        c.method("eval", "self") { a in
            let me = try moduleOf(a[0])
            return try Runtime.invokeMethod(me, "train", [PyBool.falseValue])
        }
        c.method("zero_grad", "self, set_to_none=") { a in
            try moduleOf(a[0]).module.zeroGrad(setToNone: try flag(a, 1, true))
            return PyNone.shared
        }
        c.method("requires_grad_", "self, requires_grad=") { a in
            let me = try moduleOf(a[0])
            _ = try me.module.setRequiresGrad(try flag(a, 1, true))
            return me
        }
        c.method("apply", "self, fn") { a in
            let me = try moduleOf(a[0])
            let fn = a[1]
            _ = try me.module.apply { m in _ = try Runtime.call(fn, [ModuleObject.wrap(m)]) }
            return me
        }
    }

    static func installRegistration(_ c: PyClass) {
        c.method("add_module", "self, name, module") { a in try addModule(a, "add_module") }
        c.method("register_module", "self, name, module") { a in try addModule(a, "register_module") }
        c.method("register_buffer", "self, name, tensor, persistent=") { a in
            let me = try moduleOf(a[0])
            guard let name = a[1] as? PyStr else {
                throw PyError.type("buffer name should be a string. Got \(torchTypename(a[1]))")
            }
            var tensor: Tensor?
            if !(a[2] is PyNone) {
                guard let t = a[2] as? TensorObject else {
                    throw PyError.type("cannot assign '\(torchTypename(a[2]))' object to buffer '\(name.value)' (torch Tensor or None required)")
                }
                tensor = t.tensor
            }
            try nnBridge { try me.module.registerBuffer(name.value, tensor, persistent: try flag(a, 3, true)) }
            return PyNone.shared
        }
        c.method("register_parameter", "self, name, param") { a in
            let me = try moduleOf(a[0])
            guard let name = a[1] as? PyStr else {
                throw PyError.type("parameter name should be a string. Got \(torchTypename(a[1]))")
            }
            let n = name.value
            if n.contains(".") { throw PyError.key(PyStr("parameter name can't contain \".\"")) }
            if n.isEmpty { throw PyError.key(PyStr("parameter name can't be empty string \"\"")) }
            let already = me.module.parameterEntries.contains { $0.0 == n }
            if me.module.hasAttribute(n) && !already { throw PyError.key(PyStr("attribute '\(n)' already exists")) }
            var tensor: Tensor?
            if !(a[2] is PyNone) {
                guard let t = a[2] as? TensorObject, t.tensor.isParameter else {
                    throw PyError.type("cannot assign '\(torchTypename(a[2]))' object to parameter '\(n)' (torch.nn.Parameter or None required)")
                }
                tensor = t.tensor
            }
            try nnBridge { try me.module.registerParameter(n, tensor) }
            return PyNone.shared
        }
    }

    static func addModule(_ a: Arguments, _ function: String) throws -> PyObject {
        let me = try moduleOf(a[0])
        guard let name = a[1] as? PyStr else {
            throw PyError.type("module name should be a string. Got \(torchTypename(a[1]))")
        }
        var module: Module?
        if !(a[2] is PyNone) {
            guard let m = a[2] as? ModuleObject else { throw PyError.type("\(torchTypename(a[2])) is not a Module subclass") }
            module = m.module
        }
        try nnBridge { try me.module.registerModule(name.value, module) }
        return PyNone.shared
    }

    static func installConversion(_ c: PyClass) {
        c.method("to", "self, *args, **kwargs") { a in
            let me = try moduleOf(a[0])
            var dtype: DType?
            for o in a.rest + a.keywords.filter({ $0.0 == "device" || $0.0 == "dtype" || $0.0 == "tensor" }).map({ $0.1 }) {
                if let d = o as? DTypeObject { dtype = d.dtype } else if let t = o as? TensorObject { dtype = t.tensor.dtype }
                else if o is PyNone { continue } else { try Args.checkDevice(o) }
            }
            for (k, _) in a.keywords where !["device", "dtype", "tensor", "non_blocking", "memory_format"].contains(k) {
                throw PyError.type("to() received an invalid combination of arguments - got unexpected keyword '\(k)'")
            }
            if let dtype {
                guard dtype.isFloatingPoint else {
                    throw PyError.type("nn.Module.to only accepts floating point or complex dtypes, but got desired dtype=\((try? Runtime.repr(DTypeObject.of(dtype))) ?? "")")
                }
                _ = try nnBridge { try me.module.to(dtype) }
            }
            return me
        }
        c.method("cpu", "self") { a in try moduleOf(a[0]) }
        c.method("cuda", "self, device=") { a in
            try Args.checkDevice(PyStr("cuda"))
            return a[0]
        }
        c.method("float", "self") { a in
            let me = try moduleOf(a[0])
            _ = try nnBridge { try me.module.float() }
            return me
        }
        c.method("double", "self") { a in
            let me = try moduleOf(a[0])
            _ = try nnBridge { try me.module.double() }
            return me
        }
        c.method("type", "self, dst_type") { _ in throw TorchErrors.unsupported("nn.Module.type") }
    }
}
