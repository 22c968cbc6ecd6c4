import Engine
import Script

/// One layer class of `torch.nn`: its Python name, constructor signature (PyTorch's argument
/// names, without `self`), the engine constructor and the attributes scripts read.
struct LayerSpec {
    /// `Linear`.
    let name: String
    /// The `torch.nn.modules.<file>` submodule (`linear`).
    let file: String
    /// `in_features, out_features, bias=, device=, dtype=` (optional parameters end in `=`).
    let parameters: String
    /// The engine Swift type the class stands for.
    let type: Module.Type
    /// Builds the engine layer from the bound arguments (index 0 is `self`).
    let make: (LayerArguments) throws -> Module
    /// Readable attributes (`in_features`); nil from a getter means the module is not of the type.
    let attributes: [(String, (Module) -> PyObject?)]
}

/// A typed attribute getter for a spec.
func attr<M: Module>(_ name: String, _ type: M.Type, _ get: @escaping (M) -> PyObject) -> (String, (Module) -> PyObject?) {
    (name, { m in (m as? M).map(get) })
}

/// The bound constructor arguments of a layer, with PyTorch's conversions and messages.
struct LayerArguments {
    /// Bound values by parameter position (index 0 is `self`); nil when not given.
    let values: [PyObject?]
    let site: ArgumentSite
    let names: [String]

    init(_ a: Arguments, _ spec: LayerSpec, prefix: Int = 0) {
        values = Array(repeating: nil, count: prefix) + a.values
        site = ArgumentSite(spec.name, isMethod: true)
        names = ["self"] + spec.parameters.split(separator: ",").map {
            String($0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "=", with: ""))
        }.filter { $0 != "*" }
    }

    /// The value at `i` as given (PyNone when None was passed), nil if not given.
    func raw(_ i: Int) -> PyObject? { i < values.count ? values[i] : nil }
    /// The value at `i`, or None when not given.
    subscript(_ i: Int) -> PyObject { raw(i) ?? PyNone.shared }
    func name(_ i: Int) -> String { i < names.count ? names[i] : "arg" }
    /// The value at `i`, nil if not given or None.
    func value(_ i: Int) -> PyObject? {
        guard let v = raw(i), !(v is PyNone) else { return nil }
        return v
    }
    func int(_ i: Int, _ fallback: Int) throws -> Int { try value(i).map { try Args.int($0, site, name(i), i) } ?? fallback }
    func optionalInt(_ i: Int) throws -> Int? { try Args.optionalInt(value(i), site, name(i), i) }
    func double(_ i: Int, _ fallback: Double) throws -> Double {
        try value(i).map { try Args.double($0, site, name(i), i) } ?? fallback
    }
    func scalar(_ i: Int, _ fallback: Scalar) throws -> Scalar {
        guard let o = value(i) else { return fallback }
        if let s = Args.scalarOrNil(o) {
            if case .bool(let b) = s { return .int(b ? 1 : 0) }
            return s
        }
        return try Args.scalar(o, site, name(i), i)
    }
    func bool(_ i: Int, _ fallback: Bool) throws -> Bool { try value(i).map { try Runtime.truthy($0) } ?? fallback }
    func string(_ i: Int, _ fallback: String) throws -> String {
        try value(i).map { try Args.string($0, site, name(i), i) } ?? fallback
    }
    func tensor(_ i: Int) throws -> Tensor? { try Args.optionalTensor(value(i), site, name(i), i) }
    func intList(_ i: Int) throws -> [Int] { try Args.intList(self[i], site, name(i), i) }
    /// `device=` (CPU only) and `dtype=`.
    func factory(device: Int, dtype: Int) throws -> DType? {
        try Args.checkDevice(value(device))
        return try Args.dtype(value(dtype), site, "dtype", dtype)
    }
    /// PyTorch's deprecated `size_average`/`reduce` arguments: wick supports only `reduction=`.
    func noLegacyReduction(_ indices: Int...) throws {
        for i in indices where value(i) != nil {
            throw TorchErrors.unsupported("\(site.function)(\(name(i))=...) (deprecated; use reduction=)")
        }
    }
}

/// Every layer class of `torch.nn`, made from `NNLayers.specs`.
enum NNLayers {
    /// The classes, in table order.
    static let classes: [(String, PyClass)] = specs.map { spec in (spec.name, makeClass(spec)) }

    static func makeClass(_ spec: LayerSpec) -> PyClass {
        let c = NNModuleClass.layerClass(spec.name, module: "torch.nn.modules." + spec.file)
        ModuleRegistry.classes[ObjectIdentifier(spec.type)] = c
        if spec.name == "Embedding" { installFromPretrained(c) }
        let signature = InitSignature(spec)
        c.method("__init__", signature.nativeSpec) { a in
            let me = try moduleOf(a[0])
            try signature.check(a)
            let module = try nnBridge { try spec.make(LayerArguments(a, spec)) }
            ModuleRegistry.bind(me, module)
            me.initialized = true
            return PyNone.shared
        }
        for (name, get) in spec.attributes {
            c.property(name) { o in
                let me = try moduleOf(o)
                guard let v = get(me.module) else { throw PyError.attribute("'\(me.cls.name)' object has no attribute '\(name)'") }
                return v
            }
        }
        return c
    }

