import Engine
import Script

/// `x[key]` and `x[key] = value`: ints, slices, None, Ellipsis, bools, int and bool tensors,
/// lists, and tuples of those, turned into the engine's `TensorIndex` items.
extension TensorObject {
    static func installIndexing() {
        let c = tensorClass
        c.define("__getitem__", "") { a in
            guard a.rest.count == 2, let me = a.rest[0] as? TensorObject else { throw PyError.type("__getitem__ expects 1 argument") }
            let key = a.rest[1]
            return try bridge {
                // Fast path: x[i] with a plain int.
                if let i = key as? PyInt, i.cls !== Builtin.boolType {
                    guard let index = Int(exactly: i.value) else { throw PyError.index("index out of range") }
                    return wrap(try me.tensor.index([.int(index)]))
                }
                return wrap(try me.tensor.index(try indexItems(key)))
            }
        }
        c.define("__setitem__", "") { a in
            guard a.rest.count == 3, let me = a.rest[0] as? TensorObject else { throw PyError.type("__setitem__ expects 2 arguments") }
            let items = try indexItems(a.rest[1])
            let value = a.rest[2]
            try bridge {
                if let v = value as? TensorObject { try me.tensor.indexPut(items, value: v.tensor); return }
                if let s = Args.scalarOrNil(value) { try me.tensor.indexPut(items, value: s); return }
                if value is PyList || value is PyTuple {
                    try me.tensor.indexPut(items, value: try TensorFactory.fromData(value, dtype: me.tensor.dtype))
                    return
                }
                throw PyError.type("can't assign a \(pythonTypeName(value)) to a \(me.tensor.dtype.legacyTypeName)")
            }
            return PyNone.shared
        }
    }

    /// The engine index items of a Python subscript key.
    static func indexItems(_ key: PyObject) throws -> [TensorIndex] {
        if let t = key as? PyTuple {
            return try t.items.map(indexItem)
        }
        return [try indexItem(key)]
    }

    /// One index item.
    static func indexItem(_ o: PyObject) throws -> TensorIndex {
        switch o {
        case let i as PyInt:
            if i.cls === Builtin.boolType { return .bool(i.value != 0) }
            guard let v = Int(exactly: i.value) else { throw PyError.index("index out of range") }
            return .int(v)
        case let s as PySlice:
            func bound(_ b: PyObject) throws -> Int? {
                if b is PyNone { return nil }
                if let i = b as? PyInt { return Int(clamping: i.value) }
                if let t = b as? TensorObject, t.tensor.numel == 1, !t.tensor.dtype.isFloatingPoint {
                    return Int(clamping: try bridge { try t.tensor.item() }.int64Value)
                }
                throw PyError.type("slice indices must be integers or None or have an __index__ method")
            }
            let step = try bound(s.step)
            if let st = step, st <= 0 {
                throw PyError.value(st == 0 ? "slice step cannot be zero" : "step must be greater than zero")
            }
            return .slice(start: try bound(s.start), stop: try bound(s.stop), step: step)
        case is PyNone: return .newAxis
        case is PyEllipsis: return .ellipsis
        case let t as TensorObject: return .tensor(t.tensor)
        case is PyList, is PyTuple:
            return .tensor(try TensorFactory.fromData(o, dtype: nil))
        default:
            throw PyError.index("only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices (got \(pythonTypeName(o)))")
        }
    }
}
