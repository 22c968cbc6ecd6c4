import Foundation

/// The `dataclasses` module: `@dataclass` (init, repr, eq, order, frozen, `__post_init__`), `field`,
/// `fields`, `asdict`, `astuple`, `replace`, `is_dataclass`, `FrozenInstanceError`, `MISSING`.
///
/// Field names and their order come from the class's `__annotations__` when the interpreter records
/// them, else from the class statement's source text (annotations are otherwise not kept).
enum DataclassesModule {
    static let missingType = PyClass(name: "_MISSING_TYPE", bases: [Builtin.objectType], module: "dataclasses")
    static let missing = PyObject(cls: missingType)
    static let fieldType: PyClass = {
        let c = PyClass(name: "Field", bases: [Builtin.objectType], module: "dataclasses")
        c.allocator = { k in PyObject(cls: k, withAttributes: true) }
        c.define("__repr__", "self") { a in
            let o = a[0]
            func attr(_ n: String) -> String { (try? Runtime.repr(o.attributes?[n] ?? PyNone.shared)) ?? "" }
            return PyStr("Field(name=\(attr("name")),type=\(attr("type")),default=\(attr("default")),default_factory=\(attr("default_factory")),init=\(attr("init")),repr=\(attr("repr")),hash=None,compare=\(attr("compare")),metadata=mappingproxy({}),kw_only=False,_field_type=_FIELD)")
        }
        return c
    }()
    static let frozenError: PyClass = {
        let c = Builtin.exceptionClass("FrozenInstanceError", Builtin.attributeErrorClass)
        c.module = "dataclasses"
        c.attributeFallback = Builtin.baseExceptionClass.attributeFallback
        return c
    }()

    static func make() -> PyModule {
        let m = PyModule(name: "dataclasses")
        missingType.define("__repr__", "self") { _ in PyStr("<dataclasses._MISSING_TYPE object>") }
        m["MISSING"] = missing
        m["Field"] = fieldType
        m["FrozenInstanceError"] = frozenError
        m.define("field", "*, default=, default_factory=, init=, repr=, hash=, compare=, metadata=, kw_only=") { a in
            let f = PyObject(cls: fieldType, withAttributes: true)
            let given = { (i: Int) -> PyObject? in i < a.values.count ? a.values[i] : nil }
            let def = given(0) ?? missing, factory = given(1) ?? missing
            if def !== missing && factory !== missing { throw PyError.value("cannot specify both default and default_factory") }
            f.attributes?["name"] = PyNone.shared
            f.attributes?["type"] = PyNone.shared
            f.attributes?["default"] = def
            f.attributes?["default_factory"] = factory
            f.attributes?["init"] = given(2) ?? PyBool.trueValue
            f.attributes?["repr"] = given(3) ?? PyBool.trueValue
            f.attributes?["compare"] = given(5) ?? PyBool.trueValue
            return f
        }
        m.define("dataclass", "cls=, *, init=, repr=, eq=, order=, unsafe_hash=, frozen=, match_args=, kw_only=, slots=") { a in
            func flag(_ i: Int, _ d: Bool) throws -> Bool { try a.optional(i).map { try Runtime.truthy($0) } ?? d }
            let options = Options(initialize: try flag(1, true), repr: try flag(2, true), eq: try flag(3, true),
                                  order: try flag(4, false), unsafeHash: try flag(5, false), frozen: try flag(6, false))
            if let c = a.optional(0) {
                guard let cls = c as? PyClass else { throw PyError.type("dataclass() should be called on a class") }
                return try process(cls, options)
            }
            return PyNativeFunction(name: "wrap", parameters: "cls") { b in
                guard let cls = b[0] as? PyClass else { throw PyError.type("dataclass() should be called on a class") }
                return try process(cls, options)
            }
        }
        m.define("fields", "class_or_instance") { a in
            guard let fs = fieldObjects(a[0]) else { throw PyError.type("must be called with a dataclass type or instance") }
            return PyTuple(fs.filter { ($0.attributes?["_init_only"]) == nil })
        }
        m.define("is_dataclass", "obj") { a in PyBool.make(fieldObjects(a[0]) != nil) }
        m.define("asdict", "obj, *, dict_factory=") { a in
            guard fieldObjects(a[0]) != nil, !(a[0] is PyClass) else { throw PyError.type("asdict() should be called on dataclass instances") }
            return try convert(a[0], asDict: true, depth: 0)
        }
        m.define("astuple", "obj, *, tuple_factory=") { a in
            guard fieldObjects(a[0]) != nil, !(a[0] is PyClass) else { throw PyError.type("astuple() should be called on dataclass instances") }
            return try convert(a[0], asDict: false, depth: 0)
        }
        m.define("replace", "obj, **changes") { a in
            let obj = a[0]
            guard let fs = fieldObjects(obj), !(obj is PyClass) else { throw PyError.type("replace() should be called on dataclass instances") }
            var kw: [(String, PyObject)] = []
            var changes = a.keywords
            for f in fs {
                let name = (f.attributes?["name"] as? PyStr)?.value ?? ""
                let inInit = (try? Runtime.truthy(f.attributes?["init"] ?? PyBool.trueValue)) ?? true
                if let i = changes.firstIndex(where: { $0.0 == name }) {
                    if !inInit { throw PyError.value("field \(name) is declared with init=False, it cannot be specified with replace()") }
                    kw.append(changes.remove(at: i))
                } else if inInit, let v = obj.attributes?[name] {
                    kw.append((name, v))
                }
            }
            kw.append(contentsOf: changes)
            return try Runtime.call(obj.cls, [], kw)
        }
        return m
    }

