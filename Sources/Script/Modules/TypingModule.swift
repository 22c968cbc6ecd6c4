/// `typing`: names importable and subscriptable (`List[int]`, `Optional[str]`, `Generic[T]`) with no
/// effect at run time, plus `TypeVar`, `cast`, `TYPE_CHECKING`, `NewType`, `overload` and `NamedTuple`
/// class syntax.
enum TypingModule {
    static let aliasType: PyClass = {
        let c = PyClass(name: "_GenericAlias", bases: [Builtin.objectType], module: "typing")
        c.allocator = { k in PyObject(cls: k, withAttributes: true) }
        c.define("__repr__", "self") { a in a[0].attributes?["__repr_text__"] ?? PyStr("typing.Any") }
        c.define("__getitem__", "self, params") { a in
            let base = (a[0].attributes?["__repr_text__"] as? PyStr)?.value ?? "typing.Any"
            return alias("\(base)[\(try parameterText(a[1]))]")
        }
        c.define("__call__", "self, *args, **kwargs") { a in
            throw PyError.type("Type \(((a[0].attributes?["__repr_text__"] as? PyStr)?.value ?? "").replacingOccurrences(of: "typing.", with: "")) cannot be instantiated; use \(((a[0].attributes?["__origin__"] as? PyStr)?.value ?? "list"))() instead")
        }
        c.define("__or__", "self, other") { a in alias("\(try Runtime.repr(a[0])) | \(try parameterText(a[1]))") }
        c.define("__ror__", "self, other") { a in alias("\(try parameterText(a[1])) | \(try Runtime.repr(a[0]))") }
        return c
    }()
    static let typeVarType: PyClass = {
        let c = PyClass(name: "TypeVar", bases: [Builtin.objectType], module: "typing")
        c.allocator = { k in PyObject(cls: k, withAttributes: true) }
        c.define("__new__", "cls, name, *constraints, bound=, covariant=, contravariant=") { a in
            let v = PyObject(cls: c, withAttributes: true)
            v.attributes?["__name__"] = a[1]
            return v
        }
        c.define("__repr__", "self") { a in PyStr("~" + ((a[0].attributes?["__name__"] as? PyStr)?.value ?? "T")) }
        return c
    }()

    static func alias(_ text: String, origin: String? = nil) -> PyObject {
        let o = PyObject(cls: aliasType, withAttributes: true)
        o.attributes?["__repr_text__"] = PyStr(text)
        if let origin = origin { o.attributes?["__origin__"] = PyStr(origin) }
        return o
    }

    /// How typing prints a parameter: classes by name (`int`, `__main__.A`), tuples as lists.
    static func parameterText(_ o: PyObject) throws -> String {
        switch o {
        case let t as PyTuple where t.cls === Builtin.tupleType:
            return try t.items.map { try parameterText($0) }.joined(separator: ", ")
        case let l as PyList:
            return "[" + (try l.items.map { try parameterText($0) }.joined(separator: ", ")) + "]"
        case let c as PyClass:
            if c === Builtin.noneType { return "NoneType" }
            return c.module == "builtins" ? c.name : "\(c.module).\(c.name)"
        case is PyNone: return "None"
        case is PyEllipsis: return "..."
        default: return try Runtime.repr(o)
        }
    }

    static func make() -> PyModule {
        let m = PyModule(name: "typing")
        let origins = ["List": "list", "Dict": "dict", "Set": "set", "FrozenSet": "frozenset", "Tuple": "tuple",
                       "Type": "type", "DefaultDict": "collections.defaultdict", "Deque": "collections.deque"]
        for name in ["Any", "List", "Dict", "Tuple", "Optional", "Union", "Callable", "Iterable", "Iterator", "Sequence",
                     "Set", "FrozenSet", "Mapping", "MutableMapping", "MutableSequence", "Type", "ClassVar", "Final",
                     "Literal", "Generator", "DefaultDict", "Deque", "Counter", "OrderedDict", "Annotated", "NoReturn",
                     "Hashable", "Sized", "Collection", "Container", "AbstractSet", "Reversible", "SupportsFloat",
                     "SupportsInt", "Text", "AnyStr", "Awaitable", "Coroutine", "AsyncIterator", "ChainMap", "Never", "Self"] {
            m[name] = alias("typing." + name, origin: origins[name])
        }
        m["Text"] = Builtin.strType
        // Bases for `class Stack(Generic[T])` and `class P(Protocol)`: plain classes that ignore their parameters.
        for name in ["Generic", "Protocol"] {
            let base = PyClass(name: name, bases: [Builtin.objectType], module: "typing")
            base.setAttribute("__class_getitem__", PyNativeFunction(name: "__class_getitem__", parameters: "params") { _ in base })
            m[name] = base
        }
        m["TypeVar"] = typeVarType
        m["TYPE_CHECKING"] = PyBool.falseValue
        m.define("cast", "typ, val") { a in a[1] }
        m.define("overload", "func") { a in a[0] }
        m.define("final", "f") { a in a[0] }
        m.define("no_type_check", "f") { a in a[0] }
        m.define("runtime_checkable", "cls") { a in a[0] }
        m.define("get_type_hints", "obj") { _ in PyDict() }
        m.define("NewType", "name, tp") { _ in PyNativeFunction(name: "NewType", parameters: "x") { b in b[0] } }
        m["NamedTuple"] = namedTupleBase
        return m
    }
}
