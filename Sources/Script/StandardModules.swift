import Foundation

/// The built-in modules of LANGUAGE.md §7 (the torch family comes from Bindings later).
enum StandardModules {
    static func make(_ name: String, _ interpreter: Interpreter) -> PyModule? {
        if let builder = NativeModules.builders[name] { return builder() }
        switch name {
        case "math": return math()
        case "time": return time()
        case "sys": return sys(interpreter)
        case "random": return RandomModule.make()
        case "collections": return CollectionsModule.make()
        case "itertools": return FunctionalModules.itertools()
        case "functools": return FunctionalModules.functools()
        case "json": return JSONModule.make()
        case "dataclasses": return DataclassesModule.make()
        case "builtins": return interpreter.builtins
        case "copy": return SystemModules.copy()
        case "csv": return SystemModules.csv()
        case "os.path": return (try? interpreter.loadModule("os"))?["path"] as? PyModule
        case "os": return SystemModules.os(SystemModules.osPath())
        case "abc", "warnings":
            let m = PyModule(name: name)
            m.define("abstractmethod", "f") { a in a[0] }
            m["ABC"] = Builtin.objectType
            // Filters: ("ignore" | "error" | "always" | "default" …, category); the newest matching one decides.
            final class WarningState { var filters: [(String, PyClass)] = []; var shown = Set<String>(); var saved: [[(String, PyClass)]] = [] }
            let state = WarningState()
            m.define("warn", "message, category=, stacklevel=") { a in
                let category = (a.optional(1) as? PyClass) ?? (a[0] as? PyBaseException)?.cls ?? Builtin.userWarningClass
                let text = try Runtime.str(a[0])
                let action = state.filters.last(where: { category.isSubclass(of: $0.1) })?.0 ?? "default"
                switch action {
                case "ignore": return PyNone.shared
                case "error": throw PyError(PyBaseException(cls: category, args: [PyStr(text)]))
                case "always": break
                default:
                    // CPython shows a warning once per place; wick once per message and category.
                    guard state.shown.insert("\(category.name):\(text)").inserted else { return PyNone.shared }
                }
                // CPython also prints the file and line; wick names the category and message.
                interpreter.errorOutput("\(category.name): \(text)\n")
                return PyNone.shared
            }
            for name in ["filterwarnings", "simplefilter"] {
                m.define(name, name == "simplefilter" ? "action, category=, lineno=, append=" : "action, message=, category=, module=, lineno=, append=") { a in
                    let action = try Builtin.string(a[0])
                    let category = (a.optional(name == "simplefilter" ? 1 : 2) as? PyClass) ?? Builtin.warningClass
                    state.filters.append((action, category))
                    return PyNone.shared
                }
            }
            m.define("resetwarnings", "") { _ in state.filters = []; return PyNone.shared }
            let catcher = PyClass(name: "catch_warnings", bases: [Builtin.objectType], module: "warnings")
            catcher.allocator = { k in PyObject(cls: k, withAttributes: true) }
            catcher.define("__init__", "self, *, record=, module=, action=, category=") { a in
                a[0].attributes?["record"] = a.optional(1) ?? PyBool.falseValue
                return PyNone.shared
            }
            catcher.define("__enter__", "self") { a in
                state.saved.append(state.filters)
                return (try Runtime.truthy(a[0].attributes?["record"] ?? PyBool.falseValue)) ? PyList([]) : PyNone.shared
            }
            catcher.define("__exit__", "self, *args") { _ in
                if let f = state.saved.popLast() { state.filters = f }
                return PyBool.falseValue
            }
            m["catch_warnings"] = catcher
            for c in [Builtin.warningClass, Builtin.userWarningClass, Builtin.deprecationWarningClass] { m[c.name] = c }
            return m
        case "typing": return TypingModule.make()
        default: return nil
        }
    }

