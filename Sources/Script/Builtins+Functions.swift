import Foundation

extension Builtin {
    static var installed = false

    /// Builds the `builtins` module: functions, types and exception classes.
    static func makeModule() -> PyModule {
        if !installed {
            installed = true
            installConstructors()
            installExceptionMethods()
            installMethods()
        }
        let m = PyModule(name: "builtins")
        for (name, cls) in [("object", objectType), ("int", intType), ("bool", boolType), ("float", floatType),
                            ("str", strType), ("list", listType), ("tuple", tupleType), ("dict", dictType),
                            ("set", setType), ("frozenset", frozensetType), ("range", rangeType), ("slice", sliceType),
                            ("property", propertyType), ("staticmethod", staticmethodType),
                            ("classmethod", classmethodType), ("type", PyClass.typeClass), ("super", superType)] {
            m[name] = cls
        }
        for c in allExceptionClasses { m[c.name] = c }
        m["IOError"] = osErrorClass
        m["EnvironmentError"] = osErrorClass
        m["None"] = PyNone.shared
        m["Ellipsis"] = PyEllipsis.shared
        m["NotImplemented"] = PyNotImplemented.shared
        m["super"] = PyNativeFunction(name: "super", parameters: "t=, obj=") { a in
            guard let t = a.optional(0) as? PyClass, let obj = a.optional(1) else { throw PyError.runtime("super(): no arguments") }
            return PySuper(startAfter: t, receiver: obj)
        }
        m.define("print", "") { a in
            let sep = try a.keyword("sep").flatMap { $0 === PyNone.shared ? nil : try string($0) } ?? " "
            let end = try a.keyword("end").flatMap { $0 === PyNone.shared ? nil : try string($0) } ?? "\n"
            let text = try a.rest.map { try Runtime.str($0) }.joined(separator: sep) + end
            if let file = a.keyword("file"), file !== PyNone.shared {
                _ = try Runtime.invokeMethod(file, "write", [PyStr(text)])
            } else {
                Interpreter.current.output(text)
            }
            return PyNone.shared
        }
        m.define("len", "obj") { a in PyInt.make(try Runtime.length(a[0])) }
        m.define("repr", "obj") { a in PyStr(try Runtime.repr(a[0])) }
        m.define("ascii", "obj") { a in PyStr(try Runtime.repr(a[0])) }
        m.define("format", "value, spec=") { a in PyStr(try Formatting.format(a[0], try a.optional(1).map { try string($0) } ?? "")) }
        m.define("abs", "x") { a in
            switch a[0] {
            case let i as PyInt:
                if i.value == Int64.min { throw PyError.overflow() }
                return PyInt.make(abs(i.value))
            case let f as PyFloat: return PyFloat(abs(f.value))
            default:
                if let f = a[0].cls.lookup("__abs__") { return try Runtime.callMethod(f, a[0], []) }
                throw PyError.type("bad operand type for abs(): '\(a[0].cls.name)'")
            }
        }
        m.define("isinstance", "obj, cls") { a in PyBool.make(try isInstance(a[0], a[1])) }
        m.define("issubclass", "cls, classinfo") { a in
            guard let c = a[0] as? PyClass else { throw PyError.type("issubclass() arg 1 must be a class") }
            return PyBool.make(try classMatches(c, a[1]))
        }
        m.define("hasattr", "obj, name") { a in
            do { _ = try Runtime.getAttribute(a[0], try string(a[1])); return PyBool.trueValue }
            catch let e as PyError where e.matches(attributeErrorClass) { return PyBool.falseValue }
        }
        m.define("getattr", "obj, name, default=") { a in
            do { return try Runtime.getAttribute(a[0], try string(a[1])) }
            catch let e as PyError where e.matches(attributeErrorClass) && a.values[2] != nil { return a[2] }
        }
        m.define("setattr", "obj, name, value") { a in try Runtime.setAttribute(a[0], try string(a[1]), a[2]); return PyNone.shared }
        m.define("delattr", "obj, name") { a in try Runtime.setAttribute(a[0], try string(a[1]), nil); return PyNone.shared }
        m.define("callable", "obj") { a in
            let o = a[0]
            return PyBool.make(o is PyFunction || o is PyNativeFunction || o is PyBoundMethod || o is PyClass || o.cls.lookup("__call__") != nil)
        }
        m.define("id", "obj") { a in PyInt.make(Int64(truncatingIfNeeded: ObjectIdentifier(a[0]).hashValue)) }
        m.define("hash", "obj") { a in PyInt.make(Int64(try Runtime.hash(a[0]))) }
        m.define("iter", "obj") { a in try Runtime.iterate(a[0]) }
        m.define("next", "it, default=") { a in
            if let v = try Runtime.next(a[0]) { return v }
            if a.values[1] != nil { return a[1] }
            throw PyError.stopIteration((a[0] as? PyGenerator)?.returnValue)
        }
        m.define("chr", "i") { a in
            if (0xD800...0xDFFF).contains(try int(a[0])) {
                throw PyError.value("chr() arg is a lone surrogate, which wick's strings cannot hold")
            }
            guard let s = Unicode.Scalar(UInt32(clamping: max(0, try int(a[0])))), try int(a[0]) <= 0x10FFFF else {
                throw PyError.value("chr() arg not in range(0x110000)")
            }
            return PyStr(String(s))
        }
        m.define("ord", "c") { a in
            let s = try string(a[0])
            guard s.unicodeScalars.count == 1, let u = s.unicodeScalars.first else {
                throw PyError.type("ord() expected a character, but string of length \(s.unicodeScalars.count) found")
            }
            return PyInt.make(Int64(u.value))
        }
        m.define("any", "it") { a in
            var r = false
            try Runtime.forEach(a[0]) { r = try Runtime.truthy($0); return !r }
            return PyBool.make(r)
        }
        m.define("all", "it") { a in
            var r = true
            try Runtime.forEach(a[0]) { r = try Runtime.truthy($0); return r }
            return PyBool.make(r)
        }
        m.define("sum", "it, start=") { a in
            var acc: PyObject = a.optional(1) ?? PyInt.make(0)
            try Runtime.forEach(a[0]) { acc = try Runtime.binary(.add, acc, $0); return true }
            return acc
        }
        m.define("min", "") { a in try extreme(a, .lt, "min") }
        m.define("max", "") { a in try extreme(a, .gt, "max") }
        m.define("sorted", "it, *, key=, reverse=") { a in
            let l = PyList(try Runtime.toArray(a[0]))
            try sortList(l, key: a.optional(1), reverse: try a.optional(2).map { try Runtime.truthy($0) } ?? false)
            return l
        }
        m.define("reversed", "seq") { a in
            if let m = a[0].cls.lookup("__reversed__") { return try Runtime.callMethod(m, a[0], []) }
            let items = Array(try Runtime.toArray(a[0]).reversed())
            var i = 0
            return PyNativeIterator { defer { i += 1 }; return i < items.count ? items[i] : nil }
        }
        m.define("enumerate", "it, start=") { a in
            let it = try Runtime.iterate(a[0])
            var i = try a.optional(1).map { try int($0) } ?? 0
            return PyNativeIterator {
                guard let v = try Runtime.next(it) else { return nil }
                defer { i += 1 }
                return PyTuple([PyInt.make(i), v])
            }
        }
        m.define("zip", "*its, strict=") { a in
            let its = try a.rest.map { try Runtime.iterate($0) }
            return PyNativeIterator {
                if its.isEmpty { return nil }
                var items: [PyObject] = []
                items.reserveCapacity(its.count)
                for it in its { guard let v = try Runtime.next(it) else { return nil }; items.append(v) }
                return PyTuple(items)
            }
        }
        m.define("map", "f, *its") { a in
            let f = a[0]
            let its = try a.rest.map { try Runtime.iterate($0) }
            return PyNativeIterator {
                var items: [PyObject] = []
                items.reserveCapacity(its.count)
                for it in its { guard let v = try Runtime.next(it) else { return nil }; items.append(v) }
                return try Runtime.call(f, items)
            }
        }
        m.define("filter", "f, it") { a in
            let f = a[0], it = try Runtime.iterate(a[1])
            return PyNativeIterator {
                while let v = try Runtime.next(it) {
                    if try Runtime.truthy(f === PyNone.shared ? v : try Runtime.call(f, [v])) { return v }
                }
                return nil
            }
        }
        m.define("round", "x, ndigits=") { a in
            let nd = a.optional(1)
            if let i = a[0] as? PyInt {
                guard let n = nd else { return PyInt.make(i.value) }
                let digits = try int(n)
                if digits >= 0 { return PyInt.make(i.value) }
                if digits < -18 { return PyInt.make(0) }
                let p = Int64(pow(10.0, Double(-digits)))
                let q = Double(i.value) / Double(p)
                return PyInt.make(Int64(q.rounded(.toNearestOrEven)) * p)
            }
            if a[0].cls.lookup("__round__") != nil { return try Runtime.invokeMethod(a[0], "__round__", nd.map { [$0] } ?? []) }
            let x = try double(a[0])
            guard let n = nd else { return try toInt(x.rounded(.toNearestOrEven)) }
            return PyFloat(roundFloat(x, Int(try int(n))))
        }
        m.define("pow", "base, exp, mod=") { a in
            if let mod = a.optional(2) {
                var b = try int(a[0]), e = try int(a[1])
                let md = try int(mod)
                if md == 0 { throw PyError.value("pow() 3rd argument cannot be 0") }
                var r: Int64 = 1
                b = ((b % md) + md) % md
                while e > 0 {
                    if e & 1 == 1 { r = Int64((Int128(r) * Int128(b)) % Int128(md)) }
                    b = Int64((Int128(b) * Int128(b)) % Int128(md)); e >>= 1
                }
                return PyInt.make(r)
            }
            return try Runtime.binary(.pow, a[0], a[1])
        }
        m.define("divmod", "a, b") { a in
            PyTuple([try Runtime.binary(.floordiv, a[0], a[1]), try Runtime.binary(.mod, a[0], a[1])])
        }
        m.define("vars", "obj=") { a in try Runtime.getAttribute(a[0], "__dict__") }
        m.define("dir", "obj=") { a in
            guard let o = a.optional(0) else {
                // The current scope's names need the caller's frame, which native functions do not see.
                throw PyError.notImplemented("dir() without an argument is not supported by wick; use dir(obj) or globals().keys()")
            }
            if !(o is PyClass), o.cls.lookup("__dir__") != nil {
                let listed = try Runtime.call(try Runtime.getAttribute(o, "__dir__"), [])
                let names = try Runtime.toArray(listed).map { try string($0) }
                return PyList(names.sorted().map { PyStr($0) })
            }
            var names = Set<String>()
            for (k, _) in o.attributes?.entries ?? [] { names.insert(k) }
            if let m = o as? PyModule { for (k, _) in m.entries { names.insert(k) } }
            for c in (o as? PyClass)?.mro ?? o.cls.mro { for (k, _) in c.namespace.entries { names.insert(k) } }
            return PyList(names.sorted().map { PyStr($0) })
        }
        // A snapshot of the main module's globals (writes to it do not create variables).
        m.define("globals", "") { _ in Runtime.moduleDict(Interpreter.current.modules["__main__"] ?? PyModule(name: "__main__")) }
        m.define("input", "prompt=") { a in
            if let p = a.optional(0) { Interpreter.current.output(try Runtime.str(p)) }
            guard let line = readLine() else { throw PyError(eofErrorClass, "EOF when reading a line") }
            return PyStr(line)
        }
        m.define("open", "file, mode=, encoding=, newline=") { a in try FileObject.open(try string(a[0]), try a.optional(1).map { try string($0) } ?? "r") }
        m.define("exit", "code=") { a in throw PyError(PyBaseException(cls: systemExitClass, args: a.optional(0).map { [$0] } ?? [])) }
        m["quit"] = m["exit"]
        m.define("help", "obj=") { a in
            Interpreter.current.output(try Help.text(a.values.first ?? nil))
            return PyNone.shared
        }
        for name in ["exec", "eval", "compile", "breakpoint", "memoryview", "bytearray", "bytes", "complex", "__import__"] {
            m.define(name, "") { _ in throw PyError.notImplemented("\(name)() is not supported by wick") }
        }
        return m
    }

