import Engine
import Script

/// Argument parsing shared by every torch binding (tensor functions, and the nn bindings that
/// build on them): Python objects to tensors, numbers, dtypes, sizes and dims, with PyTorch's
/// TypeError wording ("add(): argument 'other' (position 1) must be Tensor, not str").
///
/// Positions follow PyTorch: for a method `self` is not counted (`x.add(y)`: `other` is
/// position 1); for a `torch.` function the first argument is position 1.
public struct ArgumentSite {
    /// The function name as PyTorch's messages print it (`add`).
    public var function: String
    /// True for a tensor method (the receiver is not counted in positions).
    public var isMethod: Bool
    /// Keyword-only parameters: PyTorch's messages give them no position.
    public var keywordOnly: Set<String> = []

    /// A site for `function`, a method when `isMethod`.
    public init(_ function: String, isMethod: Bool) {
        self.function = function
        self.isMethod = isMethod
    }

    /// A site whose keyword-only parameters are read from a parameter spec (`"other, *, alpha="`).
    public init(_ function: String, isMethod: Bool, parameters: String) {
        self.init(function, isMethod: isMethod)
        var afterStar = false
        for part in parameters.split(separator: ",") {
            let p = String(part.filter { $0 != " " })
            if p.hasPrefix("*") && !p.hasPrefix("**") { afterStar = true; continue }
            if afterStar { keywordOnly.insert(p.hasSuffix("=") ? String(p.dropLast()) : p) }
        }
    }

    /// PyTorch's position of bound parameter `index` (index 0 is `self`/`input`).
    public func position(_ index: Int) -> Int { isMethod ? index : index + 1 }

    /// `add(): argument 'other' (position 1) must be Tensor, not str`.
    public func typeError(_ name: String, _ index: Int, expected: String, got: PyObject) -> PyError {
        // Keyword-only parameters have no position in PyTorch's messages.
        let at = keywordOnly.contains(name) ? "" : " (position \(position(index)))"
        return PyError.type("\(function)(): argument '\(name)'\(at) must be \(expected), not \(pythonTypeName(got))")
    }
}

/// The name PyTorch prints for a value's type in argument errors (`str`, `Tensor`, `float`).
public func pythonTypeName(_ o: PyObject) -> String {
    if o is PyNone { return "NoneType" }
    return o.cls.name
}

/// A tensor, or a Python number that takes part in type promotion as a scalar.
public enum TensorOrScalar {
    case tensor(Tensor)
    case scalar(Scalar)
}

/// Arguments helpers: conversions from Python objects with PyTorch's errors.
public enum Args {
    /// The tensor inside `o`, or nil when `o` is not a tensor.
    @inline(__always) public static func tensorOrNil(_ o: PyObject) -> Tensor? {
        (o as? TensorObject)?.tensor
    }

    /// A tensor argument; `TypeError` naming `name` otherwise.
    public static func tensor(_ o: PyObject, _ site: ArgumentSite, _ name: String, _ index: Int) throws -> Tensor {
        if let t = o as? TensorObject { return t.tensor }
        throw site.typeError(name, index, expected: "Tensor", got: o)
    }

    /// An optional tensor argument (None → nil).
    public static func optionalTensor(_ o: PyObject?, _ site: ArgumentSite, _ name: String, _ index: Int) throws -> Tensor? {
        guard let o, !(o is PyNone) else { return nil }
        return try tensor(o, site, name, index)
    }

    /// A Python number as a `Scalar` (bools stay bools); nil for anything else.
    @inline(__always) public static func scalarOrNil(_ o: PyObject) -> Scalar? {
        if let f = o as? PyFloat { return .double(f.value) }
        if let i = o as? PyInt { return i.cls === Builtin.boolType ? .bool(i.value != 0) : .int(i.value) }
        return nil
    }

    /// A tensor or a Python number; nil for anything else (operators then return NotImplemented).
    @inline(__always) public static func operandOrNil(_ o: PyObject) -> TensorOrScalar? {
        if let t = o as? TensorObject { return .tensor(t.tensor) }
        if let s = scalarOrNil(o) { return .scalar(s) }
        return nil
    }