    static func math() -> PyModule {
        let m = PyModule(name: "math")
        m["pi"] = PyFloat(Double.pi)
        m["e"] = PyFloat(M_E)
        m["tau"] = PyFloat(2 * Double.pi)
        m["inf"] = PyFloat(.infinity)
        m["nan"] = PyFloat(.nan)
        func unary(_ name: String, _ f: @escaping (Double) -> Double, domain: ((Double) -> Bool)? = nil) {
            m.define(name, "x") { a in
                let x = try Builtin.double(a[0])
                if let ok = domain, !ok(x) { throw PyError.value("math domain error") }
                let r = f(x)
                if r.isInfinite && x.isFinite { throw PyError.overflow("math range error") }
                return PyFloat(r)
            }
        }
        unary("sqrt", Foundation.sqrt, domain: { $0 >= 0 || $0.isNaN })
        unary("exp", Foundation.exp)
        unary("log2", Foundation.log2, domain: { $0 > 0 || $0.isNaN })
        unary("log10", Foundation.log10, domain: { $0 > 0 || $0.isNaN })
        unary("log1p", Foundation.log1p, domain: { $0 > -1 || $0.isNaN })
        unary("expm1", Foundation.expm1)
        unary("sin", Foundation.sin); unary("cos", Foundation.cos); unary("tan", Foundation.tan)
        unary("asin", Foundation.asin, domain: { abs($0) <= 1 }); unary("acos", Foundation.acos, domain: { abs($0) <= 1 })
        unary("atan", Foundation.atan); unary("sinh", Foundation.sinh); unary("cosh", Foundation.cosh)
        unary("tanh", Foundation.tanh); unary("erf", Foundation.erf); unary("erfc", Foundation.erfc)
        unary("fabs", Swift.abs)
        m.define("gamma", "x") { a in PyFloat(try MathGamma.gamma(try Builtin.double(a[0]))) }
        m.define("lgamma", "x") { a in PyFloat(try MathGamma.lgamma(try Builtin.double(a[0]))) }
        unary("radians", { $0 * .pi / 180 }); unary("degrees", { $0 * 180 / .pi })
        m.define("log", "x, base=") { a in
            let x = try Builtin.double(a[0])
            if x <= 0 { throw PyError.value("math domain error") }
            if let b = a.optional(1) { return PyFloat(Foundation.log(x) / Foundation.log(try Builtin.double(b))) }
            return PyFloat(Foundation.log(x))
        }
        for (name, rule) in [("floor", FloatingPointRoundingRule.down), ("ceil", .up), ("trunc", .towardZero)] {
            m.define(name, "x") { a in
                if let i = a[0] as? PyInt { return PyInt.make(i.value) }
                return try Builtin.toInt(try Builtin.double(a[0]).rounded(rule))
            }
        }
        m.define("atan2", "y, x") { a in PyFloat(Foundation.atan2(try Builtin.double(a[0]), try Builtin.double(a[1]))) }
        m.define("hypot", "*xs") { a in PyFloat(Foundation.sqrt(try a.rest.reduce(0) { $0 + Foundation.pow(try Builtin.double($1), 2) })) }
        m.define("copysign", "x, y") { a in PyFloat(Foundation.copysign(try Builtin.double(a[0]), try Builtin.double(a[1]))) }
        m.define("pow", "x, y") { a in PyFloat(Foundation.pow(try Builtin.double(a[0]), try Builtin.double(a[1]))) }
        m.define("isnan", "x") { a in PyBool.make(try Builtin.double(a[0]).isNaN) }
        m.define("isinf", "x") { a in PyBool.make(try Builtin.double(a[0]).isInfinite) }
        m.define("isfinite", "x") { a in PyBool.make(try Builtin.double(a[0]).isFinite) }
        m.define("isclose", "a, b, *, rel_tol=, abs_tol=") { a in
            let x = try Builtin.double(a[0]), y = try Builtin.double(a[1])
            let rel = try a.optional(2).map { try Builtin.double($0) } ?? 1e-9
            let absTol = try a.optional(3).map { try Builtin.double($0) } ?? 0
            if x == y { return PyBool.trueValue }
            return PyBool.make(abs(x - y) <= max(rel * max(abs(x), abs(y)), absTol))
        }
        m.define("factorial", "n") { a in
            let n = try Builtin.int(a[0])
            if n < 0 { throw PyError.value("factorial() not defined for negative values") }
            var r: PyObject = PyInt.make(1)
            if n > 1 { for i in 2...n { r = try Runtime.binary(.mul, r, PyInt.make(i)) } }
            return r
        }
        m.define("comb", "n, k") { a in
            let n = try Builtin.int(a[0]), k = try Builtin.int(a[1])
            if k < 0 || k > n { return PyInt.make(0) }
            var r: Int64 = 1
            for i in 0..<min(k, n - k) {
                let (p, o) = r.multipliedReportingOverflow(by: n - i)
                if o { throw PyError.overflow() }
                r = p / (i + 1)
            }
            return PyInt.make(r)
        }
        m.define("prod", "it, *, start=") { a in
            var acc: PyObject = a.optional(1) ?? PyInt.make(1)
            try Runtime.forEach(a[0]) { acc = try Runtime.binary(.mul, acc, $0); return true }
            return acc
        }
        m.define("fsum", "it") { a in
            // Neumaier summation: exact enough for lesson sizes.
            var sum = 0.0, c = 0.0
            try Runtime.forEach(a[0]) { v in
                let x = try Builtin.double(v)
                let t = sum + x
                c += abs(sum) >= abs(x) ? (sum - t) + x : (x - t) + sum
                sum = t
                return true
            }
            return PyFloat(sum + c)
        }
        return m
    }

