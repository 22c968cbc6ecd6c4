import COpenBLAS

/// The lowering kernels under every convolution (Ops/Convolution.swift): im2col, col2im, the
/// batch/channel permutes and GEMM through OpenBLAS. A 1-d convolution is a 2-d one of height 1.
///
/// "Columns" are a matrix of (channels·kh·kw) rows by (samples·colH·colW) columns: row
/// (c, i, j), column (n, y, x) holds image[n, c, y·sh − ph + i·dh, x·sw − pw + j·dw] (zero in the
/// padding). A forward convolution multiplies the weight matrix by the columns of its input; a
/// transposed one scatters weightᵀ·input back into an image with col2im.

/// The geometry that maps an image to its columns.
struct ConvLowering {
    /// Channels of the image (all groups).
    var channels: Int
    /// Image height and width.
    var imageH: Int, imageW: Int
    /// Height and width of the column grid (the non-transposed convolution's output size).
    var colH: Int, colW: Int
    var kh: Int, kw: Int, sh: Int, sw: Int, ph: Int, pw: Int, dh: Int, dw: Int

    /// Rows of the column matrix.
    var rows: Int { channels * kh * kw }
    /// Column-grid positions per sample.
    var perSample: Int { colH * colW }
    /// Elements of one image sample.
    var imageSize: Int { channels * imageH * imageW }
}

/// Unrolls samples `n0..<n1` of `image` (contiguous [N, C, H, W]) into `col`, a
/// [rows, (n1 − n0)·colH·colW] row-major matrix. Every element of `col` is written.
func im2col<T: Element>(_ image: UnsafePointer<T>, _ col: UnsafeMutablePointer<T>, _ g: ConvLowering,
                        samples n0: Int, _ n1: Int) {
    let count = n1 - n0, L = g.perSample, width = count * L
    let work = Swift.max(1, g.rows * L)
    parallelRanges(count, grain: Swift.max(1, grainSize / work)) { s0, s1 in
        for s in s0..<s1 {
            let src0 = image + (n0 + s) * g.imageSize
            for c in 0..<g.channels {
                let src = src0 + c * g.imageH * g.imageW
                for i in 0..<g.kh {
                    for j in 0..<g.kw {
                        let row = (c * g.kh + i) * g.kw + j
                        let dst = col + row * width + s * L
                        unrollRow(src, dst, g, i, j)
                    }
                }
            }
        }
    }
}

/// One (c, i, j) row of one sample: the shifted, strided image plane.
@inline(__always)
private func unrollRow<T: Element>(_ src: UnsafePointer<T>, _ dst: UnsafeMutablePointer<T>, _ g: ConvLowering,
                                   _ i: Int, _ j: Int) {
    let iwBase = j * g.dw - g.pw
    // The output columns whose input column lies inside the image (stride 1 fast path).
    let lo = Swift.min(g.colW, Swift.max(0, -iwBase)), hi = Swift.max(lo, Swift.min(g.colW, g.imageW - iwBase))
    for oy in 0..<g.colH {
        let ih = oy * g.sh - g.ph + i * g.dh
        let d = dst + oy * g.colW
        guard ih >= 0 && ih < g.imageH else {
            d.update(repeating: T.zero, count: g.colW)
            continue
        }
        let srow = src + ih * g.imageW
        if g.sw == 1 {
            if lo > 0 { d.update(repeating: T.zero, count: lo) }
            if hi > lo { d.advanced(by: lo).update(from: srow + (lo + iwBase), count: hi - lo) }
            if hi < g.colW { d.advanced(by: hi).update(repeating: T.zero, count: g.colW - hi) }
        } else {
            for ox in 0..<g.colW {
                let iw = ox * g.sw + iwBase
                d[ox] = iw >= 0 && iw < g.imageW ? srow[iw] : T.zero
            }
        }
    }
}

