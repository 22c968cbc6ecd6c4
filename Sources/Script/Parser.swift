/// Recursive-descent parser for the statements of LANGUAGE.md §5; expressions live in Parser+Expressions.
/// Errors are collected; after one the parser skips to the next statement boundary and goes on.
final class Parser {
    var tokens: [Token]
    var current = 0
    var errors: [SyntaxErrorInfo] = []
    /// Guards native recursion: `- - - … x` or deep nesting cannot exhaust the stack.
    var nesting = 0
    var functionDepth = 0
    var loopDepth = 0

    static let keywords: Set<String> = ["False", "None", "True", "and", "as", "assert", "async", "await", "break",
        "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if",
        "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
        "with", "yield"]

    init(tokens: [Token]) { self.tokens = tokens }

    /// Parses a whole file; throws the first syntax error (CPython reports the first one).
    static func parseModule(_ source: String) throws -> Module {
        let result = parseCollectingErrors(source)
        if let first = result.errors.first { throw first }
        guard let module = result.module else { throw SyntaxErrorInfo(type: "SyntaxError", message: "invalid syntax", line: 1, column: 1) }
        return module
    }

    /// Parses a file and returns every syntax error found (recovering at statement boundaries).
    static func parseCollectingErrors(_ source: String) -> (module: Module?, errors: [SyntaxErrorInfo]) {
        let tokens: [Token]
        do { tokens = try Lexer.tokenize(source) } catch let e as SyntaxErrorInfo {
            return (nil, [e])
        } catch { return (nil, [SyntaxErrorInfo(type: "SyntaxError", message: "\(error)", line: 1, column: 1)]) }
        let parser = Parser(tokens: tokens)
        var body: [Statement] = []
        while !parser.check(.eof) {
            if let s = parser.statementRecovering() { body.append(contentsOf: s) }
        }
        if !parser.errors.isEmpty { return (nil, parser.errors) }
        let fn = FunctionDef(name: "<module>", parameters: [], body: body, line: 1)
        return (Module(body: fn), [])
    }

    // MARK: token helpers

    var peek: Token { tokens[min(current, tokens.count - 1)] }
    func peekAt(_ n: Int) -> Token { tokens[min(current + n, tokens.count - 1)] }

    func check(_ kind: TokenKind) -> Bool { peek.kind == kind }
    func checkOp(_ op: String) -> Bool { peek.kind == .op && peek.text == op }
    func checkKeyword(_ k: String) -> Bool { peek.kind == .name && peek.text == k }

    @discardableResult
    func advance() -> Token {
        let t = peek
        if current < tokens.count - 1 { current += 1 }
        return t
    }

    func matchOp(_ op: String) -> Bool {
        if checkOp(op) { advance(); return true }
        return false
    }

    func matchKeyword(_ k: String) -> Bool {
        if checkKeyword(k) { advance(); return true }
        return false
    }

    func error(_ message: String, at token: Token? = nil, type: String = "SyntaxError") -> SyntaxErrorInfo {
        let t = token ?? peek
        return SyntaxErrorInfo(type: type, message: message, line: t.line, column: t.column)
    }

    func expectOp(_ op: String, _ message: String? = nil) throws {
        if !matchOp(op) { throw error(message ?? (peek.kind == .op || peek.kind == .name ? "expected '\(op)'" : "invalid syntax")) }
    }

    func expectName() throws -> String {
        guard peek.kind == .name, !Parser.keywords.contains(peek.text) else { throw error("invalid syntax") }
        return advance().text
    }

    // MARK: statements

    func statementRecovering() -> [Statement]? {
        do {
            return try statement()
        } catch let e as SyntaxErrorInfo {
            errors.append(e)
            synchronize()
            return nil
        } catch {
            synchronize()
            return nil
        }
    }

    /// Skips to the start of the next statement after an error.
    func synchronize() {
        while !check(.eof) {
            let t = advance()
            if t.kind == .newline || t.kind == .dedent { return }
        }
    }

    func statement() throws -> [Statement] {
        let t = peek
        if t.kind == .indent { throw error("unexpected indent", type: "IndentationError") }
        if t.kind == .dedent || t.kind == .newline { advance(); return [] }
        if t.kind == .name {
            switch t.text {
            case "if": return [try ifStatement()]
            case "while": return [try whileStatement()]
            case "for": return [try forStatement()]
            case "try": return [try tryStatement()]
            case "with": return [try withStatement()]
            case "def": return [try functionDefinition(decorators: [])]
            case "class": return [try classDefinition(decorators: [])]
            case "async": throw error("'async' is not supported by wick")
            case "match" where peekAt(1).kind == .name || (peekAt(1).kind == .op && ["(", "["].contains(peekAt(1).text) && lineEndsWithColon()):
                throw error("'match' is not supported by wick")
            default: break
            }
        }
        if checkOp("@") { return [try decorated()] }
        return try simpleStatements()
    }

