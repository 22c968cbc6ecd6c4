public final class PyList: PyObject {
    public var items: [PyObject]
    public init(_ items: [PyObject], cls: PyClass = Builtin.listType) {
        self.items = items
        super.init(cls: cls, withAttributes: cls !== Builtin.listType)
    }
    deinit {
        if !items.isEmpty {
            var pending = items
            items = []
            Teardown.drain(&pending)
        }
    }
}

public final class PyTuple: PyObject {
    public private(set) var items: [PyObject]
    public init(_ items: [PyObject], cls: PyClass = Builtin.tupleType) {
        self.items = items
        super.init(cls: cls, withAttributes: cls !== Builtin.tupleType)
    }
    static let empty = PyTuple([])
    /// Teardown only: the tuple is unreachable when its items are taken.
    func releaseItems(into pending: inout [PyObject]) {
        pending.append(contentsOf: items)
        items = []
    }
    deinit {
        if !items.isEmpty {
            var pending = items
            items = []
            Teardown.drain(&pending)
        }
    }
}

/// A dictionary key: the object with its Python hash computed once; equality is Python `==`.
public struct HashKey: Hashable {
    public let object: PyObject
    let hash: Int

    /// Hashes `object` with Python semantics (raises TypeError for unhashable values).
    public init(_ object: PyObject) throws {
        self.object = object
        self.hash = try Runtime.hash(object)
    }

    public static func == (a: HashKey, b: HashKey) -> Bool {
        if a.object === b.object { return true }
        if a.hash != b.hash { return false }
        if let x = a.object as? PyStr, let y = b.object as? PyStr { return x.value == y.value }
        return (try? Runtime.equals(a.object, b.object)) ?? false
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(hash) }

    /// The table's hash: the Python hash through a splitmix64 finalizer (well spread, and much
    /// cheaper than feeding it through SipHash on every lookup).
    public func _rawHashValue(seed: Int) -> Int {
        var x = UInt64(bitPattern: Int64(hash)) ^ UInt64(bitPattern: Int64(seed))
        x = (x ^ (x >> 30)) &* 0xbf58476d1ce4e5b9
        x = (x ^ (x >> 27)) &* 0x94d049bb133111eb
        return Int(Int64(bitPattern: x ^ (x >> 31)))
    }
}

/// Insertion-ordered hash table shared by dict and set.
public struct OrderedTable {
    var index: [HashKey: Int] = [:]
    var keys: [HashKey?] = []
    var values: [PyObject?] = []
    private(set) var count = 0

    public init() {}

    public func get(_ key: HashKey) -> PyObject? {
        guard let i = index[key] else { return nil }
        return values[i]
    }

    public mutating func set(_ key: HashKey, _ value: PyObject) {
        // One probe: a new key gets its position, an existing one reports where it is.
        let position = keys.count
        var existing = -1
        OrderedTable.update(&index[key, default: -1]) { slot in
            if slot < 0 { slot = position } else { existing = slot }
        }
        if existing >= 0 { values[existing] = value; return }
        keys.append(key)
        values.append(value)
        count += 1
    }

    @discardableResult
    public mutating func remove(_ key: HashKey) -> PyObject? {
        guard let i = index.removeValue(forKey: key) else { return nil }
        let v = values[i]
        keys[i] = nil
        values[i] = nil
        count -= 1
        if keys.count > 32 && count < keys.count / 2 { compact() }
        return v
    }

    @inline(__always)
    private static func update(_ slot: inout Int, _ body: (inout Int) -> Void) { body(&slot) }

    private mutating func compact() {
        var t = OrderedTable()
        for (k, v) in pairs { t.set(k, v) }
        self = t
    }

    public mutating func removeAll() { self = OrderedTable() }

    /// Live entries in insertion order.
    public var pairs: [(HashKey, PyObject)] {
        var out: [(HashKey, PyObject)] = []
        out.reserveCapacity(count)
        for i in keys.indices { if let k = keys[i], let v = values[i] { out.append((k, v)) } }
        return out
    }

    public var keyObjects: [PyObject] { keys.compactMap { $0?.object } }
}

