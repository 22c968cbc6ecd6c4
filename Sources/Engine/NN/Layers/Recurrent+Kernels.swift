import COpenBLAS
import Foundation

/// The raw kernels of the fused LSTM layer (Recurrent+LSTMLayer.swift): row-major GEMMs on
/// plain pointers and the pointwise gate math of one timestep, forward and backward, for
/// float32 (vectorisable sigmoid/tanh built on `vectorExp`) and float64 (libm).

/// Element types the fused recurrent kernels run on.
protocol RecurrentElement: FloatElement {
    /// The logistic function 1 / (1 + e^−x).
    static func sigmoid(_ x: Self) -> Self
    /// The hyperbolic tangent.
    static func tanh(_ x: Self) -> Self
    /// The pointwise forward of one LSTM timestep (see `lstmStepForward`), vectorised where
    /// the type allows.
    static func lstmPointwise(batch: Int, hidden: Int, gates: UnsafeMutablePointer<Self>, cPrev: UnsafePointer<Self>,
                              c: UnsafeMutablePointer<Self>, tanhC: UnsafeMutablePointer<Self>,
                              out: UnsafeMutablePointer<Self>)
    /// `C = alpha·op(A)·op(B) + beta·C`, row-major, with leading dimensions.
    static func gemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Self,
                     a: UnsafePointer<Self>, lda: Int, b: UnsafePointer<Self>, ldb: Int,
                     beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)
}

/// float32 tanh to a few ulp without a libm call per element, so gate loops vectorise:
/// Cephes' odd polynomial below 0.625, 1 − 2/(e^{2|x|} + 1) above (no cancellation there).
@inline(__always)
func vectorTanh(_ x: Float) -> Float {
    let ax = abs(x)
    let z = x * x
    var p: Float = -5.704_988_727_45e-3
    p = p * z + 2.063_908_879_54e-2
    p = p * z - 5.373_971_555_31e-2
    p = p * z + 1.333_144_220_36e-1
    p = p * z - 3.333_328_194_22e-1
    let small = p * z * x + x
    let large = 1 - 2 / (vectorExp(2 * ax) + 1)
    let signed = x < 0 ? -large : large
    return ax < 0.625 ? small : signed
}

extension Float: RecurrentElement {
    @inline(__always) static func sigmoid(_ x: Float) -> Float { 1 / (1 + vectorExp(-x)) }
    @inline(__always) static func tanh(_ x: Float) -> Float { vectorTanh(x) }
    static func lstmPointwise(batch: Int, hidden h: Int, gates: UnsafeMutablePointer<Float>, cPrev: UnsafePointer<Float>,
                              c: UnsafeMutablePointer<Float>, tanhC: UnsafeMutablePointer<Float>,
                              out: UnsafeMutablePointer<Float>) {
        typealias V = SIMD8<Float>
        let vectorEnd = h - h % 8
        for b in 0..<batch {
            let g = gates + b * 4 * h, row = b * h
            var j = 0
            while j < vectorEnd {
                let i = simdSigmoid(load(g + j)), f = simdSigmoid(load(g + h + j))
                let n = simdTanh(load(g + 2 * h + j)), o = simdSigmoid(load(g + 3 * h + j))
                let cell = f * load(UnsafeMutablePointer(mutating: cPrev + row + j)) + i * n
                let tc = simdTanh(cell)
                store(i, g + j); store(f, g + h + j); store(n, g + 2 * h + j); store(o, g + 3 * h + j)
                store(cell, c + row + j)
                store(tc, tanhC + row + j)
                store(o * tc, out + row + j)
                j += 8
            }
            if vectorEnd < h {
                lstmStepForward(batch: 1, hidden: h, from: vectorEnd, gates: g, cPrev: cPrev + row, c: c + row,
                                tanhC: tanhC + row, out: out + row)
            }
        }
    }
    static func gemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float,
                     a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                     beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
        guard m > 0, n > 0 else { return }
        guard k > 0 else { return emptyProduct(m: m, n: n, beta: beta, c: c, ldc: ldc) }
        _ = BLASThreads.configured
        cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(Swift.max(lda, 1)), b, Int32(Swift.max(ldb, 1)),
                    beta, c, Int32(Swift.max(ldc, 1)))
    }
}

extension Double: RecurrentElement {
    @inline(__always) static func sigmoid(_ x: Double) -> Double { 1 / (1 + Foundation.exp(-x)) }
    @inline(__always) static func tanh(_ x: Double) -> Double { Foundation.tanh(x) }
    static func lstmPointwise(batch: Int, hidden: Int, gates: UnsafeMutablePointer<Double>, cPrev: UnsafePointer<Double>,
                              c: UnsafeMutablePointer<Double>, tanhC: UnsafeMutablePointer<Double>,
                              out: UnsafeMutablePointer<Double>) {
        lstmStepForward(batch: batch, hidden: hidden, from: 0, gates: gates, cPrev: cPrev, c: c, tanhC: tanhC, out: out)
    }
    static func gemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Double,
                     a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
                     beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int) {
        guard m > 0, n > 0 else { return }
        guard k > 0 else { return emptyProduct(m: m, n: n, beta: beta, c: c, ldc: ldc) }
        _ = BLASThreads.configured
        cblas_dgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(Swift.max(lda, 1)), b, Int32(Swift.max(ldb, 1)),
                    beta, c, Int32(Swift.max(ldc, 1)))
    }
}