    private func lineEndsWithColon() -> Bool {
        var i = current
        while i < tokens.count && tokens[i].kind != .newline { i += 1 }
        return i > 0 && tokens[i - 1].kind == .op && tokens[i - 1].text == ":"
    }

    func simpleStatements() throws -> [Statement] {
        var result: [Statement] = []
        repeat {
            if check(.newline) { break }
            result.append(try simpleStatement())
        } while matchOp(";")
        if !check(.newline) && !check(.eof) {
            throw error("invalid syntax")
        }
        advance()
        return result
    }

    /// A block after ':' — an indented suite or simple statements on the same line.
    func block(after keyword: String, line: Int) throws -> [Statement] {
        try expectOp(":", "expected ':'")
        if check(.newline) {
            advance()
            guard check(.indent) else {
                throw error("expected an indented block after \(keyword) on line \(line)", type: "IndentationError")
            }
            advance()
            var body: [Statement] = []
            while !check(.dedent) && !check(.eof) {
                body.append(contentsOf: try statement())
            }
            advance()
            return body
        }
        return try simpleStatements()
    }

    func ifStatement() throws -> Statement {
        let line = advance().line
        var branches: [(Expr, [Statement])] = []
        let cond = try namedExpressionTest()
        branches.append((cond, try block(after: "'if' statement", line: line)))
        var orelse: [Statement] = []
        while checkKeyword("elif") {
            let l = advance().line
            let c = try namedExpressionTest()
            branches.append((c, try block(after: "'elif' statement", line: l)))
        }
        if checkKeyword("else") {
            let l = advance().line
            orelse = try block(after: "'else' statement", line: l)
        }
        return Statement(kind: .ifElse(branches, orelse), line: line)
    }

    func whileStatement() throws -> Statement {
        let line = advance().line
        let cond = try namedExpressionTest()
        loopDepth += 1
        let body = try block(after: "'while' statement", line: line)
        loopDepth -= 1
        var orelse: [Statement] = []
        if checkKeyword("else") { let l = advance().line; orelse = try block(after: "'else' statement", line: l) }
        return Statement(kind: .whileLoop(cond, body, orelse), line: line)
    }

    func forStatement() throws -> Statement {
        let line = advance().line
        let target = try targetList()
        guard matchKeyword("in") else { throw error("invalid syntax") }
        let iterable = try starExpressions()
        loopDepth += 1
        let body = try block(after: "'for' statement", line: line)
        loopDepth -= 1
        var orelse: [Statement] = []
        if checkKeyword("else") { let l = advance().line; orelse = try block(after: "'else' statement", line: l) }
        return Statement(kind: .forLoop(target, iterable, body, orelse), line: line)
    }

    func tryStatement() throws -> Statement {
        let line = advance().line
        let body = try block(after: "'try' statement", line: line)
        var handlers: [ExceptHandler] = []
        while checkKeyword("except") {
            let l = advance().line
            if checkOp("*") { throw error("'except*' is not supported by wick") }
            var type: Expr? = nil
            var name: NameRef? = nil
            if !checkOp(":") {
                type = try expression()
                if checkOp(",") { throw error("multiple exception types must be parenthesized") }
                if matchKeyword("as") { name = NameRef(try expectName()) }
            }
            let b = try block(after: "'except' statement", line: l)
            handlers.append(ExceptHandler(type: type, name: name, body: b, line: l))
        }
        var orelse: [Statement] = []
        var final: [Statement] = []
        if !handlers.isEmpty && checkKeyword("else") { let l = advance().line; orelse = try block(after: "'else' statement", line: l) }
        if checkKeyword("finally") { let l = advance().line; final = try block(after: "'finally' statement", line: l) }
        if handlers.isEmpty && final.isEmpty && !checkKeyword("finally") {
            throw error("expected 'except' or 'finally' block")
        }
        return Statement(kind: .tryExcept(body, handlers, orelse, final), line: line)
    }

