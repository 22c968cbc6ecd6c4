import Engine
import Script

/// `grad_fn` objects: one per engine `Node`, printing `<AddBackward0 object at 0x…>`, with
/// `name()`, `next_functions`, `register_hook`, `register_prehook` and (for AccumulateGrad)
/// `variable`.
public final class NodeObject: PyObject {
    /// The engine node.
    public let node: Node

    init(_ node: Node, cls: PyClass) {
        self.node = node
        super.init(cls: cls)
    }

    private final class WeakBox { weak var object: NodeObject?; init(_ o: NodeObject) { object = o } }
    nonisolated(unsafe) private static var cache: [ObjectIdentifier: WeakBox] = [:]
    nonisolated(unsafe) private static var classes: [String: PyClass] = [:]

    /// The script object for `node` (the same one while the script holds it).
    public static func wrap(_ node: Node) -> NodeObject {
        let id = ObjectIdentifier(node)
        if let existing = cache[id]?.object { return existing }
        if cache.count > 4096 { cache = cache.filter { $0.value.object != nil } }
        let cls: PyClass
        if let c = classes[node.name] { cls = c } else {
            cls = PyClass(name: node.name, bases: [nodeClass], module: "builtins")
            classes[node.name] = cls
        }
        let object = NodeObject(node, cls: cls)
        cache[id] = WeakBox(object)
        return object
    }

    /// `grad_fn` of a tensor: its node object or None.
    public static func wrapOptional(_ node: Node?) -> PyObject {
        node.map { wrap($0) } ?? PyNone.shared
    }

    /// The base class of every node class (`torch.autograd.graph.Node`).
    static let nodeClass: PyClass = {
        let c = PyClass(name: "Node", bases: [Builtin.objectType], module: "torch.autograd.graph")
        c.method("name", "self") { a in
            let node = try nodeOf(a[0])
            return PyStr(node.name == "AccumulateGrad" || node.name == "CopySlices" ? "torch::autograd::" + node.name : node.name)
        }
        c.method("__repr__", "self") { a in
            let address = UInt(bitPattern: Unmanaged.passUnretained(a[0]).toOpaque())
            return PyStr("<\(a[0].cls.name) object at 0x\(String(address, radix: 16))>")
        }
        c.property("next_functions") { o in
            PyTuple(try nodeOf(o).nextFunctions.map { edge in
                PyTuple([edge.node.map { wrap($0) } ?? PyNone.shared, PyInt.make(edge.inputNr)])
            })
        }
        c.property("variable") { o in
            let node = try nodeOf(o)
            guard let v = node.variable else { throw PyError.attribute("'\(node.name)' object has no attribute 'variable'") }
            return TensorObject.wrap(v)
        }
        c.property("metadata") { _ in PyDict() }
        c.method("register_hook", "self, fn") { a in
            let node = try nodeOf(a[0]), fn = a[1]
            let id = node.registerHook(name: hookName(fn)) { gradInputs, gradOutputs in
                let r = try Runtime.call(fn, [optionalTuple(gradInputs), optionalTuple(gradOutputs)])
                return try r is PyNone ? nil : optionalTensors(r)
            }
            return HookHandle.make { [weak node] in node?.removeHook(id) }
        }
        c.method("register_prehook", "self, fn") { a in
            let node = try nodeOf(a[0]), fn = a[1]
            let id = node.registerPrehook(name: hookName(fn)) { gradOutputs in
                let r = try Runtime.call(fn, [optionalTuple(gradOutputs)])
                return try r is PyNone ? nil : optionalTensors(r)
            }
            return HookHandle.make { [weak node] in node?.removeHook(id) }
        }
        return c
    }()

    static func nodeOf(_ o: PyObject) throws -> Node {
        if let n = o as? NodeObject { return n.node }
        throw PyError.type("expected a grad_fn node, got \(pythonTypeName(o))")
    }

    static func hookName(_ fn: PyObject) -> String {
        (try? Runtime.getAttribute(fn, "__name__")).flatMap { ($0 as? PyStr)?.value } ?? "hook"
    }

    static func optionalTuple(_ tensors: [Tensor?]) -> PyObject {
        PyTuple(tensors.map { TensorObject.wrapOptional($0) })
    }

    static func optionalTensors(_ o: PyObject) throws -> [Tensor?] {
        try Runtime.toArray(o).map { item in
            if item is PyNone { return nil }
            guard let t = item as? TensorObject else { throw PyError.type("hook must return a tuple of Tensors or None") }
            return t.tensor
        }
    }
}

