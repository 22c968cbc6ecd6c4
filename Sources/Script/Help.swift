import Foundation

/// Doc strings for native functions, classes and modules, which carry no `__doc__` of their own.
///
/// The torch bindings fill it: `HelpRegistry.register(zeros, signature: "zeros(*size, dtype=None)",
/// doc: "Returns a tensor filled with the scalar value 0 …")`, or by qualified name
/// (`HelpRegistry.register(name: "torch.zeros", …)`). `help(obj)` reads it (LANGUAGE.md §6).
public enum HelpRegistry {
    /// A registered doc: an optional signature line (`f(x, y=None)`) and the text under it.
    public struct Entry {
        public var signature: String?
        public var doc: String
    }
    nonisolated(unsafe) static var byIdentity: [ObjectIdentifier: (object: PyObject, entry: Entry)] = [:]
    nonisolated(unsafe) static var byName: [String: Entry] = [:]

    /// Documents one object (kept alive by the registry, so its identity is never reused).
    public static func register(_ object: PyObject, signature: String? = nil, doc: String) {
        byIdentity[ObjectIdentifier(object)] = (object, Entry(signature: signature, doc: doc))
    }

    /// Documents an object by qualified name (`torch.zeros`, `torch.nn.Linear`, `torch`).
    public static func register(name: String, signature: String? = nil, doc: String) {
        byName[name] = Entry(signature: signature, doc: doc)
    }

    static func entry(_ object: PyObject, qualifiedName: String?) -> Entry? {
        if let e = byIdentity[ObjectIdentifier(object)] { return e.entry }
        return qualifiedName.flatMap { byName[$0] }
    }
}

/// `help(obj)`: pydoc's plain-text layout for the simple cases.
enum Help {
    static func text(_ object: PyObject?) throws -> String {
        guard let o = object else {
            return "Type help(object) for help about object.\n"
        }
        if let s = o as? PyStr { return try topic(s.value) }
        return try render(o)
    }

    static func render(_ o: PyObject) throws -> String {
        switch o {
        case let f as PyFunction:
            return "Help on function \(f.name) in module \(f.module.name):\n\n" + routine(f, name: f.name) + "\n"
        case let m as PyBoundMethod:
            if let f = m.function as? PyFunction {
                let owner: String
                if let c = m.receiver as? PyClass {
                    owner = " method of \(qualified(c.cls)) instance"  // a class method: bound to the class
                } else {
                    owner = " method of \(qualified(m.receiver.cls)) instance"
                }
                return "Help on method \(f.name) in module \(f.module.name):\n\n"
                    + "\(f.name)\(signature(f, dropFirst: true))\(owner)\n" + docBlock(functionDoc(f, in: nil)) + "\n"
            }
            return try render(m.function)
        case let n as PyNativeFunction:
            return native(n) + "\n"
        case let c as PyClass:
            if let e = HelpRegistry.entry(c, qualifiedName: c.module == "builtins" ? c.name : c.module + "." + c.name) {
                return "Help on class \(c.name) in module \(c.module):\n\n" + classHeader(c) + "\n"
                    + (e.signature.map { " |  \($0)\n |  \n" } ?? "") + indent(e.doc, " |  ") + "\n\n"
            }
            if c.module == "builtins" {
                let doc = HelpTexts.classes[c.name] ?? ""
                return "Help on class \(c.name) in module builtins:\n\n" + classHeader(c) + "\n"
                    + (doc.isEmpty ? "" : indent(doc, " |  ") + "\n") + "\n"
            }
            return "Help on class \(c.name) in module \(c.module):\n\n" + classDoc(c) + "\n"
        case let m as PyModule:
            return module(m)
        case is PyProperty, is PyMethodWrapper:
            return try render(o.cls)
        default:
            if o.cls.module == "builtins" {
                return "Help on \(o.cls.name) object:\n\n" + String(try render(o.cls).drop(while: { $0 != "\n" }).dropFirst(2))
            }
            let body = try render(o.cls).drop(while: { $0 != "\n" }).dropFirst(2)
            return "Help on \(o.cls.name) in module \(o.cls.module) object:\n\n" + body
        }
    }

    /// `help("name")`: a built-in, a module (`"math"`) or a dotted path (`"math.sqrt"`).
    static func topic(_ name: String) throws -> String {
        let interpreter = Interpreter.current
        var parts = name.split(separator: ".").map(String.init)
        var object: PyObject?
        if let first = parts.first {
            if let b = interpreter.builtins[first] {
                object = b
                parts.removeFirst()
            } else {
                // The longest importable module prefix, then attributes.
                for k in stride(from: parts.count, through: 1, by: -1) {
                    if let m = try? interpreter.loadModule(parts[0..<k].joined(separator: ".")) {
                        object = m
                        parts.removeFirst(k)
                        break
                    }
                }
            }
        }
        if var o = object {
            for p in parts {
                guard let next = try? Runtime.getAttribute(o, p) else { object = nil; break }
                o = next
            }
            if object != nil {
                let text = try render(o)
                // pydoc names a dotted topic's function by its path: `Help on … in math:` / `math.sqrt = sqrt(x, /)`.
                guard name.contains("."), o is PyNativeFunction || o is PyFunction,
                      let titleEnd = text.firstIndex(of: "\n") else { return text }
                let title = text[..<titleEnd].replacingOccurrences(of: " in module ", with: " in ")
                let rest = text[titleEnd...].dropFirst(2)
                let short = name.split(separator: ".").last.map(String.init) ?? name
                return title + "\n\n" + (rest.hasPrefix(short + "(") ? name + " = " : "") + rest
            }
        }
        return "No Python documentation found for \(Runtime.quote(name)).\nUse help() to get the interactive help utility.\nUse help(str) for help on the str class.\n\n"
    }

