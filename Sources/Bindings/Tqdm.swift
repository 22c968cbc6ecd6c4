import Foundation
import Script

/// What draws a tqdm bar. The `wick` program supplies one (Notebook's `ProgressBar`) through
/// `TqdmBindings.makeDisplay`; without one, bars count silently.
public protocol TqdmDisplay: AnyObject {
    /// Adds `n` finished items and redraws when due.
    func update(_ n: Int)
    /// Replaces the text after the rate (`loss=0.5`).
    func setPostfix(_ text: String?, refresh: Bool)
    /// Replaces the text before the bar.
    func setDescription(_ text: String?, refresh: Bool)
    /// Ends the bar (leaving or erasing it).
    func close()
    /// The bar's current line (tqdm's `str(bar)`).
    var line: String { get }
}

/// The `tqdm` package for scripts: `tqdm(iterable, desc=, total=, leave=, disable=)`, `trange`,
/// `update`, `set_postfix`, `set_description`, `close`, `tqdm.write`, context manager.
/// The bar is drawn on stderr only when it is a terminal (never in a pipe).
public enum TqdmBindings {
    /// Makes the display of a new bar: (total, desc, leave, draws) → display; a display that
    /// does not draw still tracks the bar for `str(bar)`.
    nonisolated(unsafe) public static var makeDisplay: ((Int?, String?, Bool, Bool) -> TqdmDisplay)?

    /// Whether bars are drawn (default: stderr is a terminal).
    nonisolated(unsafe) public static var drawBars: () -> Bool = { isatty(STDERR_FILENO) != 0 }

    /// Makes `import tqdm`, `from tqdm import tqdm, trange` (also `tqdm.auto`, `tqdm.std`) work.
    public static func install() { _ = installed }

    private static let installed: Bool = {
        NativeModules.register("tqdm") { module(name: "tqdm") }
        NativeModules.register("tqdm.auto") { module(name: "tqdm.auto") }
        NativeModules.register("tqdm.std") { module(name: "tqdm.std") }
        return true
    }()

    /// A bar object.
    final class TqdmObject: PyObject {
        var iterable: PyObject?
        var n = 0
        var total: Int?
        var desc: String?
        var postfix: String?
        var display: TqdmDisplay?
        var closed = false

        func update(_ k: Int) {
            let (sum, overflow) = n.addingReportingOverflow(k)
            n = overflow ? (k > 0 ? Int.max : Int.min) : sum
            display?.update(k)
        }

        func close() {
            guard !closed else { return }
            closed = true
            display?.close()
        }
    }

    static func bar(_ o: PyObject) throws -> TqdmObject {
        guard let b = o as? TqdmObject else { throw PyError.type("descriptor requires a 'tqdm' object but received a '\(Runtime.typeName(o))'") }
        return b
    }

    static let newSpec = "cls, iterable=, desc=, total=, leave=, file=, ncols=, mininterval=, maxinterval=, miniters=, ascii=, disable=, unit=, unit_scale=, dynamic_ncols=, smoothing=, bar_format=, initial=, position=, postfix=, unit_divisor=, write_bytes=, lock_args=, nrows=, colour=, delay=, **kwargs"

    /// The class `tqdm.std.tqdm`.
    static let tqdmClass: PyClass = {
        let c = PyClass(name: "tqdm", bases: [Builtin.objectType], module: "tqdm.std")
        c.define("__new__", newSpec) { a in try make(a, cls: (a[0] as? PyClass) ?? c) }
        c.define("__init__", "self, *args, **kwargs") { _ in PyNone.shared }
        c.define("__iter__", "self") { a in try iterate(try bar(a[0])) }
        c.define("__len__", "self") { a in
            let b = try bar(a[0])
            if let t = b.total { return PyInt.make(t) }
            if let it = b.iterable { return PyInt.make(try Runtime.length(it)) }
            throw PyError.type("object of type 'tqdm' has no len()")
        }
        c.define("__enter__", "self") { a in a[0] }
        c.define("__exit__", "self, *args") { a in try bar(a[0]).close(); return PyBool.make(false) }
        c.define("update", "self, n=") { a in
            let b = try bar(a[0])
            let k = try a.optional(1).map(intValue) ?? 1
            b.update(k)
            return PyBool.make(b.display != nil)
        }
        c.define("close", "self") { a in try bar(a[0]).close(); return PyNone.shared }
        c.define("refresh", "self") { a in try bar(a[0]).display?.update(0); return PyNone.shared }
        c.define("set_postfix", "self, ordered_dict=, refresh=, **kwargs") { a in
            let b = try bar(a[0])
            var items: [(String, PyObject)] = []
            if let d = a.optional(1) {
                for key in try Runtime.toArray(d) { items.append((try Runtime.str(key), try Runtime.getItem(d, key))) }
            }
            items += a.keywords
            b.postfix = try items.map { "\($0.0)=\(try postfixValue($0.1))" }.joined(separator: ", ")
            b.display?.setPostfix(b.postfix, refresh: try a.optional(2).map(Runtime.truthy) ?? true)
            return PyNone.shared
        }
        c.define("set_postfix_str", "self, s=, refresh=") { a in
            let b = try bar(a[0])
            b.postfix = try a.optional(1).map(Runtime.str) ?? ""
            b.display?.setPostfix(b.postfix, refresh: try a.optional(2).map(Runtime.truthy) ?? true)
            return PyNone.shared
        }
        for name in ["set_description", "set_description_str"] {
            c.define(name, "self, desc=, refresh=") { a in
                let b = try bar(a[0])
                var d = try a.optional(1).map(Runtime.str)
                if name == "set_description", let text = d, !text.isEmpty { d = text + ": " }
                b.desc = d
                b.display?.setDescription(d, refresh: try a.optional(2).map(Runtime.truthy) ?? true)
                return PyNone.shared
            }
        }
        c.setAttribute("n", PyProperty(getter: PyNativeFunction(name: "n") { a in
            PyInt.make(try bar(a.rest.first ?? PyNone.shared).n)
        }))
        c.setAttribute("total", PyProperty(getter: PyNativeFunction(name: "total") { a in
            try bar(a.rest.first ?? PyNone.shared).total.map { PyInt.make($0) as PyObject } ?? PyNone.shared
        }))
        c.setAttribute("desc", PyProperty(getter: PyNativeFunction(name: "desc") { a in
            PyStr(try bar(a.rest.first ?? PyNone.shared).desc ?? "")
        }))
        c.define("__str__", "self") { a in
            let b = try bar(a[0])
            return PyStr(b.display?.line ?? "\(b.n)" + (b.total.map { "/\($0)" } ?? "") + "it")
        }
        c.define("__repr__", "self") { a in try Runtime.call(Runtime.getAttribute(a[0], "__str__"), []) }
        c.setAttribute("write", PyMethodWrapper(PyNativeFunction(name: "write", parameters: "s, file=, end=, nolock=") { a in
            let end = try a.optional(2).map(Runtime.str) ?? "\n"
            ScriptRunner.writeOutput(try Runtime.str(a[0]) + end)
            return PyNone.shared
        }, classMethod: false))
        return c
    }()

