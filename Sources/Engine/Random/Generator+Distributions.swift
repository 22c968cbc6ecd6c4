// Buffer-level fills reproducing PyTorch's CPU distribution kernels (RNG.md §3–§7).
// Every fill consumes draws in the buffer's order, which the caller makes row-major.
// `addingProduct` marks exactly the fused multiply-adds of the reference binary.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// 2π rounded to double, as `2.0 * c10::pi<double>` in PyTorch.
private let twoPiDouble = 6.283185307179586

/// n below this uses the swap shuffle with 32-bit draws; from it on, the inside-out one.
private let randpermSmallLimit = 214_748_364  // ⌊(2^32 − 1) / 20⌋

#if canImport(Glibc)
private typealias SinCosF = @convention(c) (Float, UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>) -> Void
/// glibc's `sincosf`, which the Glibc module does not export (it is a GNU extension).
private let libmSincosf: SinCosF? = {
    guard let symbol = dlsym(nil, "sincosf") else { return nil }
    return unsafeBitCast(symbol, to: SinCosF.self)
}()
#endif

/// Throws `message` unless `condition` holds: a caller's size mistake becomes an error, not a
/// trap or an out-of-bounds write.
@inline(__always)
private func require(_ condition: Bool, _ message: @autoclosure () -> String) throws {
    if !condition { throw TensorError.runtime(message()) }
}

/// Sine and cosine through libm's `sincosf`, as PyTorch's scalar kernel calls it.
@inline(__always)
private func libmSinCos(_ x: Float) -> (sin: Float, cos: Float) {
    #if canImport(Glibc)
    if let f = libmSincosf {
        var s: Float = 0
        var c: Float = 0
        f(x, &s, &c)
        return (s, c)
    }
    #endif
    return (sinf(x), cosf(x))  // glibc gives the same bits as sincosf
}

extension Generator {
    // MARK: - Uniform (RNG.md §3)

    /// Fills `out` like float32 `uniform_(from, to)`: one U24 per element; `rand` is (0, 1).
    public func fillUniform(_ out: UnsafeMutableBufferPointer<Float>, from: Double, to: Double) {
        let lo = Float(from)
        let hi = Float(to)
        let range = hi - lo  // a float32 subtraction, as in the kernel
        switch kernel {
        case .avx2:
            for i in out.indices {
                let v = lo.addingProduct(nextU24(), range)
                out[i] = v == hi ? lo : v  // a value rounded up to `to` becomes `from`
            }
        case .scalar:
            for i in out.indices {
                let v = nextU24() * range + lo
                out[i] = v == hi ? lo : v
            }
        }
    }

    /// Fills `out` like float64 `uniform_(from, to)`: one U53 (two draws) per element.
    public func fillUniform(_ out: UnsafeMutableBufferPointer<Double>, from: Double, to: Double) {
        let range = to - from
        switch kernel {
        case .avx2:
            for i in out.indices {
                let v = from.addingProduct(nextU53(), range)
                out[i] = v == to ? from : v
            }
        case .scalar:
            for i in out.indices {
                let v = nextU53() * range + from
                out[i] = v == to ? from : v
            }
        }
    }

    // MARK: - Normal (RNG.md §4)

    /// Fills `out` like float32 `normal_(mean, std)` / `randn`.
    ///
    /// With 16 or more elements of a contiguous tensor this is the vectorised fill path
    /// (which ignores the cached normal); otherwise the double-precision serial path.
    public func fillNormal(
        _ out: UnsafeMutableBufferPointer<Float>, mean: Double, std: Double, contiguous: Bool = true
    ) {
        let n = out.count
        guard n > 0, let base = out.baseAddress else { return }
        guard n >= 16 && contiguous else {
            for i in 0..<n { out[i] = Float(nextSerialNormal(mean: mean, std: std)) }
            return
        }
        let m = Float(mean)
        let s = Float(std)
        let transform: (UnsafeMutablePointer<Float>, Float, Float) -> Void =
            kernel == .avx2 ? FastMathAVX2.boxMuller16 : Generator.boxMuller16Scalar
        for i in 0..<n { base[i] = nextU24() }
        var i = 0
        while i + 16 <= n {
            transform(base + i, m, s)
            i += 16
        }
        if n % 16 != 0 {
            // PyTorch redraws the last 16 slots and transforms them again.
            let window = base + (n - 16)
            for j in 0..<16 { window[j] = nextU24() }
            transform(window, m, s)
        }
    }