    // MARK: functions

    /// pydoc's `docroutine`: the signature line, then the doc indented by four spaces.
    static func routine(_ f: PyFunction, name: String, in cls: PyClass? = nil, dropFirst: Bool = false) -> String {
        if f.name == "<lambda>" {
            let sig = signature(f, dropFirst: dropFirst)
            return "\(name) lambda \(sig.dropFirst().dropLast())\n" + docBlock(functionDoc(f, in: cls))
        }
        let title = name == f.name ? name : "\(name) = \(f.name)"
        return title + signature(f, dropFirst: dropFirst) + "\n" + docBlock(functionDoc(f, in: cls))
    }

    static func docBlock(_ doc: String?) -> String {
        guard let d = doc, !d.isEmpty else { return "" }
        return indent(d, "    ") + "\n"
    }

    /// The signature as `inspect.signature` prints it: `(x, y=2, *args, z, **kw)`.
    static func signature(_ f: PyFunction, dropFirst: Bool) -> String {
        var parts: [String] = []
        var sawStar = false
        for (i, p) in f.def.parameters.enumerated() {
            if dropFirst && i == 0 && p.kind == .normal { continue }
            let defaultText = (i < f.defaults.count ? f.defaults[i] : nil).map { "=" + ((try? Runtime.repr($0)) ?? "...") } ?? ""
            switch p.kind {
            case .normal: parts.append(p.name + defaultText)
            case .varArgs: parts.append("*" + p.name); sawStar = true
            case .keywordOnly:
                if !sawStar { parts.append("*"); sawStar = true }
                parts.append(p.name + defaultText)
            case .varKeywords: parts.append("**" + p.name)
            }
        }
        return "(" + parts.joined(separator: ", ") + ")"
    }

    /// `inspect.getdoc`: the function's own docstring, else the same method's doc in a base class, cleaned.
    static func functionDoc(_ f: PyFunction, in cls: PyClass?) -> String? {
        if let d = f.attributes?["__doc__"] { return (d as? PyStr).map { cleanDoc($0.value) } }
        if let d = f.def.docstring { return cleanDoc(d) }
        if let c = cls {
            for base in c.mro.dropFirst() {
                if let g = base.namespace[f.name] as? PyFunction, let d = g.def.docstring { return cleanDoc(d) }
            }
        }
        return cls != nil || f.def.qualifiedName.contains(".") ? inheritedDunderDocs[f.name] : nil
    }

    /// Docs user methods inherit from `object` when they have none (as `inspect.getdoc` finds them).
    static let inheritedDunderDocs: [String: String] = [
        "__init__": "Initialize self.  See help(type(self)) for accurate signature.",
        "__repr__": "Return repr(self).", "__str__": "Return str(self).", "__hash__": "Return hash(self).",
        "__eq__": "Return self==value.", "__ne__": "Return self!=value.", "__lt__": "Return self<value.",
        "__le__": "Return self<=value.", "__gt__": "Return self>value.", "__ge__": "Return self>=value.",
        "__setattr__": "Implement setattr(self, name, value).", "__getattribute__": "Return getattr(self, name).",
        "__delattr__": "Implement delattr(self, name).", "__format__": "Default object formatter.",
        "__init_subclass__": "This method is called when a class is subclassed.",
        "__sizeof__": "Size of object in memory, in bytes.", "__dir__": "Default dir() implementation.",
    ]

    /// `inspect.cleandoc`: strips the first line, removes the common indentation of the others, drops blank edges.
    static func cleanDoc(_ doc: String) -> String {
        var lines = doc.replacingOccurrences(of: "\t", with: "        ").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard !lines.isEmpty else { return "" }
        lines[0] = String(lines[0].drop(while: { $0 == " " }))
        let margin = lines.dropFirst().filter { !$0.allSatisfy({ $0 == " " }) }.map { $0.prefix(while: { $0 == " " }).count }.min() ?? 0
        for i in lines.indices.dropFirst() { lines[i] = String(lines[i].dropFirst(margin)) }
        while let first = lines.first, first.allSatisfy({ $0 == " " }) { lines.removeFirst() }
        while let last = lines.last, last.allSatisfy({ $0 == " " }) { lines.removeLast() }
        return lines.map { l in l.allSatisfy({ $0 == " " }) ? "" : l }.joined(separator: "\n")
    }

