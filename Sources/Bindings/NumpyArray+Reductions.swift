import Foundation
import Script

/// Reductions (`sum mean std var max min argmax argmin`) over all elements or one axis, with
/// numpy's pairwise summation along contiguous rows so sums round as numpy's do.
enum NdReduce {
    /// numpy's `pairwise_sum` (blocks of 8 partial sums below 128 elements, halves above).
    static func pairwiseSum(_ v: UnsafeBufferPointer<Double>) -> Double {
        let n = v.count
        if n < 8 {
            var s = -0.0
            for x in v { s += x }
            return s
        }
        if n <= 128 {
            var r = [Double](repeating: 0, count: 8)
            for j in 0 ..< 8 { r[j] = v[j] }
            var i = 8
            while i < n - n % 8 {
                for j in 0 ..< 8 { r[j] += v[i + j] }
                i += 8
            }
            var res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
            while i < n { res += v[i]; i += 1 }
            return res
        }
        var n2 = n / 2
        n2 -= n2 % 8
        return pairwiseSum(UnsafeBufferPointer(rebasing: v[0 ..< n2])) + pairwiseSum(UnsafeBufferPointer(rebasing: v[n2 ..< n]))
    }

    static func sum(_ v: [Double]) -> Double { v.withUnsafeBufferPointer { pairwiseSum($0) } }

    /// The axis argument normalised (`axis=-1`), with numpy's AxisError text.
    static func axis(_ o: PyObject?, ndim: Int) throws -> Int? {
        guard let o, !(o is PyNone) else { return nil }
        guard let i = o as? PyInt else {
            throw PyError.type("'\(pythonTypeName(o))' object cannot be interpreted as an integer")
        }
        let a = Int(clamping: i.value)
        guard a >= -ndim && a < ndim else {
            throw PyError(NumpyBindings.axisErrorClass, "axis \(a) is out of bounds for array of dimension \(ndim)")
        }
        return a < 0 ? a + ndim : a
    }

    /// Applies `f` to every 1-D lane along `axis` (all elements when nil); returns a scalar or an array.
    static func reduce(_ a: NdArray, axis: Int?, kind: NdKind, keepdims: Bool = false, _ f: ([Double]) throws -> Double) throws -> PyObject {
        let v = a.values
        guard let axis else {
            let r = kind.store(try f(v))
            if keepdims { return NdArray([r], shape: a.shape.map { _ in 1 }, kind: kind) }
            return NdArray.scalar(r, kind)
        }
        let outer = a.shape[..<axis].reduce(1, *)
        let n = a.shape[axis]
        let inner = a.shape[(axis + 1)...].reduce(1, *)
        var out: [Double] = []
        out.reserveCapacity(outer * inner)
        var lane = [Double](repeating: 0, count: n)
        for o in 0 ..< outer {
            for i in 0 ..< inner {
                for k in 0 ..< n { lane[k] = v[(o * n + k) * inner + i] }
                out.append(kind.store(try f(lane)))
            }
        }
        var shape = a.shape
        if keepdims { shape[axis] = 1 } else { shape.remove(at: axis) }
        if shape.isEmpty { return NdArray.scalar(out.first ?? 0, kind) }
        return NdArray(out, shape: shape, kind: kind)
    }

    static func sumKind(_ k: NdKind) -> NdKind { k == .bool || k == .int32 ? .int64 : k }
    static func meanKind(_ k: NdKind) -> NdKind { k == .float32 ? .float32 : .float64 }

    static func mean(_ lane: [Double], _ name: String) -> Double {
        if lane.isEmpty {
            NumpyBindings.warn("RuntimeWarning: Mean of empty slice.")
            return .nan
        }
        return sum(lane) / Double(lane.count)
    }

    static func variance(_ lane: [Double], ddof: Double) -> Double {
        let n = Double(lane.count)
        if n - ddof <= 0 {
            NumpyBindings.warn("RuntimeWarning: Degrees of freedom <= 0 for slice")
            return .nan
        }
        let m = sum(lane) / n
        return sum(lane.map { ($0 - m) * ($0 - m) }) / (n - ddof)
    }

    static func extreme(_ lane: [Double], _ name: String, max: Bool) throws -> Double {
        guard var best = lane.first else {
            throw PyError.value("zero-size array to reduction operation \(max ? "maximum" : "minimum") which has no identity")
        }
        for x in lane.dropFirst() {
            if x.isNaN || best.isNaN { best = .nan; continue }
            if max ? x > best : x < best { best = x }
        }
        return best
    }

    static func argExtreme(_ lane: [Double], max: Bool) throws -> Double {
        guard !lane.isEmpty else { throw PyError.value("attempt to get \(max ? "argmax" : "argmin") of an empty sequence") }
        var best = 0
        for (i, x) in lane.enumerated() {
            if lane[best].isNaN { break }
            if x.isNaN || (max ? x > lane[best] : x < lane[best]) { best = i }
        }
        return Double(best)
    }

    /// Installs `name(a, axis=None, …)` as a module function and as an array method.
    static func install(_ module: PyModule, _ cls: PyClass) {
        typealias Body = (NdArray, Int?, Arguments) throws -> PyObject
        func both(_ name: String, _ params: String, _ body: @escaping Body) {
            module.function(name, "a, " + params) { a in
                let arr = try NdConvert.array(a[0], copy: false)
                return try body(arr, try axis(a.optional(1), ndim: arr.shape.count), a)
            }
            cls.method(name, "self, " + params) { a in
                guard let arr = a[0] as? NdArray else { return PyNone.shared }
                return try body(arr, try axis(a.optional(1), ndim: arr.shape.count), a)
            }
        }
        both("sum", "axis=, dtype=, out=, keepdims=") { arr, ax, a in
            try reduce(arr, axis: ax, kind: try NdConvert.kind(a.optional(2)) ?? sumKind(arr.kind), keepdims: try keep(a, 4)) { sum($0) }
        }
        both("mean", "axis=, dtype=, out=, keepdims=") { arr, ax, a in
            try reduce(arr, axis: ax, kind: try NdConvert.kind(a.optional(2)) ?? meanKind(arr.kind), keepdims: try keep(a, 4)) { mean($0, "mean") }
        }
        for (name, root) in [("std", true), ("var", false)] {
            both(name, "axis=, dtype=, out=, ddof=, keepdims=") { arr, ax, a in
                let ddof = try a.optional(4).map { try Args.double($0, ArgumentSite(name, isMethod: false), "ddof", 4) } ?? 0
                return try reduce(arr, axis: ax, kind: meanKind(arr.kind), keepdims: try keep(a, 5)) { lane in
                    let v = variance(lane, ddof: ddof)
                    return root ? v.squareRoot() : v
                }
            }
        }
        for (name, isMax) in [("max", true), ("min", false), ("amax", true), ("amin", false)] {
            both(name, "axis=, out=, keepdims=") { arr, ax, a in
                try reduce(arr, axis: ax, kind: arr.kind, keepdims: try keep(a, 3)) { try extreme($0, name, max: isMax) }
            }
        }
        for (name, isMax) in [("argmax", true), ("argmin", false)] {
            both(name, "axis=, out=") { arr, ax, _ in
                try reduce(arr, axis: ax, kind: .int64) { try argExtreme($0, max: isMax) }
            }
        }
    }

    static func keep(_ a: Arguments, _ i: Int) throws -> Bool {
        try a.optional(i).map { try Runtime.truthy($0) } ?? false
    }
}
