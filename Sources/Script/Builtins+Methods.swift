import Foundation

/// Methods of str, list, dict, set and tuple (LANGUAGE.md §3).
extension Builtin {
    static func installMethods() {
        installStringMethods()
        installViewSetOperators()
        let list = listType
        func me(_ a: Arguments) -> PyList { (a[0] as? PyList) ?? PyList([]) }
        list.define("append", "self, x") { a in me(a).items.append(a[1]); try MemoryGuard.tick(); return PyNone.shared }
        list.define("extend", "self, it") { a in
            let l = me(a), items = try Runtime.toArray(a[1])
            try MemoryGuard.check(count: l.items.count &+ items.count, itemSize: 8)
            l.items.append(contentsOf: items)
            return PyNone.shared
        }
        list.define("insert", "self, i, x") { a in
            let l = me(a), n = Int64(l.items.count)
            var i = try int(a[1])
            if i < 0 { i = max(0, i + n) }
            l.items.insert(a[2], at: Int(min(i, n)))
            try MemoryGuard.tick()
            return PyNone.shared
        }
        list.define("pop", "self, i=") { a in
            let l = me(a)
            if l.items.isEmpty { throw PyError.index("pop from empty list") }
            guard let i = a.optional(1) else { return l.items.removeLast() }
            return l.items.remove(at: try Runtime.normalize(i, l.items.count, "pop"))
        }
        list.define("remove", "self, x") { a in
            let l = me(a)
            guard let i = try l.items.firstIndex(where: { try Runtime.equals($0, a[1]) }) else { throw PyError.value("list.remove(x): x not in list") }
            l.items.remove(at: i)
            return PyNone.shared
        }
        list.define("index", "self, x, start=") { a in
            guard let i = try me(a).items.firstIndex(where: { try Runtime.equals($0, a[1]) }) else { throw PyError.value("\(try Runtime.repr(a[1])) is not in list") }
            return PyInt.make(i)
        }
        list.define("count", "self, x") { a in PyInt.make(try me(a).items.filter { try Runtime.equals($0, a[1]) }.count) }
        list.define("sort", "self, *, key=, reverse=") { a in
            try sortList(me(a), key: a.optional(1), reverse: try a.optional(2).map { try Runtime.truthy($0) } ?? false)
            return PyNone.shared
        }
        list.define("reverse", "self") { a in me(a).items.reverse(); return PyNone.shared }
        list.define("copy", "self") { a in PyList(me(a).items) }
        list.define("clear", "self") { a in me(a).items.removeAll(); return PyNone.shared }

        tupleType.define("index", "self, x") { a in
            guard let i = try ((a[0] as? PyTuple)?.items ?? []).firstIndex(where: { try Runtime.equals($0, a[1]) }) else { throw PyError.value("tuple.index(x): x not in tuple") }
            return PyInt.make(i)
        }
        tupleType.define("count", "self, x") { a in PyInt.make(try ((a[0] as? PyTuple)?.items ?? []).filter { try Runtime.equals($0, a[1]) }.count) }

        let dict = dictType
        func d(_ a: Arguments) -> PyDict { (a[0] as? PyDict) ?? PyDict() }
        dict.define("keys", "self") { a in PyList(d(a).table.keyObjects, cls: dictKeysType) }
        dict.define("values", "self") { a in PyList(d(a).table.pairs.map { $0.1 }, cls: dictValuesType) }
        dict.define("items", "self") { a in PyList(d(a).table.pairs.map { PyTuple([$0.0.object, $0.1]) }, cls: dictItemsType) }
        dict.define("get", "self, key, default=") { a in try d(a).get(a[1]) ?? a[2] }
        dict.define("setdefault", "self, key, default=") { a in
            if let v = try d(a).get(a[1]) { return v }
            try d(a).set(a[1], a[2])
            return a[2]
        }
        dict.define("pop", "self, key, default=") { a in
            if let v = d(a).table.remove(try HashKey(a[1])) { return v }
            if a.values[2] != nil { return a[2] }
            throw PyError.key(a[1])
        }
        dict.define("popitem", "self") { a in
            guard let (k, v) = d(a).table.pairs.last else { throw PyError.key(PyStr("popitem(): dictionary is empty")) }
            d(a).table.remove(k)
            return PyTuple([k.object, v])
        }
        dict.define("update", "self, other=, **kw") { a in
            if let o = a.optional(1) { try Runtime.update(d(a), o) }
            for (k, v) in a.keywords { try d(a).set(PyStr(k), v) }
            return PyNone.shared
        }
        dict.define("copy", "self") { a in let c = PyDict(cls: d(a).cls); c.table = d(a).table; c.defaultFactory = d(a).defaultFactory; return c }
        dict.define("clear", "self") { a in d(a).table.removeAll(); return PyNone.shared }
        dict.setAttribute("fromkeys", PyMethodWrapper(PyNativeFunction(name: "fromkeys", parameters: "cls, keys, value=") { a in
            let r = PyDict()
            try Runtime.forEach(a[1]) { try r.set($0, a[2]); return true }
            return r
        }, classMethod: true))

        let set = setType
        func s(_ a: Arguments) -> PySet { (a[0] as? PySet) ?? PySet() }
        set.define("add", "self, x") { a in try s(a).add(a[1]); return PyNone.shared }
        set.define("discard", "self, x") { a in try s(a).discard(a[1]); return PyNone.shared }
        set.define("remove", "self, x") { a in
            if try !s(a).discard(a[1]) { throw PyError.key(a[1]) }
            return PyNone.shared
        }
        set.define("pop", "self") { a in
            guard let first = s(a).elements.first else { throw PyError.key(PyStr("pop from an empty set")) }
            try s(a).discard(first)
            return first
        }
        set.define("update", "self, *others") { a in
            for o in a.rest { try s(a).update(with: o) }
            return PyNone.shared
        }
        set.define("clear", "self") { a in s(a).removeAll(); return PyNone.shared }
        set.define("copy", "self") { a in s(a).copied() }
        let union: (Arguments) throws -> PyObject = { a in
            let r = s(a).copied()
            for o in a.rest { try r.update(with: o) }
            return r
        }
        let intersection: (Arguments) throws -> PyObject = { a in
            var r = s(a).copied()
            for o in a.rest { r = try r.intersection(o) }
            return r
        }
        let difference: (Arguments) throws -> PyObject = { a in
            var r = s(a).copied()
            for o in a.rest { r = try r.difference(o) }
            return r
        }
        let symmetric: (Arguments) throws -> PyObject = { a in try s(a).symmetricDifference(a[1]) }
        for c in [set, frozensetType] {
            c.define("union", "self, *others", union)
            c.define("intersection", "self, *others", intersection)
            c.define("difference", "self, *others", difference)
            c.define("symmetric_difference", "self, other", symmetric)
        }
        set.define("issubset", "self, other") { a in
            let o = try Runtime.toArray(a[1])
            let other = PySet(); for x in o { try other.add(x) }
            return PyBool.make(try s(a).elements.allSatisfy { try other.contains($0) })
        }
        set.define("issuperset", "self, other") { a in PyBool.make(try Runtime.toArray(a[1]).allSatisfy { try s(a).contains($0) }) }

        intType.define("bit_length", "self") { a in PyInt.make(64 - (try int(a[0])).magnitude.leadingZeroBitCount) }
        intType.attributeFallback = { o, name in
            guard let i = o as? PyInt else { return nil }
            switch name {
            case "real", "numerator": return PyInt.make(i.value)
            case "imag": return PyInt.make(0)
            case "denominator": return PyInt.make(1)
            default: return nil
            }
        }
        boolType.attributeFallback = intType.attributeFallback
        floatType.define("as_integer_ratio", "self") { a in
            let x = try double(a[0])
            if x.isNaN { throw PyError.value("cannot convert NaN to integer ratio") }
            if x.isInfinite { throw PyError.overflow("cannot convert Infinity to integer ratio") }
            var m = x.significand * (x.sign == .minus ? -1 : 1), e = Int(x.exponent)
            if x == 0 { return PyTuple([PyInt.make(0), PyInt.make(1)]) }
            while m != m.rounded(.towardZero) { m *= 2; e -= 1 }
            if e >= 0 {
                let scaled = m * pow(2.0, Double(e))
                guard abs(scaled) < 9.2e18 else { throw PyError.overflow() }
                return PyTuple([PyInt.make(Int64(scaled)), PyInt.make(1)])
            }
            guard -e <= 62 else { throw PyError.overflow() }
            return PyTuple([PyInt.make(Int64(m)), PyInt.make(Int64(1) << Int64(-e))])
        }
        intType.define("as_integer_ratio", "self") { a in PyTuple([PyInt.make(try int(a[0])), PyInt.make(1)]) }
        floatType.define("is_integer", "self") { a in PyBool.make((try double(a[0])).rounded() == (try double(a[0]))) }
        floatType.define("__round__", "self, n=") { a in
            let x = try double(a[0])
            guard let n = a.optional(1) else { return try toInt(x.rounded(.toNearestOrEven)) }
            return PyFloat(roundFloat(x, Int(try int(n))))
        }
        floatType.attributeFallback = { o, name in
            guard let f = o as? PyFloat else { return nil }
            return name == "real" ? f : name == "imag" ? PyFloat(0) : nil
        }
        rangeType.attributeFallback = { o, name in
            guard let r = o as? PyRange else { return nil }
            switch name {
            case "start": return PyInt.make(r.start)
            case "stop": return PyInt.make(r.stop)
            case "step": return PyInt.make(r.step)
            default: return nil
            }
        }
        sliceType.attributeFallback = { o, name in
            guard let s = o as? PySlice else { return nil }
            return name == "start" ? s.start : name == "stop" ? s.stop : name == "step" ? s.step : nil
        }
        generatorType.define("send", "self, value") { a in
            guard let g = a[0] as? PyGenerator else { throw PyError.type("send() on a non-generator") }
            if let v = try g.resume(a[1]) { return v }
            throw PyError.stopIteration(g.returnValue)
        }
        generatorType.define("close", "self") { _ in PyNone.shared }
        generatorType.define("__next__", "self") { a in
            if let v = try Runtime.next(a[0]) { return v }
            throw PyError.stopIteration((a[0] as? PyGenerator)?.returnValue)
        }
    }

