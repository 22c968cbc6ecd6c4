/// Expressions, by Python's precedence table (lowest first), plus f-string bodies.
extension Parser {
    private func nest() throws {
        nesting += 1
        if nesting > 600 { throw error("too many nested parentheses") }
    }

    /// `a, b` as a tuple (for expression statements, return, for-iterables, assignments).
    func starExpressions(allowYield: Bool = false) throws -> Expr {
        if allowYield && checkKeyword("yield") { return try yieldExpression() }
        let first = try starExpression()
        if !checkOp(",") {
            if case .starred = first { throw error("can't use starred expression here") }
            return first
        }
        var items = [first]
        while matchOp(",") {
            if isExpressionEnd() { break }
            items.append(try starExpression())
        }
        return .tuple(items)
    }

    func isExpressionEnd() -> Bool {
        if check(.newline) || check(.eof) { return true }
        if peek.kind == .op && ["=", ")", "]", "}", ":", ";"].contains(peek.text) { return true }
        if peek.kind == .op && Parser.augmentedOperators[peek.text] != nil { return true }
        if checkKeyword("in") { return true }
        return false
    }

    func starExpression() throws -> Expr {
        if matchOp("*") { return .starred(try bitwiseOr()) }
        return try expression()
    }

    /// A target list for `for` (stops before `in`).
    func targetList() throws -> Expr {
        let first = try target_()
        if !checkOp(",") { return first }
        var items = [first]
        while matchOp(",") {
            if checkKeyword("in") || checkOp("=") { break }
            items.append(try target_())
        }
        return .tuple(items)
    }

    func target_() throws -> Expr {
        let e = matchOp("*") ? Expr.starred(try bitwiseOr()) : try bitwiseOr()
        try checkTarget(e, deleting: false)
        return e
    }

    func yieldExpression() throws -> Expr {
        if functionDepth == 0 { throw error("'yield' outside function") }
        advance()
        if matchKeyword("from") { return .yieldFrom(try expression()) }
        if isExpressionEnd() { return .yield(nil) }
        return .yield(try starExpressions())
    }

    /// An expression where `:=` would be allowed in Python (if/while conditions): rejected clearly.
    func namedExpressionTest() throws -> Expr {
        let e = try expression()
        if checkOp(":=") { throw error("the walrus operator ':=' is not supported by wick") }
        return e
    }

    func expression() throws -> Expr {
        try nest()
        defer { nesting -= 1 }
        if checkKeyword("lambda") { return try lambda() }
        let body = try disjunction()
        if matchKeyword("if") {
            let cond = try disjunction()
            guard matchKeyword("else") else { throw error("expected 'else' after 'if' expression") }
            return .conditional(cond, body, try expression())
        }
        return body
    }

    func lambda() throws -> Expr {
        let line = advance().line
        let params = try parameterList(closing: ":")
        try expectOp(":")
        functionDepth += 1
        let savedLoop = loopDepth
        loopDepth = 0
        defer { functionDepth -= 1; loopDepth = savedLoop }
        let body = try expression()
        let fn = FunctionDef(name: "<lambda>", parameters: params, body: [Statement(kind: .returnValue(body), line: line)], line: line)
        return .lambda(fn)
    }

    func disjunction() throws -> Expr {
        let first = try conjunction()
        guard checkKeyword("or") else { return first }
        var items = [first]
        while matchKeyword("or") { items.append(try conjunction()) }
        return .or(items)
    }

    func conjunction() throws -> Expr {
        let first = try inversion()
        guard checkKeyword("and") else { return first }
        var items = [first]
        while matchKeyword("and") { items.append(try inversion()) }
        return .and(items)
    }

    func inversion() throws -> Expr {
        if matchKeyword("not") {
            try nest()
            defer { nesting -= 1 }
            return .unary(.not, try inversion())
        }
        return try comparison()
    }

    func comparison() throws -> Expr {
        let first = try bitwiseOr()
        var ops: [(CompareOperator, Expr)] = []
        while true {
            let op: CompareOperator
            if peek.kind == .op, let o = CompareOperator(rawValue: peek.text), o != .isOp {
                advance(); op = o
            } else if checkKeyword("in") {
                advance(); op = .inOp
            } else if checkKeyword("not") && peekAt(1).kind == .name && peekAt(1).text == "in" {
                advance(); advance(); op = .notIn
            } else if checkKeyword("is") {
                advance()
                op = matchKeyword("not") ? .isNot : .isOp
            } else { break }
            ops.append((op, try bitwiseOr()))
        }
        return ops.isEmpty ? first : .compare(first, ops)
    }

