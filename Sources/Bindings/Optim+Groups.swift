import Engine
import Script

/// Conversions between script objects and the engine's `OptimValue`/`OptionDict`.
enum OptimConvert {
    /// A script value as an option value (None, numbers, str, tensors, tuples, lists, dicts).
    static func value(_ o: PyObject) throws -> OptimValue {
        if o is PyNone { return .none }
        if let i = o as? PyInt { return i.cls === Builtin.boolType ? .bool(i.value != 0) : .int(i.value) }
        if let f = o as? PyFloat { return .float(f.value) }
        if let s = o as? PyStr { return .string(s.value) }
        if let t = o as? TensorObject { return .tensor(t.tensor) }
        if let t = o as? PyTuple { return .tuple(try t.items.map(value)) }
        if let l = o as? PyList { return .list(try l.items.map(value)) }
        if let d = o as? PyDict { return .dict(try dict(d)) }
        throw PyError.type("wick cannot store a \(pythonTypeName(o)) in an optimizer option")
    }

    /// A script dict with string keys as an `OptionDict`.
    static func dict(_ d: PyDict) throws -> OptionDict {
        var out = OptionDict()
        for (k, v) in d.table.pairs {
            guard let key = (k.object as? PyStr)?.value else {
                throw PyError.type("wick optimizer dicts need string keys, got \(pythonTypeName(k.object))")
            }
            out[key] = try value(v)
        }
        return out
    }

    /// An option value as a script object.
    static func object(_ v: OptimValue) throws -> PyObject {
        switch v {
        case .none: return PyNone.shared
        case .bool(let b): return PyBool.make(b)
        case .int(let i): return PyInt.make(i)
        case .float(let d): return PyFloat(d)
        case .string(let s): return PyStr(s)
        case .tensor(let t): return TensorObject.wrap(t)
        case .tuple(let items): return PyTuple(try items.map(object))
        case .list(let items): return PyList(try items.map(object))
        case .dict(let d): return try dictObject(d)
        }
    }

    /// An `OptionDict` as a script dict, in order.
    static func dictObject(_ d: OptionDict) throws -> PyDict {
        let out = PyDict()
        for (k, v) in d { try out.set(PyStr(k), try object(v)) }
        return out
    }
}

/// One entry of `optimizer.param_groups`: a dict-like view of an engine `ParamGroup`, so
/// `g['lr'] = 0.01` changes what the next `step()` uses.
final class ParamGroupObject: PyObject {
    let group: ParamGroup

    init(_ group: ParamGroup) {
        self.group = group
        super.init(cls: ParamGroupObject.groupClass)
    }

    /// `'params'` first, then the options, as PyTorch's group dicts are ordered after
    /// `add_param_group`.
    var keys: [String] { ["params"] + group.options.keys }

    func get(_ key: String) throws -> PyObject? {
        if key == "params" { return PyList(group.params.map { TensorObject.wrap($0) as PyObject }) }
        return try group.options[key].map(OptimConvert.object)
    }

    static func of(_ o: PyObject) throws -> ParamGroupObject {
        guard let g = o as? ParamGroupObject else { throw PyError.type("expected a parameter group") }
        return g
    }

    static func key(_ o: PyObject) throws -> String {
        guard let s = o as? PyStr else { throw PyError.key(o) }
        return s.value
    }

    /// The dict-like class (its name is `dict`, as the script sees PyTorch's plain dicts).
    static let groupClass: PyClass = {
        let c = PyClass(name: "dict", bases: [Builtin.objectType], module: "builtins")
        c.method("__getitem__", "self, key") { a in
            let g = try of(a[0])
            guard let v = try g.get(try key(a[1])) else { throw PyError.key(a[1]) }
            return v
        }
        c.method("__setitem__", "self, key, value") { a in
            let g = try of(a[0])
            let k = try key(a[1])
            if k == "params" {
                g.group.params = try OptimBindings.tensors(a[2] is TensorObject ? [a[2]] : try Runtime.toArray(a[2]))
            } else {
                g.group.options[k] = try OptimConvert.value(a[2])
            }
            return PyNone.shared
        }
        c.method("__delitem__", "self, key") { a in
            let g = try of(a[0])
            let k = try key(a[1])
            guard k != "params", g.group.options.contains(k) else { throw PyError.key(a[1]) }
            g.group.options[k] = nil
            return PyNone.shared
        }
        c.method("__contains__", "self, key") { a in
            guard let k = a[1] as? PyStr else { return PyBool.falseValue }
            return PyBool.make(try of(a[0]).keys.contains(k.value))
        }
        c.method("__len__", "self") { a in PyInt.make(try of(a[0]).keys.count) }
        c.method("__iter__", "self") { a in try Runtime.iterate(PyList(try of(a[0]).keys.map { PyStr($0) as PyObject })) }
        c.method("keys", "self") { a in PyList(try of(a[0]).keys.map { PyStr($0) as PyObject }) }
        c.method("values", "self") { a in
            let g = try of(a[0])
            return PyList(try g.keys.compactMap { try g.get($0) })
        }
        c.method("items", "self") { a in
            let g = try of(a[0])
            return PyList(try g.keys.compactMap { k in try g.get(k).map { PyTuple([PyStr(k), $0]) as PyObject } })
        }
        c.method("get", "self, key, default=") { a in
            guard let k = a[1] as? PyStr else { return a[2] }
            return try of(a[0]).get(k.value) ?? a[2]
        }
        c.method("setdefault", "self, key, default=") { a in
            let g = try of(a[0])
            let k = try key(a[1])
            if let v = try g.get(k) { return v }
            g.group.options[k] = try OptimConvert.value(a[2])
            return a[2]
        }
        c.method("update", "self, other") { a in
            let g = try of(a[0])
            guard let d = a[1] as? PyDict else { throw PyError.type("update() expects a dict") }
            for (k, v) in d.table.pairs {
                let name = try key(k.object)
                if name == "params" { g.group.params = try OptimBindings.tensors(try Runtime.toArray(v)) }
                else { g.group.options[name] = try OptimConvert.value(v) }
            }
            return PyNone.shared
        }
        c.method("__repr__", "self") { a in
            let g = try of(a[0])
            let parts = try g.keys.compactMap { k in try g.get(k).map { "'\(k)': \(try Runtime.repr($0))" } }
            return PyStr("{" + parts.joined(separator: ", ") + "}")
        }
        return c
    }()
}
