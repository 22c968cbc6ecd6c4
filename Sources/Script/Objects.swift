/// Insertion-ordered string-keyed storage for instance and class attributes (`__dict__` order).
public struct AttributeTable {
    /// Small tables (most instances) are scanned linearly: comparing short names beats hashing them.
    private var index: [String: Int]?
    private(set) var keys: [String?] = []
    private(set) var values: [PyObject?] = []
    private var live = 0
    private static let linearLimit = 12
    private static let initialCapacity = 6

    public init() {}

    @inline(__always)
    private func position(_ name: String) -> Int? {
        if let index = index { return index[name] }
        for i in keys.indices where keys[i] == name { return i }
        return nil
    }

    public subscript(name: String) -> PyObject? {
        get {
            guard let i = position(name) else { return nil }
            return values[i]
        }
        set {
            if let i = position(name) {
                if let v = newValue { values[i] = v } else {
                    index?[name] = nil; keys[i] = nil; values[i] = nil; live -= 1
                }
            } else if let v = newValue {
                if keys.isEmpty {
                    // Most instances get a handful of attributes in __init__: one allocation, no regrowth.
                    keys.reserveCapacity(AttributeTable.initialCapacity)
                    values.reserveCapacity(AttributeTable.initialCapacity)
                }
                index?[name] = keys.count
                keys.append(name)
                values.append(v)
                live += 1
                if index == nil && keys.count > AttributeTable.linearLimit {
                    var built: [String: Int] = [:]
                    for (i, k) in keys.enumerated() { if let k = k { built[k] = i } }
                    index = built
                }
            }
        }
    }

    public var count: Int { live }

    /// The value under `name`, trying position `hint` first; `hint` becomes where it was found.
    @inline(__always)
    func value(_ name: String, hint: inout Int) -> PyObject? {
        if let index = index { return index[name].flatMap { values[$0] } }
        let h = hint
        if h < keys.count, let k = keys[h], k == name { return values[h] }
        for i in keys.indices where keys[i] == name {
            hint = i
            return values[i]
        }
        return nil
    }

    /// Sets `name` (trying position `hint` first, as `value(_:hint:)` does).
    @inline(__always)
    mutating func set(_ name: String, _ value: PyObject, hint: inout Int) {
        if index == nil {
            let h = hint
            if h < keys.count, let k = keys[h], k == name { values[h] = value; return }
            if let i = position(name) { values[i] = value; hint = i; return }
            hint = keys.count  // where the new name lands
        }
        self[name] = value
    }

    /// Name/value pairs in insertion order.
    public var entries: [(String, PyObject)] {
        var out: [(String, PyObject)] = []
        for (k, v) in zip(keys, values) { if let k = k, let v = v { out.append((k, v)) } }
        return out
    }
}

/// Every Python value. Native types subclass it; user instances are `PyObject`s with attributes.
open class PyObject {
    private final var storedClass: PyClass?
    /// Instance attributes (`__dict__`); nil for objects that have none (ints, strings, …).
    public final var attributes: AttributeTable?

    /// The object's Python class.
    public final var cls: PyClass {
        get { storedClass ?? PyClass.typeClass }
        set { storedClass = newValue }
    }

    /// Creates an object of `cls`; `withAttributes` gives it a `__dict__`.
    public init(cls: PyClass?, withAttributes: Bool = false) {
        storedClass = cls
        if withAttributes { attributes = AttributeTable() }
    }

    deinit {
        guard attributes != nil else { return }
        var pending: [PyObject] = []
        takeChildren(into: &pending)  // the table itself is gone here, so `pending` holds the only references
        if !pending.isEmpty { Teardown.drain(&pending) }
    }

    /// Moves out the objects this one holds, so teardown can release them iteratively.
    func takeChildren(into pending: inout [PyObject]) {
        if let attrs = attributes {
            attributes = nil
            for case let v? in attrs.values { pending.append(v) }
        }
    }
}

