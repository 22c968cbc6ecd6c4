import Engine
import Script

/// The script object of an `nn.Module`: a Python instance (with a `__dict__` for plain
/// attributes) around one engine `Module`.
///
/// Script classes deriving from `nn.Module` hold a `ScriptModule` whose `forward` calls the
/// script's own `forward`; the layer classes (`nn.Linear`, …) hold the engine layer itself.
public final class ModuleObject: PyObject {
    /// The engine module.
    public internal(set) var module: Module
    /// True once `nn.Module.__init__` (or a layer's `__init__`) has run.
    var initialized: Bool

    init(_ module: Module, cls: PyClass, initialized: Bool) {
        self.module = module
        self.initialized = initialized
        super.init(cls: cls, withAttributes: true)
    }

    /// The script object for an engine module: its existing wrapper, or a new one of the class
    /// bound for its Swift type (`nn.Module` when unknown).
    public static func wrap(_ module: Module) -> ModuleObject {
        if let script = module as? ScriptModule, let host = script.host { return host }
        if let entry = ModuleRegistry.entries[ObjectIdentifier(module)], entry.module === module, let o = entry.object {
            return o
        }
        let cls = ModuleRegistry.classes[ObjectIdentifier(type(of: module))] ?? NNModuleClass.moduleClass
        let o = ModuleObject(module, cls: cls, initialized: true)
        ModuleRegistry.bind(o, module)
        return o
    }
}

/// Which script object stands for which engine module (so `model.fc is model.fc`).
enum ModuleRegistry {
    final class Entry {
        weak var module: Module?
        weak var object: ModuleObject?
        /// Objects of script classes that subclass a layer keep their class and `__dict__`
        /// alive as long as the process runs.
        var pinned: ModuleObject?
        init(_ module: Module, _ object: ModuleObject, pinned: Bool) {
            self.module = module
            self.object = object
            self.pinned = pinned ? object : nil
        }
    }

    nonisolated(unsafe) static var entries: [ObjectIdentifier: Entry] = [:]
    /// The script class made for each engine layer type.
    nonisolated(unsafe) static var classes: [ObjectIdentifier: PyClass] = [:]
    /// The native classes (`nn.Module`, `nn.Linear`, …) as opposed to script subclasses.
    nonisolated(unsafe) static var nativeClasses: Set<ObjectIdentifier> = []

    /// True for a class made by these bindings (not a script subclass).
    static func isNative(_ cls: PyClass) -> Bool { nativeClasses.contains(ObjectIdentifier(cls)) }

    /// Keeps `object` alive with its module (it now holds script state in its `__dict__`).
    static func pin(_ object: ModuleObject) {
        guard !(object.module is ScriptModule) else { return }
        entries[ObjectIdentifier(object.module)]?.pinned = object
    }

    /// Makes `object` the wrapper of `module`.
    static func bind(_ object: ModuleObject, _ module: Module) {
        object.module = module
        if let script = module as? ScriptModule { script.host = object; return }
        if entries.count > 256 && entries.count.isMultiple(of: 64) {
            entries = entries.filter { $0.value.module != nil }
        }
        entries[ObjectIdentifier(module)] = Entry(module, object, pinned: !isNative(object.cls))
    }
}

/// The engine module behind a script class deriving from `nn.Module`: its type name is the
/// class name, and `forward`/`extra_repr`/`__repr__` run the script's methods.
final class ScriptModule: Module {
    /// The script instance (held strongly: the instance and its module live together).
    var host: ModuleObject?

    override var typeName: String { host?.cls.name ?? "Module" }

    /// The script's own method `name` (a function defined in a script class), if any.
    func scriptMethod(_ name: String) -> PyObject? {
        guard let host, let f = host.cls.lookup(name), !(f is PyNativeFunction) else { return nil }
        return f
    }

    override func extraRepr() -> String {
        guard let host, let f = scriptMethod("extra_repr") else { return "" }
        return ((try? Runtime.callMethod(f, host, [])) as? PyStr)?.value ?? ""
    }

    override var description: String {
        if let host, let f = scriptMethod("__repr__"), let s = (try? Runtime.callMethod(f, host, [])) as? PyStr {
            return s.value
        }
        return moduleRepr()
    }

    override func forward(_ inputs: [ModuleValue], keywords: [(String, ModuleValue)]) throws -> ModuleValue {
        let args = inputs.map(ModuleValues.object)
        let kw = keywords.map { ($0.0, ModuleValues.object($0.1)) }
        if let host, let own = host.attributes?["forward"] { return ModuleValues.from(try Runtime.call(own, args, kw)) }
        guard let host, let f = scriptMethod("forward") else {
            throw TensorError.notImplemented("Module [\(typeName)] is missing the required \"forward\" function")
        }
        return ModuleValues.from(try Runtime.callMethod(f, host, args, kw))
    }

    override func hasAttribute(_ name: String) -> Bool {
        if super.hasAttribute(name) { return true }
        guard let host else { return false }
        return host.attributes?[name] != nil || host.cls.lookup(name) != nil
    }
}

/// A script object passed through a module call that has no engine counterpart.
final class OpaqueScriptValue: ModuleOpaqueValue {
    let object: PyObject
    init(_ object: PyObject) { self.object = object }
    var pythonTypeName: String { object.cls.name }
}

/// Conversions between script objects and `ModuleValue`.
enum ModuleValues {
    /// Tensors, None and plain tuples are translated; anything else is boxed.
    static func from(_ o: PyObject) -> ModuleValue {
        if let t = o as? TensorObject { return .tensor(t.tensor) }
        if o is PyNone { return .none }
        if let t = o as? PyTuple, t.cls === Builtin.tupleType { return .tuple(t.items.map(from)) }
        return .opaque(OpaqueScriptValue(o))
    }

    /// The script object for a value.
    static func object(_ v: ModuleValue) -> PyObject {
        switch v {
        case .tensor(let t): return TensorObject.wrap(t)
        case .none: return PyNone.shared
        case .tuple(let items): return PyTuple(items.map(object))
        case .opaque(let boxed):
            if let b = boxed as? OpaqueScriptValue { return b.object }
            if let o = boxed as? PyObject { return o }
            if let m = boxed as? Module { return ModuleObject.wrap(m) }
            return PyNone.shared
        }
    }
}

/// Runs engine module code, turning its errors (TensorError and ModuleError) into Python's.
@inline(__always)
func nnBridge<T>(_ body: () throws -> T) throws -> T {
    do { return try bridge(body) } catch let e as ModuleError {
        switch e.kind {
        case .key: throw PyError.key(PyStr(e.message))
        case .attribute: throw PyError.attribute(e.message)
        }
    }
}

/// `torch.typename(o)` as PyTorch's messages print it: `torch.FloatTensor`, `int`, `__main__.Foo`.
func torchTypename(_ o: PyObject) -> String {
    if let t = o as? TensorObject {
        return t.tensor.isParameter ? "torch.nn.parameter.Parameter" : t.tensor.dtype.legacyTypeName
    }
    if o is PyNone { return "NoneType" }
    if o.cls.module == "builtins" { return o.cls.name }
    return o.cls.module + "." + o.cls.name
}

/// The module inside a receiver (`self` of an `nn.Module` method).
@inline(__always)
func moduleOf(_ o: PyObject?) throws -> ModuleObject {
    if let m = o as? ModuleObject { return m }
    throw PyError.type("descriptor requires a 'Module' object but received a '\(o.map(pythonTypeName) ?? "NoneType")'")
}
