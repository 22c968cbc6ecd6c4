/// Python syntax highlighting with ANSI colours (its own small tokenizer; Script is not involved).
public struct SyntaxHighlighter: Sendable {
    /// The kinds of token that get a colour.
    public enum TokenKind: Equatable, Sendable {
        case keyword, builtin, string, number, comment, definition, decorator, other
    }

    /// Whether to emit ANSI styles; without colour `highlight` returns its input unchanged.
    public let colour: Bool

    /// Makes a highlighter.
    public init(colour: Bool) { self.colour = colour }

    static let keywords: Set<String> = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
        "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in",
        "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    ]
    static let builtins: Set<String> = [
        "abs", "all", "any", "bool", "callable", "chr", "dict", "dir", "divmod", "enumerate", "filter",
        "float", "format", "getattr", "hasattr", "hash", "id", "input", "int", "isinstance", "issubclass",
        "iter", "len", "list", "map", "max", "min", "next", "object", "open", "ord", "pow", "print",
        "property", "range", "repr", "reversed", "round", "set", "setattr", "slice", "sorted", "staticmethod",
        "classmethod", "str", "sum", "super", "tuple", "type", "vars", "zip", "self",
    ]

    /// The colour of each token kind.
    static func style(_ kind: TokenKind) -> String {
        switch kind {
        case .keyword: return ANSI.magenta
        case .builtin: return ANSI.cyan
        case .string: return ANSI.green
        case .number: return ANSI.yellow
        case .comment: return ANSI.grey + ANSI.italic
        case .definition: return ANSI.blue + ANSI.bold
        case .decorator: return ANSI.yellow
        case .other: return ""
        }
    }

    /// `code` with ANSI colours around keywords, builtins, strings, numbers, comments,
    /// decorators and the names after `def`/`class`; unchanged when colour is off.
    public func highlight(_ code: String) -> String {
        guard colour else { return code }
        var out = ""
        for (text, kind) in SyntaxHighlighter.tokens(code) {
            let style = SyntaxHighlighter.style(kind)
            if style.isEmpty { out += text; continue }
            // Styles end at each newline so that a multi-line string stays coloured line by line.
            out += text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { ANSI.styled(String($0), style, colour: true) }.joined(separator: "\n")
        }
        return out
    }

    /// Splits `code` into (text, kind) pieces that concatenate back to `code`.
    public static func tokens(_ code: String) -> [(String, TokenKind)] {
        let chars = Array(code.unicodeScalars)
        var result: [(String, TokenKind)] = []
        var i = 0
        var previousWord = ""
        func text(_ a: Int, _ b: Int) -> String {
            var v = String.UnicodeScalarView()
            v.append(contentsOf: chars[a..<b])
            return String(v)
        }
        func isIdentStart(_ c: Unicode.Scalar) -> Bool { c == "_" || c.properties.isAlphabetic }
        func isIdent(_ c: Unicode.Scalar) -> Bool { isIdentStart(c) || ("0"..."9").contains(c) }
        while i < chars.count {
            let c = chars[i]
            let start = i
            if c == "#" {
                while i < chars.count, chars[i] != "\n" { i += 1 }
                result.append((text(start, i), .comment))
            } else if c == "\"" || c == "'" {
                i = stringEnd(chars, from: i)
                result.append((text(start, i), .string))
            } else if isIdentStart(c) {
                while i < chars.count, isIdent(chars[i]) { i += 1 }
                let word = text(start, i)
                // String prefixes: r'…', f"…", rb'…'.
                if i < chars.count, chars[i] == "\"" || chars[i] == "'", word.count <= 2,
                   word.lowercased().allSatisfy({ "rbfu".contains($0) }) {
                    i = stringEnd(chars, from: i)
                    result.append((text(start, i), .string))
                    previousWord = ""
                    continue
                }
                let kind: TokenKind
                if previousWord == "def" || previousWord == "class" { kind = .definition }
                else if keywords.contains(word) { kind = .keyword }
                else if builtins.contains(word) && !(start > 0 && chars[start - 1] == ".") { kind = .builtin }
                else { kind = .other }
                result.append((word, kind))
                previousWord = word
                continue
            } else if ("0"..."9").contains(c) || (c == "." && i + 1 < chars.count && ("0"..."9").contains(chars[i + 1])) {
                while i < chars.count {
                    let d = chars[i]
                    if isIdent(d) || d == "." { i += 1 }
                    else if (d == "+" || d == "-"), i > start, "eE".unicodeScalars.contains(chars[i - 1]),
                            !(text(start, i).hasPrefix("0x") || text(start, i).hasPrefix("0X")) { i += 1 }
                    else { break }
                }
                result.append((text(start, i), .number))
            } else if c == "@", (i == 0 || chars[i - 1] == "\n" || chars[i - 1] == " "),
                      i + 1 < chars.count, isIdentStart(chars[i + 1]) {
                i += 1
                while i < chars.count, isIdent(chars[i]) || chars[i] == "." { i += 1 }
                result.append((text(start, i), .decorator))
            } else {
                i += 1
                if let last = result.last, last.1 == .other, !isIdentStart(c), !isIdent(last.0.unicodeScalars.last ?? " ") {
                    result[result.count - 1].0 += String(c)
                } else {
                    result.append((String(c), .other))
                }
                if !(c == " " || c == "\t") { previousWord = "" }
                continue
            }
            previousWord = ""
        }
        return result
    }

    /// The index just past the string literal starting at `i` (quote character), triple quotes included;
    /// an unterminated single-quoted string ends at the line's end.
    static func stringEnd(_ chars: [Unicode.Scalar], from start: Int) -> Int {
        let q = chars[start]
        var i = start
        let triple = i + 2 < chars.count && chars[i + 1] == q && chars[i + 2] == q
        i += triple ? 3 : 1
        while i < chars.count {
            let c = chars[i]
            if c == "\\" { i += 2; continue }
            if !triple && c == "\n" { return i }
            if c == q {
                if !triple { return i + 1 }
                if i + 2 < chars.count && chars[i + 1] == q && chars[i + 2] == q { return i + 3 }
            }
            i += 1
        }
        return chars.count
    }
}