/// `torch.no_grad`, `torch.enable_grad`, `torch.set_grad_enabled`: context managers and
/// decorators (with or without parentheses: `@torch.no_grad` and `@torch.no_grad()`).
enum GradModeObjects {
    final class ModeObject: PyObject {
        let flag: Bool
        var saved: [Bool] = []
        init(flag: Bool, cls: PyClass) { self.flag = flag; super.init(cls: cls) }
    }

    /// A class whose instances switch grad mode to `flag` on `__enter__` and restore on `__exit__`.
    static func modeClass(_ name: String, flag: Bool) -> PyClass {
        let c = PyClass(name: name, bases: [Builtin.objectType], module: "torch.autograd.grad_mode")
        c.define("__new__", "cls, orig_func=") { a in
            let object = ModeObject(flag: flag, cls: (a[0] as? PyClass) ?? c)
            if let f = a.optional(1) { return decorate(f, flag: flag) }
            return object
        }
        installContext(c)
        return c
    }

    static func installContext(_ c: PyClass) {
        c.define("__enter__", "self") { a in
            guard let m = a[0] as? ModeObject else { return PyNone.shared }
            m.saved.append(GradMode.isEnabled)
            GradMode.set(m.flag)
            return PyNone.shared
        }
        c.define("__exit__", "self, *args") { a in
            if let m = a[0] as? ModeObject, let previous = m.saved.popLast() { GradMode.set(previous) }
            return PyBool.falseValue
        }
        c.define("__call__", "self, func") { a in
            decorate(a[1], flag: (a[0] as? ModeObject)?.flag ?? false)
        }
        c.define("clone", "self") { a in a[0] }
    }

    /// `fn` wrapped to run with grad mode `flag`.
    static func decorate(_ fn: PyObject, flag: Bool) -> PyObject {
        let name = (try? Runtime.getAttribute(fn, "__name__")).flatMap { ($0 as? PyStr)?.value } ?? "decorated"
        return PyNativeFunction(name: name, parameters: "") { a in
            let previous = GradMode.isEnabled
            GradMode.set(flag)
            defer { GradMode.set(previous) }
            return try Runtime.call(fn, a.rest, a.keywords)
        }
    }

    static let noGradClass = modeClass("no_grad", flag: false)
    static let enableGradClass = modeClass("enable_grad", flag: true)
    static let inferenceModeClass = modeClass("inference_mode", flag: false)

    /// `set_grad_enabled(mode)`: switches at once; as a context manager restores on exit.
    static let setGradEnabledClass: PyClass = {
        let c = PyClass(name: "set_grad_enabled", bases: [Builtin.objectType], module: "torch.autograd.grad_mode")
        c.define("__new__", "cls, mode") { a in
            guard let b = a[1] as? PyInt, b.cls === Builtin.boolType else {
                throw PyError.type("set_grad_enabled(): argument 'mode' (position 1) must be bool, not \(pythonTypeName(a[1]))")
            }
            let m = ModeObject(flag: b.value != 0, cls: (a[0] as? PyClass) ?? c)
            m.saved.append(GradMode.isEnabled)
            GradMode.set(m.flag)
            return m
        }
        c.define("__enter__", "self") { _ in PyNone.shared }
        c.define("__exit__", "self, *args") { a in
            if let m = a[0] as? ModeObject, let previous = m.saved.popLast() { GradMode.set(previous) }
            return PyBool.falseValue
        }
        c.define("__call__", "self, func") { a in
            if let m = a[0] as? ModeObject, let previous = m.saved.popLast() { GradMode.set(previous) }
            return decorate(a[1], flag: (a[0] as? ModeObject)?.flag ?? false)
        }
        return c
    }()

    /// `detect_anomaly(check_nan=True)` / `set_detect_anomaly(mode, check_nan=True)`.
    final class AnomalyObject: PyObject {
        let mode: Bool, checkNan: Bool, warn: Bool
        var saved: [(Bool, Bool)] = []
        init(mode: Bool, checkNan: Bool, warn: Bool, cls: PyClass) {
            self.mode = mode; self.checkNan = checkNan; self.warn = warn
            super.init(cls: cls)
        }
    }