/// `C = beta·C` for a product with nothing to sum over (zeros for beta = 0).
private func emptyProduct<T: RecurrentElement>(m: Int, n: Int, beta: T, c: UnsafeMutablePointer<T>, ldc: Int) {
    for i in 0..<m {
        for j in 0..<n { c[i * ldc + j] = beta == 0 ? 0 : beta * c[i * ldc + j] }
    }
}

/// The pointwise part of one LSTM timestep on a batch, for hidden units `start..<h`: `gates`
/// (batch × 4H, PyTorch's i, f, g, o order) holds the pre-activations and gets the activated
/// gates; writes c_t, tanh(c_t) and h_t (each batch × H, row stride H).
@inline(__always)
func lstmStepForward<T: RecurrentElement>(batch: Int, hidden h: Int, from start: Int, gates: UnsafeMutablePointer<T>,
                                          cPrev: UnsafePointer<T>, c: UnsafeMutablePointer<T>,
                                          tanhC: UnsafeMutablePointer<T>, out: UnsafeMutablePointer<T>) {
    for b in 0..<batch {
        let g = gates + b * 4 * h, row = b * h
        for j in start..<h {
            let i = T.sigmoid(g[j]), f = T.sigmoid(g[h + j]), n = T.tanh(g[2 * h + j]), o = T.sigmoid(g[3 * h + j])
            let cell = f * cPrev[row + j] + i * n
            let tc = T.tanh(cell)
            g[j] = i; g[h + j] = f; g[2 * h + j] = n; g[3 * h + j] = o
            c[row + j] = cell
            tanhC[row + j] = tc
            out[row + j] = o * tc
        }
    }
}

/// The pointwise backward of one LSTM timestep: from the gradient reaching h_t (`gradOut`
/// plus the carried `dh`) and the carried `dc`, writes the pre-activation gate gradients
/// into `dGates` and replaces `dc` with the gradient of c_{t−1}.
@inline(__always)
func lstmStepBackward<T: RecurrentElement>(batch: Int, hidden h: Int, gates: UnsafePointer<T>,
                                           tanhC: UnsafePointer<T>, cPrev: UnsafePointer<T>,
                                           gradOut: UnsafePointer<T>, dh: UnsafePointer<T>,
                                           dc: UnsafeMutablePointer<T>, dGates: UnsafeMutablePointer<T>) {
    for b in 0..<batch {
        let g = gates + b * 4 * h, dg = dGates + b * 4 * h, row = b * h
        for j in 0..<h {
            let i = g[j], f = g[h + j], n = g[2 * h + j], o = g[3 * h + j]
            let tc = tanhC[row + j]
            let dht = gradOut[row + j] + dh[row + j]
            let dct = dc[row + j] + dht * o * (1 - tc * tc)
            dg[j] = dct * n * i * (1 - i)
            dg[h + j] = dct * cPrev[row + j] * f * (1 - f)
            dg[2 * h + j] = dct * i * (1 - n * n)
            dg[3 * h + j] = dht * tc * o * (1 - o)
            dc[row + j] = dct * f
        }
    }
}

// MARK: - SIMD float32 math (the same operations as `vectorExp` / `vectorTanh`, 8 lanes)

@inline(__always) private func load(_ p: UnsafeMutablePointer<Float>) -> SIMD8<Float> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
}

@inline(__always) private func store(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self)
}

/// `vectorExp` on 8 lanes.
@inline(__always)
func simdExp(_ x: SIMD8<Float>) -> SIMD8<Float> {
    var v = x.replacing(with: 88.8, where: x .> 88.8)
    v = v.replacing(with: -104, where: v .< -104)
    let shifter = SIMD8<Float>(repeating: 12_582_912)
    let shifted = v * 1.442_695_04 + shifter
    let n = shifted - shifter
    var r = v - n * 0.693_359_375
    r = r - n * -2.121_944_4e-4
    var p = SIMD8<Float>(repeating: 1.987_569_15e-4)
    p = p * r + 1.398_199_95e-3
    p = p * r + 8.333_451_9e-3
    p = p * r + 4.166_579_6e-2
    p = p * r + 1.666_666_55e-1
    p = p * r + 5.000_000_1e-1
    let y = p * r * r + r + 1
    let k = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- 0x4B40_0000
    let k1 = k &>> 1, k2 = k &- (k &>> 1)
    let s1 = unsafeBitCast((k1 &+ 127) &<< 23, to: SIMD8<Float>.self)
    let s2 = unsafeBitCast((k2 &+ 127) &<< 23, to: SIMD8<Float>.self)
    return y * s1 * s2
}

/// The logistic function on 8 lanes, as `Float.sigmoid`.
@inline(__always)
func simdSigmoid(_ x: SIMD8<Float>) -> SIMD8<Float> { 1 / (1 + simdExp(-x)) }

/// `vectorTanh` on 8 lanes.
@inline(__always)
func simdTanh(_ x: SIMD8<Float>) -> SIMD8<Float> {
    let negative = x .< 0
    let ax = x.replacing(with: -x, where: negative)
    let z = x * x
    var p = SIMD8<Float>(repeating: -5.704_988_727_45e-3)
    p = p * z + 2.063_908_879_54e-2
    p = p * z - 5.373_971_555_31e-2
    p = p * z + 1.333_144_220_36e-1
    p = p * z - 3.333_328_194_22e-1
    let small = p * z * x + x
    let large = 1 - 2 / (simdExp(2 * ax) + 1)
    let signed = large.replacing(with: -large, where: negative)
    return signed.replacing(with: small, where: ax .< 0.625)
}
