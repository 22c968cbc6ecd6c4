/// Attribute access and calls.
extension Runtime {

    /// Binds a class attribute found for `receiver` (functions become bound methods, properties run).
    static func bind(_ attr: PyObject, _ receiver: PyObject) throws -> PyObject {
        switch attr {
        case is PyFunction: return PyBoundMethod(attr, receiver)
        case let f as PyNativeFunction: return f.bindsAsMethod ? PyBoundMethod(attr, receiver) : attr
        case let w as PyMethodWrapper: return w.isClassMethod ? PyBoundMethod(w.function, receiver.cls) : w.function
        case let p as PyProperty:
            guard let g = p.getter else { throw PyError.attribute("property object has no getter") }
            return try call(g, [receiver])
        default: return attr
        }
    }

    /// `getattr(o, name)`.
    public static func getAttribute(_ o: PyObject, _ name: String) throws -> PyObject {
        if let v = try lookupAttribute(o, name) { return v }
        if let g = o.cls.lookup("__getattr__") { return try callMethod(g, o, [PyStr(name)]) }
        var c: PyClass? = o.cls
        while let k = c {
            if let fallback = k.attributeFallback, let v = try fallback(o, name) { return v }
            c = nil
        }
        if let m = o as? PyModule { throw PyError.attribute("module '\(m.name)' has no attribute '\(name)'") }
        if let k = o as? PyClass { throw PyError.attribute("type object '\(k.name)' has no attribute '\(name)'") }
        throw PyError.attribute("'\(typeName(o))' object has no attribute '\(name)'")
    }

    /// Attribute lookup without `__getattr__`/fallbacks; nil when not found.
    static func lookupAttribute(_ o: PyObject, _ name: String) throws -> PyObject? {
        // Plain script instances (the common case) skip the module/class/super checks.
        if type(of: o) == PyObject.self, !o.cls.traits.hasProperties, let v = o.attributes?[name] {
            return v
        }
        if let m = o as? PyModule {
            if let v = m[name] { return v }
            if name == "__dict__" { return moduleDict(m) }
            return nil
        }
        if let k = o as? PyClass { return try classAttribute(k, name) }
        if let s = o as? PySuper {
            let mro = (s.receiver as? PyClass)?.mro ?? s.receiver.cls.mro
            guard let i = mro.firstIndex(where: { $0 === s.startAfter }) else { return nil }
            for c in mro[(i + 1)...] {
                if let v = c.namespace[name] {
                    if let rk = s.receiver as? PyClass, let w = v as? PyMethodWrapper {
                        return w.isClassMethod ? PyBoundMethod(w.function, rk) : w.function
                    }
                    if s.receiver is PyClass { return v }
                    return try bind(v, s.receiver)
                }
            }
            return nil
        }
        let cls = o.cls
        if !cls.traits.hasProperties, let v = o.attributes?[name] { return v }
        let attr = cls.lookup(name)
        if let p = attr as? PyProperty { return try bind(p, o) }
        if let v = o.attributes?[name] { return v }
        if let a = attr { return try bind(a, o) }
        switch name {
        case "__class__": return o.cls
        case "__dict__":
            if let attrs = o.attributes {
                let d = PyDict()
                for (k, v) in attrs.entries { try d.set(PyStr(k), v) }
                return d
            }
        case "__name__":
            if let m = o as? PyBoundMethod { return try lookupAttribute(m.function, name) }
            if let f = o as? PyFunction { return PyStr(f.name) }
            if let f = o as? PyNativeFunction { return PyStr(f.name) }
        case "__defaults__": if let f = o as? PyFunction { return f.positionalDefaults }
        case "__annotations__":
            if let f = o as? PyFunction {
                if let d = f.annotations { return d }
                let d = PyDict()
                f.annotations = d
                return d
            }
        case "__qualname__":
            if let m = o as? PyBoundMethod { return try lookupAttribute(m.function, name) }
            if let f = o as? PyFunction { return PyStr(f.def.qualifiedName) }
        case "__doc__":
            if let f = o as? PyFunction { return f.def.docstring.map { PyStr($0) } ?? PyNone.shared }
            return o.cls.namespace["__doc__"] ?? PyNone.shared
        case "__self__": if let m = o as? PyBoundMethod { return m.receiver }
        case "__func__": if let m = o as? PyBoundMethod { return m.function }
        case "__module__": return PyStr(o.cls.module)
        default: break
        }
        return nil
    }

    static func moduleDict(_ m: PyModule) -> PyDict {
        let d = PyDict()
        for (k, v) in m.entries { try? d.set(PyStr(k), v) }
        return d
    }

    static func classAttribute(_ k: PyClass, _ name: String) throws -> PyObject? {
        if name == "__annotations__" {
            // A class's own annotations (not inherited); an empty dict is made on first read.
            if let d = k.namespace[name] { return d }
            let d = PyDict()
            k.setAttribute(name, d)
            return d
        }
        for c in k.mro {
            if let v = c.namespace[name] {
                if let w = v as? PyMethodWrapper { return w.isClassMethod ? PyBoundMethod(w.function, k) : w.function }
                return v
            }
        }
        switch name {
        case "__name__", "__qualname__": return PyStr(k.name)
        case "__mro__": return PyTuple(k.mro)
        case "__bases__": return PyTuple(k.bases)
        case "__base__": return k.bases.first ?? PyNone.shared
        case "__module__": return PyStr(k.module)
        case "__doc__": return PyNone.shared
        case "__class__": return k.cls
        case "__dict__":
            let d = PyDict()
            for (n, v) in k.namespace.entries { try d.set(PyStr(n), v) }
            return d
        default: return nil
        }
    }