public final class PyDict: PyObject {
    public var table = OrderedTable()
    /// `defaultdict`'s factory.
    var defaultFactory: PyObject?
    public init(cls: PyClass = Builtin.dictType) {
        super.init(cls: cls, withAttributes: cls !== Builtin.dictType)
    }
    deinit {
        if table.count > 0 {
            var pending: [PyObject] = []
            for (k, v) in table.pairs { pending.append(k.object); pending.append(v) }
            table = OrderedTable()
            Teardown.drain(&pending)
        }
    }
    /// Reads a key; nil when absent.
    public func get(_ key: PyObject) throws -> PyObject? { table.get(try HashKey(key)) }
    /// Writes a key.
    public func set(_ key: PyObject, _ value: PyObject) throws {
        table.set(try HashKey(key), value)
        try MemoryGuard.tick()
    }
    /// Convenience for string keys.
    public subscript(key: String) -> PyObject? {
        get { try? get(PyStr(key)) }
        set { if let v = newValue { try? set(PyStr(key), v) } else { _ = try? table.remove(HashKey(PyStr(key))) } }
    }
}

public final class PySet: PyObject {
    /// Membership.
    public private(set) var table = OrderedTable()
    /// CPython's slot layout, which decides iteration order.
    var layout = SetLayout()
    public let frozen: Bool
    public init(frozen: Bool = false, cls: PyClass? = nil) {
        self.frozen = frozen
        let k = cls ?? (frozen ? Builtin.frozensetType : Builtin.setType)
        super.init(cls: k, withAttributes: k !== Builtin.setType && k !== Builtin.frozensetType)
    }
    public func contains(_ o: PyObject) throws -> Bool { table.get(try HashKey(o)) != nil }
    public func add(_ o: PyObject) throws {
        add(key: try HashKey(o))
        try MemoryGuard.tick()
    }
    func add(key: HashKey) {
        if table.get(key) != nil { return }
        table.set(key, key.object)
        layout.add(key)
    }
    /// Removes an element; false when it was absent.
    @discardableResult
    public func discard(_ o: PyObject) throws -> Bool {
        let key = try HashKey(o)
        guard table.remove(key) != nil else { return false }
        layout.remove(key)
        return true
    }
    public func removeAll() {
        table.removeAll()
        layout = SetLayout()
    }
    /// Elements in CPython's iteration order.
    public var elements: [PyObject] { layout.orderedKeys.map { $0.object } }
    var keys: [HashKey] { layout.orderedKeys }
    /// Takes over another set's contents (`set_swap_bodies`).
    func replaceContents(with other: PySet) {
        table = other.table
        layout = other.layout
    }
}

public final class PyRange: PyObject {
    public let start: Int64, stop: Int64, step: Int64
    public init(_ start: Int64, _ stop: Int64, _ step: Int64) {
        self.start = start
        self.stop = stop
        self.step = step
        super.init(cls: Builtin.rangeType)
    }
    public var count: Int64 {
        if step > 0 {
            guard start < stop else { return 0 }
            let diff = UInt64(bitPattern: stop &- start)
            return Int64(clamping: (diff - 1) / UInt64(step) + 1)
        }
        guard start > stop else { return 0 }
        let diff = UInt64(bitPattern: start &- stop)
        return Int64(clamping: (diff - 1) / step.magnitude + 1)
    }
    func element(_ i: Int64) -> Int64 { start &+ i &* step }
}

public final class PySlice: PyObject {
    public let start: PyObject, stop: PyObject, step: PyObject
    public init(_ start: PyObject, _ stop: PyObject, _ step: PyObject) {
        self.start = start
        self.stop = stop
        self.step = step
        super.init(cls: Builtin.sliceType)
    }

    /// Clamped (start, stop, step, count) for a sequence of `length`, as `slice.indices` computes.
    func indices(_ length: Int) throws -> (Int, Int, Int, Int) {
        func value(_ o: PyObject) throws -> Int? {
            if o === PyNone.shared { return nil }
            guard let i = o as? PyInt else {
                throw PyError.type("slice indices must be integers or None or have an __index__ method")
            }
            return Int(clamping: i.value)
        }
        let step = try value(self.step) ?? 1
        if step == 0 { throw PyError.value("slice step cannot be zero") }
        var start: Int, stop: Int
        if step > 0 {
            start = try value(self.start) ?? 0
            stop = try value(self.stop) ?? length
            if start < 0 { start = max(0, start + length) } else { start = min(start, length) }
            if stop < 0 { stop = max(0, stop + length) } else { stop = min(stop, length) }
            let n = stop > start ? (stop - start - 1) / step + 1 : 0
            return (start, stop, step, n)
        } else {
            start = try value(self.start) ?? length - 1
            stop = try value(self.stop) ?? -length - 1
            if start < 0 { start = max(-1, start + length) } else { start = min(start, length - 1) }
            if stop < 0 { stop = max(-1, stop + length) } else { stop = min(stop, length - 1) }
            let n = start > stop ? (start - stop - 1) / (-step) + 1 : 0
            return (start, stop, step, n)
        }
    }
}