    static func int(_ v: Int) -> PyObject { PyInt.make(v) }
    static func float(_ v: Double) -> PyObject { PyFloat(v) }
    static func bool(_ v: Bool) -> PyObject { PyBool.make(v) }
    static func str(_ v: String) -> PyObject { PyStr(v) }
    static func number(_ v: Scalar) -> PyObject { PyValues.number(v) }
    static func tuple(_ v: [Int]) -> PyObject { PyTuple(v.map { PyInt.make($0) }) }
    static func optionalInt(_ v: Int?) -> PyObject { v.map { PyInt.make($0) } ?? PyNone.shared }

    /// The table (NNLayers+*.swift add their families).
    static var specs: [LayerSpec] { core + spatial + activations + losses + recurrent }

    /// Linear, Identity, Flatten, Unflatten.
    static let core: [LayerSpec] = [
        LayerSpec(name: "Linear", file: "linear", parameters: "in_features, out_features, bias=, device=, dtype=",
                  type: Linear.self, make: { a in
                      try Linear(a.int(1, 0), a.int(2, 0), bias: a.bool(3, true), dtype: a.factory(device: 4, dtype: 5))
                  }, attributes: [
                      attr("in_features", Linear.self) { int($0.inFeatures) },
                      attr("out_features", Linear.self) { int($0.outFeatures) },
                  ]),
        LayerSpec(name: "Identity", file: "linear", parameters: "*args, **kwargs", type: Identity.self,
                  make: { _ in Identity() }, attributes: []),
        LayerSpec(name: "Flatten", file: "flatten", parameters: "start_dim=, end_dim=", type: Flatten.self,
                  make: { a in Flatten(startDim: try a.int(1, 1), endDim: try a.int(2, -1)) }, attributes: [
                      attr("start_dim", Flatten.self) { int($0.startDim) },
                      attr("end_dim", Flatten.self) { int($0.endDim) },
                  ]),
        LayerSpec(name: "Unflatten", file: "flatten", parameters: "dim, unflattened_size", type: Unflatten.self,
                  make: { a in try Unflatten(dim: a.int(1, 0), unflattenedSize: a.intList(2)) }, attributes: [
                      attr("dim", Unflatten.self) { int($0.dim) },
                      attr("unflattened_size", Unflatten.self) { tuple($0.unflattenedSize) },
                  ]),
    ]
}

/// A layer's `__init__` signature, checked with CPython's messages ("Linear.__init__() missing
/// 1 required positional argument: 'out_features'").
struct InitSignature {
    let qualified: String
    /// Parameter names in order (without `self`), whether each is required, and whether it is
    /// positional (before a `*`).
    var params: [(name: String, required: Bool, positional: Bool)] = []
    var hasVarArgs = false
    var hasVarKeywords = false
    /// The spec given to the native function: every parameter optional, extra arguments collected.
    var nativeSpec = "self"

    init(_ spec: LayerSpec) {
        qualified = spec.name + ".__init__()"
        var positional = true
        var parts: [String] = []
        for raw in spec.parameters.split(separator: ",") {
            let p = raw.trimmingCharacters(in: .whitespaces)
            if p.hasPrefix("**") { hasVarKeywords = true; parts.append(p); continue }
            if p == "*" { positional = false; parts.append("*__extra_args"); continue }
            if p.hasPrefix("*") { hasVarArgs = true; positional = false; parts.append(p); continue }
            let required = !p.hasSuffix("=")
            let name = required ? p : String(p.dropLast())
            params.append((name, required, positional))
            parts.append(name + "=")
        }
        if !parts.contains(where: { $0.hasPrefix("*") && !$0.hasPrefix("**") }) { parts.append("*__extra_args") }
        if !hasVarKeywords { parts.append("**__extra_keywords") }
        nativeSpec = (["self"] + parts).joined(separator: ", ")
    }

    /// Raises CPython's TypeErrors for extra positional or keyword arguments and missing ones.
    func check(_ a: Arguments) throws {
        if !hasVarArgs && !a.rest.isEmpty {
            let positional = params.filter { $0.positional }
            let required = positional.filter { $0.required }.count
            let given = positional.count + a.rest.count + 1
            let takes = required == positional.count
                ? "\(positional.count + 1) positional argument\(positional.count == 0 ? "" : "s")"
                : "from \(required + 1) to \(positional.count + 1) positional arguments"
            throw PyError.type("\(qualified) takes \(takes) but \(given) were given")
        }
        if !hasVarKeywords, let (k, _) = a.keywords.first {
            throw PyError.type("\(qualified) got an unexpected keyword argument '\(k)'")
        }
        let missing = params.enumerated().filter { i, p in p.required && (a.values[i + 1] == nil) }.map { "'\($0.1.name)'" }
        guard !missing.isEmpty else { return }
        let list: String
        switch missing.count {
        case 1: list = missing[0]
        case 2: list = missing[0] + " and " + missing[1]
        default: list = missing.dropLast().joined(separator: ", ") + ", and " + (missing.last ?? "")
        }
        throw PyError.type("\(qualified) missing \(missing.count) required positional argument\(missing.count == 1 ? "" : "s"): \(list)")
    }
}
