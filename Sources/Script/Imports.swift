import Foundation

/// `import` of built-in modules and of `.py` files beside the running script.
extension Interpreter {
    func importModule(_ path: [String], _ f: Frame) throws -> PyModule {
        var module: PyModule? = nil
        for i in path.indices {
            let name = path[...i].joined(separator: ".")
            let m = try loadModule(name)
            if let parent = module { parent[path[i]] = m }
            module = m
        }
        guard let m = module else { throw PyError(Builtin.moduleNotFoundErrorClass, "No module named ''") }
        return m
    }

    func importFrom(_ path: [String], _ level: Int, _ names: [(String, NameRef)], _ f: Frame) throws {
        let m = try importModule(path, f)
        if names.isEmpty {
            for (k, v) in m.entries where !k.hasPrefix("_") { f.module[k] = v }
            return
        }
        for (name, ref) in names {
            if let v = m[name] { store(ref, v, f); continue }
            if let sub = try? loadModule(m.name + "." + name) { store(ref, sub, f); continue }
            throw PyError(Builtin.importErrorClass, "cannot import name '\(name)' from '\(m.name)'")
        }
    }

    func loadModule(_ name: String) throws -> PyModule {
        if let m = modules[name] { return m }
        if let m = StandardModules.make(name, self) {
            modules[name] = m
            return m
        }
        let relative = name.replacingOccurrences(of: ".", with: "/")
        let base = scriptDirectory.isEmpty ? "." : scriptDirectory
        for candidate in [base + "/" + relative + ".py", base + "/" + relative + "/__init__.py"] {
            if FileManager.default.fileExists(atPath: candidate) {
                return try runFileModule(name, candidate)
            }
        }
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: base + "/" + relative, isDirectory: &isDir), isDir.boolValue {
            let m = PyModule(name: name)
            modules[name] = m
            return m
        }
        throw PyError(Builtin.moduleNotFoundErrorClass, "No module named '\(name)'")
    }

    func runFileModule(_ name: String, _ path: String) throws -> PyModule {
        guard let source = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw PyError(Builtin.importErrorClass, "cannot read \(path)")
        }
        sources[path] = source.split(separator: "\n", omittingEmptySubsequences: false)
        let parsed: Module
        do {
            parsed = try Parser.parseModule(source)
            try Resolver.resolve(parsed)
        } catch let e as SyntaxErrorInfo {
            throw PyError(Builtin.syntaxErrorClass, "\(e.message) (\(path), line \(e.line))")
        }
        let m = PyModule(name: name)
        m.file = path
        m["__file__"] = PyStr(path)
        modules[name] = m
        let frame = Frame(code: parsed.body, module: m, closure: [])
        do {
            _ = try exec(parsed.body.body, frame)
        } catch let e as PyError {
            record(e.exception, frame)
            modules[name] = nil
            throw e
        }
        return m
    }
}

/// Text files for `open()`.
final class FileObject {
    static let type: PyClass = {
        let c = Builtin.native("TextIOWrapper")
        c.define("__enter__", "self") { a in a[0] }
        c.define("__exit__", "self, *a") { a in _ = try Runtime.invokeMethod(a[0], "close", []); return PyBool.falseValue }
        c.define("__iter__", "self") { a in try Runtime.iterate(try Runtime.invokeMethod(a[0], "readlines", [])) }
        return c
    }()

    static func open(_ path: String, _ mode: String) throws -> PyObject {
        if mode.contains("b") { throw PyError.value("wick opens text files only") }
        let obj = PyObject(cls: type, withAttributes: true)
        var buffer = ""
        var content = ""
        if mode.contains("r") {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
                throw PyError(Builtin.fileNotFoundErrorClass, "[Errno 2] No such file or directory: \(Runtime.quote(path))")
            }
            if isDir.boolValue { throw PyError(Builtin.isADirectoryErrorClass, "[Errno 21] Is a directory: \(Runtime.quote(path))") }
            content = ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "")
                .replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        var position = content.startIndex
        let writable = mode.contains("w") || mode.contains("a")
        // Writes go straight to the file (as CPython's buffer would at exit), each costing only its own length.
        var handle: FileHandle?
        if writable {
            if mode.contains("w") || !FileManager.default.fileExists(atPath: path) {
                guard FileManager.default.createFile(atPath: path, contents: nil) else {
                    throw PyError(Builtin.fileNotFoundErrorClass, "[Errno 2] No such file or directory: \(Runtime.quote(path))")
                }
            }
            handle = FileHandle(forWritingAtPath: path)
            _ = try? handle?.seekToEnd()
        }
        let flush = {
            guard !buffer.isEmpty, let h = handle else { return }
            try? h.write(contentsOf: Data(buffer.utf8))
            buffer = ""
        }
        func method(_ name: String, _ params: String, _ body: @escaping (Arguments) throws -> PyObject) {
            obj.attributes?[name] = PyNativeFunction(name: name, parameters: params, body)
        }
        method("read", "") { _ in defer { position = content.endIndex }; return PyStr(String(content[position...])) }
        method("readline", "") { _ in
            guard position < content.endIndex else { return PyStr("") }
            let end = content[position...].firstIndex(of: "\n").map { content.index(after: $0) } ?? content.endIndex
            defer { position = end }
            return PyStr(String(content[position..<end]))
        }
        method("readlines", "") { _ in
            let rest = content[position...]
            position = content.endIndex
            let lines = rest.split(separator: "\n", omittingEmptySubsequences: false)
            return PyList(lines.enumerated().compactMap { i, l in
                i == lines.count - 1 ? (l.isEmpty ? nil : PyStr(String(l))) : PyStr(l + "\n")
            })
        }
        method("write", "s") { a in
            guard writable else { throw PyError(Builtin.osErrorClass, "not writable") }
            guard handle != nil else { throw PyError.value("I/O operation on closed file.") }
            let s = try Builtin.string(a[0]); buffer += s; flush(); return PyInt.make(s.unicodeScalars.count)
        }
        method("flush", "") { _ in flush(); return PyNone.shared }
        method("close", "") { _ in
            flush()
            try? handle?.close()
            handle = nil
            return PyNone.shared
        }
        return obj
    }
}
