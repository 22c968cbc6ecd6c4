/// `collections.deque`: a list-backed double-ended queue with `maxlen` (not a `list` subclass, as in CPython).
extension CollectionsModule {
    static let dequeType: PyClass = {
        let c = PyClass(name: "deque", bases: [Builtin.objectType], module: "collections")
        c.allocator = { k in PyList([], cls: k) }
        func me(_ a: Arguments) throws -> PyList {
            guard let l = a[0] as? PyList else { throw PyError.type("descriptor requires a 'collections.deque' object") }
            return l
        }
        func maxlen(_ l: PyList) -> Int? { (l.attributes?["__maxlen__"] as? PyInt).map { Int($0.value) } }
        /// Drops items from the other end while the deque is over its maxlen.
        func trim(_ l: PyList, fromLeft: Bool) {
            guard let m = maxlen(l), l.items.count > m else { return }
            if fromLeft { l.items.removeFirst(l.items.count - m) } else { l.items.removeLast(l.items.count - m) }
        }
        c.define("__init__", "self, iterable=, maxlen=") { a in
            let l = try me(a)
            if let m = a.optional(2) {
                guard let n = m as? PyInt else { throw PyError.type("an integer is required") }
                if n.value < 0 { throw PyError.value("maxlen must be non-negative") }
                l.attributes?["__maxlen__"] = n
            }
            l.items = try a.optional(1).map { try Runtime.toArray($0) } ?? []
            trim(l, fromLeft: true)
            return PyNone.shared
        }
        c.define("append", "self, x") { a in let l = try me(a); l.items.append(a[1]); trim(l, fromLeft: true); try MemoryGuard.tick(); return PyNone.shared }
        c.define("appendleft", "self, x") { a in let l = try me(a); l.items.insert(a[1], at: 0); trim(l, fromLeft: false); try MemoryGuard.tick(); return PyNone.shared }
        c.define("extend", "self, iterable") { a in
            let l = try me(a)
            l.items.append(contentsOf: try Runtime.toArray(a[1]))
            trim(l, fromLeft: true)
            return PyNone.shared
        }
        c.define("extendleft", "self, iterable") { a in
            let l = try me(a)
            l.items.insert(contentsOf: try Runtime.toArray(a[1]).reversed(), at: 0)
            trim(l, fromLeft: false)
            return PyNone.shared
        }
        c.define("pop", "self") { a in
            let l = try me(a)
            guard let v = l.items.popLast() else { throw PyError.index("pop from an empty deque") }
            return v
        }
        c.define("popleft", "self") { a in
            let l = try me(a)
            if l.items.isEmpty { throw PyError.index("pop from an empty deque") }
            return l.items.removeFirst()
        }
        c.define("rotate", "self, n=") { a in
            let l = try me(a)
            let count = l.items.count
            guard count > 1 else { return PyNone.shared }
            let n = try a.optional(1).map { try Builtin.int($0) } ?? 1
            let k = Int(((n % Int64(count)) + Int64(count)) % Int64(count))
            if k > 0 { l.items = Array(l.items[(count - k)...] + l.items[..<(count - k)]) }
            return PyNone.shared
        }
        c.define("clear", "self") { a in try me(a).items.removeAll(); return PyNone.shared }
        c.define("copy", "self") { a in
            let l = try me(a)
            let d = PyList(l.items, cls: l.cls)
            d.attributes?["__maxlen__"] = l.attributes?["__maxlen__"]
            return d
        }
        c.define("count", "self, x") { a in PyInt.make(try me(a).items.filter { try Runtime.equals($0, a[1]) }.count) }
        c.define("index", "self, x") { a in
            guard let i = try me(a).items.firstIndex(where: { try Runtime.equals($0, a[1]) }) else {
                throw PyError.value("\(try Runtime.repr(a[1])) is not in deque")
            }
            return PyInt.make(i)
        }
        c.define("remove", "self, x") { a in
            let l = try me(a)
            guard let i = try l.items.firstIndex(where: { try Runtime.equals($0, a[1]) }) else { throw PyError.value("\(try Runtime.repr(a[1])) is not in deque") }
            l.items.remove(at: i)
            return PyNone.shared
        }
        c.define("insert", "self, i, x") { a in
            let l = try me(a)
            if let m = maxlen(l), l.items.count >= m { throw PyError.index("deque already at its maximum size") }
            let n = Int64(l.items.count)
            var i = try Builtin.int(a[1])
            if i < 0 { i = max(0, i + n) }
            l.items.insert(a[2], at: Int(min(i, n)))
            return PyNone.shared
        }
        c.define("reverse", "self") { a in try me(a).items.reverse(); return PyNone.shared }
        c.define("__repr__", "self") { a in
            let l = try me(a)
            let body = try l.items.map { try Runtime.repr($0) }.joined(separator: ", ")
            return PyStr("deque([\(body)]\(maxlen(l).map { ", maxlen=\($0)" } ?? ""))")
        }
        c.define("__eq__", "self, other") { a in
            guard let l = a[0] as? PyList else { return PyNotImplemented.shared }
            // A deque equals only deques (the interpreter would otherwise compare it with lists item by item).
            guard let o = a[1] as? PyList, a[1].cls.isSubclass(of: c) else { return a[1] is PyList ? PyBool.falseValue : PyNotImplemented.shared }
            return PyBool.make(try l.items.count == o.items.count && zip(l.items, o.items).allSatisfy { try Runtime.equals($0.0, $0.1) })
        }
        c.setAttribute("__hash__", PyNone.shared)
        c.attributeFallback = { o, name in
            guard name == "maxlen", let l = o as? PyList else { return nil }
            return l.attributes?["__maxlen__"] ?? PyNone.shared
        }
        return c
    }()
}
