import Foundation

/// `os`, `os.path`, `copy` and `csv`.
enum SystemModules {
    static func osPath() -> PyModule {
        let m = PyModule(name: "os.path")
        let fm = FileManager.default
        m.define("join", "a, *rest") { a in
            var path = try Builtin.string(a[0])
            for p in a.rest {
                let s = try Builtin.string(p)
                if s.hasPrefix("/") { path = s } else if path.isEmpty || path.hasSuffix("/") { path += s } else { path += "/" + s }
            }
            return PyStr(path)
        }
        m.define("exists", "p") { a in PyBool.make(fm.fileExists(atPath: try Builtin.string(a[0]))) }
        m.define("isfile", "p") { a in
            var dir: ObjCBool = false
            return PyBool.make(fm.fileExists(atPath: try Builtin.string(a[0]), isDirectory: &dir) && !dir.boolValue)
        }
        m.define("isdir", "p") { a in
            var dir: ObjCBool = false
            return PyBool.make(fm.fileExists(atPath: try Builtin.string(a[0]), isDirectory: &dir) && dir.boolValue)
        }
        m.define("basename", "p") { a in
            let s = try Builtin.string(a[0])
            return PyStr(s.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? "")
        }
        m.define("dirname", "p") { a in
            let s = try Builtin.string(a[0])
            guard let slash = s.lastIndex(of: "/") else { return PyStr("") }
            let head = String(s[..<slash])
            return PyStr(head.isEmpty ? "/" : head)
        }
        m.define("splitext", "p") { a in
            let s = try Builtin.string(a[0])
            let base = s.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
            guard let dot = base.lastIndex(of: "."), dot != base.startIndex, !base[..<dot].allSatisfy({ $0 == "." }) else {
                return PyTuple([PyStr(s), PyStr("")])
            }
            let ext = String(base[dot...])
            return PyTuple([PyStr(String(s.dropLast(ext.count))), PyStr(ext)])
        }
        m.define("abspath", "p") { a in
            let s = try Builtin.string(a[0])
            let full = s.hasPrefix("/") ? s : fm.currentDirectoryPath + "/" + s
            return PyStr((full as NSString).standardizingPath)
        }
        return m
    }

    static func os(_ path: PyModule) -> PyModule {
        let m = PyModule(name: "os")
        let fm = FileManager.default
        m["path"] = path
        m["sep"] = PyStr("/")
        m.define("getcwd", "") { _ in PyStr(fm.currentDirectoryPath) }
        m.define("listdir", "p=") { a in
            let p = try a.optional(0).map { try Builtin.string($0) } ?? "."
            guard let items = try? fm.contentsOfDirectory(atPath: p) else {
                throw PyError(Builtin.fileNotFoundErrorClass, "[Errno 2] No such file or directory: \(Runtime.quote(p))")
            }
            return PyList(items.sorted().map { PyStr($0) })
        }
        m.define("remove", "p") { a in
            let p = try Builtin.string(a[0])
            do { try fm.removeItem(atPath: p) } catch {
                throw PyError(Builtin.fileNotFoundErrorClass, "[Errno 2] No such file or directory: \(Runtime.quote(p))")
            }
            return PyNone.shared
        }
        m.define("makedirs", "p, exist_ok=") { a in
            let p = try Builtin.string(a[0])
            let existOk = try a.optional(1).map { try Runtime.truthy($0) } ?? false
            if fm.fileExists(atPath: p) {
                if existOk { return PyNone.shared }
                throw PyError(Builtin.fileExistsErrorClass, "[Errno 17] File exists: \(Runtime.quote(p))")
            }
            try? fm.createDirectory(atPath: p, withIntermediateDirectories: true)
            return PyNone.shared
        }
        let environ = PyDict()
        for (k, v) in ProcessInfo.processInfo.environment { try? environ.set(PyStr(k), PyStr(v)) }
        m["environ"] = environ
        return m
    }

    /// `copy.copy`: a new container or instance sharing the items.
    static func shallowCopy(_ o: PyObject) throws -> PyObject {
        switch o {
        case let l as PyList: return PyList(l.items, cls: l.cls)
        case let d as PyDict:
            let c = PyDict(cls: d.cls)
            c.table = d.table
            c.defaultFactory = d.defaultFactory
            return c
        case let s as PySet where !s.frozen:
            return s.copied()
        default:
            if let m = o.cls.lookup("__copy__") { return try Runtime.callMethod(m, o, []) }
            guard let attrs = o.attributes, !(o is PyClass), !(o is PyFunction), !(o is PyModule) else { return o }
            let c = o.cls.allocator?(o.cls) ?? PyObject(cls: o.cls, withAttributes: true)
            if let e = o as? PyBaseException, let ce = c as? PyBaseException { ce.args = e.args }
            c.attributes = attrs
            return c
        }
    }

