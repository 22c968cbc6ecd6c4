/// Resolves every name to a slot before anything runs (Python's scoping rules: LEGB, `global`,
/// `nonlocal`, class bodies that inner functions do not see, comprehensions as their own scope).
final class Resolver {
    final class Scope {
        enum Kind { case module, function, classBody }
        let kind: Kind
        let def: FunctionDef
        let parent: Scope?
        var slots: [String: Int] = [:]
        var globals: Set<String> = []
        var nonlocals: Set<String> = []
        var captured: [String] = []
        var frees: [String] = []
        /// What the scope did with each name so far, in source order (CPython's symtable flags).
        var marks: [String: UInt8] = [:]
        init(kind: Kind, def: FunctionDef, parent: Scope?) {
            self.kind = kind
            self.def = def
            self.parent = parent
        }
        func bind(_ name: String) {
            if kind == .module || globals.contains(name) || nonlocals.contains(name) { return }
            if slots[name] == nil { slots[name] = slots.count }
        }
        func freeIndex(_ name: String) -> Int {
            if let i = frees.firstIndex(of: name) { return i }
            frees.append(name)
            return frees.count - 1
        }
    }

    enum Binding { case local(Scope), free(Scope), global, classLocal }
    private var references: [(NameRef, String, Binding)] = []
    private var scopes: [Scope] = []
    var errors: [SyntaxErrorInfo] = []
    /// Errors CPython's symtable pass reports while walking in source order; they win over `errors`.
    var orderErrors: [SyntaxErrorInfo] = []

    /// Symtable flags: a load, a store/delete/def, a parameter, an annotation, a global or nonlocal declaration.
    private static let usedFlag: UInt8 = 1, assignedFlag: UInt8 = 2, parameterFlag: UInt8 = 4, annotatedFlag: UInt8 = 8
    private static let declaredFlag: UInt8 = 16

    /// Resolves a parsed module in place.
    static func resolve(_ module: Module) throws {
        let r = Resolver()
        let scope = Scope(kind: .module, def: module.body, parent: nil)
        r.scopes.append(scope)
        r.resolveBody(scope, module.body.body)
        if let e = r.orderErrors.first ?? r.errors.first { throw e }
        r.finish()
    }

    // MARK: pass 1 — which names a scope binds

    private func declare(_ scope: Scope, _ body: [Statement]) {
        for s in body { declare(scope, s) }
    }

    private func declareTarget(_ scope: Scope, _ e: Expr) {
        switch e {
        case .name(let n): scope.bind(n.name)
        case .tuple(let items), .list(let items): for i in items { declareTarget(scope, i) }
        case .starred(let inner): declareTarget(scope, inner)
        default: break
        }
    }

    private func declare(_ scope: Scope, _ s: Statement) {
        switch s.kind {
        case .assign(let targets, _): for t in targets { declareTarget(scope, t) }
        case .augmentedAssign(let t, _, _), .annotatedAssign(let t, _, _): declareTarget(scope, t)
        case .delete(let targets): for t in targets { declareTarget(scope, t) }
        case .forLoop(let t, _, let body, let orelse):
            declareTarget(scope, t); declare(scope, body); declare(scope, orelse)
        case .whileLoop(_, let body, let orelse): declare(scope, body); declare(scope, orelse)
        case .ifElse(let branches, let orelse):
            for (_, b) in branches { declare(scope, b) }
            declare(scope, orelse)
        case .functionDef(_, let n), .classDef(_, let n): scope.bind(n.name)
        case .global(let names):
            for n in names { scope.globals.insert(n) }
        case .nonlocal(let names):
            for n in names { scope.nonlocals.insert(n) }
        case .tryExcept(let body, let handlers, let orelse, let final):
            declare(scope, body)
            for h in handlers { if let n = h.name { scope.bind(n.name) }; declare(scope, h.body) }
            declare(scope, orelse); declare(scope, final)
        case .with(let items, let body):
            for (_, t) in items { if let t = t { declareTarget(scope, t) } }
            declare(scope, body)
        case .importModule(_, let n, _): scope.bind(n.name)
        case .importFrom(_, _, let names): for (_, n) in names { scope.bind(n.name) }
        case .expression, .pass, .breakLoop, .continueLoop, .returnValue, .raise, .assert: break
        }
    }

