/// `functools.cmp_to_key` and `functools.total_ordering`, as CPython defines them.
extension FunctionalModules {
    static let keyWrapperType: PyClass = {
        let c = PyClass(name: "KeyWrapper", bases: [Builtin.objectType], module: "functools")
        c.allocator = { k in PyObject(cls: k, withAttributes: true) }
        for (name, op) in [("__lt__", CompareOperator.lt), ("__le__", .le), ("__gt__", .gt), ("__ge__", .ge), ("__eq__", .eq)] {
            c.define(name, "self, other") { a in
                guard let cmp = a[0].attributes?["cmp"], let x = a[0].attributes?["obj"],
                      a[1].cls === c, let y = a[1].attributes?["obj"] else {
                    throw PyError.type("other argument must be K instance")
                }
                return try Runtime.compare(op, try Runtime.call(cmp, [x, y]), PyInt.make(0))
            }
        }
        c.setAttribute("__hash__", PyNone.shared)
        return c
    }()

    static func addOrdering(_ m: PyModule) {
        m.define("cmp_to_key", "mycmp") { a in
            let cmp = a[0]
            return PyNativeFunction(name: "K", parameters: "obj") { b in
                let k = PyObject(cls: keyWrapperType, withAttributes: true)
                k.attributes?["obj"] = b[0]
                k.attributes?["cmp"] = cmp
                return k
            }
        }
        m.define("total_ordering", "cls") { a in
            guard let cls = a[0] as? PyClass else { throw PyError.type("total_ordering() expects a class") }
            let defined = ["__lt__", "__le__", "__gt__", "__ge__"].filter { name in
                cls.mro.contains { $0 !== Builtin.objectType && $0.namespace[name] != nil }
            }
            guard let root = defined.max() else {
                throw PyError.value("must define at least one ordering operation: < > <= >=")
            }
            // (derived name, negate the root's result, then combine with ==: "and !=" / "or ==" / nothing).
            let table: [String: [(String, Bool, String)]] = [
                "__lt__": [("__gt__", true, "and ne"), ("__le__", false, "or eq"), ("__ge__", true, "")],
                "__le__": [("__ge__", true, "or eq"), ("__lt__", false, "and ne"), ("__gt__", true, "")],
                "__gt__": [("__lt__", true, "and ne"), ("__ge__", false, "or eq"), ("__le__", true, "")],
                "__ge__": [("__le__", true, "or eq"), ("__gt__", false, "and ne"), ("__lt__", true, "")],
            ]
            for (name, negate, combine) in table[root] ?? [] where !defined.contains(name) {
                cls.define(name, "self, other") { b in
                    guard let f = cls.lookup(root) else { return PyNotImplemented.shared }
                    let r = try Runtime.callMethod(f, b[0], [b[1]])
                    if r === PyNotImplemented.shared { return r }
                    var value = try Runtime.truthy(r)
                    if negate { value = !value }
                    switch combine {
                    case "and ne": if value { value = try Runtime.truthy(Runtime.compare(.ne, b[0], b[1])) }
                    case "or eq": if !value { value = try Runtime.truthy(Runtime.compare(.eq, b[0], b[1])) }
                    default: break
                    }
                    return PyBool.make(value)
                }
            }
            return cls
        }
    }
}