/// Releases object graphs without recursion: a million nested lists (or a long linked list of
/// instances) would otherwise free themselves through a million nested deinits and overflow the stack.
enum Teardown {
    static func drain(_ pending: inout [PyObject]) {
        while var object = pending.popLast() {
            guard isKnownUniquelyReferenced(&object) else { continue }
            switch object {
            case let l as PyList: pending.append(contentsOf: l.items); l.items = []
            case let t as PyTuple: t.releaseItems(into: &pending)
            case let d as PyDict:
                for (k, v) in d.table.pairs { pending.append(k.object); pending.append(v) }
                d.table = OrderedTable()
            default: break
            }
            object.takeChildren(into: &pending)
        }
    }
}

/// A Python class: native (`int`, `list`, `Exception`, later `nn.Module`) or defined by a script.
public final class PyClass: PyObject {
    public let name: String
    public internal(set) var bases: [PyClass]
    public internal(set) var mro: [PyClass] = []
    /// The class namespace (methods, class attributes), in definition order.
    public var namespace = AttributeTable()
    public var module = "builtins"
    /// Makes a blank instance; inherited from the nearest native base, so a script's subclass of a
    /// native class gets the native storage (a `PyList`, an exception, a bindings object, …).
    public var allocator: ((PyClass) -> PyObject)? { didSet { makesPlainInstances = false } }
    /// The allocator is `object`'s: instances are plain `PyObject`s with a `__dict__`.
    var makesPlainInstances = false
    /// Called when normal attribute lookup fails on an instance (like `__getattr__`), before AttributeError.
    public var attributeFallback: ((PyObject, String) throws -> PyObject?)?
    /// Called before an instance attribute is set (value) or deleted (nil); return true when handled.
    public var attributeSetHook: ((PyObject, String, PyObject?) throws -> Bool)?
    var lookupCache: [String: PyObject] = [:]
    var cacheVersion = -1
    /// Bumped whenever any class namespace changes; every per-class cache checks it.
    /// Kept behind a raw pointer so the hot-path read is one load (no exclusivity bookkeeping).
    static var globalVersion: Int {
        get { versionCell.pointee }
        set { versionCell.pointee = newValue }
    }
    static let versionCell: UnsafeMutablePointer<Int> = {
        let p = UnsafeMutablePointer<Int>.allocate(capacity: 1)
        p.initialize(to: 0)
        return p
    }()
    /// Special-method cache indexed by `Special` (nil: not looked up yet; `PyMissing`: absent).
    private let specialCache = UnsafeMutablePointer<PyObject?>.allocate(capacity: Special.count)
    private var specialVersion = -1
    private var traitsVersion = -1
    private var cachedTraits = Traits()

    /// What attribute access must consult for this class (recomputed when any class changes).
    struct Traits {
        var hasProperties = false
        var hasSetattr = false
    }

    var traits: Traits {
        if traitsVersion == PyClass.globalVersion { return cachedTraits }
        var t = Traits()
        for c in mro {
            for (name, v) in c.namespace.entries {
                if v is PyProperty { t.hasProperties = true }
                if name == "__setattr__" { t.hasSetattr = true }
            }
        }
        cachedTraits = t
        traitsVersion = PyClass.globalVersion
        return t
    }

    /// Creates a class; `bases` empty means `object` (except for `object` itself).
    public init(name: String, bases: [PyClass], module: String = "builtins") {
        self.name = name
        self.bases = bases
        self.module = module
        specialCache.initialize(repeating: nil, count: Special.count)
        super.init(cls: nil)
        mro = (try? PyClass.linearize(self)) ?? [self] + bases
        allocator = bases.lazy.compactMap { $0.allocator }.first
        makesPlainInstances = bases.first { $0.allocator != nil }?.makesPlainInstances ?? false
        attributeFallback = bases.lazy.compactMap { $0.attributeFallback }.first
        attributeSetHook = bases.lazy.compactMap { $0.attributeSetHook }.first
    }

    /// C3 linearization, as CPython computes `__mro__`.
    static func linearize(_ cls: PyClass) throws -> [PyClass] {
        var sequences = cls.bases.map { $0.mro } + [cls.bases]
        var result = [cls]
        while true {
            sequences = sequences.filter { !$0.isEmpty }
            if sequences.isEmpty { return result }
            var candidate: PyClass? = nil
            for seq in sequences {
                let head = seq[0]
                if !sequences.contains(where: { $0.dropFirst().contains(where: { $0 === head }) }) {
                    candidate = head
                    break
                }
            }
            guard let next = candidate else {
                let names = cls.bases.map { $0.name }.joined(separator: ", ")
                throw PyError.type("Cannot create a consistent method resolution order (MRO) for bases \(names)")
            }
            result.append(next)
            sequences = sequences.map { $0.first === next ? Array($0.dropFirst()) : $0 }
        }
    }