    static func intValue(_ o: PyObject) throws -> Int {
        if let i = o as? PyInt { return Int(i.value) }
        if let f = o as? PyFloat, f.value.isFinite, abs(f.value) < 1e15 { return Int(f.value) }
        throw PyError.type("unsupported operand type(s) for +=: 'int' and '\(Runtime.typeName(o))'")
    }

    /// `tqdm(...)`: the bar over `iterable` (total from `len()` when it has one).
    static func make(_ a: Arguments, cls: PyClass) throws -> PyObject {
        let b = TqdmObject(cls: cls, withAttributes: true)
        b.iterable = a.optional(1)
        if let t = a.optional(3) {
            b.total = try intValue(t)
        } else if let it = b.iterable {
            b.total = try? Runtime.length(it)
        }
        if let d = a.optional(2) { b.desc = try Runtime.str(d) }
        let leave = try a.optional(4).map(Runtime.truthy) ?? true
        let disable = try a.optional(11).map(Runtime.truthy) ?? false
        if let initial = a.optional(17) { b.n = try intValue(initial) }
        if let p = a.optional(19) {
            b.postfix = p is PyStr ? try Runtime.str(p) : try Runtime.str(p)
        }
        // A display that does not draw still keeps the line for `str(bar)`.
        if let makeDisplay {
            let display = makeDisplay(b.total, b.desc, leave, !disable && drawBars())
            if b.n > 0 { display.update(b.n) }
            if let p = b.postfix { display.setPostfix(p, refresh: true) }
            b.display = display
        }
        return b
    }

    /// Iterates the wrapped iterable, counting each finished item; closes the bar at the end.
    static func iterate(_ b: TqdmObject) throws -> PyObject {
        guard let iterable = b.iterable else {
            throw PyError.type("'NoneType' object is not iterable")
        }
        let iterator = try Runtime.iterate(iterable)
        var started = false
        return PyNativeIterator {
            if started { b.update(1) }
            started = true
            guard let item = try Runtime.next(iterator) else {
                b.close()
                return nil
            }
            return item
        }
    }

    /// tqdm's `format_num` for numbers (`{:.3g}` with `+0`/`-0` shortened, unless `str` is
    /// shorter), strings stripped, anything else `str()`.
    static func postfixValue(_ o: PyObject) throws -> String {
        if let f = o as? PyFloat { return formatNumber(f.value, plain: try Runtime.str(o)) }
        if let i = o as? PyInt, o.cls !== Builtin.boolType { return formatNumber(Double(i.value), plain: String(i.value)) }
        if o is PyStr { return try Runtime.str(o).trimmingCharacters(in: .whitespaces) }
        return try Runtime.str(o)
    }

    static func formatNumber(_ x: Double, plain: String) -> String {
        let f = String(format: "%.3g", x).replacingOccurrences(of: "+0", with: "+").replacingOccurrences(of: "-0", with: "-")
        return f.count < plain.count ? f : plain
    }

    /// A fresh `tqdm` module.
    static func module(name: String) -> PyModule {
        let m = PyModule(name: name)
        m["tqdm"] = tqdmClass
        m.define("trange", "*args, **kwargs") { a in
            let range = try Runtime.call(Builtin.rangeType, a.rest)
            return try Runtime.call(tqdmClass, [range], a.keywords)
        }
        return m
    }
}
