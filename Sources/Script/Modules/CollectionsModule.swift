/// `collections`: OrderedDict, defaultdict, Counter, namedtuple.
enum CollectionsModule {
    static let orderedDictType: PyClass = {
        let c = PyClass(name: "OrderedDict", bases: [Builtin.dictType], module: "collections")
        c.define("move_to_end", "self, key, last=") { a in
            guard let d = a[0] as? PyDict else { return PyNone.shared }
            let key = try HashKey(a[1])
            guard let v = d.table.remove(key) else { throw PyError.key(a[1]) }
            let last = try a.optional(2).map { try Runtime.truthy($0) } ?? true
            if last { d.table.set(key, v) } else {
                var t = OrderedTable()
                t.set(key, v)
                for (k, x) in d.table.pairs { t.set(k, x) }
                d.table = t
            }
            return PyNone.shared
        }
        c.define("popitem", "self, last=") { a in
            guard let d = a[0] as? PyDict else { return PyNone.shared }
            let last = try a.optional(1).map { try Runtime.truthy($0) } ?? true
            guard let (k, v) = last ? d.table.pairs.last : d.table.pairs.first else { throw PyError.key(PyStr("dictionary is empty")) }
            d.table.remove(k)
            return PyTuple([k.object, v])
        }
        c.define("__repr__", "self") { a in
            guard let d = a[0] as? PyDict else { return PyStr("") }
            if d.table.count == 0 { return PyStr("OrderedDict()") }
            let items = try d.table.pairs.map { "(\(try Runtime.repr($0.0.object)), \(try Runtime.repr($0.1)))" }
            return PyStr("OrderedDict([\(items.joined(separator: ", "))])")
        }
        return c
    }()

    static let defaultDictType: PyClass = {
        let c = PyClass(name: "defaultdict", bases: [Builtin.dictType], module: "collections")
        c.define("__new__", "cls, factory=, *args, **kw") { a in
            let d = PyDict(cls: (a[0] as? PyClass) ?? c)
            d.defaultFactory = a.optional(1)
            if let first = a.rest.first { try Runtime.update(d, first) }
            for (k, v) in a.keywords { try d.set(PyStr(k), v) }
            return d
        }
        c.attributeFallback = { o, name in
            name == "default_factory" ? ((o as? PyDict)?.defaultFactory ?? PyNone.shared) : nil
        }
        return c
    }()

    static let counterType: PyClass = {
        let c = PyClass(name: "Counter", bases: [Builtin.dictType], module: "collections")
        func count(_ d: PyDict, _ source: PyObject) throws {
            if let other = source as? PyDict {
                for (k, v) in other.table.pairs { d.table.set(k, try Runtime.binary(.add, d.table.get(k) ?? PyInt.make(0), v)) }
                return
            }
            try Runtime.forEach(source) { x in
                let k = try HashKey(x)
                d.table.set(k, try Runtime.binary(.add, d.table.get(k) ?? PyInt.make(0), PyInt.make(1)))
                return true
            }
        }
        c.define("__new__", "cls, iterable=, **kw") { a in
            let d = PyDict(cls: (a[0] as? PyClass) ?? c)
            if let it = a.optional(1) { try count(d, it) }
            for (k, v) in a.keywords { try d.set(PyStr(k), v) }
            return d
        }
        c.define("__missing__", "self, key") { _ in PyInt.make(0) }
        c.define("update", "self, iterable=") { a in
            if let d = a[0] as? PyDict, let it = a.optional(1) { try count(d, it) }
            return PyNone.shared
        }
        func sortedPairs(_ d: PyDict) throws -> [(PyObject, PyObject)] {
            let pairs = d.table.pairs.map { ($0.0.object, $0.1) }
            let l = PyList(pairs.map { PyTuple([$0.0, $0.1]) })
            try Builtin.sortList(l, key: PyNativeFunction(name: "key", parameters: "p") { a in
                try Runtime.getItem(a[0], PyInt.make(1))
            }, reverse: true)
            return l.items.compactMap { ($0 as? PyTuple).map { ($0.items[0], $0.items[1]) } }
        }
        c.define("most_common", "self, n=") { a in
            guard let d = a[0] as? PyDict else { return PyList([]) }
            var pairs = try sortedPairs(d)
            if let n = a.optional(1) { pairs = Array(pairs.prefix(Int(max(0, try Builtin.int(n))))) }
            return PyList(pairs.map { PyTuple([$0.0, $0.1]) })
        }
        c.define("elements", "self") { a in
            guard let d = a[0] as? PyDict else { return PyList([]) }
            var out: [PyObject] = []
            for (k, v) in d.table.pairs { for _ in 0..<max(0, (v as? PyInt)?.value ?? 0) { out.append(k.object) } }
            return try Runtime.iterate(PyList(out))
        }
        c.define("total", "self") { a in
            var acc: PyObject = PyInt.make(0)
            for (_, v) in (a[0] as? PyDict)?.table.pairs ?? [] { acc = try Runtime.binary(.add, acc, v) }
            return acc
        }
        c.define("__repr__", "self") { a in
            guard let d = a[0] as? PyDict else { return PyStr("") }
            if d.table.count == 0 { return PyStr("Counter()") }
            let body = try sortedPairs(d).map { "\(try Runtime.repr($0.0)): \(try Runtime.repr($0.1))" }
            return PyStr("Counter({\(body.joined(separator: ", "))})")
        }
        return c
    }()

