import Foundation

/// softmax and log_softmax along one dimension: each one fused, numerically stable node
/// (`SoftmaxBackward0`, `LogSoftmaxBackward0`) that saves its output. The rows are shifted by
/// their maximum before exponentiating, as PyTorch's kernels do.
extension Tensor {
    /// `torch.softmax(input, dim, dtype=None)`: e^x / Σ e^x along `dim`. With `dtype` the
    /// input is converted first (recorded as `ToCopyBackward0`).
    public func softmax(dim d: Int, dtype: DType? = nil) throws -> Tensor {
        try softmaxFamily(dim: d, dtype: dtype, log: false)
    }

    /// `torch.log_softmax(input, dim, dtype=None)`: x − log Σ e^x along `dim`.
    public func logSoftmax(dim d: Int, dtype: DType? = nil) throws -> Tensor {
        try softmaxFamily(dim: d, dtype: dtype, log: true)
    }

    private func softmaxFamily(dim d: Int, dtype: DType?, log: Bool) throws -> Tensor {
        let input = try dtype.map { try to($0) } ?? self
        let axis = try normalizeDim(d, input.dim)
        guard input.dtype.isFloatingPoint else {
            let kernel = (log ? "log_" : "") + (axis == Swift.max(input.dim - 1, 0) ? "softmax_lastdim_kernel_impl" : "softmax_kernel_impl")
            throw TensorError.notImplemented("\"\(kernel)\" not implemented for '\(input.dtype.scalarTypeName)'")
        }
        let out = input.softmaxForward(axis: axis, log: log)
        recordOp(log ? "LogSoftmaxBackward0" : "SoftmaxBackward0", inputs: [input], outputs: [out], saving: [out]) { g, saved in
            [try softmaxBackward(g[0], saved[0], axis: axis, log: log)]
        }
        return out
    }

    /// (outer, size, inner): the layout of a contiguous tensor around dimension `axis`.
    func softmaxLayout(_ axis: Int) -> (outer: Int, size: Int, inner: Int) {
        guard dim > 0 else { return (1, 1, 1) }
        let outer = shape[..<axis].reduce(1, *), inner = shape[(axis + 1)...].reduce(1, *)
        return (outer, shape[axis], inner)
    }

    /// The forward kernel (no autograd), into a new contiguous tensor.
    func softmaxForward(axis: Int, log: Bool) -> Tensor {
        let x = contiguousData()
        let out = Tensor.uninitialized(shape, dtype: dtype)
        let (outer, size, inner) = softmaxLayout(axis)
        if numel == 0 { return out }
        if dtype == .float32 {
            softmaxRows(x.pointer(Float.self), out.pointer(Float.self), outer, size, inner, log)
        } else {
            softmaxRows(x.pointer(Double.self), out.pointer(Double.self), outer, size, inner, log)
        }
        return out
    }
}

/// The gradient of softmax (y·(g − Σ g·y)) or log_softmax (g − e^y·Σ g) from the saved output
/// `y`: one fused pass, or tensor ops while a graph of the backward is recorded.
func softmaxBackward(_ g: Tensor, _ y: Tensor, axis: Int, log: Bool) throws -> Tensor {
    if recordsGraph(g, y) || g.dtype != y.dtype || g.shape != y.shape {
        if log { return try g.sub(y.exp().mul(g.sum(dims: [axis], keepdim: true))) }
        return try y.mul(g.sub(g.mul(y).sum(dims: [axis], keepdim: true)))
    }
    let gc = g.contiguousData(), yc = y.contiguousData()
    let out = Tensor.uninitialized(y.shape, dtype: y.dtype)
    let (outer, size, inner) = y.softmaxLayout(axis)
    if y.numel == 0 { return out }
    if y.dtype == .float32 {
        softmaxGradientRows(gc.pointer(Float.self), yc.pointer(Float.self), out.pointer(Float.self), outer, size, inner, log)
    } else {
        softmaxGradientRows(gc.pointer(Double.self), yc.pointer(Double.self), out.pointer(Double.self), outer, size, inner, log)
    }
    return out
}