    struct Options {
        var initialize, repr, eq, order, unsafeHash, frozen: Bool
    }

    /// The `Field` objects of a dataclass (or of an instance's class), in definition order.
    static func fieldObjects(_ o: PyObject) -> [PyObject]? {
        let cls = (o as? PyClass) ?? o.cls
        guard let d = cls.lookup("__dataclass_fields__") as? PyDict else { return nil }
        return d.table.pairs.map { $0.1 }
    }

    static func name(_ f: PyObject) -> String { (f.attributes?["name"] as? PyStr)?.value ?? "" }
    static func truthy(_ f: PyObject, _ key: String) -> Bool { (try? Runtime.truthy(f.attributes?[key] ?? PyBool.trueValue)) ?? true }

    /// `asdict`/`astuple`: dataclasses become dicts/tuples, lists/tuples/dicts are copied recursively.
    static func convert(_ o: PyObject, asDict: Bool, depth: Int) throws -> PyObject {
        if depth > 500 { throw PyError(Builtin.recursionErrorClass, "maximum recursion depth exceeded") }
        if !(o is PyClass), let fs = fieldObjects(o) {
            if asDict {
                let d = PyDict()
                for f in fs { try d.set(PyStr(name(f)), try convert(try Runtime.getAttribute(o, name(f)), asDict: true, depth: depth + 1)) }
                return d
            }
            return PyTuple(try fs.map { try convert(try Runtime.getAttribute(o, name($0)), asDict: false, depth: depth + 1) })
        }
        switch o {
        case let l as PyList where l.cls === Builtin.listType:
            return PyList(try l.items.map { try convert($0, asDict: asDict, depth: depth + 1) })
        case let t as PyTuple where t.cls === Builtin.tupleType:
            return PyTuple(try t.items.map { try convert($0, asDict: asDict, depth: depth + 1) })
        case let d as PyDict:
            let r = PyDict(cls: d.cls)
            for (k, v) in d.table.pairs {
                try r.set(try convert(k.object, asDict: asDict, depth: depth + 1), try convert(v, asDict: asDict, depth: depth + 1))
            }
            return r
        default:
            return o
        }
    }
}