    // MARK: pass 2 — resolve uses

    private func resolveBody(_ scope: Scope, _ body: [Statement]) {
        // Globals/nonlocals first, so later bindings honour them wherever they appear.
        for s in body { collectDeclarations(scope, s) }
        declare(scope, body)
        for s in body { resolve(scope, s) }
    }

    private func collectDeclarations(_ scope: Scope, _ s: Statement) {
        switch s.kind {
        case .global(let names): for n in names { scope.globals.insert(n) }
        case .nonlocal(let names):
            for n in names {
                scope.nonlocals.insert(n)
                var p = scope.parent
                var found = false
                while let q = p, q.kind != .module { if q.kind == .function && q.slots[n] != nil { found = true; break }; p = q.parent }
                if !found { errors.append(SyntaxErrorInfo(type: "SyntaxError", message: "no binding for nonlocal '\(n)' found", line: s.line, column: 1)) }
            }
        case .ifElse(let branches, let orelse):
            for (_, b) in branches { for x in b { collectDeclarations(scope, x) } }
            for x in orelse { collectDeclarations(scope, x) }
        case .whileLoop(_, let b, let o), .forLoop(_, _, let b, let o):
            for x in b + o { collectDeclarations(scope, x) }
        case .tryExcept(let b, let hs, let o, let f):
            for x in b + o + f { collectDeclarations(scope, x) }
            for h in hs { for x in h.body { collectDeclarations(scope, x) } }
        case .with(_, let b): for x in b { collectDeclarations(scope, x) }
        default: break
        }
    }

    private func lookup(_ scope: Scope, _ name: String) -> Binding {
        if scope.kind == .module || scope.globals.contains(name) { return .global }
        if scope.kind == .classBody {
            if scope.slots[name] != nil { return .classLocal }
            if let owner = enclosingFunction(scope.parent, name) { addFree(from: scope, to: owner, name); return .free(scope) }
            return .classLocal
        }
        if scope.slots[name] != nil && !scope.nonlocals.contains(name) { return .local(scope) }
        if let owner = enclosingFunction(scope.parent, name) {
            addFree(from: scope, to: owner, name)
            return .free(scope)
        }
        return .global
    }

    private func enclosingFunction(_ start: Scope?, _ name: String) -> Scope? {
        var p = start
        while let q = p {
            if q.kind == .module { return nil }
            if q.kind == .function {
                if q.globals.contains(name) { return nil }
                if q.slots[name] != nil && !q.nonlocals.contains(name) { return q }
            }
            p = q.parent
        }
        return nil
    }

    private func addFree(from scope: Scope, to owner: Scope, _ name: String) {
        if !owner.captured.contains(name) { owner.captured.append(name) }
        var p: Scope? = scope
        while let q = p, q !== owner {
            _ = q.freeIndex(name)
            p = q.parent
        }
    }

    private func use(_ scope: Scope, _ ref: NameRef, _ flag: UInt8 = Resolver.usedFlag) {
        scope.marks[ref.name, default: 0] |= flag
        references.append((ref, ref.name, lookup(scope, ref.name)))
    }

    /// Resolves an assignment target: bare names are stores, everything inside subscripts/attributes a load.
    private func resolveTarget(_ scope: Scope, _ e: Expr, _ flag: UInt8 = Resolver.assignedFlag) {
        switch e {
        case .name(let n): use(scope, n, flag)
        case .tuple(let items), .list(let items): for i in items { resolveTarget(scope, i, flag) }
        case .starred(let inner): resolveTarget(scope, inner, flag)
        default: resolve(scope, e)
        }
    }

    /// `global`/`nonlocal` after the name was used, assigned, annotated or is a parameter (CPython's wording).
    private func checkDeclaration(_ scope: Scope, _ names: [String], _ kind: String, _ line: Int) {
        for n in names {
            let cur = scope.marks[n] ?? 0
            var message: String? = nil
            if cur & Resolver.parameterFlag != 0 { message = "name '\(n)' is parameter and \(kind)" }
            else if cur & Resolver.usedFlag != 0 { message = "name '\(n)' is used prior to \(kind) declaration" }
            else if cur & Resolver.annotatedFlag != 0 { message = "annotated name '\(n)' can't be \(kind)" }
            else if cur & Resolver.assignedFlag != 0 { message = "name '\(n)' is assigned to before \(kind) declaration" }
            if let m = message { orderErrors.append(SyntaxErrorInfo(type: "SyntaxError", message: m, line: line, column: 1)) }
            scope.marks[n, default: 0] |= Resolver.declaredFlag
        }
    }