    private func binaryLevel(_ ops: [String: BinaryOperator], _ next: () throws -> Expr) throws -> Expr {
        var left = try next()
        while peek.kind == .op, let op = ops[peek.text] {
            advance()
            left = .binary(op, left, try next())
        }
        return left
    }

    func bitwiseOr() throws -> Expr { try binaryLevel(["|": .bitor], bitwiseXor) }
    func bitwiseXor() throws -> Expr { try binaryLevel(["^": .bitxor], bitwiseAnd) }
    func bitwiseAnd() throws -> Expr { try binaryLevel(["&": .bitand], shift) }
    func shift() throws -> Expr { try binaryLevel(["<<": .lshift, ">>": .rshift], sum) }
    func sum() throws -> Expr { try binaryLevel(["+": .add, "-": .sub], term) }
    func term() throws -> Expr {
        try binaryLevel(["*": .mul, "/": .truediv, "//": .floordiv, "%": .mod, "@": .matmul], factor)
    }

    func factor() throws -> Expr {
        if peek.kind == .op, ["-", "+", "~"].contains(peek.text) {
            let op = advance().text
            try nest()
            defer { nesting -= 1 }
            let operand = try factor()
            return .unary(op == "-" ? .neg : op == "+" ? .pos : .invert, operand)
        }
        return try power()
    }

    func power() throws -> Expr {
        let base = try primary()
        if matchOp("**") {
            try nest()
            defer { nesting -= 1 }
            return .binary(.pow, base, try factor())
        }
        return base
    }

    func primary() throws -> Expr {
        if checkKeyword("await") { throw error("'await' is not supported by wick") }
        var e = try atom()
        while true {
            if matchOp(".") {
                e = .attribute(e, AttributeSite(try expectName()))
            } else if matchOp("(") {
                let args = try callArguments()
                try expectOp(")", "'(' was never closed")
                e = .callSite(CallSite(e, args))
            } else if matchOp("[") {
                e = .item(e, try subscriptList())
                try expectOp("]")
            } else {
                return e
            }
        }
    }

    func callArguments() throws -> [Argument] {
        var args: [Argument] = []
        var sawKeyword = false
        while !checkOp(")") {
            if matchOp("**") {
                args.append(.doubleStar(try expression())); sawKeyword = true
            } else if matchOp("*") {
                args.append(.star(try expression()))
            } else if peek.kind == .name && peekAt(1).kind == .op && peekAt(1).text == "=" && !Parser.keywords.contains(peek.text) {
                let name = advance().text
                advance()
                args.append(.keyword(name, try expression())); sawKeyword = true
            } else {
                let tok = peek
                var e = try expression()
                if checkKeyword("for") {
                    e = try comprehensionTail(kind: .generator, element: e, value: nil)
                    if !args.isEmpty || checkOp(",") && peekAt(1).kind != .op {
                        throw error("Generator expression must be parenthesized", at: tok)
                    }
                }
                if checkOp("=") { throw error("expression cannot contain assignment, perhaps you meant \"==\"?", at: tok) }
                if sawKeyword {
                    throw error("positional argument follows keyword argument", at: tok)
                }
                args.append(.positional(e))
            }
            if !matchOp(",") { break }
        }
        return args
    }

    func subscriptList() throws -> Expr {
        let first = try sliceItem()
        if !checkOp(",") { return first }
        var items = [first]
        while matchOp(",") {
            if checkOp("]") { break }
            items.append(try sliceItem())
        }
        return .tuple(items)
    }

    func sliceItem() throws -> Expr {
        var lower: Expr? = nil
        if !checkOp(":") {
            if matchOp("*") { return .starred(try bitwiseOr()) }
            let first = try expression()
            lower = first
            if !checkOp(":") { return first }
        }
        advance()
        var upper: Expr? = nil, step: Expr? = nil
        if !checkOp(":") && !checkOp("]") && !checkOp(",") { upper = try expression() }
        if matchOp(":") {
            if !checkOp("]") && !checkOp(",") { step = try expression() }
        }
        return .slice(lower, upper, step)
    }