    func withStatement() throws -> Statement {
        let line = advance().line
        var items: [(Expr, Expr?)] = []
        let parenthesized = checkOp("(") && lineEndsWithColon() && false
        _ = parenthesized
        repeat {
            let ctx = try expression()
            var target: Expr? = nil
            if matchKeyword("as") { target = try target_() }
            items.append((ctx, target))
        } while matchOp(",")
        let body = try block(after: "'with' statement", line: line)
        return Statement(kind: .with(items, body), line: line)
    }

    func decorated() throws -> Statement {
        var decorators: [Expr] = []
        while matchOp("@") {
            decorators.append(try namedExpressionTest())
            guard check(.newline) else { throw error("invalid syntax") }
            advance()
        }
        if checkKeyword("def") { return try functionDefinition(decorators: decorators) }
        if checkKeyword("class") { return try classDefinition(decorators: decorators) }
        if checkKeyword("async") { throw error("'async def' is not supported by wick") }
        throw error("invalid syntax")
    }

    func functionDefinition(decorators: [Expr]) throws -> Statement {
        let line = advance().line
        let name = try expectName()
        if checkOp("[") { throw error("type parameter syntax is not supported by wick") }
        try expectOp("(", "expected '('")
        let params = try parameterList(closing: ")")
        try expectOp(")")
        var returnAnnotation: Expr? = nil
        if matchOp("->") { returnAnnotation = try expression() }
        functionDepth += 1
        let savedLoop = loopDepth
        loopDepth = 0
        defer { functionDepth -= 1; loopDepth = savedLoop }
        let body = try block(after: "function definition", line: line)
        let fn = FunctionDef(name: name, parameters: params, body: body, line: line)
        fn.decorators = decorators
        fn.docstring = Parser.docstring(body)
        fn.returnAnnotation = returnAnnotation
        return Statement(kind: .functionDef(fn, NameRef(name)), line: decorators.isEmpty ? line : line)
    }

    static func docstring(_ body: [Statement]) -> String? {
        if case .expression(.constant(let s as PyStr))? = body.first?.kind { return s.value }
        return nil
    }

    /// Parameters of a def (annotations allowed) or lambda (closing ':').
    func parameterList(closing: String) throws -> [Parameter] {
        var params: [Parameter] = []
        var seenStar = false
        var seenDefault = false
        let allowAnnotations = closing == ")"
        while !checkOp(closing) {
            if matchOp("/") {
                if !matchOp(",") && !checkOp(closing) { throw error("invalid syntax") }
                continue
            }
            if matchOp("**") {
                params.append(Parameter(name: try expectName(), kind: .varKeywords, defaultValue: nil))
                if allowAnnotations && matchOp(":") { params[params.count - 1].annotation = try expression() }
                _ = matchOp(",")
                if !checkOp(closing) { throw error("arguments cannot follow var-keyword argument") }
                break
            }
            if matchOp("*") {
                if seenStar { throw error("* argument may appear only once") }
                seenStar = true
                if checkOp(",") { advance(); continue }
                params.append(Parameter(name: try expectName(), kind: .varArgs, defaultValue: nil))
                if allowAnnotations && matchOp(":") { params[params.count - 1].annotation = try expression() }
            } else {
                let tok = peek
                let name = try expectName()
                if params.contains(where: { $0.name == name }) {
                    throw error("duplicate argument '\(name)' in function definition", at: tok)
                }
                var annotation: Expr? = nil
                if allowAnnotations && matchOp(":") { annotation = try expression() }
                var def: Expr? = nil
                if matchOp("=") { def = try expression(); if !seenStar { seenDefault = true } }
                else if seenDefault && !seenStar { throw error("non-default argument follows default argument", at: tok) }
                params.append(Parameter(name: name, kind: seenStar ? .keywordOnly : .normal, defaultValue: def, annotation: annotation))
            }
            if !matchOp(",") { break }
        }
        return params
    }

    func classDefinition(decorators: [Expr]) throws -> Statement {
        let line = advance().line
        let name = try expectName()
        var bases: [Argument] = []
        if matchOp("(") {
            bases = try callArguments()
            try expectOp(")")
        }
        for b in bases { if case .keyword(let k, _) = b, k == "metaclass" { throw error("metaclasses are not supported by wick") } }
        let savedLoop = loopDepth
        loopDepth = 0
        let body = try block(after: "class definition", line: line)
        loopDepth = savedLoop
        let fn = FunctionDef(name: name, parameters: [], body: body, line: line)
        fn.docstring = Parser.docstring(body)
        let cls = ClassDef(name: name, bases: bases, body: fn, line: line)
        cls.decorators = decorators
        return Statement(kind: .classDef(cls, NameRef(name)), line: line)
    }
}