    private func resolve(_ scope: Scope, _ s: Statement) {
        switch s.kind {
        case .expression(let e): resolve(scope, e)
        case .assign(let targets, let value):
            resolve(scope, value)
            for t in targets { resolveTarget(scope, t) }
        case .augmentedAssign(let t, _, let v): resolveTarget(scope, t); resolve(scope, v)
        case .annotatedAssign(let t, let a, let v):
            if let v = v { resolve(scope, v) }
            if scope.kind != .function { resolve(scope, a) }  // function bodies never evaluate them
            if case .name(let n) = t, (scope.marks[n.name] ?? 0) & Resolver.declaredFlag != 0 {
                let kind = scope.globals.contains(n.name) ? "global" : "nonlocal"
                orderErrors.append(SyntaxErrorInfo(type: "SyntaxError", message: "annotated name '\(n.name)' can't be \(kind)", line: s.line, column: 1))
            }
            resolveTarget(scope, t, Resolver.assignedFlag | Resolver.annotatedFlag)
        case .delete(let targets): for t in targets { resolveTarget(scope, t) }
        case .global(let names): checkDeclaration(scope, names, "global", s.line)
        case .nonlocal(let names): checkDeclaration(scope, names, "nonlocal", s.line)
        case .pass, .breakLoop, .continueLoop: break
        case .ifElse(let branches, let orelse):
            for (c, b) in branches { resolve(scope, c); for x in b { resolve(scope, x) } }
            for x in orelse { resolve(scope, x) }
        case .whileLoop(let c, let b, let o):
            resolve(scope, c)
            for x in b + o { resolve(scope, x) }
        case .forLoop(let t, let it, let b, let o):
            resolve(scope, it); resolveTarget(scope, t)
            for x in b + o { resolve(scope, x) }
        case .returnValue(let v): if let v = v { resolve(scope, v) }
        case .functionDef(let fn, let n):
            for d in fn.decorators { resolve(scope, d) }
            resolveFunction(scope, fn)
            use(scope, n, Resolver.assignedFlag)
        case .classDef(let cls, let n):
            for d in cls.decorators { resolve(scope, d) }
            for b in cls.bases {
                switch b {
                case .positional(let e), .star(let e), .keyword(_, let e), .doubleStar(let e): resolve(scope, e)
                }
            }
            let child = Scope(kind: .classBody, def: cls.body, parent: scope)
            cls.body.qualifiedName = qualified(scope, cls.name)
            scopes.append(child)
            resolveBody(child, cls.body.body)
            use(scope, n, Resolver.assignedFlag)
        case .tryExcept(let b, let hs, let o, let f):
            for x in b { resolve(scope, x) }
            for h in hs {
                if let t = h.type { resolve(scope, t) }
                if let n = h.name { use(scope, n, Resolver.assignedFlag) }
                for x in h.body { resolve(scope, x) }
            }
            for x in o + f { resolve(scope, x) }
        case .raise(let e, let c):
            if let e = e { resolve(scope, e) }
            if let c = c { resolve(scope, c) }
        case .assert(let t, let m):
            resolve(scope, t)
            if let m = m { resolve(scope, m) }
        case .with(let items, let body):
            for (c, t) in items { resolve(scope, c); if let t = t { resolveTarget(scope, t) } }
            for x in body { resolve(scope, x) }
        case .importModule(_, let n, _): use(scope, n, 0)  // DEF_IMPORT: not checked by global/nonlocal
        case .importFrom(_, _, let names): for (_, n) in names { use(scope, n, 0) }
        }
    }

    private func qualified(_ scope: Scope, _ name: String) -> String {
        switch scope.kind {
        case .module: return name
        case .classBody: return scope.def.qualifiedName + "." + name
        case .function: return scope.def.qualifiedName + ".<locals>." + name
        }
    }

