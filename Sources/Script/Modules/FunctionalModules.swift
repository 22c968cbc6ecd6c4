/// `itertools` and `functools`.
enum FunctionalModules {
    static func itertools() -> PyModule {
        let m = PyModule(name: "itertools")
        m.define("count", "start=, step=") { a in
            var current: PyObject = a.optional(0) ?? PyInt.make(0)
            let step: PyObject = a.optional(1) ?? PyInt.make(1)
            return PyNativeIterator {
                defer { current = (try? Runtime.binary(.add, current, step)) ?? current }
                return current
            }
        }
        m.define("repeat", "obj, times=") { a in
            var left = try a.optional(1).map { try Builtin.int($0) } ?? -1
            let obj = a[0]
            return PyNativeIterator {
                if left == 0 { return nil }
                if left > 0 { left -= 1 }
                return obj
            }
        }
        m.define("cycle", "it") { a in
            let items = try Runtime.toArray(a[0])
            var i = 0
            return PyNativeIterator {
                if items.isEmpty { return nil }
                defer { i = (i + 1) % items.count }
                return items[i]
            }
        }
        let chain = PyNativeFunction(name: "chain", parameters: "*its") { a in chainIterator(a.rest.makeIterator()) }
        chain.attributes = AttributeTable()
        chain.attributes?["from_iterable"] = PyNativeFunction(name: "from_iterable", parameters: "it") { a in
            let outer = try Runtime.iterate(a[0])
            return chainIterator(AnyIterator { (try? Runtime.next(outer)) ?? nil })
        }
        m["chain"] = chain
        m.define("islice", "it, a, b=, c=") { a in
            let it = try Runtime.iterate(a[0])
            var start: Int64 = 0, stop: Int64? = nil, step: Int64 = 1
            if a.values.count > 2, a.values[2] != nil {
                start = try a.optional(1).map { try Builtin.int($0) } ?? 0
                stop = try a.optional(2).map { try Builtin.int($0) }
                step = try a.optional(3).map { try Builtin.int($0) } ?? 1
            } else {
                stop = try a.optional(1).map { try Builtin.int($0) }
            }
            if start < 0 || (stop ?? 0) < 0 || step < 1 {
                throw PyError.value("Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.")
            }
            var index: Int64 = 0
            var nextWanted = start
            return PyNativeIterator {
                while true {
                    if let s = stop, nextWanted >= s { return nil }
                    guard let v = try Runtime.next(it) else { return nil }
                    defer { index += 1 }
                    if index == nextWanted { nextWanted += step; return v }
                }
            }
        }
        addCombinatorics(m)
        m.define("accumulate", "it, func=, *, initial=") { a in
            let it = try Runtime.iterate(a[0])
            let f = a.optional(1)
            var total: PyObject? = a.optional(2)
            var emittedInitial = total == nil
            return PyNativeIterator {
                if !emittedInitial { emittedInitial = true; return total }
                guard let v = try Runtime.next(it) else { return nil }
                if let t = total { total = try f.map { try Runtime.call($0, [t, v]) } ?? Runtime.binary(.add, t, v) } else { total = v }
                return total
            }
        }
        m.define("zip_longest", "*its, fillvalue=") { a in
            let its = try a.rest.map { try Runtime.iterate($0) }
            let fill = a[0]
            return PyNativeIterator {
                var items: [PyObject] = []
                var any = false
                for it in its {
                    if let v = try Runtime.next(it) { items.append(v); any = true } else { items.append(fill) }
                }
                return any ? PyTuple(items) : nil
            }
        }
        return m
    }

    static func chainIterator<I: IteratorProtocol>(_ sources: I) -> PyNativeIterator where I.Element == PyObject {
        var sources = sources
        var current: PyObject? = nil
        return PyNativeIterator {
            while true {
                if let c = current, let v = try Runtime.next(c) { return v }
                guard let nextSource = sources.next() else { return nil }
                current = try Runtime.iterate(nextSource)
            }
        }
    }

    static func functools() -> PyModule {
        let m = PyModule(name: "functools")
        addOrdering(m)
        m.define("reduce", "f, it, initial=") { a in
            let it = try Runtime.iterate(a[1])
            var acc: PyObject
            if a.values[2] != nil { acc = a[2] } else {
                guard let first = try Runtime.next(it) else { throw PyError.type("reduce() of empty iterable with no initial value") }
                acc = first
            }
            while let v = try Runtime.next(it) { acc = try Runtime.call(a[0], [acc, v]) }
            return acc
        }
        m.define("partial", "f, *args, **kw") { a in
            let f = a[0], bound = a.rest, boundKw = a.keywords
            return PyNativeFunction(name: "partial") { b in
                try Runtime.call(f, bound + b.rest, boundKw + b.keywords)
            }
        }
        let cache: (Arguments) throws -> PyObject = { a in
            let f = a[0]
            let memo = PyDict()
            return PyNativeFunction(name: (f as? PyFunction)?.name ?? "cached") { b in
                // Keyword arguments are part of the key (name, value pairs after a marker), as in CPython.
                let key = PyTuple(b.keywords.isEmpty ? b.rest : b.rest + [PyEllipsis.shared] + b.keywords.flatMap { [PyStr($0.0), $0.1] as [PyObject] })
                if let v = try memo.get(key) { return v }
                let v = try Runtime.call(f, b.rest, b.keywords)
                try memo.set(key, v)
                return v
            }
        }
        m.define("cache", "f", cache)
        m.define("lru_cache", "maxsize=, typed=") { a in
            if a[0] is PyFunction { return try cache(a) }
            return PyNativeFunction(name: "lru_cache", parameters: "f", cache)
        }
        m.define("wraps", "wrapped") { a in
            let wrapped = a[0]
            return PyNativeFunction(name: "wraps", parameters: "f") { b in
                if let w = b[0] as? PyFunction, let name = (wrapped as? PyFunction)?.name { w.name = name }
                return b[0]
            }
        }
        return m
    }
}
