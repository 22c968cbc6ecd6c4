import Foundation

/// The built-in classes and the `builtins` module (LANGUAGE.md §6).
public enum Builtin {
    public static let objectType: PyClass = {
        let c = PyClass(name: "object", bases: [])
        c.allocator = { k in PyObject(cls: k, withAttributes: true) }
        c.makesPlainInstances = true
        return c
    }()
    static func native(_ name: String, _ base: PyClass? = nil) -> PyClass { PyClass(name: name, bases: [base ?? objectType]) }
    public static let noneType = native("NoneType")
    public static let ellipsisType = native("ellipsis")
    public static let notImplementedType = native("NotImplementedType")
    public static let intType = native("int")
    public static let boolType = native("bool", intType)
    public static let floatType = native("float")
    public static let strType = native("str")
    public static let listType = native("list")
    public static let tupleType = native("tuple")
    public static let dictType = native("dict")
    public static let setType = native("set")
    public static let frozensetType = native("frozenset")
    public static let rangeType = native("range")
    public static let sliceType = native("slice")
    public static let functionType = native("function")
    public static let builtinFunctionType = native("builtin_function_or_method")
    public static let methodType = native("method")
    public static let propertyType = native("property")
    public static let classmethodType = native("classmethod")
    public static let staticmethodType = native("staticmethod")
    public static let iteratorType = native("iterator")
    public static let generatorType = native("generator")
    public static let superType = native("super")
    public static let cellType = native("cell")
    public static let moduleType = native("module")
    /// `types.UnionType` (`int | None`).
    static let unionType: PyClass = {
        let c = PyClass(name: "UnionType", bases: [tupleType], module: "types")
        return c
    }()
    public static let exceptionClassPublic = exceptionClass_

    static func int(_ o: PyObject, _ what: String = "an integer") throws -> Int64 {
        if let i = o as? PyInt { return i.value }
        throw PyError.type("'\(o.cls.name)' object cannot be interpreted as an integer")
    }

    static func double(_ o: PyObject) throws -> Double {
        if let f = o as? PyFloat { return f.value }
        if let i = o as? PyInt { return Double(i.value) }
        throw PyError.type("must be real number, not \(o.cls.name)")
    }

    static func string(_ o: PyObject) throws -> String {
        if let s = o as? PyStr { return s.value }
        throw PyError.type("expected str, got \(o.cls.name)")
    }

    static func toInt(_ d: Double) throws -> PyInt {
        if d.isNaN { throw PyError.value("cannot convert float NaN to integer") }
        if d.isInfinite { throw PyError.overflow("cannot convert float infinity to integer") }
        guard d > -9.223372036854775808e18 && d < 9.223372036854775808e18 else { throw PyError.overflow() }
        return PyInt.make(Int64(d))
    }