    static func anomalyClass(_ name: String, immediate: Bool) -> PyClass {
        let c = PyClass(name: name, bases: [Builtin.objectType], module: "torch.autograd.anomaly_mode")
        c.define("__new__", immediate ? "cls, mode, check_nan=" : "cls, check_nan=") { a in
            let mode = immediate ? try Runtime.truthy(a[1]) : true
            let checkNan = try a.optional(immediate ? 2 : 1).map { try Runtime.truthy($0) } ?? true
            let object = AnomalyObject(mode: mode, checkNan: checkNan, warn: !immediate, cls: (a[0] as? PyClass) ?? c)
            if immediate {
                object.saved.append((GradMode.detectAnomaly, GradMode.anomalyCheckNan))
                GradMode.setDetectAnomaly(mode, checkNan: checkNan)
            }
            return object
        }
        c.define("__enter__", "self") { a in
            guard let m = a[0] as? AnomalyObject, !immediate else { return PyNone.shared }
            if m.warn { Autograd.warn(GradMode.anomalyWarning) }
            m.saved.append((GradMode.detectAnomaly, GradMode.anomalyCheckNan))
            GradMode.setDetectAnomaly(m.mode, checkNan: m.checkNan)
            return PyNone.shared
        }
        c.define("__exit__", "self, *args") { a in
            if let m = a[0] as? AnomalyObject, let previous = m.saved.popLast() {
                GradMode.setDetectAnomaly(previous.0, checkNan: previous.1)
            }
            return PyBool.falseValue
        }
        return c
    }

    static let detectAnomalyClass = anomalyClass("detect_anomaly", immediate: false)
    static let setDetectAnomalyClass = anomalyClass("set_detect_anomaly", immediate: true)
}

/// `torch.autograd.grad` and `torch.autograd.backward`.
enum AutogradFunctions {
    /// A tensor or a sequence of tensors as a list.
    static func tensors(_ o: PyObject, _ site: ArgumentSite, _ name: String, _ index: Int) throws -> [Tensor] {
        if let t = o as? TensorObject { return [t.tensor] }
        return try Args.tensorList(o, site, name, index)
    }

    /// Optional gradients: a tensor, None, or a sequence of tensors/None.
    static func optionalTensors(_ o: PyObject?, count: Int) throws -> [Tensor?]? {
        guard let o, !(o is PyNone) else { return nil }
        if let t = o as? TensorObject { return [t.tensor] }
        return try Runtime.toArray(o).map { item in
            if item is PyNone { return nil }
            if let t = item as? TensorObject { return t.tensor }
            if let s = Args.scalarOrNil(item) { return Tensor(scalar: s) }
            throw PyError.type("grad_outputs must contain Tensors or None, got \(pythonTypeName(item))")
        }
    }

    static func install(_ m: PyModule) {
        m.function("grad", "outputs, inputs, grad_outputs=, retain_graph=, create_graph=, only_inputs=, allow_unused=, is_grads_batched=, materialize_grads=") { a in
            let site = ArgumentSite("grad", isMethod: false)
            let outputs = try tensors(a[0], site, "outputs", 0)
            let inputs = try tensors(a[1], site, "inputs", 1)
            for (i, o) in outputs.enumerated() where !o.requiresGrad {
                throw PyError.runtime("element \(i) of tensors does not require grad and does not have a grad_fn")
            }
            let createGraph = try a.optional(4).map { try Runtime.truthy($0) } ?? false
            if let b = a.optional(7), try Runtime.truthy(b) { throw TorchErrors.unsupported("torch.autograd.grad(is_grads_batched=True)") }
            let result = try Autograd.grad(outputs: outputs, inputs: inputs,
                                           gradOutputs: try optionalTensors(a.optional(2), count: outputs.count),
                                           retainGraph: try a.optional(3).map { try Runtime.truthy($0) },
                                           createGraph: createGraph,
                                           allowUnused: try a.optional(6).map { try Runtime.truthy($0) },
                                           materializeGrads: try a.optional(8).map { try Runtime.truthy($0) } ?? false)
            // Without create_graph the gradients are plain values (PyTorch never returns history).
            return PyTuple(result.map { g in TensorObject.wrapOptional(createGraph || g?.requiresGrad != true ? g : g?.detach()) })
        }
        m.function("backward", "tensors, grad_tensors=, retain_graph=, create_graph=, grad_variables=, inputs=") { a in
            let site = ArgumentSite("backward", isMethod: false)
            let roots = try tensors(a[0], site, "tensors", 0)
            if a.optional(5) != nil { throw TorchErrors.unsupported("torch.autograd.backward(inputs=...)") }
            for (i, o) in roots.enumerated() where !o.requiresGrad {
                throw PyError.runtime("element \(i) of tensors does not require grad and does not have a grad_fn")
            }
            try Autograd.backward(roots, gradients: try optionalTensors(a.optional(1), count: roots.count),
                                  retainGraph: try a.optional(2).map { try Runtime.truthy($0) },
                                  createGraph: try a.optional(3).map { try Runtime.truthy($0) } ?? false)
            return PyNone.shared
        }
    }
}
