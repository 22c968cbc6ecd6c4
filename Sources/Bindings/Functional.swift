import Foundation
import Engine
import Script

/// `torch.nn.functional`, `torch.nn.init` and `torch.nn.utils` for scripts, plus the torch-level
/// functions of the same ops (`torch.relu_`, `torch.conv2d`, …) the core bindings leave out.
///
/// The functions are made once per process (`definitions`) and put into every run's modules by
/// a `TorchModule.extensions` builder. `F` functions bind their arguments as the Python
/// functions of PyTorch do (`FunctionSignature`), with CPython 3.11's messages.
public enum FunctionalBindings {
    nonisolated(unsafe) private static var installed = false

    /// Registers `torch.nn.functional`, `torch.nn.init`, `torch.nn.utils` (importable and
    /// reachable as attributes of `torch.nn`); call once after or before `Bindings.install()`
    /// (calling again does nothing).
    public static func install() {
        guard !installed else { return }
        installed = true
        for name in ["torch.nn", "torch.nn.functional", "torch.nn.init", "torch.nn.utils"] {
            TorchModule.registerSubmodule(name)
        }
        TorchModule.extensions.append { torch in build(torch) }
    }

    /// Puts the functions into a fresh torch module's `nn.functional`, `nn.init`, `nn.utils`.
    static func build(_ torch: PyModule) {
        let functional = TorchModule.submodule("torch.nn.functional", in: torch)
        for (name, f) in functionalDefinitions { functional[name] = f }
        let initModule = TorchModule.submodule("torch.nn.init", in: torch)
        for (name, f) in initDefinitions { initModule[name] = f }
        let utils = TorchModule.submodule("torch.nn.utils", in: torch)
        for (name, f) in utilsDefinitions { utils[name] = f }
        for (name, f) in torchDefinitions where torch[name] == nil { torch[name] = f }
    }

    /// Every `torch.nn.functional` function, made once per process.
    static let functionalDefinitions: [(String, PyObject)] = activationDefinitions() + lossDefinitions() + layerDefinitions()
    /// Every `torch.nn.init` function.
    static let initDefinitions: [(String, PyObject)] = InitBindings.definitions()
    /// Every `torch.nn.utils` function.
    static let utilsDefinitions: [(String, PyObject)] = NNUtilsBindings.definitions()
    /// `torch.` functions PyTorch has for these ops (added only where the core lacks them).
    static let torchDefinitions: [(String, PyObject)] = torchLevelDefinitions()

    /// A function bound like a Python function of signature `spec` (see `FunctionSignature`).
    /// `messageName` is the name CPython's binding errors show when it differs (`_max_pool2d`).
    /// `builtin` gives a missing argument PyTorch's C++ wording instead of CPython's.
    static func define(_ name: String, _ spec: String, messageName: String? = nil, builtin: Bool = false,
                       _ body: @escaping (BoundArguments) throws -> PyObject) -> (String, PyObject) {
        var signature = FunctionSignature(messageName ?? name, spec)
        signature.builtin = builtin
        let site = ArgumentSite(name, isMethod: false)
        let f = PyNativeFunction(name: name, parameters: "") { a in
            let values = try signature.bind(a.rest, a.keywords)
            return try bridge { try body(BoundArguments(values: values, site: site, names: signature.names)) }
        }
        return (name, f)
    }
}

/// A Python function's parameter list: `"input, target, weight=, *, key="` (a trailing `=`
/// marks a parameter with a default, `*` starts the keyword-only ones). Binding raises
/// CPython 3.11's TypeErrors ("relu() missing 1 required positional argument: 'input'").
struct FunctionSignature {
    let name: String
    let names: [String]
    let positionalCount: Int
    let required: [Bool]
    /// True for PyTorch's C++ builtins (`softmax() missing 1 required positional arguments: "dim"`).
    var builtin = false

    init(_ name: String, _ spec: String) {
        self.name = name
        var names: [String] = [], required: [Bool] = [], positional = 0, keywordOnly = false
        for part in spec.split(separator: ",") {
            let p = part.trimmingCharacters(in: .whitespaces)
            if p == "*" { keywordOnly = true; continue }
            let optional = p.hasSuffix("=")
            names.append(optional ? String(p.dropLast()) : p)
            required.append(!optional)
            if !keywordOnly { positional += 1 }
        }
        self.names = names
        self.required = required
        self.positionalCount = positional
        self.requiredCount = required.filter { $0 }.count
        self.requiredArePositionalPrefix = required.prefix(requiredCount).allSatisfy { $0 } && requiredCount <= positional
    }

    /// How many parameters have no default.
    let requiredCount: Int
    /// True when the parameters without default are the first positional ones (the fast path).
    let requiredArePositionalPrefix: Bool

    /// The value of each parameter (nil: not given).
    @inline(__always)
    func bind(_ positional: [PyObject], _ keywords: [(String, PyObject)]) throws -> [PyObject?] {
        var values = [PyObject?](repeating: nil, count: names.count)
        let n = positional.count
        var i = 0
        while i < n && i < positionalCount { values[i] = positional[i]; i += 1 }
        // Fast path: positional arguments only, every required one given.
        if keywords.isEmpty && n <= positionalCount && n >= requiredCount && requiredArePositionalPrefix { return values }
        for (k, v) in keywords {
            guard let i = names.firstIndex(of: k) else {
                throw PyError.type("\(name)() got an unexpected keyword argument '\(k)'")
            }
            if values[i] != nil { throw PyError.type("\(name)() got multiple values for argument '\(k)'") }
            values[i] = v
        }
        if positional.count > positionalCount {
            let minimum = required.prefix(positionalCount).filter { $0 }.count
            let takes = minimum == positionalCount ? "\(positionalCount)" : "from \(minimum) to \(positionalCount)"
            let noun = positionalCount == 1 && minimum == positionalCount ? "argument" : "arguments"
            throw PyError.type("\(name)() takes \(takes) positional \(noun) but \(positional.count) \(positional.count == 1 ? "was" : "were") given")
        }
        var missing: [String] = []
        for i in names.indices where required[i] && values[i] == nil { missing.append("'\(names[i])'") }
        if builtin, let first = missing.first {
            throw PyError.type("\(name)() missing \(missing.count) required positional arguments: \"\(first.dropFirst().dropLast())\"")
        }
        if !missing.isEmpty {
            let list: String
            switch missing.count {
            case 1: list = missing[0]
            case 2: list = missing[0] + " and " + missing[1]
            default: list = missing.dropLast().joined(separator: ", ") + ", and " + (missing.last ?? "")
            }
            throw PyError.type("\(name)() missing \(missing.count) required positional argument\(missing.count == 1 ? "" : "s"): \(list)")
        }
        return values
    }
}

