import Engine
import Foundation
import Script

/// The `numpy` subset for scripts (LANGUAGE.md §7): `array asarray zeros ones linspace arange
/// meshgrid mean std sum max min argmax argmin` and elementwise math, `ndarray` with numpy's
/// printing, arithmetic, indexing, `shape`, `tolist()`, and the `tensor.numpy()` /
/// `torch.from_numpy(a)` / `torch.tensor(a)` round-trips. Anything else raises
/// `NotImplementedError: numpy.xyz is not supported by wick`.
///
/// Deviations: reductions and `a[i]` of a 1-D array return Python `float`/`int`/`bool` (numpy
/// returns `np.float64` …, whose `repr` is `np.float64(2.5)`; `str` and f-strings agree);
/// `tensor.numpy()` copies instead of sharing memory; integers are exact up to 2**53.
public enum NumpyBindings {
    /// Makes `import numpy` work (once per process) and hooks the torch conversions in.
    public static func install() { _ = installed }

    private static let installed: Bool = {
        NativeModules.register("numpy") { module() }
        installFallback()
        installTensorNumpy()
        TorchModule.extensions.append { torch in installTorchConversions(torch) }
        return true
    }()

    static func warn(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// `numpy.exceptions.AxisError` (a ValueError and IndexError).
    static let axisErrorClass: PyClass = {
        let value = PyError.value("").exception.cls
        let index = PyError.index("").exception.cls
        return PyClass(name: "AxisError", bases: [value, index], module: "numpy.exceptions")
    }()

    /// Missing `numpy.xyz` attributes raise NotImplementedError (also an AttributeError).
    static func installFallback() {
        let moduleClass = Builtin.moduleType
        let previous = moduleClass.attributeFallback
        moduleClass.attributeFallback = { o, name in
            if let m = o as? PyModule, m.name == "numpy" || m.name.hasPrefix("numpy."), !name.hasPrefix("__") {
                throw TorchErrors.unsupportedAttribute(m.name + "." + name)
            }
            return try previous?(o, name)
        }
    }

    /// A fresh `numpy` module.
    static func module() -> PyModule {
        let np = PyModule(name: "numpy")
        np["__version__"] = PyStr("2.4.6")
        np["ndarray"] = ndarrayClass
        np["dtype"] = NdDType.dtypeClass
        for kind in [NdKind.float32, .float64, .int32, .int64, .bool] { np[kind.rawValue] = NdDType.of(kind) }
        np["bool_"] = NdDType.of(.bool)
        np["double"] = NdDType.of(.float64)
        np["pi"] = PyFloat(.pi)
        np["e"] = PyFloat(M_E)
        np["inf"] = PyFloat(.infinity)
        np["nan"] = PyFloat(.nan)
        np["newaxis"] = PyNone.shared
        np.function("array", "object, dtype=, *, copy=, ndmin=") { a in
            if let n = a.optional(3), (n as? PyInt)?.value != 0 { throw PyError.notImplemented("numpy.array(ndmin=...) is not supported by wick") }
            return try NdConvert.array(a[0], kind: try NdConvert.kind(a.optional(1)))
        }
        np.function("asarray", "a, dtype=") { a in
            try NdConvert.array(a[0], kind: try NdConvert.kind(a.optional(1)), copy: false)
        }
        for (name, fill) in [("zeros", 0.0), ("ones", 1.0)] {
            np.function(name, "shape, dtype=") { a in
                let shape = try shapeArgument(a[0])
                let kind = try NdConvert.kind(a.optional(1)) ?? .float64
                return NdArray([Double](repeating: fill, count: shape.reduce(1, *)), shape: shape, kind: kind)
            }
            np.function(name + "_like", "a, dtype=") { a in
                let like = try NdConvert.array(a[0], copy: false)
                let kind = try NdConvert.kind(a.optional(1)) ?? like.kind
                return NdArray([Double](repeating: fill, count: like.count), shape: like.shape, kind: kind)
            }
        }
        np.function("linspace", "start, stop, num=, endpoint=, retstep=, dtype=") { a in
            let site = ArgumentSite("linspace", isMethod: false)
            let start = try Args.double(a[0], site, "start", 0), stop = try Args.double(a[1], site, "stop", 1)
            let num = try a.optional(2).map { try Args.int($0, site, "num", 2) } ?? 50
            guard num >= 0 else { throw PyError.value("Number of samples, \(num), must be non-negative.") }
            try ndCheckCount(num)
            let endpoint = try a.optional(3).map { try Runtime.truthy($0) } ?? true
            let div = endpoint ? num - 1 : num
            let delta = stop - start
            var y = (0 ..< num).map { Double($0) }
            let step = div > 0 ? delta / Double(div) : .nan
            if div > 0 {
                if step == 0 { y = y.map { $0 / Double(div) * delta } } else { y = y.map { $0 * step } }
            } else {
                y = y.map { $0 * delta }
            }
            y = y.map { $0 + start }
            if endpoint && num > 1 { y[num - 1] = stop }
            let kind = try NdConvert.kind(a.optional(5)) ?? .float64
            let arr = NdArray(y.map { kind.store($0) }, shape: [num], kind: kind)
            if let r = a.optional(4), try Runtime.truthy(r) { return PyTuple([arr, PyFloat(step)]) }
            return arr
        }
        np.function("arange", "start_or_stop, stop=, step=, dtype=") { a in try arange(a) }
        np.function("meshgrid", "*xi, indexing=") { a in
            let indexing = try a.optional(0).map { try Runtime.str($0) } ?? "xy"
            guard indexing == "xy" || indexing == "ij" else { throw PyError.value("Valid values for `indexing` are 'xy' and 'ij'.") }
            let xs = try a.rest.map { try NdConvert.array($0, copy: false) }
            guard xs.count == 2 else {
                if xs.isEmpty { return PyTuple([]) }
                throw PyError.notImplemented("numpy.meshgrid of \(xs.count) arrays is not supported by wick (two only)")
            }
            let x = xs[0].values, y = xs[1].values
            let (rows, cols) = indexing == "xy" ? (y.count, x.count) : (x.count, y.count)
            try ndCheckCount(rows * cols)
            var gx: [Double] = [], gy: [Double] = []
            gx.reserveCapacity(rows * cols); gy.reserveCapacity(rows * cols)
            for r in 0 ..< rows {
                for c in 0 ..< cols {
                    if indexing == "xy" { gx.append(x[c]); gy.append(y[r]) } else { gx.append(x[r]); gy.append(y[c]) }
                }
            }
            return PyTuple([NdArray(gx, shape: [rows, cols], kind: xs[0].kind), NdArray(gy, shape: [rows, cols], kind: xs[1].kind)])
        }
        let unary: [(String, (Double) -> Double)] = [
            ("exp", { Foundation.exp($0) }), ("log", { Foundation.log($0) }), ("sqrt", { $0.squareRoot() }),
            ("sin", { Foundation.sin($0) }), ("cos", { Foundation.cos($0) }), ("tanh", { Foundation.tanh($0) }),
            ("log10", { Foundation.log10($0) }), ("log2", { Foundation.log2($0) }), ("floor", { $0.rounded(.down) }),
            ("ceil", { $0.rounded(.up) }),
        ]
        for (name, f) in unary { np.function(name, "x") { a in try NdMath.unary(name, a[0], f) } }
        np.function("abs", "x") { a in try absolute(a[0]) }
        np["absolute"] = np["abs"]
        np.function("square", "x") { a in try NdMath.binary(.mul, a[0], a[0]) ?? PyNone.shared }
        np.function("clip", "a, a_min, a_max") { a in
            let arr = try NdConvert.array(a[0], copy: false)
            let lo = try a.optional(1).map { try Args.double($0, ArgumentSite("clip", isMethod: false), "a_min", 1) } ?? -.infinity
            let hi = try a.optional(2).map { try Args.double($0, ArgumentSite("clip", isMethod: false), "a_max", 2) } ?? .infinity
            return NdArray(arr.values.map { arr.kind.store(Swift.min(Swift.max($0, lo), hi)) }, shape: arr.shape, kind: arr.kind)
        }
        np.function("isnan", "x") { a in
            let arr = try NdConvert.array(a[0], copy: false)
            return NdArray(arr.values.map { $0.isNaN ? 1 : 0 }, shape: arr.shape, kind: .bool)
        }
        np.function("allclose", "a, b, rtol=, atol=") { a in
            let x = try NdConvert.array(a[0], copy: false), y = try NdConvert.array(a[1], copy: false)
            let rtol = try a.optional(2).map { try Args.double($0, ArgumentSite("allclose", isMethod: false), "rtol", 2) } ?? 1e-5
            let atol = try a.optional(3).map { try Args.double($0, ArgumentSite("allclose", isMethod: false), "atol", 3) } ?? 1e-8
            let shape = try NdMath.broadcastShape(x.shape, y.shape)
            let xi = NdMath.broadcastIndex(x.shape, shape), yi = NdMath.broadcastIndex(y.shape, shape)
            let xv = x.values, yv = y.values
            for k in 0 ..< xi.count where !(abs(xv[xi[k]] - yv[yi[k]]) <= atol + rtol * abs(yv[yi[k]])) { return PyBool.falseValue }
            return PyBool.trueValue
        }
        np.function("concatenate", "arrays, axis=") { a in
            let parts = try Runtime.toArray(a[0]).map { try NdConvert.array($0, copy: false) }
            guard a.optional(1) == nil || (a[1] as? PyInt)?.value == 0, let first = parts.first else {
                throw PyError.notImplemented("numpy.concatenate is supported by wick along axis 0 of a non-empty list only")
            }
            var kind = first.kind
            for p in parts {
                guard p.shape.count == first.shape.count, p.shape.dropFirst().elementsEqual(first.shape.dropFirst()) else {
                    throw PyError.value("all the input array dimensions except for the concatenation axis must match exactly")
                }
                kind = NdKind.promote(kind, p.kind)
            }
            let rows = parts.reduce(0) { $0 + ($1.shape.first ?? 0) }
            return NdArray(parts.flatMap { $0.values }.map { kind.store($0) }, shape: [rows] + first.shape.dropFirst(), kind: kind)
        }
        NdReduce.install(np, ndarrayClass)
        for name in ["random", "linalg", "fft"] {
            np[name] = PyModule(name: "numpy." + name)
        }
        return np
    }

    static func absolute(_ o: PyObject) throws -> PyObject {
        let arr = try NdConvert.array(o, copy: false)
        let out = arr.values.map { Swift.abs($0) }
        if !(o is NdArray) && Args.scalarOrNil(o) != nil { return NdArray.scalar(out[0], arr.kind) }
        return NdArray(out, shape: arr.shape, kind: arr.kind)
    }

    /// A shape argument: an int or a sequence of ints.
    static func shapeArgument(_ o: PyObject) throws -> [Int] {
        let dims: [PyObject] = o is PyInt ? [o] : try Runtime.toArray(o)
        let shape = try dims.map { d -> Int in
            guard let i = d as? PyInt else { throw PyError.type("'\(pythonTypeName(d))' object cannot be interpreted as an integer") }
            guard i.value >= 0 else { throw PyError.value("negative dimensions are not allowed") }
            return Int(clamping: i.value)
        }
        var total = 1
        for s in shape {
            let (p, overflow) = total.multipliedReportingOverflow(by: s)
            if overflow { throw PyError.value("array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.") }
            total = p
        }
        try ndCheckCount(total)
        return shape
    }

    /// `np.arange(stop)`, `np.arange(start, stop, step)`: ints stay int64, floats use numpy's fill rule.
    static func arange(_ a: Arguments) throws -> PyObject {
        let given = [a.optional(0), a.optional(1), a.optional(2)]
        let site = ArgumentSite("arange", isMethod: false)
        let numbers = try given.enumerated().map { i, o in try o.map { try Args.double($0, site, "arg", i) } }
        var isInt = given.allSatisfy { $0 == nil || $0 is PyInt }
        let start = numbers[1] == nil ? 0 : numbers[0] ?? 0
        let stop = numbers[1] ?? numbers[0] ?? 0
        let step = numbers[2] ?? 1
        guard step != 0 else { throw PyError.zeroDivision("division by zero") }
        var count = ((stop - start) / step).rounded(.up)
        if !count.isFinite { throw PyError.value("arange: cannot compute length") }
        count = Swift.max(0, count)
        guard count < 1e15 else { throw PyError.value("Maximum allowed size exceeded") }
        let n = Int(count)
        try ndCheckCount(n)
        let requested = try NdConvert.kind(a.optional(3))
        if let requested { isInt = requested.isInteger }
        let kind = requested ?? (isInt ? .int64 : .float64)
        let delta = (start + step) - start
        let values = (0 ..< n).map { i in kind.store(i == 0 ? start : start + Double(i) * delta) }
        return NdArray(values, shape: [n], kind: kind)
    }
}

/// Refuses arrays too large to allocate (8 bytes per element) with `MemoryError`.
func ndCheckCount(_ n: Int) throws {
    if n > 1 << 28 { throw PyError.memory() }
}
