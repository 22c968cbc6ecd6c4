/// Vectorized inner loops of the floating reductions: runs (a contiguous row reduced to one
/// value) and columns (a row added lane by lane into per-column accumulators), accumulating
/// in double. Concrete per type, so each loop compiles to SIMD code without generics.
protocol ReductionFloat: ReductionOrdered, BinaryFloatingPoint {
    /// Σ x over a run, in double, four SIMD accumulators.
    static func runSum(_ p: UnsafeMutablePointer<Self>, _ n: Int) -> Double
    /// Σ (x − mean)² over a run, in double.
    static func runSquaredDeviations(_ p: UnsafeMutablePointer<Self>, _ n: Int, mean: Double) -> Double
    /// acc[i] += x[i] in double.
    static func addColumns(_ p: UnsafeMutablePointer<Self>, _ acc: UnsafeMutablePointer<Double>, _ n: Int)
    /// acc[i] += (x[i] − mean[i])² in double.
    static func addSquaredDeviations(_ p: UnsafeMutablePointer<Self>, _ means: UnsafePointer<Double>,
                                     _ acc: UnsafeMutablePointer<Double>, _ n: Int)
    /// The maximum (or minimum) of a run; NaN if the run holds one; ∓inf for an empty run.
    static func runExtremum(_ p: UnsafeMutablePointer<Self>, _ n: Int, max: Bool) -> Self
    /// acc[i] = max(acc[i], x[i]) (or min) where NaN, once in acc[i] or x[i], stays.
    static func columnsExtremum(_ p: UnsafeMutablePointer<Self>, _ acc: UnsafeMutablePointer<Self>, _ n: Int, max: Bool)
}

extension Float: ReductionFloat {
    static func runSum(_ p: UnsafeMutablePointer<Float>, _ n: Int) -> Double {
        var a0 = SIMD4<Double>(), a1 = SIMD4<Double>(), a2 = SIMD4<Double>(), a3 = SIMD4<Double>()
        let raw = UnsafeRawPointer(p)
        var i = 0
        while i + 16 <= n {
            let v0 = raw.loadUnaligned(fromByteOffset: i &* 4, as: SIMD8<Float>.self)
            let v1 = raw.loadUnaligned(fromByteOffset: i &* 4 &+ 32, as: SIMD8<Float>.self)
            a0 += SIMD4<Double>(v0.lowHalf); a1 += SIMD4<Double>(v0.highHalf)
            a2 += SIMD4<Double>(v1.lowHalf); a3 += SIMD4<Double>(v1.highHalf)
            i &+= 16
        }
        var s = ((a0 + a1) + (a2 + a3)).sum()
        while i < n { s += Double(p[i]); i &+= 1 }
        return s
    }

    static func runSquaredDeviations(_ p: UnsafeMutablePointer<Float>, _ n: Int, mean: Double) -> Double {
        var a0 = SIMD4<Double>(), a1 = SIMD4<Double>()
        let m = SIMD4<Double>(repeating: mean)
        let raw = UnsafeRawPointer(p)
        var i = 0
        while i + 8 <= n {
            let v = raw.loadUnaligned(fromByteOffset: i &* 4, as: SIMD8<Float>.self)
            let d0 = SIMD4<Double>(v.lowHalf) - m, d1 = SIMD4<Double>(v.highHalf) - m
            a0 += d0 * d0; a1 += d1 * d1
            i &+= 8
        }
        var s = (a0 + a1).sum()
        while i < n { let d = Double(p[i]) - mean; s += d * d; i &+= 1 }
        return s
    }

    static func addColumns(_ p: UnsafeMutablePointer<Float>, _ acc: UnsafeMutablePointer<Double>, _ n: Int) {
        let raw = UnsafeRawPointer(p), out = UnsafeMutableRawPointer(acc)
        var i = 0
        while i + 8 <= n {
            let v = raw.loadUnaligned(fromByteOffset: i &* 4, as: SIMD8<Float>.self)
            let lo = out.loadUnaligned(fromByteOffset: i &* 8, as: SIMD4<Double>.self) + SIMD4<Double>(v.lowHalf)
            let hi = out.loadUnaligned(fromByteOffset: i &* 8 &+ 32, as: SIMD4<Double>.self) + SIMD4<Double>(v.highHalf)
            out.storeBytes(of: lo, toByteOffset: i &* 8, as: SIMD4<Double>.self)
            out.storeBytes(of: hi, toByteOffset: i &* 8 &+ 32, as: SIMD4<Double>.self)
            i &+= 8
        }
        while i < n { acc[i] += Double(p[i]); i &+= 1 }
    }

