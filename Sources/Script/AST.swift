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
    case attribute(Expr, AttributeSite)
    case item(Expr, Expr)
    case slice(Expr?, Expr?, Expr?)
    /// A call built outside the parser (the REPL's display hook); evaluated without a site cache.
    case call(Expr, [Argument])
    /// A call written in the source, with its inline cache.
    case callSite(CallSite)
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

/// An `obj.name` site and its inline cache: the receiver's class (at a class-namespace version)
/// with what that class holds under `name`, the slot where the last instance kept it, and the
/// global box when the receiver was a module.
final class AttributeSite {
    let name: String
    /// The class the cache describes, and `PyClass.globalVersion` when it was filled.
    var cls: PyClass?
    var version = -1
    /// `cls.lookup(name)` at that version.
    var classAttribute: PyObject?
    /// The class attribute is a property (a data descriptor: it wins over the instance dict).
    var isProperty = false
    /// The class attribute is a script or native function (a method call needs no bound method).
    var isMethod = false
    /// Assignment may write the instance dict directly (no property, `__setattr__` or set hook).
    var storesDirectly = false
    /// Where the name sat in the last instance's attribute table.
    var hint = 0
    /// The last module read through this site and its global's box.
    var module: PyModule?
    var box: GlobalBox?
    init(_ name: String) { self.name = name }

    /// Re-reads the class facts for `cls` at the current class version.
    func refresh(_ cls: PyClass) {
        self.cls = cls
        version = PyClass.versionCell.pointee
        let attr = cls.lookup(name)
        classAttribute = attr
        isProperty = attr is PyProperty
        isMethod = attr is PyFunction || (attr as? PyNativeFunction)?.bindsAsMethod == true
        storesDirectly = !isProperty && !cls.traits.hasSetattr && cls.attributeSetHook == nil
    }
}

/// A call written in the source: callee, arguments and the facts the fast paths need.
final class CallSite {
    let callee: Expr
    let arguments: [Argument]
    /// Every argument is a plain positional expression (no `*`, `**` or keywords).
    let positionalOnly: Bool
    /// The positional argument expressions when `positionalOnly`.
    let positional: [Expr]
    init(_ callee: Expr, _ arguments: [Argument]) {
        self.callee = callee
        self.arguments = arguments
        var plain: [Expr] = []
        for a in arguments { if case .positional(let e) = a { plain.append(e) } }
        positionalOnly = plain.count == arguments.count
        positional = positionalOnly ? plain : []
    }
}

/// A parameter of a def or lambda.
struct Parameter {
    enum Kind { case normal, varArgs, keywordOnly, varKeywords }
    var name: String
    var kind: Kind
    var defaultValue: Expr?
    /// `x: T`: evaluated when the `def` runs, into `__annotations__`.
    var annotation: Expr? = nil
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
    /// `-> T` of a def.
    var returnAnnotation: Expr?
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
    /// Target, annotation (evaluated into `__annotations__` in module and class bodies), value.
    case annotatedAssign(Expr, Expr, Expr?)
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
