/// `help(SomeClass)`: pydoc's `docclass` layout (signature, doc, MRO, then members grouped by kind and by
/// the class that defines them).
extension Help {
    /// Names pydoc never lists.
    static let hiddenNames: Set<String> = ["__author__", "__builtins__", "__cached__", "__credits__", "__date__", "__doc__",
                                           "__file__", "__spec__", "__loader__", "__module__", "__name__", "__package__",
                                           "__path__", "__qualname__", "__slots__", "__version__", "__dataclass_fields__",
                                           "__dataclass_params__", "__match_args__"]

    static func visible(_ name: String) -> Bool {
        if hiddenNames.contains(name) { return false }
        if name.hasPrefix("__") && name.hasSuffix("__") { return true }
        return !name.hasPrefix("_")
    }

    /// `class B(A)`: the name with its bases, qualified when they live in another module.
    static func classHeader(_ c: PyClass) -> String {
        let bases = c.bases.map { $0.module == c.module ? $0.name : "\($0.module).\($0.name)" }
        return "class \(c.name)" + (bases.isEmpty ? "" : "(\(bases.joined(separator: ", ")))")
    }

    enum Kind: Int { case method, classMethod, staticMethod, readonlyProperty, dataDescriptor, data }

    struct Member {
        var name: String
        var kind: Kind
        var value: PyObject?
        var owner: PyClass
    }

    /// The members of `c`'s namespace as pydoc classifies them.
    static func members(of c: PyClass, documenting target: PyClass) -> [Member] {
        var out: [Member] = []
        var names = Set<String>()
        for (name, value) in c.namespace.entries where visible(name) {
            names.insert(name)
            let kind: Kind
            switch value {
            case is PyFunction, is PyNativeFunction: kind = .method
            case let w as PyMethodWrapper: kind = w.isClassMethod ? .classMethod : .staticMethod
            case let p as PyProperty: kind = p.setter == nil && p.deleter == nil ? .readonlyProperty : .dataDescriptor
            default: kind = .data
            }
            out.append(Member(name: name, kind: kind, value: value, owner: c))
        }
        // Defining __eq__ without __hash__ makes instances unhashable (CPython stores __hash__ = None).
        if names.contains("__eq__") && !names.contains("__hash__") {
            out.append(Member(name: "__hash__", kind: .data, value: PyNone.shared, owner: c))
        }
        // A script class whose bases are all built-in gets the weakref slot, and the instance dict unless
        // a base already has one (exceptions do).
        if c.module != "builtins" && c.bases.allSatisfy({ $0.module == "builtins" }) {
            if !c.bases.contains(where: { $0.isSubclass(of: Builtin.baseExceptionClass) }) {
                out.append(Member(name: "__dict__", kind: .dataDescriptor, value: nil, owner: c))
            }
            out.append(Member(name: "__weakref__", kind: .dataDescriptor, value: nil, owner: c))
        }
        // A subclass overriding a name hides the base's member.
        return out.filter { m in
            guard let i = target.mro.firstIndex(where: { $0 === c }) else { return true }
            return !target.mro[..<i].contains { $0.namespace[m.name] != nil }
        }
    }

    /// The signature pydoc shows under a class's title: its `__init__` without `self`.
    static func classSignature(_ c: PyClass) -> String? {
        for k in c.mro {
            if let f = k.namespace["__init__"] as? PyFunction { return signature(f, dropFirst: true) }
            if k.namespace["__init__"] != nil { return nil }
        }
        return nil
    }

    static func classDoc(_ c: PyClass) -> String {
        var contents: [String] = []
        if let sig = classSignature(c), sig != "()" { contents.append(c.name + sig + "\n") }
        if let d = c.namespace["__doc__"] as? PyStr {
            let doc = cleanDoc(d.value)
            if !doc.isEmpty { contents.append(doc + "\n") }
        }
        let mro = c.mro.last === Builtin.objectType ? c.mro : c.mro + [Builtin.objectType]
        if mro.count > 2 {
            contents.append("Method resolution order:")
            for base in mro { contents.append("    " + (base.module == c.module ? base.name : "\(base.module).\(base.name)")) }
            contents.append("")
        }
        var needRule = false
        // Members of built-in bases are not listed (their native methods carry no pydoc text here).
        for k in mro where k === c || k.module != "builtins" {
            let tag = k === c ? "defined here" : "inherited from \(k.module == c.module ? k.name : "\(k.module).\(k.name)")"
            let all = members(of: k, documenting: c).sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
            let sections: [(Kind, String)] = [(.method, "Methods"), (.classMethod, "Class methods"), (.staticMethod, "Static methods"),
                                              (.readonlyProperty, "Readonly properties"), (.dataDescriptor, "Data descriptors"),
                                              (.data, "Data and other attributes")]
            for (kind, title) in sections {
                let group = all.filter { $0.kind == kind }
                guard !group.isEmpty else { continue }
                if needRule { contents.append(String(repeating: "-", count: 70)) }
                needRule = true
                contents.append("\(title) \(tag):\n")
                for m in group { contents.append(memberText(m, in: c)) }
            }
        }
        var text = contents.joined(separator: "\n")
        while text.last == "\n" || text.last == " " { text.removeLast() }
        return classHeader(c) + "\n" + (text.isEmpty ? "" : indent(text, " |  ") + "\n")
    }

    static func memberText(_ m: Member, in c: PyClass) -> String {
        switch m.kind {
        case .method:
            if let f = m.value as? PyFunction { return routine(f, name: m.name, in: m.owner) }
            if let n = m.value as? PyNativeFunction { return "\(m.name)\(nativeSignature(n))\n" }
            return m.name + "\n"
        case .classMethod, .staticMethod:
            guard let w = m.value as? PyMethodWrapper, let f = w.function as? PyFunction else { return m.name + "\n" }
            if m.kind == .classMethod {
                let title = m.name == f.name ? m.name : "\(m.name) = \(f.name)"
                return title + signature(f, dropFirst: true) + " from builtins.type\n" + docBlock(functionDoc(f, in: m.owner))
            }
            return routine(f, name: m.name, in: m.owner)
        case .readonlyProperty, .dataDescriptor:
            if m.name == "__dict__" { return "__dict__\n    dictionary for instance variables\n" }
            if m.name == "__weakref__" { return "__weakref__\n    list of weak references to the object\n" }
            guard let p = m.value as? PyProperty else { return m.name + "\n" }
            let doc = (p.getter as? PyFunction).flatMap { functionDoc($0, in: nil) }
            return m.name + "\n" + docBlock(doc)
        case .data:
            let text = m.value.map { (try? Runtime.repr($0)) ?? "..." } ?? "None"
            return "\(m.name) = \(text.count > 70 ? String(text.prefix(33)) + "..." + String(text.suffix(34)) : text)\n"
        }
    }
}