    /// `copy.deepcopy` with a memo so shared and cyclic structure is preserved.
    static func deepCopy(_ o: PyObject, _ memo: inout [ObjectIdentifier: PyObject]) throws -> PyObject {
        try Runtime.enterNested("while copying")
        defer { Runtime.nativeDepth -= 1 }
        if let done = memo[ObjectIdentifier(o)] { return done }
        switch o {
        case let l as PyList:
            let c = PyList([], cls: l.cls)
            memo[ObjectIdentifier(o)] = c
            for x in l.items { c.items.append(try deepCopy(x, &memo)) }
            return c
        case let t as PyTuple:
            var items: [PyObject] = []
            for x in t.items { items.append(try deepCopy(x, &memo)) }
            return PyTuple(items, cls: t.cls)
        case let d as PyDict:
            let c = PyDict(cls: d.cls)
            c.defaultFactory = d.defaultFactory
            memo[ObjectIdentifier(o)] = c
            for (k, v) in d.table.pairs { try c.set(try deepCopy(k.object, &memo), try deepCopy(v, &memo)) }
            return c
        case let s as PySet:
            let c = PySet(frozen: s.frozen)
            memo[ObjectIdentifier(o)] = c
            for x in s.elements { try c.add(try deepCopy(x, &memo)) }
            return c
        case is PyInt, is PyFloat, is PyStr, is PyNone, is PyClass, is PyFunction, is PyNativeFunction, is PyModule, is PyRange:
            return o
        default:
            if let m = o.cls.lookup("__deepcopy__") { return try Runtime.callMethod(m, o, [PyDict()]) }
            guard let attrs = o.attributes else { return o }
            let c = o.cls.allocator?(o.cls) ?? PyObject(cls: o.cls, withAttributes: true)
            memo[ObjectIdentifier(o)] = c
            if let e = o as? PyBaseException, let ce = c as? PyBaseException { ce.args = e.args }
            var copied = AttributeTable()
            for (k, v) in attrs.entries { copied[k] = try deepCopy(v, &memo) }
            c.attributes = copied
            return c
        }
    }

    static func copy() -> PyModule {
        let m = PyModule(name: "copy")
        m.define("copy", "x") { a in try shallowCopy(a[0]) }
        m.define("deepcopy", "x, memo=") { a in
            var memo: [ObjectIdentifier: PyObject] = [:]
            return try deepCopy(a[0], &memo)
        }
        return m
    }

    /// Splits one CSV line (quotes and doubled quotes as the csv module's default dialect).
    static func parseCSVLine(_ line: String) -> [String] {
        var fields: [String] = []
        var field = ""
        var quoted = false
        var chars = Array(line)
        if chars.last == "\n" { chars.removeLast() }
        if chars.last == "\r" { chars.removeLast() }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < chars.count && chars[i + 1] == "\"" { field.append("\""); i += 1 } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { fields.append(field); field = "" }
            else { field.append(c) }
            i += 1
        }
        fields.append(field)
        return fields
    }

    static func csv() -> PyModule {
        let m = PyModule(name: "csv")
        m.define("reader", "f, delimiter=") { a in
            let lines = try Runtime.iterate(a[0])
            return PyNativeIterator {
                guard let line = try Runtime.next(lines) else { return nil }
                return PyList(parseCSVLine(try Builtin.string(line)).map { PyStr($0) })
            }
        }
        m.define("DictReader", "f") { a in
            let lines = try Runtime.iterate(a[0])
            var header: [String]? = nil
            return PyNativeIterator {
                if header == nil {
                    guard let h = try Runtime.next(lines) else { return nil }
                    header = parseCSVLine(try Builtin.string(h))
                }
                guard let line = try Runtime.next(lines) else { return nil }
                let d = PyDict()
                for (k, v) in zip(header ?? [], parseCSVLine(try Builtin.string(line))) { try d.set(PyStr(k), PyStr(v)) }
                return d
            }
        }
        m.define("writer", "f") { a in
            let file = a[0]
            let w = PyObject(cls: Builtin.objectType, withAttributes: true)
            func row(_ values: PyObject) throws {
                let text = try Runtime.toArray(values).map { v -> String in
                    let s = try Runtime.str(v)
                    return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
                }.joined(separator: ",")
                _ = try Runtime.invokeMethod(file, "write", [PyStr(text + "\r\n")])
            }
            w.attributes?["writerow"] = PyNativeFunction(name: "writerow", parameters: "row") { b in try row(b[0]); return PyNone.shared }
            w.attributes?["writerows"] = PyNativeFunction(name: "writerows", parameters: "rows") { b in
                try Runtime.forEach(b[0]) { try row($0); return true }
                return PyNone.shared
            }
            return w
        }
        return m
    }
}