    /// `setattr(o, name, value)`; `value` nil deletes (`delattr`).
    public static func setAttribute(_ o: PyObject, _ name: String, _ value: PyObject?) throws {
        if type(of: o) == PyObject.self, let v = value, o.attributes != nil {
            let cls = o.cls
            let traits = cls.traits
            if !traits.hasProperties && !traits.hasSetattr && cls.attributeSetHook == nil {
                o.attributes?[name] = v
                return
            }
        }
        if let k = o as? PyClass { k.setAttribute(name, value); return }
        if let f = o as? PyFunction, name == "__defaults__" { try f.setPositionalDefaults(value); return }
        if let m = o as? PyModule { m[name] = value; return }
        let cls = o.cls
        let traits = cls.traits
        if !traits.hasProperties && !traits.hasSetattr && cls.attributeSetHook == nil, o.attributes != nil, let v = value {
            o.attributes?[name] = v
            return
        }
        if traits.hasProperties, let p = cls.lookup(name) as? PyProperty {
            if let v = value {
                guard let s = p.setter else { throw PyError.attribute("property '\(name)' of '\(typeName(o))' object has no setter") }
                _ = try call(s, [o, v])
            } else {
                guard let d = p.deleter else { throw PyError.attribute("property '\(name)' of '\(typeName(o))' object has no deleter") }
                _ = try call(d, [o])
            }
            return
        }
        if let hook = o.cls.attributeSetHook, try hook(o, name, value) { return }
        if traits.hasSetattr, let v = value, let custom = cls.lookup("__setattr__"), custom is PyFunction {
            _ = try callMethod(custom, o, [PyStr(name), v])
            return
        }
        guard o.attributes != nil else {
            throw PyError.attribute("'\(typeName(o))' object has no attribute '\(name)'")
        }
        if value == nil && o.attributes?[name] == nil {
            throw PyError.attribute("'\(typeName(o))' object has no attribute '\(name)'")
        }
        o.attributes?[name] = value
    }

    /// Calls a method found on a class with an explicit receiver, without allocating a bound method.
    public static func callMethod(_ method: PyObject, _ receiver: PyObject, _ args: [PyObject], _ kw: [(String, PyObject)] = []) throws -> PyObject {
        switch method {
        case let f as PyFunction: return try Interpreter.current.callFunction(f, receiver: receiver, args, kw)
        case let f as PyNativeFunction: return try f.call([receiver] + args, kw)
        default: return try call(try bind(method, receiver), args, kw)
        }
    }

    /// `callMethod(method, receiver, [arg])` without argument arrays for script functions (operator dunders).
    static func callMethod1(_ method: PyObject, _ receiver: PyObject, _ arg: PyObject) throws -> PyObject {
        if let f = method as? PyFunction { return try Interpreter.current.callFunction(f, receiver, arg) }
        return try callMethod(method, receiver, [arg])
    }

    /// Calls `o.name(args…)`: the method fast path used by the interpreter.
    public static func invokeMethod(_ o: PyObject, _ name: String, _ args: [PyObject], _ kw: [(String, PyObject)] = []) throws -> PyObject {
        if !(o is PyClass) && !(o is PyModule) && !(o is PySuper) {
            if let m = o.cls.lookup(name), m is PyFunction || (m as? PyNativeFunction)?.bindsAsMethod == true,
               o.attributes?[name] == nil {
                return try callMethod(m, o, args, kw)
            }
        }
        return try call(getAttribute(o, name), args, kw)
    }

    /// Calls any callable with positional and keyword arguments.
    public static func call(_ callee: PyObject, _ args: [PyObject], _ kw: [(String, PyObject)] = []) throws -> PyObject {
        switch callee {
        case let f as PyFunction: return try Interpreter.current.callFunction(f, args, kw)
        case let f as PyNativeFunction: return try f.call(args, kw)
        case let m as PyBoundMethod: return try callMethod(m.function, m.receiver, args, kw)
        case let k as PyClass: return try instantiate(k, args, kw)
        default:
            if let m = callee.cls.lookup("__call__") { return try callMethod(m, callee, args, kw) }
            throw PyError.type("'\(typeName(callee))' object is not callable")
        }
    }

    /// `Class(args…)`: the native constructor or allocator, then `__init__`.
    static func instantiate(_ k: PyClass, _ args: [PyObject], _ kw: [(String, PyObject)]) throws -> PyObject {
        if k === PyClass.typeClass && args.count == 1 && kw.isEmpty { return args[0].cls }
        let newMethod = k.special(.new)
        if let constructor = newMethod as? PyNativeFunction {
            let obj = try constructor.call([k] + args, kw)
            if obj.cls === k || obj.cls.isSubclass(of: k), let initializer = k.special(.initializer) as? PyFunction {
                _ = try Interpreter.current.callFunction(initializer, receiver: obj, args, kw)
            }
            return obj
        }
        if let user = newMethod {
            let fn = (user as? PyMethodWrapper)?.function ?? user
            let obj = try call(fn, [k] + args, kw)
            if obj.cls.isSubclass(of: k), let initializer = k.special(.initializer) {
                _ = try callMethod(initializer, obj, args, kw)
            }
            return obj
        }
        let obj = k.allocator?(k) ?? PyObject(cls: k, withAttributes: true)
        if let e = obj as? PyBaseException { e.args = args }
        if let initializer = k.special(.initializer) {
            let r = try callMethod(initializer, obj, args, kw)
            if r !== PyNone.shared { throw PyError.type("__init__() should return None, not '\(typeName(r))'") }
        } else if !args.isEmpty || !kw.isEmpty, !(obj is PyBaseException) {
            throw PyError.type("\(k.name)() takes no arguments")
        }
        return obj
    }
}
