/// How one convolution call runs on the lowering kernels (Convolution+Kernels.swift): the
/// forward product and the fused backward for input, weight and bias, both for ordinary and
/// transposed convolutions, in batch chunks whose column buffer stays bounded.
///
/// Write W for the weight as a matrix (one block of rows per group), Q for the columns (one
/// block of rows per group) and P for the (channels × samples·positions) matrix on W's row side.
/// Both kinds of convolution are P = W·Q: an ordinary one makes Q from its input by im2col and
/// reads its output from P; a transposed one reads P from its input and scatters Q = Wᵀ·P into
/// its output by col2im.
struct ConvPlan {
    let transposed: Bool
    let batch: Int
    let groups: Int
    /// The lowering of the image side: the input of an ordinary convolution, the output of a
    /// transposed one; the column grid is the other side.
    let lowering: ConvLowering
    /// Rows and columns of the weight matrix (weight.shape[0], weight.shape[1]·kh·kw).
    let weightRows: Int, weightCols: Int
    /// Channels and positions per sample of the P side.
    var pChannels: Int { weightRows }
    var pLength: Int { lowering.perSample }
    /// Samples per chunk, so that the column buffer stays under about 32 M elements.
    var chunk: Int {
        let perSample = Swift.max(1, Double(lowering.rows) * Double(lowering.perSample))
        return Swift.max(1, Swift.min(batch, Int(Swift.min(Double(batch), Double(32 << 20) / perSample))))
    }

    /// P = W·Q for samples in a chunk of `width` columns, group by group.
    func multiplyW<T: ProductElement>(_ w: UnsafePointer<T>, _ q: UnsafePointer<T>, _ p: UnsafeMutablePointer<T>, width: Int) {
        let rowsG = weightRows / groups
        for g in 0..<groups {
            gemm(T.self, transA: false, transB: false, m: rowsG, n: width, k: weightCols,
                 w + g * rowsG * weightCols, lda: weightCols, q + g * weightCols * width, ldb: width,
                 p + g * rowsG * width, ldc: width)
        }
    }

    /// Q = Wᵀ·P, group by group.
    func multiplyWT<T: ProductElement>(_ w: UnsafePointer<T>, _ p: UnsafePointer<T>, _ q: UnsafeMutablePointer<T>, width: Int) {
        let rowsG = weightRows / groups
        for g in 0..<groups {
            gemm(T.self, transA: true, transB: false, m: weightCols, n: width, k: rowsG,
                 w + g * rowsG * weightCols, lda: weightCols, p + g * rowsG * width, ldb: width,
                 q + g * weightCols * width, ldc: width)
        }
    }

    /// gradW (+)= P·Qᵀ, group by group; `accumulate` adds to what gradW holds.
    func outerPQ<T: ProductElement>(_ p: UnsafePointer<T>, _ q: UnsafePointer<T>, _ gw: UnsafeMutablePointer<T>,
                                   width: Int, accumulate: Bool) {
        let rowsG = weightRows / groups
        for g in 0..<groups {
            gemm(T.self, transA: false, transB: true, m: rowsG, n: weightCols, k: width,
                 p + g * rowsG * width, lda: width, q + g * weightCols * width, ldb: width,
                 beta: accumulate ? 1 : 0, gw + g * rowsG * weightCols, ldc: weightCols)
        }
    }