    /// Set operators on `keys()` and `items()` views: `d.keys() & other` is a set, as in CPython.
    static func installViewSetOperators() {
        for c in [setType, frozensetType] {
            c.define("isdisjoint", "self, other") { a in
                guard let me = a[0] as? PySet else { return PyBool.falseValue }
                return PyBool.make(try Runtime.toArray(a[1]).allSatisfy { !(try me.contains($0)) })
            }
        }
        for view in [dictKeysType, dictItemsType] {
            for (name, reflected, op) in [("__and__", "__rand__", "intersection"), ("__or__", "__ror__", "union"),
                                          ("__sub__", "__rsub__", "difference"), ("__xor__", "__rxor__", "symmetric_difference")] {
                view.define(name, "self, other") { a in
                    let s = PySet()
                    try s.update(with: a[0])
                    return try Runtime.invokeMethod(s, op, [a[1]])
                }
                view.define(reflected, "self, other") { a in
                    let s = PySet()
                    try s.update(with: a[1])
                    let mine = PySet()
                    try mine.update(with: a[0])
                    return try Runtime.invokeMethod(s, op, [mine])
                }
            }
            view.define("isdisjoint", "self, other") { a in
                let s = PySet()
                try s.update(with: a[0])
                return PyBool.make(try Runtime.toArray(a[1]).allSatisfy { !(try s.contains($0)) })
            }
        }
    }

    /// dict views: lists with their own class names (repr `dict_keys([...])`).
    static let dictKeysType = native("dict_keys", listType)
    static let dictValuesType = native("dict_values", listType)
    static let dictItemsType = native("dict_items", listType)
}