    static func roundFloat(_ x: Double, _ n: Int) -> Double {
        guard x.isFinite else { return x }
        // Round via the shortest decimal string, as CPython's correctly rounded dtoa does.
        if n > 300 { return x }
        if n < -308 { return 0 * x }
        let s = String(format: "%.\(max(0, n))f", x)
        if n >= 0 { return Double(s) ?? x }
        let p = pow(10.0, Double(-n))
        return (x / p).rounded(.toNearestOrEven) * p
    }

    static func isInstance(_ o: PyObject, _ t: PyObject) throws -> Bool {
        if let c = t as? PyClass { return o.cls.isSubclass(of: c) }
        if let tuple = t as? PyTuple { return try tuple.items.contains { try isInstance(o, $0) } }
        throw PyError.type("isinstance() arg 2 must be a type, a tuple of types, or a union")
    }

    static func classMatches(_ c: PyClass, _ t: PyObject) throws -> Bool {
        if let k = t as? PyClass { return c.isSubclass(of: k) }
        if let tuple = t as? PyTuple { return try tuple.items.contains { try classMatches(c, $0) } }
        throw PyError.type("issubclass() arg 2 must be a class, a tuple of classes, or a union")
    }

    static func extreme(_ a: Arguments, _ op: CompareOperator, _ name: String) throws -> PyObject {
        let items = a.rest.count == 1 ? try Runtime.toArray(a.rest[0]) : a.rest
        if a.rest.isEmpty { throw PyError.type("\(name) expected at least 1 argument, got 0") }
        let key = a.keyword("key").flatMap { $0 === PyNone.shared ? nil : $0 }
        guard var best = items.first else {
            if let d = a.keyword("default") { return d }
            throw PyError.value("\(name)() arg is an empty sequence")
        }
        var bestKey = try key.map { try Runtime.call($0, [best]) } ?? best
        for item in items.dropFirst() {
            let k = try key.map { try Runtime.call($0, [item]) } ?? item
            if try Runtime.truthy(Runtime.compare(op, k, bestKey)) { best = item; bestKey = k }
        }
        return best
    }

