/// Iteration, subscripts, `len` and `in`.
extension Runtime {
    /// `iter(o)`.
    public static func iterate(_ o: PyObject) throws -> PyObject {
        switch o {
        case is PyNativeIterator, is PyGenerator, is PyComprehensionGenerator: return o
        case let l as PyList:
            var i = 0
            return PyNativeIterator { defer { i += 1 }; return i < l.items.count ? l.items[i] : nil }
        case let t as PyTuple:
            var i = 0
            return PyNativeIterator { defer { i += 1 }; return i < t.items.count ? t.items[i] : nil }
        case let s as PyStr:
            var it = s.value.unicodeScalars.makeIterator()
            return PyNativeIterator { it.next().map { PyStr(String($0)) } }
        case let r as PyRange:
            var i: Int64 = 0
            let n = r.count
            return PyNativeIterator { defer { i += 1 }; return i < n ? PyInt.make(r.element(i)) : nil }
        case let d as PyDict:
            if let m = o.cls.lookup("__iter__") as? PyFunction { return try iterateResult(callMethod(m, o, [])) }
            let keys = d.table.keyObjects
            let size = d.table.count
            var i = 0
            return PyNativeIterator {
                if d.table.count != size { throw PyError.runtime("dictionary changed size during iteration") }
                defer { i += 1 }; return i < keys.count ? keys[i] : nil
            }
        case let s as PySet:
            let items = s.elements
            var i = 0
            return PyNativeIterator { defer { i += 1 }; return i < items.count ? items[i] : nil }
        default:
            if let m = o.cls.lookup("__iter__") { return try iterateResult(callMethod(m, o, [])) }
            if let g = o.cls.lookup("__getitem__") {
                var i: Int64 = 0
                return PyNativeIterator {
                    do { defer { i += 1 }; return try callMethod(g, o, [PyInt.make(i)]) }
                    catch let e as PyError where e.matches(Builtin.indexErrorClass) || e.matches(Builtin.stopIterationClass) { return nil }
                }
            }
            throw PyError.type("'\(typeName(o))' object is not iterable")
        }
    }

    private static func iterateResult(_ r: PyObject) throws -> PyObject {
        if r is PyNativeIterator || r is PyGenerator || r is PyComprehensionGenerator || r.cls.lookup("__next__") != nil { return r }
        throw PyError.type("iter() returned non-iterator of type '\(typeName(r))'")
    }

    /// `next(it)`; nil when exhausted.
    public static func next(_ it: PyObject) throws -> PyObject? {
        switch it {
        case let n as PyNativeIterator: return try n.next()
        case let g as PyGenerator: return try g.resume(PyNone.shared)
        case let g as PyComprehensionGenerator: return try g.next()
        default:
            guard let m = it.cls.lookup("__next__") else { throw PyError.type("'\(typeName(it))' object is not an iterator") }
            do { return try callMethod(m, it, []) }
            catch let e as PyError where e.matches(Builtin.stopIterationClass) { return nil }
        }
    }

    /// Runs `body` on each item; stops early when it returns false.
    public static func forEach(_ o: PyObject, _ body: (PyObject) throws -> Bool) throws {
        if let l = o as? PyList {
            var i = 0
            while i < l.items.count { if try !body(l.items[i]) { return }; i += 1 }
            return
        }
        if let t = o as? PyTuple { for x in t.items where try !body(x) { return }; return }
        let it = try iterate(o)
        let interpreter = Interpreter.current
        while let x = try next(it) {
            if try !body(x) { return }
            try MemoryGuard.tick()
            if interpreter.stepBudget != nil { try interpreter.spendStep() }
        }
    }

    /// All items of an iterable.
    public static func toArray(_ o: PyObject) throws -> [PyObject] {
        if let l = o as? PyList { return l.items }
        if let t = o as? PyTuple { return t.items }
        // A range knows its length: a list of it must fit before any item is made (fresh ints, 80 bytes each).
        if let r = o as? PyRange { try MemoryGuard.check(count: r.count, itemSize: 88) }
        var out: [PyObject] = []
        try forEach(o) { out.append($0); return true }
        return out
    }

    /// `len(o)`.
    public static func length(_ o: PyObject) throws -> Int {
        switch o {
        case let l as PyList: return l.items.count
        case let t as PyTuple: return t.items.count
        case let s as PyStr: return s.length
        case let d as PyDict: return d.table.count
        case let s as PySet: return s.table.count
        case let r as PyRange: return Int(r.count)
        default:
            if let m = o.cls.lookup("__len__") {
                let r = try callMethod(m, o, [])
                guard let i = r as? PyInt else { throw PyError.type("'\(typeName(r))' object cannot be interpreted as an integer") }
                if i.value < 0 { throw PyError.value("__len__() should return >= 0") }
                return Int(i.value)
            }
            throw PyError.type("object of type '\(typeName(o))' has no len()")
        }
    }

    /// Normalizes a possibly negative index; nil when out of range.
    static func normalize(_ index: PyObject, _ count: Int, _ what: String) throws -> Int {
        guard let i = index as? PyInt else {
            if what == "string" { throw PyError.type("string indices must be integers, not '\(typeName(index))'") }
            throw PyError.type("\(what) indices must be integers or slices, not \(typeName(index))")
        }
        let v = i.value < 0 ? i.value + Int64(count) : i.value
        guard v >= 0 && v < Int64(count) else { throw PyError.index("\(what) index out of range") }
        return Int(v)
    }

