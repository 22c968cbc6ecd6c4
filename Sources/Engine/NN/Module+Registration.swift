/// Registering and looking up parameters, buffers and child modules, with PyTorch's checks.
extension Module {
    /// The attribute names every `nn.Module` has (methods and state of the Python class), which
    /// `register_parameter`/`register_buffer`/`add_module` refuse ("attribute 'x' already exists").
    public static let builtinAttributeNames: Set<String> = [
        "training", "forward", "add_module", "apply", "bfloat16", "buffers", "call_super_init",
        "children", "compile", "cpu", "cuda", "double", "dump_patches", "eval", "extra_repr",
        "float", "get_buffer", "get_extra_state", "get_parameter", "get_submodule", "half", "ipu",
        "load_state_dict", "modules", "mtia", "named_buffers", "named_children", "named_modules",
        "named_parameters", "parameters", "register_backward_hook", "register_buffer",
        "register_forward_hook", "register_forward_pre_hook", "register_full_backward_hook",
        "register_full_backward_pre_hook", "register_load_state_dict_post_hook",
        "register_load_state_dict_pre_hook", "register_module", "register_parameter",
        "register_state_dict_post_hook", "register_state_dict_pre_hook", "requires_grad_",
        "set_extra_state", "set_submodule", "share_memory", "state_dict", "to", "to_empty",
        "train", "type", "xpu", "zero_grad",
    ]

    /// `register_parameter(name, param)`: adds (or replaces) a parameter; nil registers None.
    /// A tensor that is not yet a parameter becomes one (`isParameter`, requires grad), as
    /// `nn.Parameter(t)` would make it. Raises PyTorch's KeyErrors for bad names and its
    /// ValueError for a non-leaf tensor.
    public func registerParameter(_ name: String, _ tensor: Tensor?) throws {
        if name.contains(".") { throw ModuleError(.key, "parameter name can't contain \".\"") }
        if name.isEmpty { throw ModuleError(.key, "parameter name can't be empty string \"\"") }
        if hasAttribute(name) && !parameterSlots.contains(name) {
            throw ModuleError(.key, "attribute '\(name)' already exists")
        }
        guard let tensor else {
            parameterSlots.set(name, nil)
            return
        }
        if !tensor.isLeaf {
            throw TensorError.value("Cannot assign non-leaf Tensor to parameter '\(name)'. Model parameters must be created explicitly. To express '\(name)' as a function of another Tensor, compute the value in the forward() method.")
        }
        if !tensor.isParameter {
            guard tensor.dtype.isFloatingPoint else {
                throw TensorError.runtime("Only Tensors of floating point and complex dtype can require gradients")
            }
            tensor.leafRequiresGrad = true
            tensor.isParameter = true
        }
        parameterSlots.set(name, tensor)
    }

    /// `register_buffer(name, tensor, persistent=)`: adds (or replaces) a buffer; nil registers
    /// None. Non-persistent buffers are left out of `stateDict`.
    public func registerBuffer(_ name: String, _ tensor: Tensor?, persistent: Bool = true) throws {
        if name.contains(".") { throw ModuleError(.key, "buffer name can't contain \".\"") }
        if name.isEmpty { throw ModuleError(.key, "buffer name can't be empty string \"\"") }
        if hasAttribute(name) && !bufferSlots.contains(name) {
            throw ModuleError(.key, "attribute '\(name)' already exists")
        }
        bufferSlots.set(name, tensor)
        if persistent { nonPersistentBuffers.remove(name) } else { nonPersistentBuffers.insert(name) }
    }

    /// `add_module(name, module)` / `register_module`: adds (or replaces) a child; nil registers None.
    public func registerModule(_ name: String, _ module: Module?) throws {
        if hasAttribute(name) && !moduleSlots.contains(name) {
            throw ModuleError(.key, "attribute '\(name)' already exists")
        }
        if name.contains(".") { throw ModuleError(.key, "module name can't contain \".\", got: \(name)") }
        if name.isEmpty { throw ModuleError(.key, "module name can't be empty string \"\"") }
        moduleSlots.set(name, module)
    }

    /// `add_module(name, module)`: the same as `registerModule`.
    public func addModule(_ name: String, _ module: Module?) throws { try registerModule(name, module) }

    /// The parameter registered as `name`; nil if absent or None.
    public func parameter(_ name: String) -> Tensor? { parameterSlots[name] ?? nil }

    /// The buffer registered as `name`; nil if absent or None.
    public func buffer(_ name: String) -> Tensor? { bufferSlots[name] ?? nil }

    /// The child module registered as `name`; nil if absent or None.
    public func submodule(_ name: String) -> Module? { moduleSlots[name] ?? nil }

    /// The parameter `name`, which a layer's forward needs: AttributeError if it is not
    /// registered, TypeError if it was set to None.
    public func requiredParameter(_ name: String) throws -> Tensor {
        guard parameterSlots.contains(name) else {
            throw ModuleError(.attribute, "'\(typeName)' object has no attribute '\(name)'")
        }
        guard let p = parameterSlots[name] ?? nil else {
            throw TensorError.type("\(typeName).\(name) is None, but forward needs it as a Tensor")
        }
        return p
    }

