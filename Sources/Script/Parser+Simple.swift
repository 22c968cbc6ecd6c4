/// Simple statements (one logical line each) and assignment-target checks.
extension Parser {
    func simpleStatement() throws -> Statement {
        let t = peek
        let line = t.line
        if t.kind == .name {
            switch t.text {
            case "pass": advance(); return Statement(kind: .pass, line: line)
            case "break":
                if loopDepth == 0 { throw error("'break' outside loop") }
                advance(); return Statement(kind: .breakLoop, line: line)
            case "continue":
                if loopDepth == 0 { throw error("'continue' not properly in loop") }
                advance(); return Statement(kind: .continueLoop, line: line)
            case "return":
                if functionDepth == 0 { throw error("'return' outside function") }
                advance()
                if check(.newline) || checkOp(";") { return Statement(kind: .returnValue(nil), line: line) }
                return Statement(kind: .returnValue(try starExpressions()), line: line)
            case "global", "nonlocal":
                advance()
                var names = [try expectName()]
                while matchOp(",") { names.append(try expectName()) }
                if t.text == "nonlocal" && functionDepth == 0 { throw error("nonlocal declaration not allowed at module level", at: t) }
                return Statement(kind: t.text == "global" ? .global(names) : .nonlocal(names), line: line)
            case "del":
                advance()
                var targets: [Expr] = []
                repeat {
                    if check(.newline) { break }
                    let e = try bitwiseOr()
                    try checkTarget(e, deleting: true)
                    targets.append(e)
                } while matchOp(",")
                return Statement(kind: .delete(targets), line: line)
            case "raise":
                advance()
                if check(.newline) || checkOp(";") { return Statement(kind: .raise(nil, nil), line: line) }
                let exc = try expression()
                var cause: Expr? = nil
                if matchKeyword("from") { cause = try expression() }
                return Statement(kind: .raise(exc, cause), line: line)
            case "assert":
                advance()
                let test = try expression()
                var msg: Expr? = nil
                if matchOp(",") { msg = try expression() }
                return Statement(kind: .assert(test, msg), line: line)
            case "import": return try importStatement()
            case "from": return try fromImportStatement()
            default: break
            }
        }
        let first = try starExpressions(allowYield: true)
        if checkOp("=") {
            var targets = [first]
            var value = first
            while matchOp("=") {
                value = try starExpressions(allowYield: true)
                targets.append(value)
            }
            targets.removeLast()
            do {
                for target in targets { try checkTarget(target, deleting: false) }
            } catch var e as SyntaxErrorInfo {
                // CPython points at the start of the statement's first target.
                if targets.count == 1 { e.line = t.line; e.column = t.column }
                throw e
            }
            return Statement(kind: .assign(targets, value), line: line)
        }
        if peek.kind == .op, let op = Parser.augmentedOperators[peek.text] {
            let opTok = advance()
            switch first {
            case .name, .attribute, .item: break
            case .tuple, .list: throw error("'tuple' is an illegal expression for augmented assignment", at: t)
            default:
                _ = opTok
                throw error("'\(Parser.describe(first))' is an illegal expression for augmented assignment", at: t)
            }
            let value = try starExpressions(allowYield: true)
            return Statement(kind: .augmentedAssign(first, op, value), line: line)
        }
        if matchOp(":") {
            switch first {
            case .name, .attribute, .item: break
            default: throw error("only single target (not tuple) can be annotated", at: t)
            }
            let annotation = try expression()
            var value: Expr? = nil
            if matchOp("=") { value = try starExpressions(allowYield: true) }
            return Statement(kind: .annotatedAssign(first, annotation, value), line: line)
        }
        return Statement(kind: .expression(first), line: line)
    }

    static let augmentedOperators: [String: BinaryOperator] = [
        "+=": .add, "-=": .sub, "*=": .mul, "/=": .truediv, "//=": .floordiv, "%=": .mod, "**=": .pow,
        "@=": .matmul, "&=": .bitand, "|=": .bitor, "^=": .bitxor, "<<=": .lshift, ">>=": .rshift]

    /// CPython's word for an expression that cannot be assigned to.
    static func describe(_ e: Expr) -> String {
        switch e {
        case .call, .callSite: return "function call"
        case .constant(let c):
            if c === PyNone.shared { return "None" }
            if c === PyBool.trueValue { return "True" }
            if c === PyBool.falseValue { return "False" }
            return "literal"
        case .overflowingInt, .fstring: return e.isFString ? "f-string expression" : "literal"
        case .binary, .unary: return "expression"
        case .and, .or: return "expression"
        case .compare: return "comparison"
        case .conditional: return "conditional expression"
        case .lambda: return "lambda"
        case .comprehension(let k, _, _, _, _):
            switch k {
            case .list: return "list comprehension"
            case .set: return "set comprehension"
            case .dict: return "dict comprehension"
            case .generator: return "generator expression"
            }
        case .yield, .yieldFrom: return "yield expression"
        case .dict: return "dict literal"
        case .set: return "set display"
        case .name, .attribute, .item, .tuple, .list, .starred, .slice: return "expression"
        }
    }

    func checkTarget(_ e: Expr, deleting: Bool) throws {
        switch e {
        case .name(let n):
            if n.name == "__debug__" { throw error("cannot assign to __debug__") }
        case .attribute, .item: break
        case .tuple(let items), .list(let items):
            for i in items { try checkTarget(i, deleting: deleting) }
        case .starred(let inner):
            if deleting { throw error("cannot delete starred") }
            try checkTarget(inner, deleting: deleting)
        default:
            let what = Parser.describe(e)
            if deleting { throw error("cannot delete \(what)") }
            throw error("cannot assign to \(what) here. Maybe you meant '==' instead of '='?")
        }
    }

    func dottedName() throws -> [String] {
        var parts = [try expectName()]
        while matchOp(".") { parts.append(try expectName()) }
        return parts
    }

    func importStatement() throws -> Statement {
        let line = advance().line
        var result: [Statement] = []
        repeat {
            let path = try dottedName()
            if matchKeyword("as") {
                result.append(Statement(kind: .importModule(path, NameRef(try expectName()), true), line: line))
            } else {
                result.append(Statement(kind: .importModule(path, NameRef(path[0]), false), line: line))
            }
        } while matchOp(",")
        if result.count == 1 { return result[0] }
        return Statement(kind: .ifElse([(.constant(PyBool.trueValue), result)], []), line: line)
    }

    func fromImportStatement() throws -> Statement {
        let line = advance().line
        var level = 0
        while checkOp(".") || checkOp("...") { level += advance().text.count }
        var path: [String] = []
        if !checkKeyword("import") { path = try dottedName() }
        guard matchKeyword("import") else { throw error("invalid syntax") }
        if matchOp("*") { return Statement(kind: .importFrom(path, level, []), line: line) }
        let paren = matchOp("(")
        var names: [(String, NameRef)] = []
        repeat {
            if paren && checkOp(")") { break }
            let n = try expectName()
            names.append((n, NameRef(matchKeyword("as") ? try expectName() : n)))
        } while matchOp(",")
        if paren { try expectOp(")") }
        return Statement(kind: .importFrom(path, level, names), line: line)
    }
}

extension Expr {
    var isFString: Bool { if case .fstring = self { return true }; return false }
}