    /// A tensor or number argument; `TypeError` "must be Tensor" otherwise.
    public static func operand(_ o: PyObject, _ site: ArgumentSite, _ name: String, _ index: Int) throws -> TensorOrScalar {
        if let v = operandOrNil(o) { return v }
        throw site.typeError(name, index, expected: "Tensor", got: o)
    }

    /// A Number argument (Python number or one-element tensor).
    public static func scalar(_ o: PyObject, _ site: ArgumentSite, _ name: String, _ index: Int) throws -> Scalar {
        if let s = scalarOrNil(o) { return s }
        if let t = o as? TensorObject, t.tensor.numel == 1 { return try bridge { try t.tensor.item() } }
        throw site.typeError(name, index, expected: "Number", got: o)
    }

    /// A float argument (ints and bools accepted, as Python does).
    public static func double(_ o: PyObject, _ site: ArgumentSite, _ name: String, _ index: Int) throws -> Double {
        if let s = scalarOrNil(o) { return s.doubleValue }
        if let t = o as? TensorObject, t.tensor.numel == 1 { return try bridge { try t.tensor.item() }.doubleValue }
        throw site.typeError(name, index, expected: "float", got: o)
    }

    /// An int argument (bools accepted; floats rejected as PyTorch rejects them).
    public static func int(_ o: PyObject, _ site: ArgumentSite, _ name: String, _ index: Int) throws -> Int {
        if let i = o as? PyInt {
            guard let v = Int(exactly: i.value) else { throw PyError.overflow() }
            return v
        }
        if let t = o as? TensorObject, t.tensor.numel == 1, !t.tensor.dtype.isFloatingPoint {
            return Int(try bridge { try t.tensor.item() }.int64Value)
        }
        throw site.typeError(name, index, expected: "int", got: o)
    }

    /// An optional int (None → nil).
    public static func optionalInt(_ o: PyObject?, _ site: ArgumentSite, _ name: String, _ index: Int) throws -> Int? {
        guard let o, !(o is PyNone) else { return nil }
        return try int(o, site, name, index)
    }

    /// A bool argument (PyTorch accepts only bools here, and ints 0/1 through Python truth).
    public static func bool(_ o: PyObject, _ site: ArgumentSite, _ name: String, _ index: Int) throws -> Bool {
        if let i = o as? PyInt { return i.value != 0 }
        throw site.typeError(name, index, expected: "bool", got: o)
    }

    /// A string argument.
    public static func string(_ o: PyObject, _ site: ArgumentSite, _ name: String, _ index: Int) throws -> String {
        if let s = o as? PyStr { return s.value }
        throw site.typeError(name, index, expected: "str", got: o)
    }

    /// A list of ints from a tuple, list or `torch.Size` (or a single int).
    public static func intList(_ o: PyObject, _ site: ArgumentSite, _ name: String, _ index: Int) throws -> [Int] {
        if let i = o as? PyInt, i.cls !== Builtin.boolType { return [try int(i, site, name, index)] }
        let items: [PyObject]
        if let t = o as? PyTuple { items = t.items } else if let l = o as? PyList { items = l.items } else {
            throw site.typeError(name, index, expected: "tuple of ints", got: o)
        }
        var out: [Int] = []
        out.reserveCapacity(items.count)
        for item in items {
            guard let v = item as? PyInt else {
                if let t = item as? TensorObject, t.tensor.numel == 1, !t.tensor.dtype.isFloatingPoint {
                    out.append(Int(try bridge { try t.tensor.item() }.int64Value))
                    continue
                }
                throw PyError.type("\(site.function)(): argument '\(name)' (position \(site.position(index))) must be tuple of ints, but found element of type \(pythonTypeName(item)) at pos \(out.count)")
            }
            guard let x = Int(exactly: v.value) else { throw PyError.overflow() }
            out.append(x)
        }
        return out
    }

