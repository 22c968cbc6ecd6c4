import Foundation

/// `@dataclass` applied to a class: collects the fields and adds the generated methods, as CPython's
/// `dataclasses._process_class` does.
extension DataclassesModule {
    static func process(_ cls: PyClass, _ options: Options) throws -> PyClass {
        if options.order && !options.eq { throw PyError.value("eq must be true if order is true") }
        // Inherited fields first (from the most basic dataclass), then this class's own.
        var fields: [(String, PyObject)] = []
        func put(_ name: String, _ f: PyObject) {
            if let i = fields.firstIndex(where: { $0.0 == name }) { fields[i].1 = f } else { fields.append((name, f)) }
        }
        for base in cls.mro.dropFirst().reversed() {
            if let d = base.namespace["__dataclass_fields__"] as? PyDict {
                for (k, v) in d.table.pairs { put((k.object as? PyStr)?.value ?? "", v) }
            }
        }
        for (name, annotation) in try annotations(of: cls) {
            if annotation.hasPrefix("ClassVar") || annotation.hasPrefix("typing.ClassVar") { continue }
            let f: PyObject
            let value = cls.namespace[name]
            if let given = value, given.cls === fieldType {
                f = given
                let def = given.attributes?["default"] ?? missing
                cls.setAttribute(name, def === missing ? nil : def)
            } else {
                f = PyObject(cls: fieldType, withAttributes: true)
                f.attributes?["default"] = value ?? missing
                f.attributes?["default_factory"] = missing
                f.attributes?["init"] = PyBool.trueValue
                f.attributes?["repr"] = PyBool.trueValue
                f.attributes?["compare"] = PyBool.trueValue
            }
            f.attributes?["name"] = PyStr(name)
            f.attributes?["type"] = resolveType(annotation, cls)
            if let d = f.attributes?["default"], d is PyList || d is PyDict || (d as? PySet)?.frozen == false {
                throw PyError.value("mutable default <class '\(d.cls.name)'> for field \(name) is not allowed: use default_factory")
            }
            put(name, f)
        }
        let table = PyDict()
        for (n, f) in fields { try table.set(PyStr(n), f) }
        cls.setAttribute("__dataclass_fields__", table)
        let own = { (n: String) in cls.namespace[n] != nil }
        let fieldObjects = fields.map { $0.1 }

        if options.initialize && !own("__init__") { try makeInit(cls, fieldObjects, frozen: options.frozen) }
        if options.repr && !own("__repr__") { defineRepr(cls, fieldObjects) }
        if options.eq && !own("__eq__") { defineComparison(cls, "__eq__", .eq, fieldObjects) }
        if options.order {
            for (n, op) in [("__lt__", CompareOperator.lt), ("__le__", .le), ("__gt__", .gt), ("__ge__", .ge)] {
                if own(n) {
                    throw PyError.type("Cannot overwrite attribute \(n) in class \(cls.name). Consider using functools.total_ordering")
                }
                defineComparison(cls, n, op, fieldObjects)
            }
        }
        if options.frozen { defineFrozen(cls, fieldObjects) }
        if !own("__hash__") || options.unsafeHash {
            if options.unsafeHash || (options.eq && options.frozen) {
                let compared = fieldObjects.filter { truthy($0, "compare") }.map(name)
                cls.define("__hash__", "self") { a in
                    PyInt.make(try Runtime.hash(PyTuple(try compared.map { try Runtime.getAttribute(a[0], $0) })))
                }
            } else if options.eq {
                cls.setAttribute("__hash__", PyNone.shared)
            }
        }
        cls.setAttribute("__match_args__", PyTuple(fieldObjects.filter { truthy($0, "init") }.map { PyStr(name($0)) }))
        if cls.namespace["__doc__"] == nil {
            let params = fieldObjects.filter { truthy($0, "init") }.map { f -> String in
                let type = f.attributes?["type"].map { ($0 as? PyClass)?.name ?? ((($0 as? PyStr)?.value) ?? "") } ?? ""
                var text = "\(name(f)): \(type)"
                if let d = f.attributes?["default"], d !== missing { text += " = \((try? Runtime.repr(d)) ?? "...")" }
                else if let d = f.attributes?["default_factory"], d !== missing { text += " = <factory>" }
                return text
            }
            cls.setAttribute("__doc__", PyStr("\(cls.name)(\(params.joined(separator: ", ")))"))
        }
        return cls
    }

    /// A class name from the annotation text resolved in the class's module (or the builtins), else the text.
    static func resolveType(_ text: String, _ cls: PyClass) -> PyObject {
        let interpreter = Interpreter.current
        if let v = interpreter.modules[cls.module]?[text] ?? interpreter.builtins[text], v is PyClass { return v }
        return PyStr(text)
    }