/// softmax / log_softmax over rows of `size` elements `inner` apart, `outer` blocks of them.
private func softmaxRows<T: ActivationFloat>(_ x: UnsafeMutablePointer<T>, _ y: UnsafeMutablePointer<T>,
                                             _ outer: Int, _ size: Int, _ inner: Int, _ log: Bool) {
    let grain = Swift.max(1, grainSize / Swift.max(1, size * inner))
    parallelRanges(outer, grain: grain) { start, end in
        if inner == 1 {
            for o in start..<end { softmaxRow(x + o * size, y + o * size, size, log) }
            return
        }
        var maxima = [T](repeating: 0, count: inner), sums = [T](repeating: 0, count: inner)
        for o in start..<end {
            let xb = x + o * size * inner, yb = y + o * size * inner
            for i in 0..<inner { maxima[i] = xb[i]; sums[i] = 0 }
            for k in 1..<Swift.max(size, 1) {
                let row = xb + k * inner
                for i in 0..<inner where row[i] > maxima[i] || row[i].isNaN { maxima[i] = row[i] }
            }
            for k in 0..<size {
                let row = xb + k * inner, outRow = yb + k * inner
                for i in 0..<inner {
                    let shifted = row[i] - maxima[i]
                    let e = T.actExp(shifted)
                    sums[i] += e
                    outRow[i] = log ? shifted : e
                }
            }
            for i in 0..<inner { sums[i] = log ? T.log(sums[i]) : 1 / sums[i] }
            for k in 0..<size {
                let outRow = yb + k * inner
                for i in 0..<inner { outRow[i] = log ? outRow[i] - sums[i] : outRow[i] * sums[i] }
            }
        }
    }
}

/// One contiguous row of softmax / log_softmax.
@inline(__always)
private func softmaxRow<T: ActivationFloat>(_ x: UnsafeMutablePointer<T>, _ y: UnsafeMutablePointer<T>, _ size: Int, _ log: Bool) {
    var m = x[0]
    for k in 1..<Swift.max(size, 1) where x[k] > m || x[k].isNaN { m = x[k] }
    var sum: T = 0
    if log {
        for k in 0..<size { sum += T.actExp(x[k] - m) }
        let logSum = T.log(sum)
        for k in 0..<size { y[k] = (x[k] - m) - logSum }
    } else {
        for k in 0..<size {
            let e = T.actExp(x[k] - m)
            y[k] = e
            sum += e
        }
        let scale = 1 / sum
        for k in 0..<size { y[k] *= scale }
    }
}

/// The fused backward over the same layout as `softmaxRows`.
private func softmaxGradientRows<T: ActivationFloat>(_ g: UnsafeMutablePointer<T>, _ y: UnsafeMutablePointer<T>,
                                                     _ dx: UnsafeMutablePointer<T>, _ outer: Int, _ size: Int,
                                                     _ inner: Int, _ log: Bool) {
    let grain = Swift.max(1, grainSize / Swift.max(1, size * inner))
    parallelRanges(outer, grain: grain) { start, end in
        var sums = [T](repeating: 0, count: inner)
        for o in start..<end {
            let base = o * size * inner
            let gb = g + base, yb = y + base, db = dx + base
            for i in 0..<inner { sums[i] = 0 }
            for k in 0..<size {
                let r = k * inner
                for i in 0..<inner { sums[i] += log ? gb[r + i] : gb[r + i] * yb[r + i] }
            }
            for k in 0..<size {
                let r = k * inner
                for i in 0..<inner {
                    db[r + i] = log ? gb[r + i] - T.actExp(yb[r + i]) * sums[i] : yb[r + i] * (gb[r + i] - sums[i])
                }
            }
        }
    }
}