    /// Finds `name` along the MRO (cached until any class namespace changes).
    public func lookup(_ name: String) -> PyObject? {
        if cacheVersion != PyClass.globalVersion {
            lookupCache.removeAll(keepingCapacity: true)
            cacheVersion = PyClass.globalVersion
        }
        if let hit = lookupCache[name] { return hit is PyMissing ? nil : hit }
        var found: PyObject? = nil
        for c in mro { if let v = c.namespace[name] { found = v; break } }
        lookupCache[name] = found ?? PyMissing.shared
        return found
    }

    /// Finds a special method along the MRO through a per-class array cache (no string hashing).
    @inline(__always)
    func special(_ s: Special) -> PyObject? {
        let version = PyClass.versionCell.pointee
        if specialVersion != version {
            specialCache.update(repeating: nil, count: Special.count)
            specialVersion = version
        }
        if let hit = specialCache[s.rawValue] { return hit is PyMissing ? nil : hit }
        let found = lookup(s.name)
        specialCache[s.rawValue] = found ?? PyMissing.shared
        return found
    }

    deinit {
        specialCache.deinitialize(count: Special.count)
        specialCache.deallocate()
    }

    /// Sets a class attribute and invalidates lookup caches.
    public func setAttribute(_ name: String, _ value: PyObject?) {
        namespace[name] = value
        PyClass.globalVersion &+= 1
    }

    /// True when `self` is `other` or derives from it.
    public func isSubclass(of other: PyClass) -> Bool {
        if self === other { return true }
        for c in mro where c === other { return true }
        return false
    }

    /// Adds a native method (receives `self` as the first positional argument).
    public func define(_ name: String, _ parameters: String = "", _ body: @escaping (Arguments) throws -> PyObject) {
        setAttribute(name, PyNativeFunction(name: name, parameters: parameters, qualifier: self.name, body))
    }
}

/// Special methods that the runtime looks up on every operator, call or truth test; their cache slots.
enum Special: Int {
    case add, radd, iadd, sub, rsub, isub, mul, rmul, imul, matmul, rmatmul, imatmul
    case truediv, rtruediv, itruediv, floordiv, rfloordiv, ifloordiv, mod, rmod, imod, pow, rpow, ipow
    case lshift, rlshift, ilshift, rshift, rrshift, irshift, and, rand, iand, or, ror, ior, xor, rxor, ixor
    case eq, ne, lt, le, gt, ge
    case new, initializer, bool, len, hash, call, getattr, neg, pos, invert, setattr, repr, str, iter, next, getitem

    static let count = 64
    static let names: [String] = [
        "__add__", "__radd__", "__iadd__", "__sub__", "__rsub__", "__isub__", "__mul__", "__rmul__", "__imul__",
        "__matmul__", "__rmatmul__", "__imatmul__", "__truediv__", "__rtruediv__", "__itruediv__",
        "__floordiv__", "__rfloordiv__", "__ifloordiv__", "__mod__", "__rmod__", "__imod__", "__pow__", "__rpow__", "__ipow__",
        "__lshift__", "__rlshift__", "__ilshift__", "__rshift__", "__rrshift__", "__irshift__",
        "__and__", "__rand__", "__iand__", "__or__", "__ror__", "__ior__", "__xor__", "__rxor__", "__ixor__",
        "__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__",
        "__new__", "__init__", "__bool__", "__len__", "__hash__", "__call__", "__getattr__", "__neg__", "__pos__", "__invert__",
        "__setattr__", "__repr__", "__str__", "__iter__", "__next__", "__getitem__",
    ]
    var name: String { Special.names[rawValue] }