    static func parseInt(_ text: String, base: Int) throws -> PyInt {
        var s = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "")
        var negative = false
        if s.hasPrefix("-") { negative = true; s.removeFirst() } else if s.hasPrefix("+") { s.removeFirst() }
        var b = base
        let lower = s.lowercased()
        if (b == 16 || b == 0) && lower.hasPrefix("0x") { s.removeFirst(2); b = 16 }
        else if (b == 8 || b == 0) && lower.hasPrefix("0o") { s.removeFirst(2); b = 8 }
        else if (b == 2 || b == 0) && lower.hasPrefix("0b") { s.removeFirst(2); b = 2 }
        if b == 0 { b = 10 }
        let invalid = PyError.value("invalid literal for int() with base \(base): \(Runtime.quote(text))")
        guard !s.isEmpty, s.allSatisfy({ $0.isASCII && ($0.isNumber || $0.isLetter) }), b >= 2 && b <= 36 else { throw invalid }
        guard s.allSatisfy({ Int(String($0), radix: b) != nil }) else { throw invalid }
        guard let mag = UInt64(s, radix: b) else { throw PyError.overflow() }
        if negative {
            if mag == UInt64(Int64.max) + 1 { return PyInt.make(Int64.min) }
            guard mag <= UInt64(Int64.max) else { throw PyError.overflow() }
            return PyInt.make(-Int64(mag))
        }
        guard mag <= UInt64(Int64.max) else { throw PyError.overflow() }
        return PyInt.make(Int64(mag))
    }

    /// Installs constructors (`__new__`) for the built-in types.
    static func installConstructors() {
        intType.define("__new__", "cls, x=, base=") { a in
            guard let x = a.optional(1) else { return PyInt.make(0) }
            if let b = a.optional(2) { return try parseInt(try string(x), base: Int(try int(b))) }
            switch x {
            case let i as PyInt: return PyInt.make(i.value)
            case let f as PyFloat: return try toInt(f.value.rounded(.towardZero))
            case let s as PyStr: return try parseInt(s.value, base: 10)
            default:
                if let m = x.cls.lookup("__int__") { return try Runtime.callMethod(m, x, []) }
                throw PyError.type("int() argument must be a string, a bytes-like object or a real number, not '\(x.cls.name)'")
            }
        }
        floatType.define("__new__", "cls, x=") { a in
            guard let x = a.optional(1) else { return PyFloat(0) }
            switch x {
            case let f as PyFloat: return f
            case let i as PyInt: return PyFloat(Double(i.value))
            case let s as PyStr:
                let t = s.value.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "_", with: "")
                switch t {
                case "inf", "+inf", "infinity", "+infinity": return PyFloat(.infinity)
                case "-inf", "-infinity": return PyFloat(-.infinity)
                case "nan", "+nan", "-nan": return PyFloat(.nan)
                default:
                    if let d = Double(t), !t.contains("x"), !t.isEmpty { return PyFloat(d) }
                    throw PyError.value("could not convert string to float: \(Runtime.quote(s.value))")
                }
            default:
                if let m = x.cls.lookup("__float__") { return try Runtime.callMethod(m, x, []) }
                throw PyError.type("float() argument must be a string or a real number, not '\(x.cls.name)'")
            }
        }
        boolType.define("__new__", "cls, x=") { a in PyBool.make(try a.optional(1).map { try Runtime.truthy($0) } ?? false) }
        strType.define("__new__", "cls, x=") { a in
            let s = try a.optional(1).map { try Runtime.str($0) } ?? (a.values.count > 1 && a.values[1] != nil ? "None" : "")
            guard let k = a[0] as? PyClass, k !== strType else { return PyStr(s) }
            return PyStr(s, cls: k)
        }
        // A script subclass with its own __init__ starts empty and fills itself through super().__init__(…),
        // as in CPython (so an iterator argument is consumed once, by the initializer).
        func scriptInit(_ o: PyObject) -> Bool { ((o as? PyClass)?.lookup("__init__")) is PyFunction }
        listType.define("__new__", "cls, *args, **kwargs") { a in
            if scriptInit(a[0]) { return PyList([], cls: (a[0] as? PyClass) ?? listType) }
            if !a.keywords.isEmpty { throw PyError.type("list() takes no keyword arguments") }
            if a.rest.count > 1 { throw PyError.type("list expected at most 1 argument, got \(a.rest.count)") }
            return PyList(try a.rest.first.map { try Runtime.toArray($0) } ?? [], cls: (a[0] as? PyClass) ?? listType)
        }
        listType.define("__init__", "self, iterable=") { a in
            guard let l = a[0] as? PyList else { throw PyError.type("descriptor '__init__' requires a 'list' object") }
            l.items = try a.optional(1).map { try Runtime.toArray($0) } ?? []
            return PyNone.shared
        }
        dictType.define("__init__", "self, other=, **kwargs") { a in
            guard let d = a[0] as? PyDict else { throw PyError.type("descriptor '__init__' requires a 'dict' object") }
            if let x = a.optional(1) { try Runtime.update(d, x) }
            for (k, v) in a.keywords { try d.set(PyStr(k), v) }
            return PyNone.shared
        }
        setType.define("__init__", "self, iterable=") { a in
            guard let s = a[0] as? PySet else { throw PyError.type("descriptor '__init__' requires a 'set' object") }
            s.removeAll()
            if let x = a.optional(1) { try s.update(with: x) }
            return PyNone.shared
        }
        tupleType.define("__new__", "cls, x=") { a in
            PyTuple(try a.optional(1).map { try Runtime.toArray($0) } ?? [], cls: (a[0] as? PyClass) ?? tupleType)
        }
        dictType.define("__new__", "cls, *args, **kwargs") { a in
            let d = PyDict(cls: (a[0] as? PyClass) ?? dictType)
            if scriptInit(a[0]) { return d }
            if a.rest.count > 1 { throw PyError.type("dict expected at most 1 argument, got \(a.rest.count)") }
            if let x = a.rest.first { try Runtime.update(d, x) }
            for (k, v) in a.keywords { try d.set(PyStr(k), v) }
            return d
        }
        setType.define("__new__", "cls, *args, **kwargs") { a in
            let s = PySet(cls: (a[0] as? PyClass) ?? setType)
            if scriptInit(a[0]) { return s }
            if !a.keywords.isEmpty { throw PyError.type("set() takes no keyword arguments") }
            if a.rest.count > 1 { throw PyError.type("set expected at most 1 argument, got \(a.rest.count)") }
            if let x = a.rest.first { try s.update(with: x) }
            return s
        }
        frozensetType.define("__new__", "cls, x=") { a in
            let s = PySet(frozen: true)
            if let x = a.optional(1) { try s.update(with: x) }
            return s
        }
        rangeType.define("__new__", "cls, a, b=, c=") { a in
            let start = try int(a[1])
            guard let b = a.optional(2) else { return PyRange(0, start, 1) }
            let step = try a.optional(3).map { try int($0) } ?? 1
            if step == 0 { throw PyError.value("range() arg 3 must not be zero") }
            return PyRange(start, try int(b), step)
        }
        sliceType.define("__new__", "cls, a, b=, c=") { a in
            if a.values.count > 2 && a.values[2] != nil { return PySlice(a[1], a[2], a[3]) }
            return PySlice(PyNone.shared, a[1], PyNone.shared)
        }
        propertyType.define("__new__", "cls, fget=, fset=, fdel=, doc=") { a in
            let p = PyProperty(getter: a.optional(1), setter: a.optional(2))
            p.deleter = a.optional(3)
            return p
        }
        propertyType.define("setter", "self, f") { a in
            guard let p = a[0] as? PyProperty else { return a[0] }
            let q = PyProperty(getter: p.getter, setter: a[1])
            q.deleter = p.deleter
            return q
        }
        propertyType.define("getter", "self, f") { a in PyProperty(getter: a[1], setter: (a[0] as? PyProperty)?.setter) }
        propertyType.define("deleter", "self, f") { a in
            guard let p = a[0] as? PyProperty else { return a[0] }
            let q = PyProperty(getter: p.getter, setter: p.setter)
            q.deleter = a[1]
            return q
        }
        staticmethodType.define("__new__", "cls, f") { a in PyMethodWrapper(a[1], classMethod: false) }
        classmethodType.define("__new__", "cls, f") { a in PyMethodWrapper(a[1], classMethod: true) }
        objectType.define("__init_subclass__", "cls") { _ in PyNone.shared }
        // object.__init__: reached by `super().__init__()` and by classes without their own __init__.
        objectType.define("__init__", "self, *args, **kwargs") { a in
            guard !a.rest.isEmpty || !a.keywords.isEmpty else { return PyNone.shared }
            let k = a[0].cls
            if k.lookup("__new__") != nil { return PyNone.shared }  // a custom __new__ takes the arguments
            if k.lookup("__init__") === objectType.namespace["__init__"] { throw PyError.type("\(k.name)() takes no arguments") }
            throw PyError.type("object.__init__() takes exactly one argument (the instance to initialize)")
        }
        // object.__ne__: the inverse of __eq__ unless that is NotImplemented (a class defining only __eq__ gets !=).
        objectType.define("__ne__", "self, other") { a in
            guard let eq = a[0].cls.lookup("__eq__") else { return PyNotImplemented.shared }
            let r = try Runtime.callMethod(eq, a[0], [a[1]])
            if r === PyNotImplemented.shared { return r }
            return PyBool.make(!(try Runtime.truthy(r)))
        }
        superType.define("__new__", "cls, t=, obj=") { a in
            guard let t = a.optional(1) as? PyClass, let obj = a.optional(2) else { throw PyError.runtime("super(): no arguments") }
            return PySuper(startAfter: t, receiver: obj)
        }
        PyClass.typeClass.define("__new__", "cls, x") { a in a[1].cls }
        // `int | None`: a union that isinstance/issubclass accept (a tuple underneath).
        func unionMembers(_ o: PyObject) -> [PyObject]? {
            if o.cls === unionType, let t = o as? PyTuple { return t.items }
            if o is PyClass { return [o] }
            if o === PyNone.shared { return [noneType] }
            return nil
        }
        let union: (Arguments) throws -> PyObject = { a in
            guard let l = unionMembers(a[0]), let r = unionMembers(a[1]) else { return PyNotImplemented.shared }
            var items: [PyObject] = []
            for x in l + r where !items.contains(where: { $0 === x }) { items.append(x) }
            return PyTuple(items, cls: unionType)
        }
        for c in [PyClass.typeClass, unionType] {
            c.define("__or__", "self, other", union)
            c.define("__ror__", "self, other") { a in try union(Arguments(values: [a[1], a[0]], rest: [], keywords: [])) }
        }
        noneType.define("__or__", "self, other", union)
        noneType.define("__ror__", "self, other") { a in try union(Arguments(values: [a[1], a[0]], rest: [], keywords: [])) }
        unionType.define("__repr__", "self") { a in
            let items = (a[0] as? PyTuple)?.items ?? []
            return PyStr(items.map { o -> String in
                guard let c = o as? PyClass else { return (try? Runtime.repr(o)) ?? "" }
                if c === noneType { return "None" }
                return c.module == "builtins" ? c.name : "\(c.module).\(c.name)"
            }.joined(separator: " | "))
        }
    }
}

extension PyClass {
    /// The class `type`.
    public static let typeClass = PyClass(name: "type", bases: [Builtin.objectType])
}