    // Swift's generic SIMD code does not specialize well, so the two extremum kernels are
    // spelled out per type (and per direction, to keep the comparison out of the loop).
    static func runExtremum(_ p: UnsafeMutablePointer<Float>, _ n: Int, max: Bool) -> Float {
        var m = SIMD8<Float>(repeating: max ? -.infinity : .infinity)
        var nan = SIMDMask<SIMD8<Int32>>()
        let raw = UnsafeRawPointer(p)
        var i = 0
        if max {
            while i + 8 <= n {
                let v = raw.loadUnaligned(fromByteOffset: i &* 4, as: SIMD8<Float>.self)
                nan .|= v .!= v
                m.replace(with: v, where: v .> m)
                i &+= 8
            }
        } else {
            while i + 8 <= n {
                let v = raw.loadUnaligned(fromByteOffset: i &* 4, as: SIMD8<Float>.self)
                nan .|= v .!= v
                m.replace(with: v, where: v .< m)
                i &+= 8
            }
        }
        return finishExtremum(any(nan), max ? m.max() : m.min(), p, i, n, max: max)
    }

    static func columnsExtremum(_ p: UnsafeMutablePointer<Float>, _ acc: UnsafeMutablePointer<Float>, _ n: Int, max: Bool) {
        let raw = UnsafeRawPointer(p), out = UnsafeMutableRawPointer(acc)
        var i = 0
        while i + 8 <= n {
            let v = raw.loadUnaligned(fromByteOffset: i &* 4, as: SIMD8<Float>.self)
            var a = out.loadUnaligned(fromByteOffset: i &* 4, as: SIMD8<Float>.self)
            a.replace(with: v, where: ((max ? v .> a : v .< a) .| (v .!= v)) .& (a .== a))
            out.storeBytes(of: a, toByteOffset: i &* 4, as: SIMD8<Float>.self)
            i &+= 8
        }
        finishColumnsExtremum(p, acc, i, n, max: max)
    }

    static func addSquaredDeviations(_ p: UnsafeMutablePointer<Float>, _ means: UnsafePointer<Double>,
                                     _ acc: UnsafeMutablePointer<Double>, _ n: Int) {
        for i in 0..<n {
            let d = Double(p[i]) - means[i]
            acc[i] += d * d
        }
    }
}

extension Double: ReductionFloat {
    static func runSum(_ p: UnsafeMutablePointer<Double>, _ n: Int) -> Double {
        var a0 = SIMD4<Double>(), a1 = SIMD4<Double>(), a2 = SIMD4<Double>(), a3 = SIMD4<Double>()
        let raw = UnsafeRawPointer(p)
        var i = 0
        while i + 16 <= n {
            a0 += raw.loadUnaligned(fromByteOffset: i &* 8, as: SIMD4<Double>.self)
            a1 += raw.loadUnaligned(fromByteOffset: i &* 8 &+ 32, as: SIMD4<Double>.self)
            a2 += raw.loadUnaligned(fromByteOffset: i &* 8 &+ 64, as: SIMD4<Double>.self)
            a3 += raw.loadUnaligned(fromByteOffset: i &* 8 &+ 96, as: SIMD4<Double>.self)
            i &+= 16
        }
        var s = ((a0 + a1) + (a2 + a3)).sum()
        while i < n { s += p[i]; i &+= 1 }
        return s
    }