    static func indent(_ text: String, _ prefix: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { prefix + $0 }.joined(separator: "\n")
    }

    // MARK: native functions

    static func native(_ n: PyNativeFunction) -> String {
        let module = owningModule(n)
        let qualified = module == "builtins" ? n.name : module.map { "\($0).\(n.name)" }
        if let e = HelpRegistry.entry(n, qualifiedName: qualified ?? n.qualifier.map { "\($0).\(n.name)" }) {
            return "Help on built-in function \(n.name)\(module.map { " in module \($0)" } ?? ""):\n\n"
                + (e.signature ?? n.name + nativeSignature(n)) + "\n" + docBlock(e.doc)
        }
        if let q = qualified, let text = HelpTexts.functions[q] { return text }
        if let owner = n.qualifier {
            return "Help on method_descriptor:\n\n\(n.name)\(nativeSignature(n))\n    Method of \(owner) objects.\n"
        }
        return "Help on built-in function \(n.name)\(module.map { " in module \($0)" } ?? ""):\n\n\(n.name)\(nativeSignature(n))\n"
    }

    /// The parameter spec of a native function as a signature; optional parameters show `=None`.
    static func nativeSignature(_ n: PyNativeFunction) -> String {
        let sig = n.signature
        if sig.raw { return "(...)" }
        var parts: [String] = []
        var keywordOnlyShown = false
        for p in sig.params {
            if p.keywordOnly && !keywordOnlyShown {
                parts.append(sig.varArgs.map { "*" + $0 } ?? "*")
                keywordOnlyShown = true
            }
            parts.append(p.optional ? p.name + "=None" : p.name)
        }
        if !keywordOnlyShown, let v = sig.varArgs { parts.append("*" + v) }
        if let k = sig.varKeywords { parts.append("**" + k) }
        return "(" + parts.joined(separator: ", ") + ")"
    }

    /// The name of the loaded module that holds `object` as a global, if any.
    static func owningModule(_ object: PyObject) -> String? {
        let interpreter = Interpreter.current
        if interpreter.builtins.entries.contains(where: { $0.1 === object }) { return "builtins" }
        for name in interpreter.modules.keys.sorted() where name != "__main__" {
            guard let m = interpreter.modules[name] else { continue }
            if m.entries.contains(where: { $0.1 === object }) { return name }
            for case let (sub, inner as PyModule) in m.entries where inner.entries.contains(where: { $0.1 === object }) {
                return "\(name).\(sub)"
            }
        }
        return nil
    }

    static func qualified(_ c: PyClass) -> String {
        c.module == "builtins" ? c.name : "\(c.module).\(c.name)"
    }

    // MARK: modules

    static func module(_ m: PyModule) -> String {
        var out = "Help on module \(m.name):\n\nNAME\n    \(m.name)\n\n"
        let doc = HelpRegistry.entry(m, qualifiedName: m.name)?.doc ?? (m["__doc__"] as? PyStr).map { cleanDoc($0.value) } ?? HelpTexts.modules[m.name]
        if let d = doc, !d.isEmpty { out += "DESCRIPTION\n" + indent(d, "    ") + "\n\n" }
        let visible = m.entries.filter { !$0.0.hasPrefix("_") }.sorted { $0.0 < $1.0 }
        let classes = visible.filter { $0.1 is PyClass }
        let functions = visible.filter { $0.1 is PyFunction || $0.1 is PyNativeFunction }
        let modules = visible.filter { $0.1 is PyModule }
        let data = visible.filter { !($0.1 is PyClass || $0.1 is PyFunction || $0.1 is PyNativeFunction || $0.1 is PyModule) }
        if !modules.isEmpty { out += "PACKAGE CONTENTS\n" + modules.map { "    \($0.0)\n" }.joined() + "\n" }
        if !classes.isEmpty { out += "CLASSES\n" + classes.map { "    \($0.0)\n" }.joined() + "\n" }
        if !functions.isEmpty {
            out += "FUNCTIONS\n"
            for (name, f) in functions {
                if let fn = f as? PyFunction { out += indent(routine(fn, name: name), "    ") + "\n" }
                else if let n = f as? PyNativeFunction {
                    let full = native(n)
                    let body = full.hasPrefix("Help on") ? String(full.drop(while: { $0 != "\n" }).dropFirst(2)) : full
                    out += indent(body.hasSuffix("\n") ? String(body.dropLast()) : body, "    ") + "\n\n"
                }
            }
        }
        if !data.isEmpty {
            out += "DATA\n" + data.map { "    \($0.0) = \(((try? Runtime.repr($0.1)) ?? "...").prefix(70))\n" }.joined() + "\n"
        }
        if let file = m.file { out += "FILE\n    \(file)\n\n" } else if m.name != "__main__" { out += "FILE\n    (built-in)\n\n" }
        return out
    }
}
