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

/// The pointwise part of one LSTM timestep on a batch: `gates` (batch × 4H, PyTorch's i, f,
/// g, o order) holds the pre-activations and gets the activated gates; writes c_t, tanh(c_t)
/// and h_t (each batch × H, row stride H).
@inline(__always)
func lstmStepForward<T: RecurrentElement>(batch: Int, hidden h: Int, gates: UnsafeMutablePointer<T>,
                                          cPrev: UnsafePointer<T>, c: UnsafeMutablePointer<T>,
                                          tanhC: UnsafeMutablePointer<T>, out: UnsafeMutablePointer<T>) {
    for b in 0..<batch {
        let g = gates + b * 4 * h, row = b * h
        for j in 0..<h {
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
