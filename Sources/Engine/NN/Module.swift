/// `torch.nn.Module`: the base class of every layer and model. It holds parameters, buffers
/// and child modules in insertion order (PyTorch's `_parameters`, `_buffers`, `_modules`),
/// runs `forward` through hooks when called, and walks its tree for `parameters()`,
/// `state_dict()`, `train()` and `print(model)`.
///
/// A layer subclasses it, registers its tensors in `init` (`registerParameter`), overrides
/// `forward(_:keywords:)` (the dynamic form scripts and containers call) and usually offers a
/// typed `forward(_ x: Tensor)` too, plus `extraRepr()` for its one-line description.
open class Module: CustomStringConvertible {
    /// train()/eval() state: true while training.
    public var training = true

    var parameterSlots = OrderedSlots<Tensor?>()
    var bufferSlots = OrderedSlots<Tensor?>()
    var moduleSlots = OrderedSlots<Module?>()
    /// Buffers registered with `persistent: false` (left out of `stateDict`).
    public internal(set) var nonPersistentBuffers = Set<String>()

    var forwardHooks: [(id: Int, hook: ForwardHook)] = []
    var forwardPreHooks: [(id: Int, hook: ForwardPreHook)] = []

    /// An empty module in training mode.
    public init() {}

    /// The name `print(model)` and error messages show (`self.__class__.__name__`): the Swift
    /// class name by default; script-defined subclasses override it.
    open var typeName: String { String(describing: type(of: self)) }

    /// PyTorch's `extra_repr()`: the description inside the parentheses, e.g.
    /// `in_features=4, out_features=3, bias=True`. May span several lines. Default "".
    open func extraRepr() -> String { "" }

    /// The dynamic `forward` that scripts, containers and hooks call. Layers override it (and
    /// usually offer a typed `forward(_ x: Tensor)` as well). The base class raises PyTorch's
    /// NotImplementedError.
    open func forward(_ inputs: [ModuleValue], keywords: [(String, ModuleValue)]) throws -> ModuleValue {
        throw TensorError.notImplemented("Module [\(typeName)] is missing the required \"forward\" function")
    }

    /// Python's `hasattr(module, name)` as the registration checks use it: a registered
    /// parameter, buffer or module, or a built-in attribute. Layers with extra attributes and
    /// the script bindings (instance `__dict__`, class attributes) override it.
    open func hasAttribute(_ name: String) -> Bool {
        parameterSlots.contains(name) || bufferSlots.contains(name) || moduleSlots.contains(name)
            || Module.builtinAttributeNames.contains(name)
    }

    /// `train(mode=True)`: sets `training` on this module and calls `train(mode)` on every
    /// child (overridable, as a Python subclass may override `train`).
    @discardableResult
    open func train(_ mode: Bool = true) -> Self {
        training = mode
        for child in children() { child.train(mode) }
        return self
    }

    /// `repr(module)` / `print(model)`: PyTorch's nested layout (see `moduleRepr()`).
    /// Containers with their own `__repr__` (ModuleList) override it.
    open var description: String { moduleRepr() }

    /// PyTorch's `reset_parameters()`: re-runs the default initialisation. The base class has
    /// nothing to initialise.
    open func resetParameters() throws {}

    /// `module(*inputs, **keywords)`: runs the forward pre-hooks (each may replace the inputs),
    /// `forward`, then the forward hooks (each may replace the result), in registration order.
    public func call(_ inputs: [ModuleValue], keywords: [(String, ModuleValue)] = []) throws -> ModuleValue {
        if forwardPreHooks.isEmpty && forwardHooks.isEmpty {
            return try forward(inputs, keywords: keywords)
        }
        var args = inputs
        for entry in forwardPreHooks {
            if let replaced = try entry.hook(self, args) { args = replaced }
        }
        var result = try forward(args, keywords: keywords)
        for entry in forwardHooks {
            if let replaced = try entry.hook(self, args, result) { result = replaced }
        }
        return result
    }

    /// `module(x)` for Swift callers: calls the module with one tensor and expects a tensor back.
    public func callAsFunction(_ x: Tensor) throws -> Tensor {
        let result = try call([.tensor(x)])
        guard case .tensor(let t) = result else {
            throw TensorError.type("\(typeName) returned \(result.pythonTypeName), expected a Tensor")
        }
        return t
    }

    /// `module(*inputs)` for Swift callers with any values.
    public func callAsFunction(_ inputs: ModuleValue...) throws -> ModuleValue { try call(inputs) }
}

/// A forward hook: `hook(module, args, output)`; a non-nil return replaces the output.
public typealias ForwardHook = (Module, [ModuleValue], ModuleValue) throws -> ModuleValue?
/// A forward pre-hook: `hook(module, args)`; a non-nil return replaces the positional args.
public typealias ForwardPreHook = (Module, [ModuleValue]) throws -> [ModuleValue]?

/// An insertion-ordered string-keyed dictionary, as Python's dict keeps `_parameters` etc.
struct OrderedSlots<Value> {
    private(set) var keys: [String] = []
    private var storage: [String: Value] = [:]

    /// The value stored under `key` (nil if absent).
    subscript(key: String) -> Value? { storage[key] }

    /// True if `key` is present.
    func contains(_ key: String) -> Bool { storage[key] != nil }

    /// Number of entries.
    var count: Int { keys.count }

    /// Stores `value` under `key`, keeping the key's position if it already exists.
    mutating func set(_ key: String, _ value: Value) {
        if storage.updateValue(value, forKey: key) == nil { keys.append(key) }
    }

    /// Removes `key`, returning its value.
    @discardableResult
    mutating func remove(_ key: String) -> Value? {
        guard let old = storage.removeValue(forKey: key) else { return nil }
        keys.removeAll { $0 == key }
        return old
    }

    /// The entries in insertion order.
    var entries: [(key: String, value: Value)] {
        keys.compactMap { k in storage[k].map { (k, $0) } }
    }

    /// Replaces every entry.
    mutating func replaceAll(_ entries: [(String, Value)]) {
        keys = []
        storage = [:]
        for (k, v) in entries { set(k, v) }
    }
}
