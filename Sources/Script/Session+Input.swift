/// Deciding when typed input is a whole statement (Python's interactive rules).
extension ScriptSession {
    /// Whether the lines typed so far can run.
    public enum Completeness: Equatable, Sendable {
        /// Run it.
        case complete
        /// Show `... ` and read another line (open brackets or strings, a trailing backslash,
        /// a block that has not been closed by an empty line).
        case incomplete
        /// A syntax error: run it anyway (`run` prints the error) or show the error.
        case invalid(SyntaxErrorInfo)
    }

    /// Keywords that open a compound statement: after one, input goes on until an empty line.
    static let blockKeywords: Set<String> = ["if", "while", "for", "def", "class", "try", "with", "async"]

    /// Python's REPL rules for `source` (the lines typed so far, joined by `\n`, without the final newline):
    /// a simple statement is complete when its brackets, strings and backslashes are closed; a
    /// compound statement (`if x:`, `def f():`, a decorator) is complete after an empty line.
    public static func isComplete(_ source: String) -> Completeness {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        let endsWithBlank = lines.count > 1 && (lines.last?.allSatisfy { $0 == " " || $0 == "\t" } ?? false)
        if source.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\n" }) { return .complete }
        let tokens: [Token]
        do {
            tokens = try Lexer.tokenize(source)
        } catch let e as SyntaxErrorInfo {
            if e.message.hasSuffix("was never closed") || e.message.hasPrefix("unterminated triple-quoted string") {
                return .incomplete
            }
            if !endsWithBlank && endsWithContinuation(source) { return .incomplete }
            return .invalid(e)
        } catch {
            return .invalid(SyntaxErrorInfo(type: "SyntaxError", message: "invalid syntax", line: 1, column: 1))
        }
        if !endsWithBlank {
            if endsWithContinuation(source) { return .incomplete }
            if let first = tokens.first, first.kind == .name && blockKeywords.contains(first.text) || first.kind == .op && first.text == "@" {
                return .incomplete
            }
        }
        do {
            let module = try Parser.parseModule(source)
            try Resolver.resolve(module)
            return .complete
        } catch let e as SyntaxErrorInfo {
            return .invalid(e)
        } catch {
            return .invalid(SyntaxErrorInfo(type: "SyntaxError", message: "invalid syntax", line: 1, column: 1))
        }
    }

    /// Whether the last line ends with a line-continuation backslash.
    private static func endsWithContinuation(_ source: String) -> Bool {
        source.last == "\\"
    }
}
