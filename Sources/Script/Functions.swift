/// The parameter list of a native function, parsed once from a spec such as `"x, base=, *, key="`.
/// A trailing `=` marks an optional parameter; `*args`, `*` and `**kwargs` work as in Python.
public struct NativeSignature {
    struct Param { var name: String; var optional: Bool; var keywordOnly: Bool }
    var params: [Param] = []
    var varArgs: String?
    var varKeywords: String?
    var positionalCount = 0
    /// Empty spec: arguments are passed through unchecked (`rest`, `keywords`).
    var raw = true

    init(_ spec: String) {
        let parts = spec.split(separator: ",").map { $0.trimmingWhitespace }
        guard !parts.isEmpty else { return }
        raw = false
        var keywordOnly = false
        for p in parts {
            if p.hasPrefix("**") { varKeywords = String(p.dropFirst(2)); continue }
            if p == "*" { keywordOnly = true; continue }
            if p.hasPrefix("*") { varArgs = String(p.dropFirst()); keywordOnly = true; continue }
            let optional = p.hasSuffix("=")
            params.append(Param(name: optional ? String(p.dropLast()) : p, optional: optional, keywordOnly: keywordOnly))
            if !keywordOnly { positionalCount += 1 }
        }
    }
}

extension Substring {
    var trimmingWhitespace: String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}

/// Arguments bound to a native function's signature.
public struct Arguments {
    /// Bound values by parameter position (nil: optional and not given).
    public var values: [PyObject?]
    /// Extra positional arguments (`*args`), or all of them for a raw signature.
    public var rest: [PyObject]
    /// Extra keyword arguments (`**kwargs`), or all of them for a raw signature.
    public var keywords: [(String, PyObject)]

    /// The bound value, or None when an optional parameter was not given.
    public subscript(_ i: Int) -> PyObject {
        i < values.count ? (values[i] ?? PyNone.shared) : PyNone.shared
    }

    /// The bound value, or nil when not given (or given as None).
    public func optional(_ i: Int) -> PyObject? {
        guard i < values.count, let v = values[i], v !== PyNone.shared else { return nil }
        return v
    }

    /// A raw signature's keyword argument by name.
    public func keyword(_ name: String) -> PyObject? {
        keywords.last(where: { $0.0 == name })?.1
    }

    static func bind(_ sig: NativeSignature, name: String, _ positional: [PyObject], _ kw: [(String, PyObject)]) throws -> Arguments {
        if sig.raw { return Arguments(values: positional, rest: positional, keywords: kw) }
        var values = [PyObject?](repeating: nil, count: sig.params.count)
        var rest: [PyObject] = []
        for (i, v) in positional.enumerated() {
            if i < sig.positionalCount { values[i] = v }
            else if sig.varArgs != nil { rest.append(v) }
            else {
                let shown = sig.params.first?.name == "self" ? 1 : 0
                throw PyError.type("\(name)() takes at most \(sig.positionalCount - shown) argument\(sig.positionalCount - shown == 1 ? "" : "s") (\(positional.count - shown) given)")
            }
        }
        var extra: [(String, PyObject)] = []
        for (k, v) in kw {
            if let i = sig.params.firstIndex(where: { $0.name == k }) {
                if values[i] != nil { throw PyError.type("\(name)() got multiple values for argument '\(k)'") }
                values[i] = v
            } else if sig.varKeywords != nil {
                extra.append((k, v))
            } else {
                throw PyError.type("\(name)() got an unexpected keyword argument '\(k)'")
            }
        }
        for (i, p) in sig.params.enumerated() where values[i] == nil && !p.optional {
            throw PyError.type("\(name)() missing required argument '\(p.name)' (pos \(i + 1))")
        }
        return Arguments(values: values, rest: rest, keywords: extra)
    }
}

/// A function implemented in Swift, callable from scripts with positional and keyword arguments.
public final class PyNativeFunction: PyObject {
    public let name: String
    let qualifier: String?
    let signature: NativeSignature
    let body: (Arguments) throws -> PyObject
    /// An equivalent two-argument entry point that skips argument binding (set for hot built-ins).
    var direct2: ((PyObject, PyObject) throws -> PyObject)?
    /// The same for one argument (functions with one required positional parameter).
    var direct1: ((PyObject) throws -> PyObject)?
    /// False for module-level built-ins (`len`, `math.sqrt`): stored on a class they stay plain
    /// functions, as CPython's builtins do; methods defined on classes bind their receiver.
    public var bindsAsMethod = true
    /// The built-in `super` (a call with no arguments reads the calling frame).
    let isSuper: Bool

    /// Creates a native function; see `NativeSignature` for the `parameters` spec.
    public init(name: String, parameters: String = "", qualifier: String? = nil, _ body: @escaping (Arguments) throws -> PyObject) {
        self.name = name
        self.qualifier = qualifier
        self.signature = NativeSignature(parameters)
        self.body = body
        isSuper = name == "super" && qualifier == nil
        super.init(cls: Builtin.builtinFunctionType)
        let sig = signature
        if !sig.raw && sig.varArgs == nil && sig.varKeywords == nil && sig.params.count == 1
            && sig.positionalCount == 1 && !sig.params[0].optional {
            direct1 = { a in try body(Arguments(values: [a], rest: [], keywords: [])) }
        }
        if !sig.raw && sig.varArgs == nil && sig.varKeywords == nil && sig.params.count == 2
            && sig.positionalCount == 2 && !sig.params[0].optional && !sig.params[1].optional {
            // Two required positional parameters: binding two positional arguments is just placing them.
            direct2 = { a, b in try body(Arguments(values: [a, b], rest: [], keywords: [])) }
        }
    }

