/// One line of a traceback: where a frame was when the exception passed through it.
public struct TracebackEntry {
    public var file: String
    public var line: Int
    public var function: String
}

/// A Python exception instance (`BaseException` and every subclass, native or from a script).
public final class PyBaseException: PyObject {
    public var args: [PyObject]
    public var cause: PyBaseException?
    public var context: PyBaseException?
    public var suppressContext = false
    /// Frames the exception unwound through, innermost first.
    public var traceback: [TracebackEntry] = []
    /// The frame of the last traceback entry, so a frame that catches and re-raises is listed once.
    var lastRecordedFrame: ObjectIdentifier?

    public init(cls: PyClass, args: [PyObject]) {
        self.args = args
        super.init(cls: cls, withAttributes: true)
    }

    /// The message as `str(exc)` shows it.
    public var message: String {
        if cls.isSubclass(of: Builtin.keyErrorClass) && args.count == 1 { return (try? Runtime.repr(args[0])) ?? "" }
        if args.isEmpty { return "" }
        if args.count == 1 { return (try? Runtime.str(args[0])) ?? "" }
        return (try? Runtime.repr(PyTuple(args))) ?? ""
    }
}

/// The Swift error that carries a Python exception; native code throws it to raise.
public struct PyError: Error {
    public let exception: PyBaseException

    public init(_ exception: PyBaseException) { self.exception = exception }

    /// Raises an instance of `type` with one message argument.
    public init(_ type: PyClass, _ message: String) {
        exception = PyBaseException(cls: type, args: [PyStr(message)])
    }

    public static func type(_ m: String) -> PyError { PyError(Builtin.typeErrorClass, m) }
    public static func value(_ m: String) -> PyError { PyError(Builtin.valueErrorClass, m) }
    public static func index(_ m: String) -> PyError { PyError(Builtin.indexErrorClass, m) }
    public static func attribute(_ m: String) -> PyError { PyError(Builtin.attributeErrorClass, m) }
    public static func name(_ m: String) -> PyError { PyError(Builtin.nameErrorClass, m) }
    public static func runtime(_ m: String) -> PyError { PyError(Builtin.runtimeErrorClass, m) }
    public static func zeroDivision(_ m: String) -> PyError { PyError(Builtin.zeroDivisionErrorClass, m) }
    public static func overflow(_ m: String = "int too large for wick's 64-bit integers") -> PyError {
        PyError(Builtin.overflowErrorClass, m)
    }
    public static func assertion(_ m: String) -> PyError { PyError(Builtin.assertionErrorClass, m) }
    public static func notImplemented(_ m: String) -> PyError { PyError(Builtin.notImplementedErrorClass, m) }
    public static func os(_ cls: PyClass, _ m: String) -> PyError { PyError(cls, m) }
    /// `KeyError(key)`: the key itself is the argument.
    public static func key(_ key: PyObject) -> PyError {
        PyError(PyBaseException(cls: Builtin.keyErrorClass, args: [key]))
    }
    public static func stopIteration(_ value: PyObject? = nil) -> PyError {
        PyError(PyBaseException(cls: Builtin.stopIterationClass, args: value.map { [$0] } ?? []))
    }
    public static func memory() -> PyError { PyError(PyBaseException(cls: Builtin.memoryErrorClass, args: [])) }

    /// True when the exception is an instance of `cls` or a subclass.
    public func matches(_ cls: PyClass) -> Bool { exception.cls.isSubclass(of: cls) }
}

extension Builtin {
    /// Creates a native exception class whose instances (also in script subclasses) are `PyBaseException`s.
    static func exceptionClass(_ name: String, _ base: PyClass?) -> PyClass {
        let c = PyClass(name: name, bases: [base ?? objectType])
        c.allocator = { cls in PyBaseException(cls: cls, args: []) }
        return c
    }