    /// `__init__`, written as Python source and compiled, so its errors and traceback are the interpreter's.
    static func makeInit(_ cls: PyClass, _ fields: [PyObject], frozen: Bool) throws {
        let module = PyModule(name: cls.module)
        module["_dc_set"] = PyNativeFunction(name: "_dc_set", parameters: "obj, name, value") { a in
            guard let n = a[1] as? PyStr else { return PyNone.shared }
            if a[0].attributes != nil { a[0].attributes?[n.value] = a[2] } else { try Runtime.setAttribute(a[0], n.value, a[2]) }
            return PyNone.shared
        }
        module["_dc_HAS_FACTORY"] = missing
        var params = ["self"], body: [String] = []
        var sawDefault = false
        for f in fields {
            let n = name(f)
            let def = f.attributes?["default"] ?? missing, factory = f.attributes?["default_factory"] ?? missing
            if def !== missing { module["_dc_dflt_\(n)"] = def }
            if factory !== missing { module["_dc_factory_\(n)"] = factory }
            if truthy(f, "init") {
                if def !== missing { params.append("\(n)=_dc_dflt_\(n)"); sawDefault = true }
                else if factory !== missing { params.append("\(n)=_dc_HAS_FACTORY"); sawDefault = true }
                else {
                    if sawDefault { throw PyError.type("non-default argument '\(n)' follows default argument") }
                    params.append(n)
                }
                let value = factory !== missing ? "_dc_factory_\(n)() if \(n) is _dc_HAS_FACTORY else \(n)" : n
                body.append("_dc_set(self, '\(n)', \(value))")
            } else if factory !== missing {
                body.append("_dc_set(self, '\(n)', _dc_factory_\(n)())")
            } else if def !== missing {
                body.append("_dc_set(self, '\(n)', _dc_dflt_\(n))")
            }
        }
        if cls.lookup("__post_init__") != nil { body.append("self.__post_init__()") }
        if body.isEmpty { body.append("pass") }
        let source = "def __init__(\(params.joined(separator: ", "))):\n" + body.map { "    " + $0 + "\n" }.joined()
        let parsed: Module
        do {
            parsed = try Parser.parseModule(source)
            try Resolver.resolve(parsed)
        } catch {
            throw PyError.type("dataclass \(cls.name): cannot build __init__ for these field names")
        }
        let interpreter = Interpreter.current
        _ = try interpreter.exec(parsed.body.body, Frame(code: parsed.body, module: module, closure: []))
        guard let fn = module["__init__"] as? PyFunction else { return }
        fn.def.qualifiedName = "\(qualifiedName(cls)).__init__"
        fn.definingClass = cls
        cls.setAttribute("__init__", fn)
    }

    static func qualifiedName(_ cls: PyClass) -> String {
        (cls.namespace["__qualname__"] as? PyStr)?.value ?? cls.name
    }

    static func defineRepr(_ cls: PyClass, _ fields: [PyObject]) {
        let shown = fields.filter { truthy($0, "repr") }.map(name)
        nonisolated(unsafe) var active = Set<ObjectIdentifier>()
        cls.define("__repr__", "self") { a in
            let o = a[0]
            let id = ObjectIdentifier(o)
            if active.contains(id) { return PyStr("...") }  // reprlib.recursive_repr
            active.insert(id)
            defer { active.remove(id) }
            let parts = try shown.map { "\($0)=\(try Runtime.repr(try Runtime.getAttribute(o, $0)))" }
            return PyStr("\(qualifiedName(o.cls))(\(parts.joined(separator: ", ")))")
        }
    }

    /// `__eq__` and the ordering methods: compare the field tuples when both sides have the same class.
    static func defineComparison(_ cls: PyClass, _ methodName: String, _ op: CompareOperator, _ fields: [PyObject]) {
        let compared = fields.filter { truthy($0, "compare") }.map(name)
        cls.define(methodName, "self, other") { a in
            let (x, y) = (a[0], a[1])
            guard x.cls === y.cls else { return PyNotImplemented.shared }
            let left = PyTuple(try compared.map { try Runtime.getAttribute(x, $0) })
            let right = PyTuple(try compared.map { try Runtime.getAttribute(y, $0) })
            return try Runtime.compare(op, left, right)
        }
    }

    static func defineFrozen(_ cls: PyClass, _ fields: [PyObject]) {
        let names = Set(fields.map(name))
        // Attribute writes reach the hook (the interpreter calls only script-defined __setattr__ methods).
        cls.attributeSetHook = { obj, n, value in
            guard obj.cls === cls || names.contains(n) else { return false }
            throw PyError(frozenError, value == nil ? "cannot delete field \(Runtime.quote(n))" : "cannot assign to field \(Runtime.quote(n))")
        }
        cls.define("__setattr__", "self, name, value") { a in
            let n = (a[1] as? PyStr)?.value ?? ""
            if a[0].cls === cls || names.contains(n) {
                throw PyError(frozenError, "cannot assign to field \(Runtime.quote(n))")
            }
            a[0].attributes?[n] = a[2]
            return PyNone.shared
        }
        cls.define("__delattr__", "self, name") { a in
            let n = (a[1] as? PyStr)?.value ?? ""
            if a[0].cls === cls || names.contains(n) {
                throw PyError(frozenError, "cannot delete field \(Runtime.quote(n))")
            }
            a[0].attributes?[n] = nil
            return PyNone.shared
        }
    }
}