    /// The forward result (contiguous, `outShape`) of input `x` and weight `w` (contiguous),
    /// plus the columns of an ordinary convolution's input when they fit in one chunk (kept
    /// for the weight gradient).
    func forward<T: ProductElement>(_: T.Type, x: Tensor, w: Tensor, bias: Tensor?, outShape: [Int]) -> (Tensor, Scratch<T>?) {
        let l = lowering, n = chunk
        let out = transposed ? Tensor(zeros: outShape, dtype: T.dtype) : Tensor.uninitialized(outShape, dtype: T.dtype)
        let px = x.pointer(T.self), pw = w.pointer(T.self), py = out.pointer(T.self)
        let pb = bias.map { UnsafePointer($0.pointer(T.self)) }
        let q = Scratch<T>(l.rows * n * l.perSample), p = Scratch<T>(pChannels * n * pLength)
        for n0 in stride(from: 0, to: batch, by: n) {
            let n1 = Swift.min(batch, n0 + n), width = (n1 - n0) * l.perSample
            if transposed {
                batchToRows(px, p.pointer, channels: pChannels, length: pLength, samples: n0, n1)
                multiplyWT(pw, p.pointer, q.pointer, width: width)
                col2im(q.pointer, py, l, samples: n0, n1)
                if let pb { addChannelBias(py, pb, channels: l.channels, length: l.imageH * l.imageW, samples: n0, n1) }
            } else {
                im2col(px, q.pointer, l, samples: n0, n1)
                multiplyW(pw, q.pointer, p.pointer, width: width)
                rowsToBatch(p.pointer, py, channels: pChannels, length: pLength, samples: n0, n1, bias: pb)
            }
        }
        return (out, !transposed && n >= batch ? q : nil)
    }

    /// The gradients for input, weight and bias (each only when asked for) from the gradient
    /// `g` of the output; `columns` are the forward's kept columns of the input, if any.
    func backward<T: ProductElement>(_: T.Type, x: Tensor, w: Tensor, g: Tensor, needs: (Bool, Bool, Bool),
                                     columns: Scratch<T>?) -> (Tensor?, Tensor?, Tensor?) {
        let l = lowering, n = chunk
        let gx = needs.0 ? (transposed ? Tensor.uninitialized(x.shape, dtype: T.dtype) : Tensor(zeros: x.shape, dtype: T.dtype)) : nil
        let gw = needs.1 ? Tensor.uninitialized(w.shape, dtype: T.dtype) : nil
        let px = x.pointer(T.self), pw = w.pointer(T.self), pg = g.pointer(T.self)
        let q = columns ?? Scratch<T>(l.rows * n * l.perSample), p = Scratch<T>(pChannels * n * pLength)
        let gq = needs.0 && !transposed ? Scratch<T>(l.rows * n * l.perSample) : nil
        for n0 in stride(from: 0, to: batch, by: n) {
            let n1 = Swift.min(batch, n0 + n), width = (n1 - n0) * l.perSample
            if transposed {
                im2col(pg, q.pointer, l, samples: n0, n1)
                if let gw {
                    batchToRows(px, p.pointer, channels: pChannels, length: pLength, samples: n0, n1)
                    outerPQ(p.pointer, q.pointer, gw.pointer(T.self), width: width, accumulate: n0 > 0)
                }
                if let gx {
                    multiplyW(pw, q.pointer, p.pointer, width: width)
                    rowsToBatch(p.pointer, gx.pointer(T.self), channels: pChannels, length: pLength, samples: n0, n1, bias: nil)
                }
            } else {
                batchToRows(pg, p.pointer, channels: pChannels, length: pLength, samples: n0, n1)
                if let gw {
                    if columns == nil { im2col(px, q.pointer, l, samples: n0, n1) }
                    outerPQ(p.pointer, q.pointer, gw.pointer(T.self), width: width, accumulate: n0 > 0)
                }
                if let gx, let gq {
                    multiplyWT(pw, p.pointer, gq.pointer, width: width)
                    col2im(gq.pointer, gx.pointer(T.self), l, samples: n0, n1)
                }
            }
        }
        var gb: Tensor? = nil
        if needs.2 {
            let channels = g.shape[1], length = g.numel / Swift.max(1, batch * channels)
            let sums = Tensor.uninitialized([channels], dtype: T.dtype)
            let pb = sums.pointer(T.self)
            for c in 0..<channels {
                var acc = 0.0
                for s in 0..<batch {
                    let r = pg + (s * channels + c) * length
                    for i in 0..<length { acc += r[i].asDouble }
                }
                pb[c] = T(fromDouble: acc)
            }
            gb = sums
        }
        return (gx, gw, gb)
    }
}
