/// A syntax or indentation error found before anything runs, with its source location.
public struct SyntaxErrorInfo: Error, Equatable {
    /// `SyntaxError`, `IndentationError` or `TabError`.
    public var type: String
    /// CPython's message, e.g. `invalid syntax`.
    public var message: String
    /// 1-based line.
    public var line: Int
    /// 1-based column of the caret.
    public var column: Int
}

/// The kinds of token the lexer produces.
enum TokenKind: Equatable {
    case name, int, float, string, op, newline, indent, dedent, eof
}

/// One token with its location; literal payloads are decoded by the lexer.
struct Token {
    var kind: TokenKind
    var text: String = ""
    /// Value of an int literal; nil when it does not fit in 64 bits (OverflowError when run).
    var intValue: Int64? = nil
    var floatValue: Double = 0
    /// Decoded string literal, or the raw body of an f-string.
    var stringValue: String = ""
    var isFString = false
    var isRawString = false
    var line: Int
    var column: Int
}

/// Turns source text into tokens, including NEWLINE/INDENT/DEDENT (Python's tokenizer rules).
struct Lexer {
    private let bytes: [UInt8]
    private var pos = 0
    private var line = 1
    private var lineStart = 0
    private var depth = 0
    private var indents = [0]
    private var atLineStart = true
    private(set) var tokens: [Token] = []

    init(_ source: String) {
        bytes = Array(source.utf8)
    }

    /// Tokenizes the whole source or throws the first lexical error.
    static func tokenize(_ source: String) throws -> [Token] {
        var lexer = Lexer(source)
        try lexer.run()
        return lexer.tokens
    }

    private func peek(_ offset: Int = 0) -> UInt8 {
        let i = pos + offset
        return i < bytes.count ? bytes[i] : 0
    }

    private var column: Int { pos - lineStart + 1 }

    private func error(_ message: String, col: Int? = nil, type: String = "SyntaxError") -> SyntaxErrorInfo {
        SyntaxErrorInfo(type: type, message: message, line: line, column: col ?? column)
    }

    private mutating func add(_ kind: TokenKind, _ text: String = "", col: Int) {
        tokens.append(Token(kind: kind, text: text, line: line, column: col))
    }