    public func call(_ positional: [PyObject], _ keywords: [(String, PyObject)]) throws -> PyObject {
        if keywords.isEmpty {
            if positional.count == 2, let d = direct2 { return try d(positional[0], positional[1]) }
            if positional.count == 1, let d = direct1 { return try d(positional[0]) }
        }
        return try body(try Arguments.bind(signature, name: name, positional, keywords))
    }
}

/// A function defined by `def` or `lambda` in a script.
final class PyFunction: PyObject {
    let def: FunctionDef
    let module: PyModule
    /// Default values, aligned with `def.parameters` (nil: no default).
    var defaults: [PyObject?]
    let closure: [PyCell]
    var name: String
    /// `__annotations__` (made empty on first read when the def had none).
    var annotations: PyDict?
    /// The class whose body defined this function (for zero-argument `super()`).
    var definingClass: PyClass?
    /// True when every parameter is plain positional: the call fast path.
    let simple: Bool
    /// Copies of the resolver's facts as constants, read on every call without access checks.
    let parameterCount: Int
    let hasParameterCells: Bool
    let isGenerator: Bool
    /// For simple functions: the fewest positional arguments that, with defaults, fill every parameter.
    private(set) var minimumPositional: Int

    init(def: FunctionDef, module: PyModule, defaults: [PyObject?], closure: [PyCell]) {
        self.def = def
        self.module = module
        self.defaults = defaults
        self.closure = closure
        self.name = def.name
        simple = def.parameters.allSatisfy { $0.kind == .normal }
        parameterCount = def.parameters.count
        hasParameterCells = !def.scope.parameterCells.isEmpty
        isGenerator = def.scope.isGenerator
        var minimum = defaults.count
        while minimum > 0 && defaults[minimum - 1] != nil { minimum -= 1 }
        minimumPositional = minimum
        super.init(cls: Builtin.functionType, withAttributes: true)
    }

    /// `__defaults__`: the defaults of the positional parameters, or None.
    var positionalDefaults: PyObject {
        var out: [PyObject] = []
        for (p, d) in zip(def.parameters, defaults) where p.kind == .normal { if let d = d { out.append(d) } }
        return out.isEmpty ? PyNone.shared : PyTuple(out)
    }

    /// Assigns `__defaults__`: None or a tuple whose items default the last positional parameters.
    func setPositionalDefaults(_ value: PyObject?) throws {
        let items: [PyObject]
        if value == nil || value === PyNone.shared { items = [] }
        else if let t = value as? PyTuple { items = t.items }
        else { throw PyError.type("__defaults__ must be set to a tuple object") }
        let positional = def.parameters.indices.filter { def.parameters[$0].kind == .normal }
        for i in positional { defaults[i] = nil }
        for (i, v) in zip(positional.suffix(items.count), items.suffix(positional.count)) { defaults[i] = v }
        var minimum = defaults.count
        while minimum > 0 && defaults[minimum - 1] != nil { minimum -= 1 }
        minimumPositional = minimum
    }

    /// Whether `n` positional arguments (and no keywords) bind by position alone, defaults filling the rest.
    @inline(__always) func acceptsPositional(_ n: Int) -> Bool {
        simple && n <= parameterCount && n >= minimumPositional
    }

    /// Puts the defaults of parameters `n...` into a frame's slots.
    @inline(__always) func fillDefaults(_ frame: Frame, from n: Int) {
        var i = n
        while i < parameterCount { frame.slots[i] = defaults[i]; i += 1 }
    }
}

/// A function bound to its receiver (`obj.method`).
public final class PyBoundMethod: PyObject {
    public let function: PyObject
    public let receiver: PyObject
    public init(_ function: PyObject, _ receiver: PyObject) {
        self.function = function
        self.receiver = receiver
        super.init(cls: Builtin.methodType)
    }
}

/// `property(fget, fset)`.
public final class PyProperty: PyObject {
    public var getter: PyObject?
    public var setter: PyObject?
    public var deleter: PyObject?
    public init(getter: PyObject?, setter: PyObject? = nil) {
        self.getter = getter
        self.setter = setter
        super.init(cls: Builtin.propertyType)
    }
}

/// `staticmethod(f)` and `classmethod(f)`.
public final class PyMethodWrapper: PyObject {
    public let function: PyObject
    public let isClassMethod: Bool
    public init(_ function: PyObject, classMethod: Bool) {
        self.function = function
        self.isClassMethod = classMethod
        super.init(cls: classMethod ? Builtin.classmethodType : Builtin.staticmethodType)
    }
}

/// A Swift-side iterator exposed as a Python iterator object.
public final class PyNativeIterator: PyObject {
    let nextValue: () throws -> PyObject?
    /// Wraps a closure that returns the next item, or nil when exhausted.
    public init(_ next: @escaping () throws -> PyObject?) {
        self.nextValue = next
        super.init(cls: Builtin.iteratorType)
    }
    public func next() throws -> PyObject? { try nextValue() }
}

/// `super()` proxy: attribute lookup starts after `startAfter` in the receiver's MRO.
final class PySuper: PyObject {
    let startAfter: PyClass
    let receiver: PyObject
    init(startAfter: PyClass, receiver: PyObject) {
        self.startAfter = startAfter
        self.receiver = receiver
        super.init(cls: Builtin.superType)
    }
}