/// Adds `col` (as im2col lays out samples `n0..<n1`) back into `image` (contiguous
/// [N, C, H, W], already initialised): the adjoint of im2col.
func col2im<T: ProductElement>(_ col: UnsafePointer<T>, _ image: UnsafeMutablePointer<T>, _ g: ConvLowering,
                               samples n0: Int, _ n1: Int) {
    let count = n1 - n0, L = g.perSample, width = count * L
    let work = Swift.max(1, g.rows * L)
    parallelRanges(count, grain: Swift.max(1, grainSize / work)) { s0, s1 in
        for s in s0..<s1 {
            let dst0 = image + (n0 + s) * g.imageSize
            for c in 0..<g.channels {
                let dst = dst0 + c * g.imageH * g.imageW
                for i in 0..<g.kh {
                    for j in 0..<g.kw {
                        let row = (c * g.kh + i) * g.kw + j
                        let src = col + row * width + s * L
                        let iwBase = j * g.dw - g.pw
                        // Output columns whose input column lies inside the image (stride 1).
                        let lo = Swift.min(g.colW, Swift.max(0, -iwBase))
                        let hi = Swift.max(lo, Swift.min(g.colW, g.imageW - iwBase))
                        for oy in 0..<g.colH {
                            let ih = oy * g.sh - g.ph + i * g.dh
                            guard ih >= 0 && ih < g.imageH else { continue }
                            let drow = dst + ih * g.imageW, srow = src + oy * g.colW
                            if g.sw == 1 {
                                let d = drow + iwBase
                                for ox in lo..<hi { d[ox] = T.sum(d[ox], srow[ox]) }
                            } else {
                                for ox in 0..<g.colW {
                                    let iw = ox * g.sw + iwBase
                                    if iw >= 0 && iw < g.imageW { drow[iw] = T.sum(drow[iw], srow[ox]) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// `dst[c, s·L + l] = src[n0 + s, c, l]`: samples `n0..<n1` of a contiguous [N, C, L] tensor
/// as a [C, (n1 − n0)·L] matrix.
func batchToRows<T: Element>(_ src: UnsafePointer<T>, _ dst: UnsafeMutablePointer<T>, channels: Int, length L: Int,
                             samples n0: Int, _ n1: Int) {
    let count = n1 - n0
    parallelRanges(count, grain: Swift.max(1, grainSize / Swift.max(1, channels * L))) { s0, s1 in
        for s in s0..<s1 {
            for c in 0..<channels {
                (dst + c * count * L + s * L).update(from: src + ((n0 + s) * channels + c) * L, count: L)
            }
        }
    }
}

/// The inverse of `batchToRows`, adding `bias[c]` when given: writes samples `n0..<n1` of
/// a contiguous [N, C, L] tensor from a [C, (n1 − n0)·L] matrix.
func rowsToBatch<T: ProductElement>(_ src: UnsafePointer<T>, _ dst: UnsafeMutablePointer<T>, channels: Int,
                                    length L: Int, samples n0: Int, _ n1: Int, bias: UnsafePointer<T>?) {
    let count = n1 - n0
    parallelRanges(count, grain: Swift.max(1, grainSize / Swift.max(1, channels * L))) { s0, s1 in
        for s in s0..<s1 {
            for c in 0..<channels {
                let d = dst + ((n0 + s) * channels + c) * L, r = src + c * count * L + s * L
                if let bias {
                    let b = bias[c]
                    for l in 0..<L { d[l] = T.sum(r[l], b) }
                } else {
                    d.update(from: r, count: L)
                }
            }
        }
    }
}

/// Adds `bias[c]` to every element of channel c of samples `n0..<n1` of a contiguous
/// [N, C, L] tensor.
func addChannelBias<T: ProductElement>(_ data: UnsafeMutablePointer<T>, _ bias: UnsafePointer<T>, channels: Int,
                                       length L: Int, samples n0: Int, _ n1: Int) {
    parallelRanges(n1 - n0, grain: Swift.max(1, grainSize / Swift.max(1, channels * L))) { s0, s1 in
        for s in s0..<s1 {
            for c in 0..<channels {
                let d = data + ((n0 + s + 0) * channels + c) * L, b = bias[c]
                for l in 0..<L { d[l] = T.sum(d[l], b) }
            }
        }
    }
}

/// Row-major `C = alpha·op(A)·op(B) + beta·C` through OpenBLAS (T is Float or Double).
@inline(__always)
func gemm<T: ProductElement>(_: T.Type, transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
                             _ a: UnsafePointer<T>, lda: Int, _ b: UnsafePointer<T>, ldb: Int,
                             beta: Double = 0, _ c: UnsafeMutablePointer<T>, ldc: Int) {
    if m == 0 || n == 0 { return }
    if k == 0 {
        if beta == 0 { for i in 0..<m { (c + i * ldc).update(repeating: T.zero, count: n) } }
        return
    }
    _ = BLASThreads.configured
    let ta = transA ? CblasTrans : CblasNoTrans, tb = transB ? CblasTrans : CblasNoTrans
    if T.self == Float.self {
        cblas_sgemm(CblasRowMajor, ta, tb, Int32(m), Int32(n), Int32(k), 1,
                    UnsafeRawPointer(a).assumingMemoryBound(to: Float.self), Int32(lda),
                    UnsafeRawPointer(b).assumingMemoryBound(to: Float.self), Int32(ldb), Float(beta),
                    UnsafeMutableRawPointer(c).assumingMemoryBound(to: Float.self), Int32(ldc))
    } else {
        cblas_dgemm(CblasRowMajor, ta, tb, Int32(m), Int32(n), Int32(k), 1,
                    UnsafeRawPointer(a).assumingMemoryBound(to: Double.self), Int32(lda),
                    UnsafeRawPointer(b).assumingMemoryBound(to: Double.self), Int32(ldb), beta,
                    UnsafeMutableRawPointer(c).assumingMemoryBound(to: Double.self), Int32(ldc))
    }
}

/// A scratch buffer of `count` elements of `T`, freed when it goes out of scope.
final class Scratch<T: Element> {
    let pointer: UnsafeMutablePointer<T>
    init(_ count: Int) {
        pointer = UnsafeMutablePointer<T>.allocate(capacity: Swift.max(count, 1))
    }
    deinit { pointer.deallocate() }
}