    static func namedtuple(_ a: Arguments) throws -> PyObject {
        let name = try Builtin.string(a[0])
        let fields: [String]
        if let s = a[1] as? PyStr {
            fields = s.value.replacingOccurrences(of: ",", with: " ").split(separator: " ").map(String.init)
        } else {
            fields = try Runtime.toArray(a[1]).map { try Builtin.string($0) }
        }
        let defaults = try a.optional(2).map { try Runtime.toArray($0) } ?? []
        let c = PyClass(name: name, bases: [Builtin.tupleType], module: "__main__")
        c.define("__new__", "cls, *args, **kw") { b in
            var values = [PyObject?](repeating: nil, count: fields.count)
            if b.rest.count > fields.count {
                throw PyError.type("\(name).__new__() takes \(fields.count + 1) positional arguments but \(b.rest.count + 1) were given")
            }
            for (i, v) in b.rest.enumerated() { values[i] = v }
            for (k, v) in b.keywords {
                guard let i = fields.firstIndex(of: k) else { throw PyError.type("\(name).__new__() got an unexpected keyword argument '\(k)'") }
                values[i] = v
            }
            for i in values.indices where values[i] == nil {
                let d = i - (fields.count - defaults.count)
                if d >= 0 { values[i] = defaults[d] } else {
                    throw PyError.type("\(name).__new__() missing 1 required positional argument: '\(fields[i])'")
                }
            }
            return PyTuple(values.compactMap { $0 }, cls: (b[0] as? PyClass) ?? c)
        }
        c.define("__repr__", "self") { b in
            let items = (b[0] as? PyTuple)?.items ?? []
            let body = try zip(fields, items).map { "\($0.0)=\(try Runtime.repr($0.1))" }.joined(separator: ", ")
            return PyStr("\(b[0].cls.name)(\(body))")
        }
        c.define("_asdict", "self") { b in
            let d = PyDict()
            for (f, v) in zip(fields, (b[0] as? PyTuple)?.items ?? []) { try d.set(PyStr(f), v) }
            return d
        }
        c.define("_replace", "self, **kw") { b in
            var items = (b[0] as? PyTuple)?.items ?? []
            for (k, v) in b.keywords { if let i = fields.firstIndex(of: k) { items[i] = v } }
            return PyTuple(items, cls: b[0].cls)
        }
        c.setAttribute("_fields", PyTuple(fields.map { PyStr($0) }))
        c.attributeFallback = { o, attr in
            guard let t = o as? PyTuple, let i = fields.firstIndex(of: attr), i < t.items.count else { return nil }
            return t.items[i]
        }
        return c
    }

    static func make() -> PyModule {
        let m = PyModule(name: "collections")
        m["OrderedDict"] = orderedDictType
        m["defaultdict"] = defaultDictType
        m["Counter"] = counterType
        m.define("namedtuple", "typename, field_names, *, defaults=") { a in try namedtuple(a) }
        m["deque"] = dequeType
        return m
    }
}
