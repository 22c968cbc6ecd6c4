/// `class Point(NamedTuple): x: int; y: int = 0` — a tuple subclass whose fields come from the class's
/// annotations (read when the class is first instantiated, as `@dataclass` reads them).
extension TypingModule {
    static let namedTupleBase: PyClass = {
        let c = PyClass(name: "NamedTuple", bases: [Builtin.tupleType], module: "typing")
        c.define("__new__", "cls, *args, **kw") { a in
            guard let cls = a[0] as? PyClass, cls !== c else { throw PyError.type("type 'NamedTuple' cannot be instantiated") }
            let (fields, defaults) = try layout(cls)
            let name = cls.name
            var values = [PyObject?](repeating: nil, count: fields.count)
            if a.rest.count > fields.count {
                throw PyError.type("\(name).__new__() takes \(fields.count + 1) positional arguments but \(a.rest.count + 1) were given")
            }
            for (i, v) in a.rest.enumerated() { values[i] = v }
            for (k, v) in a.keywords {
                guard let i = fields.firstIndex(of: k) else { throw PyError.type("\(name).__new__() got an unexpected keyword argument '\(k)'") }
                if values[i] != nil { throw PyError.type("\(name).__new__() got multiple values for argument '\(k)'") }
                values[i] = v
            }
            var missing: [String] = []
            for i in values.indices where values[i] == nil {
                if let d = defaults[fields[i]] { values[i] = d } else { missing.append("'\(fields[i])'") }
            }
            if !missing.isEmpty {
                let list = missing.count == 1 ? missing[0] : missing.dropLast().joined(separator: ", ") + " and " + (missing.last ?? "")
                throw PyError.type("\(name).__new__() missing \(missing.count) required positional argument\(missing.count == 1 ? "" : "s"): \(list)")
            }
            return PyTuple(values.compactMap { $0 }, cls: cls)
        }
        c.define("__repr__", "self") { a in
            let fields = (try? layout(a[0].cls).0) ?? []
            let items = (a[0] as? PyTuple)?.items ?? []
            let body = try zip(fields, items).map { "\($0.0)=\(try Runtime.repr($0.1))" }.joined(separator: ", ")
            return PyStr("\(a[0].cls.name)(\(body))")
        }
        c.define("_asdict", "self") { a in
            let d = PyDict()
            for (f, v) in zip(try layout(a[0].cls).0, (a[0] as? PyTuple)?.items ?? []) { try d.set(PyStr(f), v) }
            return d
        }
        c.define("_replace", "self, **kw") { a in
            let fields = try layout(a[0].cls).0
            var items = (a[0] as? PyTuple)?.items ?? []
            for (k, v) in a.keywords {
                guard let i = fields.firstIndex(of: k), i < items.count else { throw PyError.value("Got unexpected field names: ['\(k)']") }
                items[i] = v
            }
            return PyTuple(items, cls: a[0].cls)
        }
        return c
    }()

    /// The field names and defaults of a NamedTuple subclass; on first use the fields become read-only
    /// properties over the tuple's items (replacing the defaults stored as class attributes).
    static func layout(_ cls: PyClass) throws -> ([String], [String: PyObject]) {
        if let f = cls.namespace["_fields"] as? PyTuple, let d = cls.namespace["_field_defaults"] as? PyDict {
            var defaults: [String: PyObject] = [:]
            for (k, v) in d.table.pairs { if let s = k.object as? PyStr { defaults[s.value] = v } }
            return (f.items.compactMap { ($0 as? PyStr)?.value }, defaults)
        }
        var fields: [String] = [], defaults: [String: PyObject] = [:]
        for base in cls.mro.dropFirst().reversed() where base !== namedTupleBase && base.isSubclass(of: namedTupleBase) {
            let (f, d) = try layout(base)
            fields += f.filter { !fields.contains($0) }
            defaults.merge(d) { $1 }
        }
        for (name, annotation) in try DataclassesModule.annotations(of: cls) where !annotation.hasPrefix("ClassVar") {
            if !fields.contains(name) { fields.append(name) }
            if let v = cls.namespace[name], !(v is PyFunction) { defaults[name] = v }
            else if !defaults.isEmpty && defaults[name] == nil {
                throw PyError.type("Non-default namedtuple field \(name) cannot follow default field\(defaults.count == 1 ? "" : "s") \(defaults.keys.sorted().joined(separator: ", "))")
            }
        }
        for (i, name) in fields.enumerated() {
            cls.setAttribute(name, PyProperty(getter: PyNativeFunction(name: name, parameters: "self") { a in
                guard let t = a[0] as? PyTuple, i < t.items.count else { throw PyError.attribute(name) }
                return t.items[i]
            }))
        }
        let d = PyDict()
        for name in fields { if let v = defaults[name] { try d.set(PyStr(name), v) } }
        cls.setAttribute("_fields", PyTuple(fields.map { PyStr($0) }))
        cls.setAttribute("_field_defaults", d)
        return (fields, defaults)
    }
}