/// The bound arguments of a functional call, converted on demand with PyTorch's TypeErrors.
struct BoundArguments {
    let values: [PyObject?]
    let site: ArgumentSite
    let names: [String]

    /// The value of parameter `i` as given (nil: not given; out-of-range indices are nil too).
    @inline(__always) func raw(_ i: Int) -> PyObject? { i >= 0 && i < values.count ? values[i] : nil }
    /// The name of parameter `i` for messages.
    @inline(__always) func name(_ i: Int) -> String { i >= 0 && i < names.count ? names[i] : "input" }

    /// The value of parameter `i`, nil when not given or None.
    @inline(__always) func value(_ i: Int) -> PyObject? {
        guard let v = raw(i), !(v is PyNone) else { return nil }
        return v
    }
    /// Whether parameter `i` was given (None counts as not given).
    @inline(__always) func has(_ i: Int) -> Bool { value(i) != nil }

    /// A tensor argument (None is a TypeError).
    @inline(__always) func tensor(_ i: Int) throws -> Tensor {
        if let t = raw(i) as? TensorObject { return t.tensor }
        throw site.typeError(name(i), i, expected: "Tensor", got: raw(i) ?? PyNone.shared)
    }
    /// An optional tensor argument.
    func optionalTensor(_ i: Int) throws -> Tensor? {
        guard let v = value(i) else { return nil }
        return try Args.tensor(v, site, name(i), i)
    }
    /// A float argument with a default (a Python number or one-element tensor; TypeError
    /// "must be Number" otherwise, as ATen's scalar parameters say).
    func double(_ i: Int, _ defaultValue: Double) throws -> Double {
        guard let v = value(i) else { return defaultValue }
        return try number(v, i).doubleValue
    }
    /// An optional float argument.
    func optionalDouble(_ i: Int) throws -> Double? {
        guard let v = value(i) else { return nil }
        return try number(v, i).doubleValue
    }
    /// A Number argument with a default (ints stay ints).
    func scalar(_ i: Int, _ defaultValue: Scalar) throws -> Scalar {
        guard let v = value(i) else { return defaultValue }
        return try number(v, i)
    }
    /// A Python number or one-element tensor; TypeError naming the parameter's position
    /// otherwise (every parameter bound here is positional in PyTorch).
    func number(_ v: PyObject, _ i: Int) throws -> Scalar {
        if let s = Args.scalarOrNil(v) { return s }
        if let t = v as? TensorObject, t.tensor.numel == 1 { return try t.tensor.item() }
        throw PyError.type("\(site.function)(): argument '\(name(i))' (position \(site.position(i))) must be Number, not \(pythonTypeName(v))")
    }
    /// An int argument with a default.
    func int(_ i: Int, _ defaultValue: Int) throws -> Int {
        guard let v = value(i) else { return defaultValue }
        return try Args.int(v, site, name(i), i)
    }
    /// An optional int argument.
    func optionalInt(_ i: Int) throws -> Int? {
        guard let v = value(i) else { return nil }
        return try Args.int(v, site, name(i), i)
    }
    /// A bool argument with a default, by Python truth (as PyTorch's Python functions test it).
    func bool(_ i: Int, _ defaultValue: Bool) throws -> Bool {
        guard let v = value(i) else { return defaultValue }
        return try Runtime.truthy(v)
    }
    /// A str argument with a default.
    func string(_ i: Int, _ defaultValue: String) throws -> String {
        guard let v = value(i) else { return defaultValue }
        return try Args.string(v, site, name(i), i)
    }
    /// An int-or-tuple argument as a list (a single int becomes `[n]`).
    func intList(_ i: Int, _ defaultValue: [Int]) throws -> [Int] {
        guard let v = value(i) else { return defaultValue }
        return try Args.intList(v, site, name(i), i)
    }
    /// A dtype argument.
    func dtype(_ i: Int) throws -> DType? { try Args.dtype(value(i), site, name(i), i) }

    /// The reduction string, honouring the legacy `size_average`/`reduce` arguments as
    /// `_Reduction.legacy_get_string` does (with its deprecation warning).
    func reduction(_ i: Int, sizeAverage: Int?, reduce: Int?) throws -> String {
        let sa = try sizeAverage.flatMap { value($0) }.map { try Runtime.truthy($0) }
        let r = try reduce.flatMap { value($0) }.map { try Runtime.truthy($0) }
        if sa != nil || r != nil {
            let result = !(r ?? true) ? "none" : (sa ?? true) ? "mean" : "sum"
            Autograd.warn("size_average and reduce args will be deprecated, please use reduction='\(result)' instead.")
            return result
        }
        return try string(i, "mean")
    }
}

/// Results as Python objects.
@inline(__always) func wrapResult(_ t: Tensor) -> PyObject { TensorObject.wrap(t) }
