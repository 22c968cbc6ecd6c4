import Foundation

/// Tab completion over the session's namespace: names, attributes, keyword arguments.
extension ScriptSession {
    /// What completing the text before the cursor offers.
    public struct Completions: Equatable, Sendable {
        /// The text just before the cursor that the matches replace (`model.fc`, `lr`, `pri`).
        public var token: String
        /// Full replacements for `token`, sorted (keyword arguments, as `name=`, first).
        public var matches: [String]
        public init(token: String, matches: [String]) {
            self.token = token
            self.matches = matches
        }
    }

    /// Completions for the text of a line before the cursor.
    ///
    /// - After a dotted chain of names (`model.fc1.`, `torch.nn.`): the attributes of that object,
    ///   which is looked up (names and attributes only: nothing is called) and listed with `dir()`,
    ///   engine objects' registered members included.
    /// - A bare name: globals, built-ins and keywords; inside the parentheses of a call, the
    ///   callee's keyword arguments as `name=` first.
    /// - Inside a string literal or after a number: nothing (the REPL completes file paths there).
    /// Names starting with `_` are offered only when the typed part starts with `_`, `__` names only after `__`.
    public func completions(before text: String) -> Completions {
        let token = String(text.reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }.reversed())
        let rest = String(text.dropLast(token.count))
        if ScriptSession.insideString(rest) { return Completions(token: token, matches: []) }
        if let first = token.first, first.isNumber { return Completions(token: token, matches: []) }
        return perform { self.completeOnWorker(token: token, rest: rest) }
    }

    private func completeOnWorker(token: String, rest: String) -> Completions {
        if let imports = completeImport(token: token, rest: rest) { return imports }
        if let dot = token.lastIndex(of: ".") {
            let head = String(token[..<dot]), tail = String(token[token.index(after: dot)...])
            guard let object = lookUpChain(head) else { return Completions(token: token, matches: []) }
            let names = ScriptSession.visible(attributeNames(object), typed: tail)
            return Completions(token: token, matches: names.map { head + "." + $0 })
        }
        var names = Set(main.entries.map { $0.0 })
        for (k, _) in interpreter.builtins.entries { names.insert(k) }
        for k in Parser.keywords where k != "async" && k != "await" { names.insert(k) }
        var matches = ScriptSession.visible(names, typed: token)
        if let callee = ScriptSession.openCall(rest), let fn = lookUpChain(callee) {
            let keywords = parameterNames(fn).filter { $0.hasPrefix(token) }.map { $0 + "=" }
            matches = keywords + matches
        }
        return Completions(token: token, matches: matches)
    }

    /// Built-in module names (the torch family registers more in `NativeModules`).
    static let standardModuleNames = ["abc", "collections", "copy", "csv", "dataclasses", "functools", "itertools",
                                      "json", "math", "os", "os.path", "random", "sys", "time", "typing", "warnings"]

    /// `import to` / `from torch.n` complete module names; `from math import sq` completes the
    /// members of a built-in or already imported module (a `.py` file is never run for this).
    private func completeImport(token: String, rest: String) -> Completions? {
        let words = rest.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let lead = rest.prefix { $0 == " " || $0 == "\t" }
        guard lead.count < rest.count || words.isEmpty else { return nil }
        if words == ["import"] || words == ["from"] {
            let names = Set(ScriptSession.standardModuleNames + NativeModules.builders.keys + interpreter.modules.keys)
            return Completions(token: token, matches: names.filter { $0.hasPrefix(token) && $0 != "__main__" }.sorted())
        }
        if words.count == 3, words[0] == "from", words[2] == "import", !token.contains(".") {
            let name = words[1]
            let known = interpreter.modules[name] != nil || NativeModules.builders[name] != nil
                || ScriptSession.standardModuleNames.contains(name)
            guard known, let module = try? interpreter.loadModule(name) else { return Completions(token: token, matches: []) }
            return Completions(token: token, matches: ScriptSession.visible(attributeNames(module), typed: token))
        }
        return nil
    }

    /// The names worth showing for what was typed: sorted, `_` names hidden unless asked for.
    static func visible<S: Sequence>(_ names: S, typed: String) -> [String] where S.Element == String {
        Set(names).filter { name in
            guard name.hasPrefix(typed) else { return false }
            if typed.hasPrefix("__") { return true }
            if typed.hasPrefix("_") { return !name.hasPrefix("__") }
            return !name.hasPrefix("_")
        }.sorted()
    }

    /// The object a dotted chain of names (`model.fc1`) denotes, or nil; nothing is called but attribute look-ups.
    func lookUpChain(_ chain: String) -> PyObject? {
        let parts = chain.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, parts.allSatisfy(ScriptSession.isIdentifier) else { return nil }
        guard var object = main[first] ?? interpreter.builtins[first] else { return nil }
        for name in parts.dropFirst() {
            guard let next = try? Runtime.getAttribute(object, name) else { return nil }
            object = next
        }
        return object
    }

    static func isIdentifier(_ s: String) -> Bool {
        guard let f = s.first, f.isLetter || f == "_" else { return false }
        return s.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } && !Parser.keywords.contains(s)
    }

    /// `dir(object)`: its `__dir__` when the class defines one (engine modules list their
    /// registered parameters and submodules there), plus instance, module and class attributes.
    func attributeNames(_ object: PyObject) -> Set<String> {
        var names: Set<String> = ["__class__", "__doc__"]
        if !(object is PyClass), object.cls.lookup("__dir__") != nil,
           let listed = try? Runtime.call(try Runtime.getAttribute(object, "__dir__"), []),
           let items = try? Runtime.toArray(listed) {
            for case let s as PyStr in items { names.insert(s.value) }
        }
        for (k, _) in object.attributes?.entries ?? [] { names.insert(k) }
        if let m = object as? PyModule { for (k, _) in m.entries { names.insert(k) } }
        for c in (object as? PyClass)?.mro ?? object.cls.mro { for (k, _) in c.namespace.entries { names.insert(k) } }
        return names
    }

    /// The parameters a call of `callee` takes by keyword (`self` left out), in order.
    func parameterNames(_ callee: PyObject, depth: Int = 0) -> [String] {
        guard depth < 4 else { return [] }
        switch callee {
        case let f as PyFunction:
            return f.def.parameters.filter { $0.kind == .normal || $0.kind == .keywordOnly }.map { $0.name }
        case let f as PyNativeFunction:
            if f.signature.raw {
                if f.qualifier == nil, let known = ScriptSession.rawBuiltinKeywords[f.name] { return known }
                // Functions that bind their own arguments: the signature `help()` shows, if registered.
                if let signature = HelpRegistry.byIdentity[ObjectIdentifier(f)]?.entry.signature {
                    return ScriptSession.parameterNames(fromSignature: signature)
                }
            }
            return f.signature.params.map { $0.name }.filter { $0 != "self" && $0 != "cls" }
        case let m as PyBoundMethod:
            let names = parameterNames(m.function, depth: depth + 1)
            return m.function is PyFunction ? Array(names.dropFirst()) : names
        case let w as PyMethodWrapper:
            let names = parameterNames(w.function, depth: depth + 1)
            return w.isClassMethod && w.function is PyFunction ? Array(names.dropFirst()) : names
        case let c as PyClass:
            // `__init__`'s parameters, or `__new__`'s when `__init__` takes only `*args, **kwargs` (torch.optim).
            for name in ["__init__", "__new__"] {
                guard let method = c.lookup(name) else { continue }
                let names = parameterNames(method, depth: depth + 1)
                let own = method is PyFunction ? Array(names.dropFirst()) : names
                if !own.isEmpty { return own }
            }
            return []
        default:
            // A callable instance: its `forward` (nn.Module) or `__call__`.
            for name in ["forward", "__call__"] {
                if let method = callee.cls.lookup(name) {
                    let names = parameterNames(method, depth: depth + 1)
                    if !names.isEmpty { return method is PyFunction ? Array(names.dropFirst()) : names }
                }
            }
            return []
        }
    }

    /// The names in a signature line such as `zeros(*size, *, dtype=None, requires_grad=False)`
    /// (`*args`, `**kwargs`, `*`, `/` and `self` left out).
    static func parameterNames(fromSignature signature: String) -> [String] {
        guard let open = signature.firstIndex(of: "("), let close = signature.lastIndex(of: ")"), open < close else { return [] }
        var names: [String] = []
        var depth = 0, current = ""
        for c in signature[signature.index(after: open)..<close] {
            if "([{".contains(c) { depth += 1 } else if ")]}".contains(c) { depth -= 1 }
            if c == "," && depth == 0 { names.append(current); current = "" } else { current.append(c) }
        }
        names.append(current)
        return names.compactMap { part in
            let name = String(part.trimmingCharacters(in: .whitespaces).prefix { $0 != "=" && $0 != ":" && $0 != " " })
            return isIdentifier(name) && name != "self" ? name : nil
        }
    }

    /// Keyword arguments of built-ins that bind their arguments themselves.
    static let rawBuiltinKeywords: [String: [String]] = [
        "print": ["sep", "end", "file", "flush"], "max": ["key", "default"], "min": ["key", "default"],
    ]

    /// The dotted callee of the innermost call whose `(` is still open in `text`, if any.
    static func openCall(_ text: String) -> String? {
        let chars = Array(text)
        var stack: [Int] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "#" { break }
            if c == "'" || c == "\"" {
                i = skipString(chars, i)
                continue
            }
            if "([{".contains(c) { stack.append(i) } else if ")]}".contains(c) { _ = stack.popLast() }
            i += 1
        }
        guard let open = stack.last, chars[open] == "(" else { return nil }
        var end = open
        while end > 0 && chars[end - 1] == " " { end -= 1 }
        var start = end
        while start > 0 && (chars[start - 1].isLetter || chars[start - 1].isNumber || chars[start - 1] == "_" || chars[start - 1] == ".") {
            start -= 1
        }
        let callee = String(chars[start..<end])
        return callee.isEmpty ? nil : callee
    }

    /// Whether `text` ends inside an unclosed string literal.
    public static func insideString(_ text: String) -> Bool {
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "#" { return false }
            if c == "'" || c == "\"" {
                let end = skipString(chars, i)
                if end > chars.count { return true }
                i = end
                continue
            }
            i += 1
        }
        return false
    }

    /// The index after the string literal opening at `i`, or `count + 1` when it never closes.
    private static func skipString(_ chars: [Character], _ i: Int) -> Int {
        let quote = chars[i]
        let triple = i + 2 < chars.count && chars[i + 1] == quote && chars[i + 2] == quote
        var j = i + (triple ? 3 : 1)
        while j < chars.count {
            if chars[j] == "\\" { j += 2; continue }
            if chars[j] == quote {
                if !triple { return j + 1 }
                if j + 2 < chars.count && chars[j + 1] == quote && chars[j + 2] == quote { return j + 3 }
            }
            j += 1
        }
        return chars.count + 1
    }
}