    /// Fills `out` like float64 `normal_(mean, std)` / `randn(dtype=float64)`.
    ///
    /// Same path choice as the float32 overload; the fill path uses libm `log`/`sin`/`cos`.
    public func fillNormal(
        _ out: UnsafeMutableBufferPointer<Double>, mean: Double, std: Double, contiguous: Bool = true
    ) {
        let n = out.count
        guard n > 0, let base = out.baseAddress else { return }
        guard n >= 16 && contiguous else {
            for i in 0..<n { out[i] = nextSerialNormal(mean: mean, std: std) }
            return
        }
        for i in 0..<n { base[i] = nextU53() }
        var i = 0
        while i + 16 <= n {
            Generator.boxMuller16Double(base + i, mean: mean, std: std)
            i += 16
        }
        if n % 16 != 0 {
            let window = base + (n - 16)
            for j in 0..<16 { window[j] = nextU53() }
            Generator.boxMuller16Double(window, mean: mean, std: std)
        }
    }

    /// One sample of `at::normal_distribution<double>`: Box–Muller with a one-sample cache.
    ///
    /// The log takes the second uniform via `log1p(-u2)`; the sin-sample is cached raw.
    @inline(__always)
    func nextSerialNormal(mean: Double, std: Double) -> Double {
        let v: Double
        if let cached = cachedNormal {
            v = cached
            cachedNormal = nil
        } else {
            let u1 = nextU53()
            let u2 = nextU53()
            let r = (log1p(-u2) * -2.0).squareRoot()
            let theta = twoPiDouble * u1
            cachedNormal = r * sin(theta)
            v = r * cos(theta)
        }
        return kernel == .avx2 ? mean.addingProduct(v, std) : v * std + mean
    }

    /// The generic `normal_fill_16` for float32: libm `logf` and `sincosf`.
    static func boxMuller16Scalar(_ w: UnsafeMutablePointer<Float>, mean: Float, std: Float) {
        for j in 0..<8 {
            let u1 = 1 - w[j]
            let radius = (logf(u1) * -2).squareRoot()
            let theta = Float(Double(w[j + 8]) * twoPiDouble)  // the angle is formed in double
            let (s, c) = libmSinCos(theta)
            w[j] = mean.addingProduct(std, radius * c)
            w[j + 8] = mean.addingProduct(std, radius * s)
        }
    }

    /// `normal_fill_16` for float64 (both kernels): libm `log`, `sin`, `cos`, fused output.
    static func boxMuller16Double(_ w: UnsafeMutablePointer<Double>, mean: Double, std: Double) {
        for j in 0..<8 {
            let u1 = 1 - w[j]
            let radius = (log(u1) * -2.0).squareRoot()
            let theta = twoPiDouble * w[j + 8]
            w[j] = mean.addingProduct(radius * cos(theta), std)
            w[j + 8] = mean.addingProduct(radius * sin(theta), std)
        }
    }

    // MARK: - Integers (RNG.md §5)

    /// Fills `out` like `randint(low, high)` / `random_(low, high)` on int64, modulo-biased.
    ///
    /// A range of 2^28 or more takes 64-bit draws. `high == low` stands for the full 2^64
    /// range and gives the raw 64-bit draws, as PyTorch's `random_(-2**63, None)` does; so
    /// this never divides by zero.
    public func fillRandint(_ out: UnsafeMutableBufferPointer<Int64>, low: Int64, high: Int64) {
        let range = UInt64(bitPattern: high &- low)
        let base = UInt64(bitPattern: low)
        if range == 0 {
            for i in out.indices { out[i] = Int64(bitPattern: nextUInt64()) }
        } else if range >= 1 << 28 {
            for i in out.indices { out[i] = Int64(bitPattern: nextUInt64() % range &+ base) }
        } else {
            for i in out.indices { out[i] = Int64(bitPattern: UInt64(nextUInt32()) % range &+ base) }
        }
    }

