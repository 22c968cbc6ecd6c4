/// Where a name lives at run time; filled in by the resolver before anything runs.
enum NameSlot {
    case unresolved
    /// A plain local in the frame's slot array.
    case fast(Int)
    /// A local captured by an inner function, or a free variable: index into the frame's cells.
    case cell(Int)
    /// Module global (then builtins).
    case global
    /// A class body's namespace, then globals.
    case classLocal
}

/// A use or binding of a name; the resolver fills `slot`, the interpreter caches global boxes.
final class NameRef {
    let name: String
    var slot: NameSlot = .unresolved
    /// Global lookup cache: the module box, once found.
    var globalBox: GlobalBox?
    var builtinBox: GlobalBox?
    init(_ name: String) { self.name = name }
}

public enum BinaryOperator: String {
    case add = "+", sub = "-", mul = "*", matmul = "@", truediv = "/", floordiv = "//", mod = "%", pow = "**"
    case lshift = "<<", rshift = ">>", bitand = "&", bitor = "|", bitxor = "^"
}

public enum UnaryOperator { case neg, pos, invert, not }

public enum CompareOperator: String {
    case eq = "==", ne = "!=", lt = "<", le = "<=", gt = ">", ge = ">=", isOp = "is", isNot = "is not", inOp = "in", notIn = "not in"
}

/// One argument at a call site.
enum Argument {
    case positional(Expr)
    case star(Expr)
    case keyword(String, Expr)
    case doubleStar(Expr)
}

/// A piece of an f-string.
enum FStringPart {
    case literal(String)
    /// Expression, conversion (`r`, `s`, `a` or nil), format spec parts.
    case value(Expr, Character?, [FStringPart]?)
}

/// One `for … in … if …` clause of a comprehension.
struct ComprehensionClause {
    var target: Expr
    var iterable: Expr
    var conditions: [Expr]
}

enum ComprehensionKind { case list, set, dict, generator }

indirect enum Expr {
    case name(NameRef)
    case constant(PyObject)
    /// An int literal that does not fit in 64 bits.
    case overflowingInt(String)
    case fstring([FStringPart])
    case tuple([Expr])
    case list([Expr])
    case set([Expr])
    /// Key nil means `**mapping`.
    case dict([(Expr?, Expr)])
    case starred(Expr)
    case attribute(Expr, String)
    case item(Expr, Expr)
    case slice(Expr?, Expr?, Expr?)
    case call(Expr, [Argument])
    case binary(BinaryOperator, Expr, Expr)
    case unary(UnaryOperator, Expr)
    case and([Expr])
    case or([Expr])
    case compare(Expr, [(CompareOperator, Expr)])
    case conditional(Expr, Expr, Expr)
    case lambda(FunctionDef)
    /// Element (or key), dict value, clauses, and the implicit scope.
    case comprehension(ComprehensionKind, Expr, Expr?, [ComprehensionClause], FunctionDef)
    case yield(Expr?)
    case yieldFrom(Expr)
}

/// A parameter of a def or lambda.
struct Parameter {
    enum Kind { case normal, varArgs, keywordOnly, varKeywords }
    var name: String
    var kind: Kind
    var defaultValue: Expr?
}

/// Scope facts computed by the resolver for a function, lambda, comprehension or class body.
final class ScopeInfo {
    var slotCount = 0
    var slotNames: [String] = []
    /// Own cells (locals captured by inner scopes): their slot numbers among the cells.
    var cellNames: [String] = []
    /// For each parameter that is a cell: (parameter slot, cell index).
    var parameterCells: [(Int, Int)] = []
    /// Free variables: index of the cell in the enclosing frame's cell array.
    var freeSources: [Int] = []
    var isGenerator = false
    /// Whether a generator body can run without a thread (decided on first call).
    var steppable: Bool?
}

/// A `def`, `lambda`, comprehension or class body: code plus the resolver's scope facts.
final class FunctionDef {
    var name: String
    var qualifiedName: String
    var parameters: [Parameter]
    var body: [Statement]
    var decorators: [Expr] = []
    var line: Int
    var docstring: String?
    let scope = ScopeInfo()
    init(name: String, parameters: [Parameter], body: [Statement], line: Int) {
        self.name = name
        self.qualifiedName = name
        self.parameters = parameters
        self.body = body
        self.line = line
    }
}

/// A `class` statement.
final class ClassDef {
    var name: String
    var bases: [Argument]
    var body: FunctionDef
    var decorators: [Expr] = []
    var line: Int
    init(name: String, bases: [Argument], body: FunctionDef, line: Int) {
        self.name = name
        self.bases = bases
        self.body = body
        self.line = line
    }
}

/// One `except` clause.
struct ExceptHandler {
    var type: Expr?
    var name: NameRef?
    var body: [Statement]
    var line: Int
}

indirect enum StatementKind {
    case expression(Expr)
    case assign([Expr], Expr)
    case augmentedAssign(Expr, BinaryOperator, Expr)
    case annotatedAssign(Expr, Expr?)
    case delete([Expr])
    case pass
    case ifElse([(Expr, [Statement])], [Statement])
    case whileLoop(Expr, [Statement], [Statement])
    case forLoop(Expr, Expr, [Statement], [Statement])
    case breakLoop
    case continueLoop
    case returnValue(Expr?)
    case functionDef(FunctionDef, NameRef)
    case classDef(ClassDef, NameRef)
    case global([String])
    case nonlocal([String])
    case tryExcept([Statement], [ExceptHandler], [Statement], [Statement])
    case raise(Expr?, Expr?)
    case assert(Expr, Expr?)
    case with([(Expr, Expr?)], [Statement])
    /// `import a.b.c as d`: dotted path, binding name, whether `as` was used.
    case importModule([String], NameRef, Bool)
    /// `from a import b as c`: module path, leading dots, (name, binding) pairs; empty means `*`.
    case importFrom([String], Int, [(String, NameRef)])
}

/// A statement and the line it starts on (for tracebacks).
struct Statement {
    var kind: StatementKind
    var line: Int
}

/// A parsed file: the module body and its implicit scope.
final class Module {
    let body: FunctionDef
    init(body: FunctionDef) { self.body = body }
}
