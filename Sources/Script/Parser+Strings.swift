import Foundation

/// String literals: adjacent-literal concatenation and f-string bodies (nested expressions,
/// `!r`/`!s`/`!a`, the `=` self-documenting form, nested format specs).
extension Parser {
    /// Adjacent literals concatenate; any f-string among them makes the whole an f-string.
    func strings() throws -> Expr {
        var parts: [FStringPart] = []
        var anyF = false
        while peek.kind == .string {
            let t = advance()
            if t.isFString {
                anyF = true
                parts.append(contentsOf: try fstringParts(t.stringValue, raw: t.isRawString, token: t))
            } else {
                parts.append(.literal(t.stringValue))
            }
        }
        if !anyF {
            var s = ""
            for case .literal(let l) in parts { s += l }
            return .constant(PyStr(s))
        }
        return .fstring(parts)
    }

    /// Splits an f-string body into literal text and replacement fields.
    func fstringParts(_ body: String, raw: Bool, token: Token) throws -> [FStringPart] {
        let chars = Array(body)
        var i = 0
        return try fstringParts(chars, &i, raw: raw, token: token, inSpec: false)
    }

    private func fstringParts(_ chars: [Character], _ i: inout Int, raw: Bool, token: Token, inSpec: Bool) throws -> [FStringPart] {
        var parts: [FStringPart] = []
        var literal = ""
        func flush() throws {
            if !literal.isEmpty {
                parts.append(.literal(raw ? literal : try Lexer.unescape(literal, line: token.line, col: token.column)))
                literal = ""
            }
        }
        let fail = { (m: String) in SyntaxErrorInfo(type: "SyntaxError", message: "f-string: " + m, line: token.line, column: token.column) }
        while i < chars.count {
            let c = chars[i]
            if inSpec && c == "}" { break }
            if c == "{" {
                if !inSpec && i + 1 < chars.count && chars[i + 1] == "{" { literal.append("{"); i += 2; continue }
                try flush()
                i += 1
                // Find the end of the expression: a top-level '!', ':', '=' or '}'.
                var depth = 0
                var quote: Character? = nil
                let start = i
                while i < chars.count {
                    let d = chars[i]
                    if let q = quote { if d == q { quote = nil }; i += 1; continue }
                    if d == "'" || d == "\"" { quote = d }
                    else if "([{".contains(d) { depth += 1 }
                    else if ")]}".contains(d) { if depth == 0 { break }; depth -= 1 }
                    else if depth == 0 && (d == "!" || d == ":") {
                        if d == "!" && i + 1 < chars.count && chars[i + 1] == "=" { i += 2; continue }
                        break
                    } else if depth == 0 && d == "=" {
                        let next: Character = i + 1 < chars.count ? chars[i + 1] : " "
                        let prev: Character = i > start ? chars[i - 1] : " "
                        if next != "=" && !"=!<>".contains(prev) { break }
                        if next == "=" { i += 2; continue }
                    }
                    i += 1
                }
                let exprText = String(chars[start..<min(i, chars.count)])
                if exprText.trimmingCharacters(in: .whitespaces).isEmpty { throw fail("empty expression not allowed") }
                var selfDoc = false
                var selfDocText = exprText
                if i < chars.count && chars[i] == "=" {
                    selfDoc = true
                    i += 1
                    selfDocText += "="
                    while i < chars.count && chars[i] == " " { selfDocText.append(" "); i += 1 }
                }
                var conversion: Character? = nil
                if i < chars.count && chars[i] == "!" {
                    guard i + 1 < chars.count, "rsa".contains(chars[i + 1]) else { throw fail("invalid conversion character: expected 's', 'r', or 'a'") }
                    conversion = chars[i + 1]
                    i += 2
                }
                var spec: [FStringPart]? = nil
                if i < chars.count && chars[i] == ":" {
                    i += 1
                    spec = try fstringParts(chars, &i, raw: raw, token: token, inSpec: true)
                }
                guard i < chars.count, chars[i] == "}" else { throw fail("expecting '}'") }
                i += 1
                let expr = try parseEmbedded(exprText, token: token)
                if selfDoc {
                    parts.append(.literal(selfDocText))
                    if conversion == nil && spec == nil { conversion = "r" }
                }
                parts.append(.value(expr, conversion, spec))
                continue
            }
            if c == "}" {
                if i + 1 < chars.count && chars[i + 1] == "}" { literal.append("}"); i += 2; continue }
                throw fail("single '}' is not allowed")
            }
            literal.append(c)
            i += 1
        }
        try flush()
        return parts
    }

    private func parseEmbedded(_ text: String, token: Token) throws -> Expr {
        var tokens: [Token]
        do { tokens = try Lexer.tokenize("(" + text + ")") } catch var e as SyntaxErrorInfo {
            e.message = "f-string: " + e.message
            e.line = token.line
            throw e
        }
        for k in tokens.indices { tokens[k].line = token.line; tokens[k].column = token.column }
        let sub = Parser(tokens: tokens)
        sub.functionDepth = functionDepth
        sub.nesting = nesting
        let e = try sub.starExpressions()
        guard sub.check(.newline) else {
            throw SyntaxErrorInfo(type: "SyntaxError", message: "f-string: invalid syntax", line: token.line, column: token.column)
        }
        return e
    }
}