    static func sliceItems<T>(_ items: [T], _ s: PySlice) throws -> [T] {
        let (start, _, step, n) = try s.indices(items.count)
        if step == 1 { return Array(items[start..<(start + n)]) }
        var out: [T] = []
        out.reserveCapacity(n)
        var i = start
        for _ in 0..<n { out.append(items[i]); i += step }
        return out
    }

    /// `o[key]`.
    public static func getItem(_ o: PyObject, _ key: PyObject) throws -> PyObject {
        switch o {
        case let l as PyList where l.cls === Builtin.listType || l.cls.lookup("__getitem__") == nil:
            if let s = key as? PySlice { return PyList(try sliceItems(l.items, s)) }
            return l.items[try normalize(key, l.items.count, "list")]
        case let t as PyTuple where t.cls === Builtin.tupleType || t.cls.lookup("__getitem__") == nil:
            if let s = key as? PySlice { return PyTuple(try sliceItems(t.items, s)) }
            return t.items[try normalize(key, t.items.count, "tuple")]
        case let s as PyStr:
            if let sl = key as? PySlice {
                var v = String.UnicodeScalarView()
                v.append(contentsOf: try sliceItems(s.scalars, sl))
                return PyStr(String(v))
            }
            let sc = s.scalars
            return PyStr(String(sc[try normalize(key, sc.count, "string")]))
        case let d as PyDict where d.cls.lookup("__getitem__") == nil:
            if let v = try d.get(key) { return v }
            if let f = d.defaultFactory {
                let v = try call(f, [])
                try d.set(key, v)
                return v
            }
            if let m = d.cls.lookup("__missing__") { return try callMethod(m, d, [key]) }
            throw PyError.key(key)
        case let r as PyRange:
            if let s = key as? PySlice {
                let (start, _, step, n) = try s.indices(Int(r.count))
                let first = r.element(Int64(start))
                let (newStep, o1) = r.step.multipliedReportingOverflow(by: Int64(step))
                let (span, o2) = newStep.multipliedReportingOverflow(by: Int64(n))
                let (stop, o3) = first.addingReportingOverflow(span)
                if o1 || o2 || o3 { throw PyError.overflow() }
                return PyRange(first, stop, newStep)
            }
            return PyInt.make(r.element(Int64(try normalize(key, Int(r.count), "range object"))))
        case let k as PyClass:
            if let m = k.lookup("__class_getitem__") { return try call(m, [key]) }
            return k
        default:
            if let m = o.cls.lookup("__getitem__") { return try callMethod(m, o, [key]) }
            throw PyError.type("'\(typeName(o))' object is not subscriptable")
        }
    }

    /// `o[key] = value`.
    public static func setItem(_ o: PyObject, _ key: PyObject, _ value: PyObject) throws {
        if let m = o.cls.lookup("__setitem__") { _ = try callMethod(m, o, [key, value]); return }
        switch o {
        case let l as PyList:
            if let s = key as? PySlice {
                let items = try toArray(value)
                let (start, stop, step, n) = try s.indices(l.items.count)
                if step == 1 {
                    l.items.replaceSubrange(start..<max(start, stop), with: items)
                } else {
                    guard items.count == n else {
                        throw PyError.value("attempt to assign sequence of size \(items.count) to extended slice of size \(n)")
                    }
                    var i = start
                    for item in items { l.items[i] = item; i += step }
                }
                return
            }
            l.items[try normalize(key, l.items.count, "list assignment")] = value
        case let d as PyDict: try d.set(key, value)
        default:
            throw PyError.type("'\(typeName(o))' object does not support item assignment")
        }
    }

    /// `del o[key]`.
    public static func deleteItem(_ o: PyObject, _ key: PyObject) throws {
        if let m = o.cls.lookup("__delitem__") { _ = try callMethod(m, o, [key]); return }
        switch o {
        case let l as PyList:
            if let s = key as? PySlice {
                let (start, _, step, n) = try s.indices(l.items.count)
                let doomed = Set((0..<n).map { start + $0 * step })
                l.items = l.items.enumerated().filter { !doomed.contains($0.offset) }.map { $0.element }
                return
            }
            l.items.remove(at: try normalize(key, l.items.count, "list assignment"))
        case let d as PyDict:
            if d.table.remove(try HashKey(key)) == nil { throw PyError.key(key) }
        default:
            throw PyError.type("'\(typeName(o))' object doesn't support item deletion")
        }
    }

    /// `item in container`.
    public static func contains(_ container: PyObject, _ item: PyObject) throws -> Bool {
        switch container {
        case let d as PyDict: return try d.get(item) != nil
        case let s as PySet: return try s.contains(item)
        case let s as PyStr:
            guard let sub = item as? PyStr else {
                throw PyError.type("'in <string>' requires string as left operand, not \(typeName(item))")
            }
            return sub.value.isEmpty || s.value.contains(sub.value)
        case let l as PyList: return try l.items.contains { try equals($0, item) }
        case let t as PyTuple: return try t.items.contains { try equals($0, item) }
        case let r as PyRange:
            guard let i = item as? PyInt else { return false }
            let off = i.value &- r.start
            if r.step > 0 ? (i.value < r.start || i.value >= r.stop) : (i.value > r.start || i.value <= r.stop) { return false }
            return off % r.step == 0
        default:
            if let m = container.cls.lookup("__contains__") { return try truthy(callMethod(m, container, [item])) }
            var found = false
            try forEach(container) { x in found = try equals(x, item); return !found }
            return found
        }
    }
}