    private func resolveFunction(_ scope: Scope, _ fn: FunctionDef) {
        for p in fn.parameters { if let d = p.defaultValue { resolve(scope, d) } }
        for p in fn.parameters { if let a = p.annotation { resolve(scope, a) } }
        if let r = fn.returnAnnotation { resolve(scope, r) }
        fn.qualifiedName = qualified(scope, fn.name)
        let child = Scope(kind: .function, def: fn, parent: scope)
        scopes.append(child)
        for p in fn.parameters { child.bind(p.name); child.marks[p.name, default: 0] |= Resolver.parameterFlag }
        resolveBody(child, fn.body)
    }

    private func resolve(_ scope: Scope, _ e: Expr) {
        switch e {
        case .name(let n): use(scope, n)
        case .constant, .overflowingInt: break
        case .fstring(let parts): resolveParts(scope, parts)
        case .tuple(let items), .list(let items), .set(let items), .and(let items), .or(let items):
            for i in items { resolve(scope, i) }
        case .dict(let entries):
            for (k, v) in entries { if let k = k { resolve(scope, k) }; resolve(scope, v) }
        case .starred(let x), .attribute(let x, _), .unary(_, let x), .yieldFrom(let x):
            if case .yieldFrom = e { scope.def.scope.isGenerator = true }
            resolve(scope, x)
        case .item(let a, let b), .binary(_, let a, let b): resolve(scope, a); resolve(scope, b)
        case .slice(let a, let b, let c): for x in [a, b, c] { if let x = x { resolve(scope, x) } }
        case .callSite(let site): resolve(scope, .call(site.callee, site.arguments))
        case .call(let f, let args):
            resolve(scope, f)
            for a in args {
                switch a {
                case .positional(let x), .star(let x), .keyword(_, let x), .doubleStar(let x): resolve(scope, x)
                }
            }
        case .compare(let first, let rest):
            resolve(scope, first)
            for (_, x) in rest { resolve(scope, x) }
        case .conditional(let c, let a, let b): resolve(scope, c); resolve(scope, a); resolve(scope, b)
        case .lambda(let fn): resolveFunction(scope, fn)
        case .yield(let v):
            scope.def.scope.isGenerator = true
            if let v = v { resolve(scope, v) }
        case .comprehension(let kind, let element, let value, let clauses, let fn):
            guard let first = clauses.first else { return }
            resolve(scope, first.iterable)
            fn.qualifiedName = qualified(scope, fn.name)
            let child = Scope(kind: .function, def: fn, parent: scope)
            scopes.append(child)
            child.bind(".0")
            for c in clauses { declareTarget(child, c.target) }
            for (i, c) in clauses.enumerated() {
                if i > 0 { resolve(child, c.iterable) }
                resolve(child, c.target)
                for cond in c.conditions { resolve(child, cond) }
            }
            resolve(child, element)
            if let v = value { resolve(child, v) }
            if kind == .generator { fn.scope.isGenerator = true }
        }
    }

    private func resolveParts(_ scope: Scope, _ parts: [FStringPart]) {
        for p in parts {
            if case .value(let e, _, let spec) = p {
                resolve(scope, e)
                if let s = spec { resolveParts(scope, s) }
            }
        }
    }

    // MARK: pass 3 — slot numbers

    private func finish() {
        for scope in scopes {
            let info = scope.def.scope
            let names = scope.slots.sorted { $0.value < $1.value }.map { $0.key }
            info.slotNames = names
            info.slotCount = names.count
            info.cellNames = scope.captured
            info.parameterCells = []
            for p in scope.def.parameters {
                if let cell = scope.captured.firstIndex(of: p.name), let slot = scope.slots[p.name] {
                    info.parameterCells.append((slot, cell))
                }
            }
            if let parent = scope.parent {
                info.freeSources = scope.frees.map { name in
                    if let i = parent.captured.firstIndex(of: name), parent.kind == .function { return i }
                    return parent.captured.count + parent.freeIndex(name)
                }
            }
        }
        for (ref, name, binding) in references {
            switch binding {
            case .global: ref.slot = .global
            case .classLocal: ref.slot = .classLocal
            case .local(let s):
                if let c = s.captured.firstIndex(of: name) { ref.slot = .cell(c) }
                else if let i = s.slots[name] { ref.slot = .fast(i) }
                else { ref.slot = .global }
            case .free(let s):
                ref.slot = .cell(s.captured.count + s.freeIndex(name))
            }
        }
    }
}