    static let baseExceptionClass = exceptionClass("BaseException", nil)
    static let exceptionClass_ = exceptionClass("Exception", baseExceptionClass)
    static let systemExitClass = exceptionClass("SystemExit", baseExceptionClass)
    static let keyboardInterruptClass = exceptionClass("KeyboardInterrupt", baseExceptionClass)
    static let generatorExitClass = exceptionClass("GeneratorExit", baseExceptionClass)
    static let stopIterationClass = exceptionClass("StopIteration", exceptionClass_)
    static let arithmeticErrorClass = exceptionClass("ArithmeticError", exceptionClass_)
    static let zeroDivisionErrorClass = exceptionClass("ZeroDivisionError", arithmeticErrorClass)
    static let overflowErrorClass = exceptionClass("OverflowError", arithmeticErrorClass)
    static let assertionErrorClass = exceptionClass("AssertionError", exceptionClass_)
    static let attributeErrorClass = exceptionClass("AttributeError", exceptionClass_)
    static let lookupErrorClass = exceptionClass("LookupError", exceptionClass_)
    static let indexErrorClass = exceptionClass("IndexError", lookupErrorClass)
    static let keyErrorClass = exceptionClass("KeyError", lookupErrorClass)
    static let nameErrorClass = exceptionClass("NameError", exceptionClass_)
    static let unboundLocalErrorClass = exceptionClass("UnboundLocalError", nameErrorClass)
    static let runtimeErrorClass = exceptionClass("RuntimeError", exceptionClass_)
    static let notImplementedErrorClass = exceptionClass("NotImplementedError", runtimeErrorClass)
    static let recursionErrorClass = exceptionClass("RecursionError", runtimeErrorClass)
    static let typeErrorClass = exceptionClass("TypeError", exceptionClass_)
    static let valueErrorClass = exceptionClass("ValueError", exceptionClass_)
    static let unicodeErrorClass = exceptionClass("UnicodeError", valueErrorClass)
    static let unicodeDecodeErrorClass = exceptionClass("UnicodeDecodeError", unicodeErrorClass)
    static let memoryErrorClass = exceptionClass("MemoryError", exceptionClass_)
    static let syntaxErrorClass = exceptionClass("SyntaxError", exceptionClass_)
    static let indentationErrorClass = exceptionClass("IndentationError", syntaxErrorClass)
    static let tabErrorClass = exceptionClass("TabError", indentationErrorClass)
    public static let osErrorClass = exceptionClass("OSError", exceptionClass_)
    public static let fileNotFoundErrorClass = exceptionClass("FileNotFoundError", osErrorClass)
    static let permissionErrorClass = exceptionClass("PermissionError", osErrorClass)
    public static let isADirectoryErrorClass = exceptionClass("IsADirectoryError", osErrorClass)
    static let fileExistsErrorClass = exceptionClass("FileExistsError", osErrorClass)
    static let importErrorClass = exceptionClass("ImportError", exceptionClass_)
    static let moduleNotFoundErrorClass = exceptionClass("ModuleNotFoundError", importErrorClass)
    static let warningClass = exceptionClass("Warning", exceptionClass_)
    static let userWarningClass = exceptionClass("UserWarning", warningClass)
    static let deprecationWarningClass = exceptionClass("DeprecationWarning", warningClass)
    static let runtimeWarningClass = exceptionClass("RuntimeWarning", warningClass)
    static let futureWarningClass = exceptionClass("FutureWarning", warningClass)
    public static let eofErrorClass = exceptionClass("EOFError", exceptionClass_)
    static let timeoutErrorClass = exceptionClass("TimeoutError", osErrorClass)
    static let notADirectoryErrorClass = exceptionClass("NotADirectoryError", osErrorClass)
    static let floatingPointErrorClass = exceptionClass("FloatingPointError", arithmeticErrorClass)

    static var allExceptionClasses: [PyClass] {
        [baseExceptionClass, exceptionClass_, systemExitClass, keyboardInterruptClass, generatorExitClass,
         stopIterationClass, arithmeticErrorClass, zeroDivisionErrorClass, overflowErrorClass, assertionErrorClass,
         attributeErrorClass, lookupErrorClass, indexErrorClass, keyErrorClass, nameErrorClass,
         unboundLocalErrorClass, runtimeErrorClass, notImplementedErrorClass, recursionErrorClass, typeErrorClass,
         valueErrorClass, unicodeErrorClass, unicodeDecodeErrorClass, memoryErrorClass, syntaxErrorClass,
         indentationErrorClass, tabErrorClass, osErrorClass, fileNotFoundErrorClass, permissionErrorClass,
         isADirectoryErrorClass, fileExistsErrorClass, importErrorClass, moduleNotFoundErrorClass, warningClass,
         userWarningClass, deprecationWarningClass, runtimeWarningClass, futureWarningClass, eofErrorClass,
         timeoutErrorClass, notADirectoryErrorClass, floatingPointErrorClass]
    }

    /// Methods and attributes every exception has: `args`, `__init__`, `__str__`, `with_traceback`.
    static func installExceptionMethods() {
        let b = baseExceptionClass
        b.define("__init__", "self, *args") { a in
            if let e = a[0] as? PyBaseException { e.args = a.rest }
            return PyNone.shared
        }
        b.define("__str__", "self") { a in PyStr((a[0] as? PyBaseException)?.message ?? "") }
        b.define("__repr__", "self") { a in
            guard let e = a[0] as? PyBaseException else { return PyStr("") }
            let inner = e.args.count == 1 ? try Runtime.repr(e.args[0]) : String((try Runtime.repr(PyTuple(e.args))).dropFirst().dropLast())
            return PyStr("\(e.cls.name)(\(inner))")
        }
        b.define("with_traceback", "self, tb") { a in a[0] }
        b.attributeFallback = { obj, name in
            guard let e = obj as? PyBaseException else { return nil }
            switch name {
            case "args": return PyTuple(e.args)
            case "__cause__": return e.cause ?? PyNone.shared
            case "__context__": return e.context ?? PyNone.shared
            case "__suppress_context__": return PyBool.make(e.suppressContext)
            case "__traceback__": return PyNone.shared
            case "value" where e.cls.isSubclass(of: stopIterationClass): return e.args.first ?? PyNone.shared
            case "code" where e.cls.isSubclass(of: systemExitClass): return e.args.first ?? PyNone.shared
            default: return nil
            }
        }
        for c in allExceptionClasses where c !== b {
            c.attributeFallback = b.attributeFallback
        }
    }
}
