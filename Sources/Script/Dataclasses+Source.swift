import Foundation

/// Where `@dataclass` finds a class's annotated fields.
extension DataclassesModule {
    /// The class statement last used per (file, class name), so redefinitions map to successive statements.
    nonisolated(unsafe) static var lastUsedLine: [String: Int] = [:]

    /// `(name, annotation text)` in definition order: from `__annotations__` when present, else from the
    /// class statement's source lines.
    static func annotations(of cls: PyClass) throws -> [(String, String)] {
        if let d = cls.namespace["__annotations__"] as? PyDict {
            return d.table.pairs.map { pair in
                let name = (pair.0.object as? PyStr)?.value ?? ""
                let text = (pair.1 as? PyStr)?.value ?? (pair.1 as? PyClass)?.name ?? ((try? Runtime.repr(pair.1)) ?? "")
                return (name, text)
            }
        }
        let interpreter = Interpreter.current
        guard let file = interpreter.modules[cls.module]?.file, let lines = interpreter.sources[file] else {
            throw PyError.notImplemented("dataclass \(cls.name): wick cannot see the field annotations of a class without source text")
        }
        var candidates: [(line: Int, fields: [SourceField])] = []
        for (i, raw) in lines.enumerated() {
            let line = String(raw)
            let indent = line.prefix(while: { $0 == " " || $0 == "\t" }).count
            let text = line.dropFirst(indent)
            guard text.hasPrefix("class "), text.dropFirst(6).drop(while: { $0 == " " }).hasPrefix(cls.name) else { continue }
            let after = text.dropFirst(6).drop(while: { $0 == " " }).dropFirst(cls.name.count).first
            guard after == "(" || after == ":" || after == " " else { continue }
            candidates.append((i + 1, bodyFields(lines, from: i + 1, classIndent: indent)))
        }
        // A class with methods: the last class statement above its first method. Otherwise the next
        // statement (after the one used before) whose `name: T = value` lines all became class attributes.
        let key = "\(file):\(qualifiedName(cls))"
        let chosen: (line: Int, fields: [SourceField])
        if let firstMethod = cls.namespace.entries.compactMap({ ($0.1 as? PyFunction)?.def.line }).min(),
           let c = candidates.last(where: { $0.line < firstMethod }) {
            chosen = c
        } else {
            let consistent = candidates.filter { c in c.fields.allSatisfy { !$0.hasValue || cls.namespace[$0.name] != nil } }
            let previous = lastUsedLine[key] ?? 0
            guard let c = consistent.first(where: { $0.line > previous }) ?? consistent.first ?? candidates.first else {
                throw PyError.notImplemented("dataclass \(cls.name): wick cannot find the class statement in \(file)")
            }
            chosen = c
        }
        lastUsedLine[key] = chosen.line
        return chosen.fields.map { ($0.name, $0.annotation) }
    }

    struct SourceField {
        var name: String
        var annotation: String
        var hasValue: Bool
    }

    static let keywords: Set<String> = ["def", "class", "if", "elif", "else", "for", "while", "with", "try", "except",
                                        "finally", "return", "pass", "lambda", "async", "match", "case"]

    /// `name: annotation [= value]` lines directly in a class body (not in methods or nested classes).
    static func bodyFields(_ lines: [Substring], from start: Int, classIndent: Int) -> [SourceField] {
        var out: [SourceField] = []
        var bodyIndent: Int?
        var inString: String?
        var i = start
        while i < lines.count {
            let line = String(lines[i])
            i += 1
            if let quote = inString {
                if line.components(separatedBy: quote).count % 2 == 0 { inString = nil }
                continue
            }
            let indent = line.prefix(while: { $0 == " " || $0 == "\t" }).count
            let text = line.dropFirst(indent).trimmingCharacters(in: .whitespaces)
            if text.isEmpty || text.hasPrefix("#") { continue }
            if indent <= classIndent { break }
            if bodyIndent == nil { bodyIndent = indent }
            guard indent == bodyIndent else { continue }
            for quote in ["\"\"\"", "'''"] where text.contains(quote) && text.components(separatedBy: quote).count % 2 == 0 {
                inString = quote
            }
            guard let field = parseField(text) else { continue }
            out.append(field)
        }
        return out
    }

    /// Parses `name: annotation` or `name: annotation = value`.
    static func parseField(_ text: String) -> SourceField? {
        let name = text.prefix(while: { $0 == "_" || $0.isLetter || $0.isNumber })
        guard !name.isEmpty, !(name.first?.isNumber ?? true), !keywords.contains(String(name)) else { return nil }
        let rest = text.dropFirst(name.count).drop(while: { $0 == " " })
        guard rest.first == ":" else { return nil }
        var annotation = rest.dropFirst()
        var hasValue = false
        // The first `=` outside brackets that is not part of `==`, `<=`, … starts the value.
        var depth = 0
        var idx = annotation.startIndex
        while idx < annotation.endIndex {
            let c = annotation[idx]
            if "([{".contains(c) { depth += 1 } else if ")]}".contains(c) { depth -= 1 }
            if c == "#" { annotation = annotation[..<idx]; break }
            if c == "=" && depth == 0 {
                let next = annotation.index(after: idx)
                let prev = idx > annotation.startIndex ? annotation[annotation.index(before: idx)] : " "
                if (next == annotation.endIndex || annotation[next] != "=") && !"<>!=".contains(prev) {
                    annotation = annotation[..<idx]
                    hasValue = true
                    break
                }
            }
            idx = annotation.index(after: idx)
        }
        let type = annotation.trimmingCharacters(in: .whitespaces)
        guard !type.isEmpty else { return nil }
        return SourceField(name: String(name), annotation: type, hasValue: hasValue)
    }
}