    /// A size given as varargs (`zeros(2, 3)`) or as one sequence (`zeros((2, 3))`).
    /// `first` is the value bound to the first parameter, `rest` the remaining varargs.
    public static func size(_ first: PyObject?, _ rest: [PyObject], _ site: ArgumentSite, _ name: String = "size") throws -> [Int] {
        guard let first else {
            if rest.isEmpty { return [] }
            return try rest.enumerated().map { try int($1, site, name, $0) }
        }
        let index = site.isMethod ? 1 : 0
        if rest.isEmpty && !(first is PyInt) { return try intList(first, site, name, index) }
        return try ([first] + rest).enumerated().map { k, v in
            if v is PyInt { return try int(v, site, name, index) }
            throw PyError.type("\(site.function)(): argument '\(name)' failed to unpack the object at pos \(k + 1) with error \"type must be tuple of ints,but got \(pythonTypeName(v))\"")
        }
    }

    /// A `dim` argument: one int or a sequence of ints; nil for None.
    public static func dims(_ o: PyObject?, _ site: ArgumentSite, _ name: String = "dim", _ index: Int) throws -> [Int]? {
        guard let o, !(o is PyNone) else { return nil }
        if o is PyInt { return [try int(o, site, name, index)] }
        if o is PyTuple || o is PyList { return try intList(o, site, name, index) }
        throw site.typeError(name, index, expected: "tuple of ints", got: o)
    }

    /// A list of tensors (for `cat`, `stack`, `autograd.grad`).
    public static func tensorList(_ o: PyObject, _ site: ArgumentSite, _ name: String, _ index: Int) throws -> [Tensor] {
        let items: [PyObject]
        if let t = o as? PyTuple { items = t.items } else if let l = o as? PyList { items = l.items } else {
            throw site.typeError(name, index, expected: "tuple of Tensors", got: o)
        }
        return try items.enumerated().map { (i, item) in
            guard let t = item as? TensorObject else {
                throw PyError.type("expected Tensor as element \(i) in argument \(index), but got \(pythonTypeName(item))")
            }
            return t.tensor
        }
    }

    /// A dtype argument: a `torch.dtype`, or the Python types `float`/`int`/`bool`; nil for None.
    public static func dtype(_ o: PyObject?, _ site: ArgumentSite, _ name: String = "dtype", _ index: Int = 0) throws -> DType? {
        guard let o, !(o is PyNone) else { return nil }
        if let d = o as? DTypeObject { return d.dtype }
        if o === Builtin.floatType { return .float64 }
        if o === Builtin.intType { return .int64 }
        if o === Builtin.boolType { return .bool }
        throw PyError.type("\(site.function)(): argument '\(name)' must be torch.dtype, not \(pythonTypeName(o))")
    }

    /// Checks a `device=` argument: CPU devices pass, others raise wick's CPU-only error.
    public static func checkDevice(_ o: PyObject?) throws {
        guard let o, !(o is PyNone) else { return }
        if let d = o as? DeviceObject {
            if d.type != "cpu" { _ = try bridge { try Device(d.type) } }
            return
        }
        if let s = o as? PyStr { _ = try bridge { try Device(s.value) }; return }
        if let i = o as? PyInt { _ = try bridge { try Device("cuda:\(i.value)") }; return }
        throw PyError.type("expected a torch.device, got \(pythonTypeName(o))")
    }

    /// A generator argument (None → the global generator).
    public static func generator(_ o: PyObject?) throws -> Engine.Generator {
        guard let o, !(o is PyNone) else { return Engine.Generator.global }
        if let g = o as? GeneratorObject { return g.generator }
        throw PyError.type("generator must be a torch.Generator, not \(pythonTypeName(o))")
    }
}

/// Runs engine code, turning its errors into the Python exceptions PyTorch raises. A Ctrl-C
/// that arrived meanwhile (`Interruption`) may have cut the engine's work short, so the result
/// is dropped and `KeyboardInterrupt` raised instead.
@inline(__always)
public func bridge<T>(_ body: () throws -> T) throws -> T {
    let result: T
    do { result = try body() } catch let e as TensorError {
        if Interruption.isRequested { throw interrupted() }
        throw TorchErrors.python(e)
    }
    catch let e as GradcheckError { throw PyError(TorchErrors.gradcheckErrorClass, e.message) }
    catch let e as RandomStateError { throw PyError.runtime(e.message) }
    if Interruption.isRequested { throw interrupted() }
    return result
}