    /// The forward, reflected and in-place methods of a binary operator.
    static func forOperator(_ op: BinaryOperator) -> (Special, Special, Special) {
        let base: Int
        switch op {
        case .add: base = 0
        case .sub: base = 3
        case .mul: base = 6
        case .matmul: base = 9
        case .truediv: base = 12
        case .floordiv: base = 15
        case .mod: base = 18
        case .pow: base = 21
        case .lshift: base = 24
        case .rshift: base = 27
        case .bitand: base = 30
        case .bitor: base = 33
        case .bitxor: base = 36
        }
        // Raw values base...base+2 always exist (the table above has them in this order).
        return (Special(rawValue: base) ?? .add, Special(rawValue: base + 1) ?? .radd, Special(rawValue: base + 2) ?? .iadd)
    }
}

/// Marks a cached "not found" in class lookups.
final class PyMissing: PyObject {
    static let shared = PyMissing(cls: nil)
}

public final class PyNone: PyObject {
    public static let shared = PyNone(cls: Builtin.noneType)
}

public final class PyEllipsis: PyObject {
    public static let shared = PyEllipsis(cls: Builtin.ellipsisType)
}

public final class PyNotImplemented: PyObject {
    public static let shared = PyNotImplemented(cls: Builtin.notImplementedType)
}

/// `int`; `bool` values are `PyInt`s whose class is `bool`.
public class PyInt: PyObject {
    public let value: Int64
    public init(_ value: Int64, cls: PyClass = Builtin.intType) {
        self.value = value
        super.init(cls: cls)
    }
    static let small: [PyInt] = (-5...256).map { PyInt(Int64($0)) }
    /// An int, shared for small values as CPython does.
    @inline(__always) public static func make(_ v: Int64) -> PyInt {
        if v >= -5 && v <= 256 { return small[Int(v + 5)] }
        return PyInt(v)
    }
    public static func make(_ v: Int) -> PyInt { make(Int64(v)) }
}

public enum PyBool {
    public static let trueValue = PyInt(1, cls: Builtin.boolType)
    public static let falseValue = PyInt(0, cls: Builtin.boolType)
    @inline(__always) public static func make(_ b: Bool) -> PyInt { b ? trueValue : falseValue }
}

public final class PyFloat: PyObject {
    public let value: Double
    public init(_ value: Double) {
        self.value = value
        super.init(cls: Builtin.floatType)
    }
}

public final class PyStr: PyObject {
    public let value: String
    private var scalarCache: [Unicode.Scalar]?
    public init(_ value: String, cls: PyClass = Builtin.strType) {
        self.value = value
        super.init(cls: cls)
    }
    /// Code points, for O(1) indexing (computed once).
    var scalars: [Unicode.Scalar] {
        if let s = scalarCache { return s }
        let s = Array(value.unicodeScalars)
        scalarCache = s
        return s
    }
    var length: Int { value.utf8.count == value.unicodeScalars.count ? value.utf8.count : scalars.count }
}

/// A variable captured by a closure.
final class PyCell: PyObject {
    var value: PyObject?
    init(_ value: PyObject? = nil) {
        self.value = value
        super.init(cls: Builtin.cellType)
    }
}

/// A module's global variable; names resolve to boxes once, then read them directly.
final class GlobalBox {
    var value: PyObject?
    init(_ value: PyObject?) { self.value = value }
}

/// A module: built-in (math, random, …) or a script file.
public final class PyModule: PyObject {
    public let name: String
    var globals: [String: GlobalBox] = [:]
    var order: [String] = []
    var file: String?

    public init(name: String) {
        self.name = name
        super.init(cls: Builtin.moduleType)
        self["__name__"] = PyStr(name)
    }

    /// Reads or writes a module global.
    public subscript(name: String) -> PyObject? {
        get { globals[name]?.value }
        set {
            if let box = globals[name] { box.value = newValue }
            else if newValue != nil {
                globals[name] = GlobalBox(newValue)
                order.append(name)
            }
        }
    }

    func box(_ name: String) -> GlobalBox {
        if let b = globals[name] { return b }
        let b = GlobalBox(nil)
        globals[name] = b
        order.append(name)
        return b
    }

    /// Adds a native function to the module.
    public func define(_ name: String, _ parameters: String = "", _ body: @escaping (Arguments) throws -> PyObject) {
        let f = PyNativeFunction(name: name, parameters: parameters, qualifier: nil, body)
        f.bindsAsMethod = false
        self[name] = f
    }

    var entries: [(String, PyObject)] { order.compactMap { n in globals[n]?.value.map { (n, $0) } } }
}