    /// Stable sort with an optional key, raising the comparison's TypeError as CPython does.
    static func sortList(_ l: PyList, key: PyObject?, reverse: Bool) throws {
        let keys = try l.items.map { item in try key.map { k in try Runtime.call(k, [item]) } ?? item }
        var indices = Array(l.items.indices)
        var failure: Error?
        func less(_ x: Int, _ y: Int) -> Bool {
            if failure != nil { return false }
            do {
                return try Runtime.truthy(Runtime.compare(.lt, keys[x], keys[y]))
            } catch { failure = error; return false }
        }
        // Reverse keeps stability: sort reversed input, then reverse the result (as CPython does).
        if reverse { indices.reverse() }
        indices = mergeSort(indices, less)
        if reverse { indices.reverse() }
        if let f = failure { throw f }
        l.items = indices.map { l.items[$0] }
    }

    static func mergeSort(_ a: [Int], _ less: (Int, Int) -> Bool) -> [Int] {
        if a.count <= 1 { return a }
        var src = a, dst = a
        var width = 1
        while width < src.count {
            var i = 0
            while i < src.count {
                let mid = min(i + width, src.count), hi = min(i + 2 * width, src.count)
                var l = i, r = mid, k = i
                while l < mid && r < hi { if less(src[r], src[l]) { dst[k] = src[r]; r += 1 } else { dst[k] = src[l]; l += 1 }; k += 1 }
                while l < mid { dst[k] = src[l]; l += 1; k += 1 }
                while r < hi { dst[k] = src[r]; r += 1; k += 1 }
                i += 2 * width
            }
            swap(&src, &dst)
            width *= 2
        }
        return src
    }
}