/// Clears a pending Ctrl-C request and returns the `KeyboardInterrupt` to raise for it.
func interrupted() -> PyError {
    Interruption.clear()
    return ScriptSession.keyboardInterrupt()
}

/// The Python exception classes that engine errors become.
public enum TorchErrors {
    /// `RuntimeError`, taken from the interpreter (its classes are internal to Script).
    public static let runtimeErrorClass = PyError.runtime("").exception.cls
    /// `torch.autograd.gradcheck.GradcheckError`, a `RuntimeError` subclass.
    public static let gradcheckErrorClass: PyClass = {
        let c = PyClass(name: "GradcheckError", bases: [runtimeErrorClass], module: "torch.autograd.gradcheck")
        return c
    }()

    /// The Python exception for an engine error.
    public static func python(_ e: TensorError) -> PyError {
        switch e.kind {
        case .runtime: return PyError.runtime(e.message)
        case .index: return PyError.index(e.message)
        case .type: return PyError.type(e.message)
        case .value: return PyError.value(e.message)
        case .notImplemented: return PyError.notImplemented(e.message)
        case .zeroDivision: return PyError.zeroDivision(e.message)
        case .key: return PyError.key(PyStr(e.message))
        case .attribute: return PyError.attribute(e.message)
        }
    }

    /// `NotImplementedError: torch.xyz is not supported by wick`.
    public static func unsupported(_ qualifiedName: String) -> PyError {
        PyError.notImplemented("\(qualifiedName) is not supported by wick")
    }

    /// The error for a missing `torch.xyz` attribute: a `NotImplementedError` that is also an
    /// `AttributeError`, so `hasattr(torch, "xyz")` and `getattr(torch, "xyz", None)` work.
    public static let unsupportedAttributeClass: PyClass = {
        let notImplemented = PyError.notImplemented("").exception.cls
        let attribute = PyError.attribute("").exception.cls
        return PyClass(name: "NotImplementedError", bases: [notImplemented, attribute], module: "builtins")
    }()

    /// `NotImplementedError: torch.xyz is not supported by wick` for a missing attribute.
    public static func unsupportedAttribute(_ qualifiedName: String) -> PyError {
        PyError(unsupportedAttributeClass, "\(qualifiedName) is not supported by wick")
    }
}

extension PyClass {
    /// Adds a native method whose engine errors become Python exceptions.
    func method(_ name: String, _ parameters: String = "", _ body: @escaping (Arguments) throws -> PyObject) {
        define(name, parameters) { a in try bridge { try body(a) } }
    }

    /// Adds a read-only (or, with `set`, writable) property computed natively.
    func property(_ name: String, get: @escaping (PyObject) throws -> PyObject,
                  set: ((PyObject, PyObject) throws -> Void)? = nil) {
        let getter = PyNativeFunction(name: name, parameters: "") { a in
            guard let me = a.rest.first else { return PyNone.shared }
            return try bridge { try get(me) }
        }
        var setter: PyNativeFunction?
        if let set {
            setter = PyNativeFunction(name: name, parameters: "") { a in
                guard a.rest.count == 2 else { return PyNone.shared }
                try bridge { try set(a.rest[0], a.rest[1]) }
                return PyNone.shared
            }
        }
        setAttribute(name, PyProperty(getter: getter, setter: setter))
    }
}

extension PyModule {
    /// Adds a native function whose engine errors become Python exceptions.
    func function(_ name: String, _ parameters: String = "", _ body: @escaping (Arguments) throws -> PyObject) {
        define(name, parameters) { a in try bridge { try body(a) } }
    }
}

/// Python values for Swift results.
public enum PyValues {
    /// A Python number for a scalar.
    public static func number(_ s: Scalar) -> PyObject {
        switch s {
        case .bool(let b): return PyBool.make(b)
        case .int(let i): return PyInt.make(i)
        case .double(let d): return PyFloat(d)
        }
    }

    /// Nested Python lists for `tolist()`.
    public static func literal(_ l: TensorLiteral) -> PyObject {
        switch l {
        case .scalar(let s): return number(s)
        case .list(let items): return PyList(items.map(literal))
        }
    }

    /// A Python bool.
    @inline(__always) public static func bool(_ b: Bool) -> PyObject { PyBool.make(b) }
}