    /// Fills `out` like int64 `random_()` with no bounds: a 64-bit draw with the top bit cleared.
    public func fillRandom(_ out: UnsafeMutableBufferPointer<Int64>) {
        for i in out.indices { out[i] = Int64(bitPattern: nextUInt64() & 0x7FFF_FFFF_FFFF_FFFF) }
    }

    /// Returns `randperm(n)`; n ≤ 1 consumes no draws and negative n gives an empty result.
    public func randperm(_ n: Int) -> [Int64] {
        guard n > 0 else { return [] }
        if n < randpermSmallLimit {
            var p = [Int64](0..<Int64(n))
            p.withUnsafeMutableBufferPointer { b in
                for i in 0..<(n - 1) {
                    let z = Int(nextUInt32()) % (n - i)
                    b.swapAt(i, i + z)
                }
            }
            return p
        }
        return randpermInsideOut(n)
    }

    /// PyTorch's "inside-out" shuffle with 64-bit draws, used by `randperm` for huge n.
    func randpermInsideOut(_ n: Int) -> [Int64] {
        let count = max(n, 0)
        var p = [Int64](repeating: 0, count: count)
        p.withUnsafeMutableBufferPointer { b in
            for i in 0..<count {
                let z = Int(nextUInt64() % UInt64(i + 1))
                b[i] = b[z]
                b[z] = Int64(i)
            }
        }
        return p
    }

    // MARK: - Bernoulli, dropout, exponential (RNG.md §6, §7)

    /// Fills `out` like float32 `bernoulli_(p)` with a scalar p: 1 where U53 < p, else 0.
    public func fillBernoulli(_ out: UnsafeMutableBufferPointer<Float>, p: Double) {
        for i in out.indices { out[i] = nextU53() < p ? 1 : 0 }
    }

    /// Fills `out` like float64 `bernoulli_(p)` with a scalar p: 1 where U53 < p, else 0.
    public func fillBernoulli(_ out: UnsafeMutableBufferPointer<Double>, p: Double) {
        for i in out.indices { out[i] = nextU53() < p ? 1 : 0 }
    }

    /// `torch.bernoulli(probs)` for float32 probabilities: 1 where U24 < p_i (float compare).
    public func bernoulli(probabilities: UnsafeBufferPointer<Float>, into out: UnsafeMutableBufferPointer<Float>) throws {
        try require(probabilities.count == out.count, "bernoulli: size mismatch")
        for i in out.indices { out[i] = nextU24() < probabilities[i] ? 1 : 0 }
    }

    /// `torch.bernoulli(probs)` for float64 probabilities: 1 where U53 < p_i.
    ///
    /// PyTorch's kernel switches to `bernoulli_distribution<double>` when p is float64
    /// (rng_ref.py models float32 probs only; this follows the ATen source).
    public func bernoulli(probabilities: UnsafeBufferPointer<Double>, into out: UnsafeMutableBufferPointer<Double>) throws {
        try require(probabilities.count == out.count, "bernoulli: size mismatch")
        for i in out.indices { out[i] = nextU53() < probabilities[i] ? 1 : 0 }
    }

    /// Returns dropout's float32 `noise` for `count` elements: `mask / f32(1 - p)`.
    ///
    /// The mask is `bernoulli_(1 - p)`. p == 0 gives all 1 and p == 1 all 0, with no draws,
    /// as `F.dropout` returns early there.
    public func dropoutMask(count: Int, p: Double) -> [Float] {
        let n = max(count, 0)
        if p == 0 { return [Float](repeating: 1, count: n) }
        if p == 1 { return [Float](repeating: 0, count: n) }
        let q = 1 - p
        let keep = 1 / Float(q)  // mask / f32(q): a float32 division, 0 stays 0
        var noise = [Float](repeating: 0, count: n)
        for i in 0..<n {
            if nextU53() < q { noise[i] = keep }
        }
        return noise
    }