    /// `_parameters.items()`: every registered parameter name with its tensor or None.
    public var parameterEntries: [(String, Tensor?)] { parameterSlots.entries.map { ($0.key, $0.value) } }
    /// `_buffers.items()`: every registered buffer name with its tensor or None.
    public var bufferEntries: [(String, Tensor?)] { bufferSlots.entries.map { ($0.key, $0.value) } }
    /// `_modules.items()`: every registered child name with its module or None.
    public var moduleEntries: [(String, Module?)] { moduleSlots.entries.map { ($0.key, $0.value) } }

    // MARK: Attribute protocol for the script bindings

    /// What a script assigns to a module attribute, for `assignAttribute`.
    public enum AttributeValue {
        /// An `nn.Parameter`.
        case parameter(Tensor)
        /// A plain tensor (not a parameter).
        case tensor(Tensor)
        /// An `nn.Module`.
        case module(Module)
        /// `None`.
        case none
        /// Anything else, with its `torch.typename` (e.g. "int").
        case other(typeName: String)
    }

    /// What `module.name` finds among the registered members (PyTorch's `__getattr__`).
    public enum RegisteredMember {
        case parameter(Tensor?)
        case buffer(Tensor?)
        case module(Module?)
    }

    /// PyTorch's `__getattr__` fallback: the parameter, buffer or module registered as `name`
    /// (nil when none is; the caller then raises `'X' object has no attribute 'name'`).
    public func registeredMember(_ name: String) -> RegisteredMember? {
        if let p = parameterSlots[name] { return .parameter(p) }
        if let b = bufferSlots[name] { return .buffer(b) }
        if let m = moduleSlots[name] { return .module(m) }
        return nil
    }

    /// PyTorch's `__setattr__` for registered members: registers a parameter or module,
    /// replaces a parameter/module/buffer slot, or raises its TypeErrors ("cannot assign
    /// 'torch.FloatTensor' as parameter 'w' (torch.nn.Parameter or None expected)").
    /// Returns false when the value is an ordinary attribute the caller stores itself. When it
    /// returns true the caller removes `name` from the instance's own `__dict__`.
    public func assignAttribute(_ name: String, _ value: AttributeValue) throws -> Bool {
        switch value {
        case .parameter(let p):
            bufferSlots.remove(name)
            moduleSlots.remove(name)
            nonPersistentBuffers.remove(name)
            try registerParameter(name, p)
            return true
        default: break
        }
        if parameterSlots.contains(name) {
            guard case .none = value else {
                throw TensorError.type("cannot assign '\(Module.typename(value))' as parameter '\(name)' (torch.nn.Parameter or None expected)")
            }
            try registerParameter(name, nil)
            return true
        }
        if case .module(let m) = value {
            parameterSlots.remove(name)
            bufferSlots.remove(name)
            nonPersistentBuffers.remove(name)
            moduleSlots.set(name, m)
            return true
        }
        if moduleSlots.contains(name) {
            guard case .none = value else {
                throw TensorError.type("cannot assign '\(Module.typename(value))' as child module '\(name)' (torch.nn.Module or None expected)")
            }
            moduleSlots.set(name, nil)
            return true
        }
        if bufferSlots.contains(name) {
            switch value {
            case .tensor(let t): bufferSlots.set(name, t)
            case .none: bufferSlots.set(name, nil)
            default:
                throw TensorError.type("cannot assign '\(Module.typename(value))' as buffer '\(name)' (torch.nn.Buffer, torch.Tensor or None expected)")
            }
            return true
        }
        return false
    }

    /// PyTorch's `__delattr__` for registered members: removes the parameter, buffer or module
    /// `name`; false if none is registered (the caller then deletes an ordinary attribute).
    @discardableResult
    public func deleteAttribute(_ name: String) -> Bool {
        if parameterSlots.remove(name) != nil { return true }
        if bufferSlots.remove(name) != nil {
            nonPersistentBuffers.remove(name)
            return true
        }
        return moduleSlots.remove(name) != nil
    }

    /// `torch.typename(value)` for assignment messages.
    static func typename(_ value: AttributeValue) -> String {
        switch value {
        case .parameter: return "torch.nn.parameter.Parameter"
        case .tensor(let t): return t.dtype.legacyTypeName
        case .module(let m): return m.typeName
        case .none: return "NoneType"
        case .other(let name): return name
        }
    }
}

extension Tensor {
    /// `nn.Parameter(data, requires_grad=True)`: a new leaf sharing `data`'s storage, marked
    /// as a parameter.
    public static func parameter(_ data: Tensor, requiresGrad: Bool = true) throws -> Tensor {
        if requiresGrad && !data.dtype.isFloatingPoint {
            throw TensorError.runtime("Only Tensors of floating point and complex dtype can require gradients")
        }
        let p = data.detach()
        p.leafRequiresGrad = requiresGrad
        p.isParameter = true
        return p
    }
}