    static func runSquaredDeviations(_ p: UnsafeMutablePointer<Double>, _ n: Int, mean: Double) -> Double {
        var a0 = SIMD4<Double>(), a1 = SIMD4<Double>()
        let m = SIMD4<Double>(repeating: mean)
        let raw = UnsafeRawPointer(p)
        var i = 0
        while i + 8 <= n {
            let d0 = raw.loadUnaligned(fromByteOffset: i &* 8, as: SIMD4<Double>.self) - m
            let d1 = raw.loadUnaligned(fromByteOffset: i &* 8 &+ 32, as: SIMD4<Double>.self) - m
            a0 += d0 * d0; a1 += d1 * d1
            i &+= 8
        }
        var s = (a0 + a1).sum()
        while i < n { let d = p[i] - mean; s += d * d; i &+= 1 }
        return s
    }

    static func addColumns(_ p: UnsafeMutablePointer<Double>, _ acc: UnsafeMutablePointer<Double>, _ n: Int) {
        for i in 0..<n { acc[i] += p[i] }
    }

    static func runExtremum(_ p: UnsafeMutablePointer<Double>, _ n: Int, max: Bool) -> Double {
        var m = SIMD4<Double>(repeating: max ? -.infinity : .infinity)
        var nan = SIMDMask<SIMD4<Int64>>()
        let raw = UnsafeRawPointer(p)
        var i = 0
        if max {
            while i + 4 <= n {
                let v = raw.loadUnaligned(fromByteOffset: i &* 8, as: SIMD4<Double>.self)
                nan .|= v .!= v
                m.replace(with: v, where: v .> m)
                i &+= 4
            }
        } else {
            while i + 4 <= n {
                let v = raw.loadUnaligned(fromByteOffset: i &* 8, as: SIMD4<Double>.self)
                nan .|= v .!= v
                m.replace(with: v, where: v .< m)
                i &+= 4
            }
        }
        return finishExtremum(any(nan), max ? m.max() : m.min(), p, i, n, max: max)
    }

    static func columnsExtremum(_ p: UnsafeMutablePointer<Double>, _ acc: UnsafeMutablePointer<Double>, _ n: Int, max: Bool) {
        let raw = UnsafeRawPointer(p), out = UnsafeMutableRawPointer(acc)
        var i = 0
        while i + 4 <= n {
            let v = raw.loadUnaligned(fromByteOffset: i &* 8, as: SIMD4<Double>.self)
            var a = out.loadUnaligned(fromByteOffset: i &* 8, as: SIMD4<Double>.self)
            a.replace(with: v, where: ((max ? v .> a : v .< a) .| (v .!= v)) .& (a .== a))
            out.storeBytes(of: a, toByteOffset: i &* 8, as: SIMD4<Double>.self)
            i &+= 4
        }
        finishColumnsExtremum(p, acc, i, n, max: max)
    }

    static func addSquaredDeviations(_ p: UnsafeMutablePointer<Double>, _ means: UnsafePointer<Double>,
                                     _ acc: UnsafeMutablePointer<Double>, _ n: Int) {
        for i in 0..<n {
            let d = p[i] - means[i]
            acc[i] += d * d
        }
    }
}

/// The scalar tail of a run extremum, after the vector part gave `partial` (and whether it
/// saw a NaN).
@inline(__always)
private func finishExtremum<T: ReductionFloat>(_ sawNaN: Bool, _ partial: T, _ p: UnsafeMutablePointer<T>,
                                               _ start: Int, _ n: Int, max: Bool) -> T {
    if sawNaN { return .nan }
    var r = partial
    for i in start..<Swift.max(start, n) {
        let x = p[i]
        if x.isNaN { return x }
        if max ? x > r : x < r { r = x }
    }
    return r
}

/// The scalar tail of a column extremum: NaN, once in the accumulator or the row, stays.
@inline(__always)
private func finishColumnsExtremum<T: ReductionFloat>(_ p: UnsafeMutablePointer<T>, _ acc: UnsafeMutablePointer<T>,
                                                      _ start: Int, _ n: Int, max: Bool) {
    for i in start..<Swift.max(start, n) {
        let x = p[i], a = acc[i]
        if !a.isNaN && (x.isNaN || (max ? x > a : x < a)) { acc[i] = x }
    }
}