    static func time() -> PyModule {
        let m = PyModule(name: "time")
        m.define("perf_counter", "") { _ in PyFloat(ProcessInfo.processInfo.systemUptime) }
        m.define("time", "") { _ in PyFloat(Date().timeIntervalSince1970) }
        m.define("sleep", "s") { a in
            let seconds = try Builtin.double(a[0])
            guard seconds >= 0 else { throw PyError.value("sleep length must be non-negative") }
            // Short slices, so Ctrl-C interrupts a long sleep as it does in CPython.
            let end = Date().addingTimeInterval(seconds)
            while true {
                let left = end.timeIntervalSinceNow
                if left <= 0 { break }
                Thread.sleep(forTimeInterval: min(left, 0.05))
                if Interpreter.interruptRequested {
                    Interpreter.interruptRequested = false
                    throw PyError(PyBaseException(cls: Builtin.keyboardInterruptClass, args: []))
                }
            }
            return PyNone.shared
        }
        return m
    }

    static func sys(_ interpreter: Interpreter) -> PyModule {
        let m = PyModule(name: "sys")
        m["argv"] = PyList(interpreter.argv.map { PyStr($0) })
        m["version"] = PyStr("3.11.7 (wick)")
        m["maxsize"] = PyInt.make(Int64.max)
        m.define("exit", "code=") { a in throw PyError(PyBaseException(cls: Builtin.systemExitClass, args: a.optional(0).map { [$0] } ?? [])) }
        m.define("getrecursionlimit", "") { _ in PyInt.make(interpreter.recursionLimit) }
        m.define("setrecursionlimit", "n") { a in
            interpreter.recursionLimit = Int(min(max(try Builtin.int(a[0]), 1), 20000)); return PyNone.shared
        }
        let stdout = PyObject(cls: Builtin.objectType, withAttributes: true)
        stdout.attributes?["write"] = PyNativeFunction(name: "write", parameters: "s") { a in
            let s = try Builtin.string(a[0]); interpreter.output(s); return PyInt.make(s.unicodeScalars.count)
        }
        stdout.attributes?["flush"] = PyNativeFunction(name: "flush", parameters: "") { _ in PyNone.shared }
        let stderr = PyObject(cls: Builtin.objectType, withAttributes: true)
        stderr.attributes?["write"] = PyNativeFunction(name: "write", parameters: "s") { a in
            let s = try Builtin.string(a[0]); interpreter.errorOutput(s); return PyInt.make(s.unicodeScalars.count)
        }
        stderr.attributes?["flush"] = stdout.attributes?["flush"]
        m["stdout"] = stdout
        m["stderr"] = stderr
        return m
    }
}

/// Modules implemented in Swift outside this library (the torch bindings register theirs here).
public enum NativeModules {
    nonisolated(unsafe) static var builders: [String: () -> PyModule] = [:]

    /// Makes `import name` build the module with `builder` (once per run).
    public static func register(_ name: String, _ builder: @escaping () -> PyModule) {
        builders[name] = builder
    }
}