    /// One `exponential_distribution<double>` sample: `(-1/λ) * log1p(-U53)`.
    @inline(__always)
    func nextExponential(lambda: Double) -> Double {
        (-1.0 / lambda) * log1p(-nextU53())
    }

    /// Fills `out` like float32 `exponential_(lambda)`: the double sample rounded to float.
    public func fillExponential(_ out: UnsafeMutableBufferPointer<Float>, lambda: Double) {
        for i in out.indices { out[i] = Float(nextExponential(lambda: lambda)) }
    }

    /// Fills `out` like float64 `exponential_(lambda)`.
    public func fillExponential(_ out: UnsafeMutableBufferPointer<Double>, lambda: Double) {
        for i in out.indices { out[i] = nextExponential(lambda: lambda) }
    }

    // MARK: - Multinomial (RNG.md §7)

    /// Returns `torch.multinomial(P, samples, replacement)` as row-major rows × samples.
    ///
    /// `probabilities` is P row-major (rows × categories); the arithmetic runs in float32
    /// when `dtypeIsFloat32`, else in float64, as PyTorch does in the dtype of P.
    public func multinomial(
        probabilities: [Double], rows: Int, categories: Int, samples: Int, replacement: Bool,
        dtypeIsFloat32: Bool
    ) throws -> [Int64] {
        try require(rows >= 0 && categories > 0 && samples >= 0, "multinomial: bad sizes")
        try require(probabilities.count == rows * categories, "multinomial: size mismatch")
        try require(replacement || samples <= categories, "multinomial: too many samples")
        if dtypeIsFloat32 {
            return multinomial(probabilities.map { Float($0) }, rows, categories, samples, replacement)
        }
        return multinomial(probabilities, rows, categories, samples, replacement)
    }

    private func multinomial<T: BinaryFloatingPoint>(
        _ p: [T], _ rows: Int, _ cats: Int, _ samples: Int, _ replacement: Bool
    ) -> [Int64] {
        var result = [Int64](repeating: 0, count: rows * samples)
        guard samples > 0 else { return result }
        if !replacement || samples == 1 {
            // Exponential race: S = P / Q with one Q ~ Exp(1) per category, all drawn first.
            var s = [T](repeating: 0, count: p.count)
            for i in p.indices { s[i] = T(nextExponential(lambda: 1)) }
            for i in p.indices { s[i] = p[i] / s[i] }
            for r in 0..<rows {
                let row = s[(r * cats)..<((r + 1) * cats)]
                if samples == 1 {
                    result[r] = Int64(Generator.argmax(row) - r * cats)
                } else {
                    // top-k, largest first; equal values keep the lower index first.
                    let order = row.indices.sorted { a, b in
                        row[a] > row[b] || (row[a] == row[b] && a < b)
                    }
                    for k in 0..<samples { result[r * samples + k] = Int64(order[k] - r * cats) }
                }
            }
            return result
        }
        var cum = [T](repeating: 0, count: cats)
        for r in 0..<rows {
            var sum: T = 0
            for j in 0..<cats {  // sequential running sum in the dtype of P
                sum += p[r * cats + j]
                cum[j] = sum
            }
            if sum > 0 { for j in 0..<cats { cum[j] /= sum } }
            cum[cats - 1] = 1
            for k in 0..<samples {
                let u = nextU53()
                var lo = 0
                var hi = cats
                while hi > lo {  // smallest i with cum[i] >= u
                    let mid = lo + (hi - lo) / 2
                    if Double(cum[mid]) < u { lo = mid + 1 } else { hi = mid }
                }
                result[r * samples + k] = Int64(lo)
            }
        }
        return result
    }

    /// First index of the maximum, a NaN counting as the maximum (as `argmax`).
    private static func argmax<T: BinaryFloatingPoint>(_ row: ArraySlice<T>) -> Int {
        var best = row.startIndex
        for i in row.indices.dropFirst() {
            if row[best].isNaN { break }
            if row[i].isNaN || row[i] > row[best] { best = i }
        }
        return best
    }
}