    private mutating func run() throws {
        while pos < bytes.count {
            if atLineStart && depth == 0 {
                if try handleIndentation() { continue }
            }
            atLineStart = false
            let c = peek()
            switch c {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), 12:
                pos += 1
            case UInt8(ascii: "#"):
                while pos < bytes.count && peek() != 10 && peek() != 13 { pos += 1 }
            case 10, 13:
                if c == 13 && peek(1) == 10 { pos += 1 }
                if depth == 0 {
                    if let last = tokens.last, last.kind != .newline { add(.newline, col: column) }
                }
                pos += 1
                line += 1
                lineStart = pos
                atLineStart = true
            case UInt8(ascii: "\\"):
                if peek(1) == 10 || (peek(1) == 13) {
                    pos += peek(1) == 13 && peek(2) == 10 ? 3 : 2
                    line += 1
                    lineStart = pos
                } else {
                    throw error("unexpected character after line continuation character", col: column + 1)
                }
            case 0:
                throw error("source code cannot contain null bytes")
            default:
                if isIdentStart(c) {
                    try lexNameOrString()
                } else if isDigit(c) || (c == UInt8(ascii: ".") && isDigit(peek(1))) {
                    try lexNumber()
                } else if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") {
                    try lexString(prefix: "", start: pos, col: column)
                } else {
                    try lexOperator()
                }
            }
        }
        if depth > 0 {
            // CPython points at the unclosed bracket.
            throw unclosedBracketError ?? error("unexpected EOF while parsing")
        }
        if let last = tokens.last, last.kind != .newline { add(.newline, col: column) }
        while indents.count > 1 {
            indents.removeLast()
            add(.dedent, col: 1)
        }
        add(.eof, col: column)
    }

    private var openBrackets: [(UInt8, Int, Int)] = []
    private var unclosedBracketError: SyntaxErrorInfo? {
        guard let (c, l, col) = openBrackets.last else { return nil }
        return SyntaxErrorInfo(type: "SyntaxError", message: "'\(Character(Unicode.Scalar(c)))' was never closed", line: l, column: col)
    }

    /// Measures a new logical line's indentation; returns true when the line was blank.
    private mutating func handleIndentation() throws -> Bool {
        var width = 0
        var sawTab = false, sawSpace = false
        while pos < bytes.count {
            let c = peek()
            if c == UInt8(ascii: " ") { width += 1; sawSpace = true }
            else if c == UInt8(ascii: "\t") { width = (width / 8 + 1) * 8; sawTab = true }
            else if c == 12 { width = 0 }
            else { break }
            pos += 1
        }
        let c = peek()
        if c == UInt8(ascii: "#") || c == 10 || c == 13 || pos >= bytes.count {
            return false  // blank or comment-only line: no indentation tokens
        }
        if c == UInt8(ascii: "\\") && (peek(1) == 10 || peek(1) == 13) { return false }
        _ = sawTab && sawSpace
        atLineStart = false
        let current = indents[indents.count - 1]
        if width > current {
            indents.append(width)
            add(.indent, col: column)
        } else if width < current {
            while let top = indents.last, top > width {
                indents.removeLast()
                add(.dedent, col: column)
            }
            if indents.last != width {
                throw error("unindent does not match any outer indentation level", type: "IndentationError")
            }
        }
        return true
    }

    private func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
    private func isIdentStart(_ c: UInt8) -> Bool {
        (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95 || c >= 0x80
    }
    private func isIdentChar(_ c: UInt8) -> Bool { isIdentStart(c) || isDigit(c) }

    private func text(_ from: Int, _ to: Int) -> String {
        String(decoding: bytes[from..<to], as: UTF8.self)
    }

    private mutating func lexNameOrString() throws {
        let start = pos
        let col = column
        while pos < bytes.count && isIdentChar(peek()) { pos += 1 }
        let word = text(start, pos)
        let lower = word.lowercased()
        if (peek() == UInt8(ascii: "'") || peek() == UInt8(ascii: "\"")),
           ["r", "f", "b", "u", "rf", "fr", "br", "rb"].contains(lower) {
            try lexString(prefix: lower, start: start, col: col)
            return
        }
        add(.name, word, col: col)
    }

    private mutating func lexNumber() throws {
        let start = pos
        let col = column
        var isFloat = false
        func digits(_ ok: (UInt8) -> Bool) { while pos < bytes.count && (ok(peek()) || peek() == 95) { pos += 1 } }
        if peek() == 48, let base = [UInt8(ascii: "x"): 16, UInt8(ascii: "X"): 16, UInt8(ascii: "o"): 8,
                                     UInt8(ascii: "O"): 8, UInt8(ascii: "b"): 2, UInt8(ascii: "B"): 2][peek(1)] {
            pos += 2
            let digitStart = pos
            digits { c in (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70) }
            let body = text(digitStart, pos).replacingOccurrences(of: "_", with: "")
            var token = Token(kind: .int, text: text(start, pos), line: line, column: col)
            if body.isEmpty || body.hasSuffix("_") { throw error("invalid \(base == 16 ? "hexadecimal" : base == 8 ? "octal" : "binary") literal", col: col) }
            guard let v = UInt64(body, radix: base) else {
                if body.allSatisfy({ $0.isHexDigit }) && body.allSatisfy({ Int(String($0), radix: base) != nil }) {
                    tokens.append(token)  // too large: OverflowError when evaluated
                    return
                }
                throw error("invalid digit in \(base == 16 ? "hexadecimal" : base == 8 ? "octal" : "binary") literal", col: col)
            }
            token.intValue = v <= UInt64(Int64.max) ? Int64(v) : nil
            tokens.append(token)
            return
        }
        digits(isDigit)
        if peek() == UInt8(ascii: ".") { isFloat = true; pos += 1; digits(isDigit) }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            let save = pos
            pos += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { pos += 1 }
            if isDigit(peek()) { isFloat = true; digits(isDigit) } else { pos = save }
        }
        var imaginary = false
        if peek() == UInt8(ascii: "j") || peek() == UInt8(ascii: "J") { imaginary = true }
        if isIdentStart(peek()) && !imaginary {
            throw error("invalid decimal literal", col: col)
        }
        if imaginary { throw error("complex numbers are not supported by wick", col: col) }
        let raw = text(start, pos)
        let clean = raw.replacingOccurrences(of: "_", with: "")
        if raw.contains("__") || raw.hasSuffix("_") { throw error("invalid decimal literal", col: col) }
        var token = Token(kind: isFloat ? .float : .int, text: raw, line: line, column: col)
        if isFloat {
            token.floatValue = Double(clean) ?? .infinity
        } else {
            if clean.count > 1 && clean.hasPrefix("0") && clean.contains(where: { $0 != "0" }) {
                throw error("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", col: col)
            }
            token.intValue = Int64(clean)
        }
        tokens.append(token)
    }

    private mutating func lexString(prefix: String, start: Int, col: Int) throws {
        if prefix.contains("b") { throw error("bytes literals are not supported by wick", col: col) }
        let raw = prefix.contains("r")
        let isF = prefix.contains("f")
        let quote = peek()
        let startLine = line
        var triple = false
        if peek(1) == quote && peek(2) == quote { triple = true; pos += 3 } else { pos += 1 }
        let bodyStart = pos
        while true {
            guard pos < bytes.count else {
                if triple {
                    throw SyntaxErrorInfo(type: "SyntaxError", message: "unterminated triple-quoted string literal (detected at line \(line))", line: startLine, column: col)
                }
                throw SyntaxErrorInfo(type: "SyntaxError", message: "unterminated string literal (detected at line \(startLine))", line: startLine, column: col)
            }
            let c = peek()
            if c == UInt8(ascii: "\\") {
                pos += 2
                if pos <= bytes.count && (bytes[pos - 1] == 10) { line += 1; lineStart = pos }
                continue
            }
            if c == 10 || c == 13 {
                if !triple {
                    throw SyntaxErrorInfo(type: "SyntaxError", message: "unterminated string literal (detected at line \(startLine))", line: startLine, column: col)
                }
                pos += 1
                line += 1
                lineStart = pos
                continue
            }
            if c == quote {
                if !triple { break }
                if peek(1) == quote && peek(2) == quote { break }
            }
            pos += 1
        }
        let body = text(bodyStart, min(pos, bytes.count))
        pos += triple ? 3 : 1
        var token = Token(kind: .string, line: startLine, column: col)
        token.isFString = isF
        token.isRawString = raw
        if isF || raw {
            token.stringValue = body
        } else {
            token.stringValue = try Lexer.unescape(body, line: startLine, col: col)
        }
        tokens.append(token)
    }

    /// Decodes backslash escapes as CPython does for a non-raw str literal.
    static func unescape(_ body: String, line: Int, col: Int) throws -> String {
        guard body.contains("\\") else { return body }
        var out = String.UnicodeScalarView()
        var it = Array(body.unicodeScalars)
        it.append(Unicode.Scalar(0))
        var i = 0
        func hex(_ n: Int, _ what: String) throws -> Unicode.Scalar {
            guard i + n < it.count else { throw SyntaxErrorInfo(type: "SyntaxError", message: "(unicode error) 'unicodeescape' codec can't decode bytes: truncated \(what) escape", line: line, column: col) }
            let s = String(String.UnicodeScalarView(it[(i + 1)...(i + n)]))
            guard let v = UInt32(s, radix: 16), let sc = Unicode.Scalar(v) else {
                throw SyntaxErrorInfo(type: "SyntaxError", message: "(unicode error) 'unicodeescape' codec can't decode bytes: truncated \(what) escape", line: line, column: col)
            }
            i += n
            return sc
        }
        while i < it.count - 1 {
            let c = it[i]
            if c != "\\" { out.append(c); i += 1; continue }
            i += 1
            let e = it[i]
            switch e {
            case "n": out.append("\n")
            case "t": out.append("\t")
            case "r": out.append("\r")
            case "\\": out.append("\\")
            case "'": out.append("'")
            case "\"": out.append("\"")
            case "a": out.append(Unicode.Scalar(7))
            case "b": out.append(Unicode.Scalar(8))
            case "f": out.append(Unicode.Scalar(12))
            case "v": out.append(Unicode.Scalar(11))
            case "0"..."7":
                var v: UInt32 = 0
                var n = 0
                while n < 3, i < it.count - 1, ("0"..."7").contains(it[i]) {
                    v = v * 8 + (it[i].value - 48); i += 1; n += 1
                }
                i -= 1
                out.append(Unicode.Scalar(v) ?? "?")
            case "x": out.append(try hex(2, "\\xXX"))
            case "u": out.append(try hex(4, "\\uXXXX"))
            case "U": out.append(try hex(8, "\\UXXXXXXXX"))
            case "\n": break
            default:
                out.append("\\")
                out.append(e)
            }
            i += 1
        }
        return String(out)
    }

    private static let threeCharOps: Set<String> = ["**=", "//=", ">>=", "<<=", "...", "!=="]
    private static let twoCharOps: Set<String> = ["**", "//", ">>", "<<", "<=", ">=", "==", "!=", "->",
                                                  "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=", ":="]
    private static let oneCharOps: Set<Character> = ["+", "-", "*", "/", "%", "@", "&", "|", "^", "~", "<", ">",
                                                     "(", ")", "[", "]", "{", "}", ",", ":", ".", ";", "="]

    private mutating func lexOperator() throws {
        let col = column
        for n in [3, 2] where pos + n <= bytes.count {
            let s = text(pos, pos + n)
            if (n == 3 ? Lexer.threeCharOps : Lexer.twoCharOps).contains(s) && s != "!==" {
                pos += n
                add(.op, s, col: col)
                return
            }
        }
        let c = peek()
        guard c < 0x80, Lexer.oneCharOps.contains(Character(Unicode.Scalar(c))) else {
            if c == UInt8(ascii: "!") { throw error("invalid syntax") }
            if c == UInt8(ascii: "$") || c == UInt8(ascii: "?") || c == UInt8(ascii: "`") { throw error("invalid syntax") }
            throw error("invalid character '\(Character(Unicode.Scalar(c)))' (U+\(Lexer.hex4(Int(c))))")
        }
        let s = String(Character(Unicode.Scalar(c)))
        pos += 1
        switch s {
        case "(", "[", "{":
            depth += 1
            openBrackets.append((c, line, col))
            if depth > 200 { throw error("too many nested parentheses", col: col) }
        case ")", "]", "}":
            let expected: [String: UInt8] = [")": 40, "]": 91, "}": 123]
            guard let open = openBrackets.last else { throw error("unmatched '\(s)'", col: col) }
            if open.0 != expected[s] {
                let o = Character(Unicode.Scalar(open.0))
                if open.1 == line {
                    throw error("closing parenthesis '\(s)' does not match opening parenthesis '\(o)'", col: col)
                }
                throw error("closing parenthesis '\(s)' does not match opening parenthesis '\(o)' on line \(open.1)", col: col)
            }
            openBrackets.removeLast()
            depth -= 1
        default: break
        }
        add(.op, s, col: col)
    }
}

extension Lexer {
    /// Four uppercase hex digits, as CPython prints code points in messages.
    static func hex4(_ value: Int) -> String {
        String(value, radix: 16, uppercase: true).leftPadded(4)
    }
}