/// Σ of a long run in blocks of 4096 combined pairwise, so float64 sums keep an error of a
/// few hundred ulps of Σ|x| at most, like PyTorch's cascade sum.
func blockedRunSum<T: ReductionFloat>(_ p: UnsafeMutablePointer<T>, _ n: Int) -> Double {
    if n <= 4096 { return T.runSum(p, n) }
    let half = ((n / 2) + 15) & ~15
    return blockedRunSum(p, half) + blockedRunSum(p + half, n - half)
}

extension ReductionLayout {
    /// The double-accumulated sum of every reduced run: vectorized and blocked along runs, and
    /// in blocks of 128 rows for column sums, so float64 results stay within PyTorch's
    /// rounding.
    func floatSums<T: ReductionFloat>(_: T.Type) -> [Double] {
        var acc = [Double](repeating: 0, count: outCount)
        let p = source.pointer(T.self)
        let size = self.size, inner = self.inner
        acc.withUnsafeMutableBufferPointer { a in
            guard let total = a.baseAddress else { return }
            if inner == 1 {
                for o in 0..<outer { a[o] = blockedRunSum(p + o * size, size) }
                return
            }
            var partial = [Double](repeating: 0, count: inner)
            partial.withUnsafeMutableBufferPointer { part in
                guard let block = part.baseAddress else { return }
                for o in 0..<outer {
                    var k0 = 0
                    while k0 < size {
                        let k1 = Swift.min(k0 + 128, size)
                        block.update(repeating: 0, count: inner)
                        for k in k0..<k1 { T.addColumns(p + (o * size + k) * inner, block, inner) }
                        Double.addColumns(block, total + o * inner, inner)
                        k0 = k1
                    }
                }
            }
        }
        return acc
    }

    /// Σ x² of every run, in double.
    func squareSums<T: ReductionFloat>(_: T.Type) -> [Double] {
        var acc = [Double](repeating: 0, count: outCount)
        let zeros = [Double](repeating: 0, count: inner)
        let p = source.pointer(T.self)
        let size = self.size, inner = self.inner
        acc.withUnsafeMutableBufferPointer { a in
            zeros.withUnsafeBufferPointer { z in
                guard let total = a.baseAddress, let zero = z.baseAddress else { return }
                for o in 0..<outer {
                    if inner == 1 {
                        a[o] = T.runSquaredDeviations(p + o * size, size, mean: 0)
                        continue
                    }
                    for k in 0..<size { T.addSquaredDeviations(p + (o * size + k) * inner, zero, total + o * inner, inner) }
                }
            }
        }
        return acc
    }

    /// Σ (x − mean)² of every run, in two passes in double.
    func squaredDeviations<T: ReductionFloat>(_: T.Type) -> [Double] {
        var means = floatSums(T.self)
        for i in means.indices { means[i] /= Double(size) }
        var acc = [Double](repeating: 0, count: outCount)
        let p = source.pointer(T.self)
        let size = self.size, inner = self.inner
        acc.withUnsafeMutableBufferPointer { a in
            means.withUnsafeBufferPointer { m in
                guard let total = a.baseAddress, let mean = m.baseAddress else { return }
                for o in 0..<outer {
                    if inner == 1 {
                        a[o] = T.runSquaredDeviations(p + o * size, size, mean: mean[o])
                        continue
                    }
                    for k in 0..<size {
                        T.addSquaredDeviations(p + (o * size + k) * inner, mean + o * inner, total + o * inner, inner)
                    }
                }
            }
        }
        return acc
    }
}

extension ReductionLayout {
    /// The maximum (or minimum) of every run, NaN-propagating, vectorized.
    func floatExtrema<T: ReductionFloat>(_: T.Type, max: Bool) -> [T] {
        var acc = [T](repeating: max ? -.infinity : .infinity, count: outCount)
        let p = source.pointer(T.self)
        let size = self.size, inner = self.inner
        acc.withUnsafeMutableBufferPointer { a in
            guard let out = a.baseAddress else { return }
            for o in 0..<outer {
                if inner == 1 {
                    a[o] = T.runExtremum(p + o * size, size, max: max)
                    continue
                }
                for k in 0..<size { T.columnsExtremum(p + (o * size + k) * inner, out + o * inner, inner, max: max) }
            }
        }
        return acc
    }
}