    func atom() throws -> Expr {
        let t = peek
        switch t.kind {
        case .int:
            advance()
            if let v = t.intValue { return .constant(PyInt.make(v)) }
            return .overflowingInt(t.text)
        case .float:
            advance()
            return .constant(PyFloat(t.floatValue))
        case .string:
            return try strings()
        case .name:
            switch t.text {
            case "None": advance(); return .constant(PyNone.shared)
            case "True": advance(); return .constant(PyBool.trueValue)
            case "False": advance(); return .constant(PyBool.falseValue)
            case "lambda": return try lambda()
            case "yield": throw error("invalid syntax")
            default:
                if Parser.keywords.contains(t.text) { throw error("invalid syntax") }
                advance()
                return .name(NameRef(t.text))
            }
        case .op:
            switch t.text {
            case "(": return try parenthesized()
            case "[": return try listDisplay()
            case "{": return try braceDisplay()
            case "...": advance(); return .constant(PyEllipsis.shared)
            default: throw error("invalid syntax")
            }
        case .newline, .eof:
            throw error("invalid syntax")
        case .indent, .dedent:
            throw error("invalid syntax")
        }
    }

    func parenthesized() throws -> Expr {
        advance()
        try nest()
        defer { nesting -= 1 }
        if matchOp(")") { return .tuple([]) }
        if checkKeyword("yield") {
            let y = try yieldExpression()
            try expectOp(")")
            return y
        }
        let first = try starExpression()
        if checkOp(":=") { throw error("the walrus operator ':=' is not supported by wick") }
        if checkKeyword("for") {
            let g = try comprehensionTail(kind: .generator, element: first, value: nil)
            try expectOp(")")
            return g
        }
        if matchOp(")") {
            if case .starred = first { throw error("cannot use starred expression here") }
            return first
        }
        var items = [first]
        while matchOp(",") {
            if checkOp(")") { break }
            items.append(try starExpression())
        }
        if !matchOp(")") { throw error("invalid syntax. Perhaps you forgot a comma?") }
        return .tuple(items)
    }

    func listDisplay() throws -> Expr {
        advance()
        try nest()
        defer { nesting -= 1 }
        if matchOp("]") { return .list([]) }
        let first = try starExpression()
        if checkKeyword("for") {
            let c = try comprehensionTail(kind: .list, element: first, value: nil)
            try expectOp("]")
            return c
        }
        var items = [first]
        while matchOp(",") {
            if checkOp("]") { break }
            items.append(try starExpression())
        }
        if !matchOp("]") { throw error("invalid syntax. Perhaps you forgot a comma?") }
        return .list(items)
    }

    func braceDisplay() throws -> Expr {
        advance()
        try nest()
        defer { nesting -= 1 }
        if matchOp("}") { return .dict([]) }
        if matchOp("**") {
            var entries: [(Expr?, Expr)] = [(nil, try bitwiseOr())]
            try dictRest(&entries)
            return .dict(entries)
        }
        let first = try starExpression()
        if matchOp(":") {
            let value = try expression()
            if checkKeyword("for") {
                let c = try comprehensionTail(kind: .dict, element: first, value: value)
                try expectOp("}")
                return c
            }
            var entries: [(Expr?, Expr)] = [(first, value)]
            try dictRest(&entries)
            return .dict(entries)
        }
        if checkKeyword("for") {
            let c = try comprehensionTail(kind: .set, element: first, value: nil)
            try expectOp("}")
            return c
        }
        var items = [first]
        while matchOp(",") {
            if checkOp("}") { break }
            items.append(try starExpression())
        }
        try expectOp("}", "invalid syntax. Perhaps you forgot a comma?")
        return .set(items)
    }

    private func dictRest(_ entries: inout [(Expr?, Expr)]) throws {
        while matchOp(",") {
            if checkOp("}") { break }
            if matchOp("**") { entries.append((nil, try bitwiseOr())); continue }
            let k = try expression()
            try expectOp(":", "':' expected after dictionary key")
            entries.append((k, try expression()))
        }
        try expectOp("}", "invalid syntax. Perhaps you forgot a comma?")
    }

    func comprehensionTail(kind: ComprehensionKind, element: Expr, value: Expr?) throws -> Expr {
        var clauses: [ComprehensionClause] = []
        functionDepth += 1
        defer { functionDepth -= 1 }
        while matchKeyword("for") {
            let target = try targetList()
            guard matchKeyword("in") else { throw error("invalid syntax") }
            let iterable = try disjunction()
            var conditions: [Expr] = []
            while matchKeyword("if") { conditions.append(try disjunction()) }
            clauses.append(ComprehensionClause(target: target, iterable: iterable, conditions: conditions))
        }
        if case .starred = element { throw error("iterable unpacking cannot be used in comprehension") }
        let name: String
        switch kind {
        case .list: name = "<listcomp>"
        case .set: name = "<setcomp>"
        case .dict: name = "<dictcomp>"
        case .generator: name = "<genexpr>"
        }
        let fn = FunctionDef(name: name, parameters: [], body: [], line: peek.line)
        return .comprehension(kind, element, value, clauses, fn)
    }
}
