/// avg_pool2d and adaptive_avg_pool2d: forward, backward (itself differentiable: the gradient
/// of an average's backward is the same average) and grad_fn names together.
extension Tensor {
    /// `F.avg_pool2d(input, kernel_size, stride, padding, ceil_mode, count_include_pad,
    /// divisor_override)`; `stride` empty means the kernel size (grad_fn `AvgPool2DBackward0`).
    public func avgPool2d(kernelSize: [Int], stride: [Int] = [], padding: [Int] = [0], ceilMode: Bool = false,
                          countIncludePad: Bool = true, divisorOverride: Int? = nil) throws -> Tensor {
        let op = "avg_pool2d"
        let pairs = try [poolPair(kernelSize, op, "kernel_size"), poolPair(stride, op, "stride", allowEmpty: true),
                         poolPair(padding, op, "padding")]
        guard let k = pairs[0], let p = pairs[2] else {
            throw TensorError.runtime("avg_pool2d: kernel_size must either be a single int, or a tuple of two ints")
        }
        if let divisorOverride, divisorOverride == 0 { throw TensorError.runtime("divisor must be not zero") }
        let geo = try poolGeometry(self, kernel: k, stride: pairs[1] ?? k, padding: p, dilation: (1, 1), ceilMode: ceilMode)
        guard dtype.isFloatingPoint else {
            throw TensorError.notImplemented("avg_pool2d on \(dtype) tensors is not supported by wick")
        }
        let avg = AveragePool(geo: geo, adaptive: false, countIncludePad: countIncludePad, divisor: divisorOverride)
        return try avg.forward(self, name: "AvgPool2DBackward0")
    }

    /// `F.adaptive_avg_pool2d(input, output_size)`: `outputSize` has one or two entries, nil
    /// keeping the input's size. An output of 1×1 is `mean(dim=(-1, -2), keepdim=True)`, as in
    /// PyTorch (grad_fn `MeanBackward1`); otherwise `AdaptiveAvgPool2DBackward0`.
    public func adaptiveAvgPool2d(_ outputSize: [Int?]) throws -> Tensor {
        guard outputSize.count == 1 || outputSize.count == 2 else {
            throw TensorError.runtime("adaptive_avg_pool2d: output_size must be 2")
        }
        guard dim == 3 || dim == 4 else {
            throw TensorError.runtime("adaptive_avg_pool2d(): Expected 3D or 4D tensor, but got \(formatShapeList(shape))")
        }
        let sizes = outputSize.count == 1 ? [outputSize[0], outputSize[0]] : outputSize
        let oh = sizes[0] ?? shape[dim - 2], ow = sizes[1] ?? shape[dim - 1]
        guard oh >= 0 && ow >= 0 else {
            throw TensorError.runtime("adaptive_avg_pool2d: elements of output_size must be greater than or equal to 0 but received {\(oh), \(ow)}")
        }
        for i in 1..<dim where shape[i] == 0 {
            throw TensorError.runtime("adaptive_avg_pool2d(): Expected input to have non-zero size for non-batch dimensions, but input has sizes \(formatShapeList(shape)) with dimension \(i) being empty")
        }
        guard dtype.isFloatingPoint else {
            throw TensorError.notImplemented("adaptive_avg_pool2d on \(dtype) tensors is not supported by wick")
        }
        if oh == 1 && ow == 1 { return try mean(dims: [-1, -2], keepdim: true) }
        let geo = PoolGeometry(planes: shape.dropLast(2).reduce(1, *), inH: shape[dim - 2], inW: shape[dim - 1],
                               outH: oh, outW: ow, kh: 0, kw: 0, sh: 0, sw: 0, ph: 0, pw: 0, dh: 1, dw: 1)
        try checkShape(Array(shape.dropLast(2)) + [oh, ow], dtype: dtype)
        return try AveragePool(geo: geo, adaptive: true, countIncludePad: true, divisor: nil)
            .forward(self, name: "AdaptiveAvgPool2DBackward0")
    }
}

/// One average pooling: fixed windows (avg_pool2d) or adaptive ones.
struct AveragePool {
    let geo: PoolGeometry
    let adaptive: Bool
    let countIncludePad: Bool
    let divisor: Int?

    /// The window of output (oy, ox) as clipped input ranges and the divisor, as PyTorch's CPU
    /// kernels compute them.
    @inline(__always)
    func window(_ oy: Int, _ ox: Int) -> (h0: Int, h1: Int, w0: Int, w1: Int, divide: Int) {
        let g = geo
        if adaptive {
            let h0 = oy * g.inH / g.outH, h1 = ((oy + 1) * g.inH + g.outH - 1) / g.outH
            let w0 = ox * g.inW / g.outW, w1 = ((ox + 1) * g.inW + g.outW - 1) / g.outW
            return (h0, h1, w0, w1, (h1 - h0) * (w1 - w0))
        }
        var h0 = oy * g.sh - g.ph, w0 = ox * g.sw - g.pw
        var h1 = Swift.min(h0 + g.kh, g.inH + g.ph), w1 = Swift.min(w0 + g.kw, g.inW + g.pw)
        let poolSize = (h1 - h0) * (w1 - w0)
        h0 = Swift.max(h0, 0); w0 = Swift.max(w0, 0)
        h1 = Swift.min(h1, g.inH); w1 = Swift.min(w1, g.inW)
        let divide = divisor ?? (countIncludePad ? poolSize : (h1 - h0) * (w1 - w0))
        return (h0, h1, w0, w1, divide)
    }

    func forward(_ input: Tensor, name: String) throws -> Tensor {
        let out = apply(input.contiguousData(), forward: true, shape: Array(input.shape.dropLast(2)) + [geo.outH, geo.outW])
        let inputShape = input.shape
        recordOp(name, inputs: [input], outputs: [out]) { g, _ in [try self.backward(g[0], inputShape, name: name)] }
        return out
    }

    /// The input gradient; under create_graph it records a node whose gradient is this pool.
    func backward(_ g: Tensor, _ inputShape: [Int], name: String) throws -> Tensor {
        let out = apply(g.contiguousData(), forward: false, shape: inputShape)
        let outShape = g.shape
        recordOp(name.replacingOccurrences(of: "Backward0", with: "BackwardBackward0"), inputs: [g], outputs: [out]) { gg, _ in
            [self.apply(gg[0].contiguousData(), forward: true, shape: outShape)]
        }
        return out
    }

    /// Forward: averages of contiguous `x` into a new tensor of `shape`; backward: each
    /// gradient of contiguous `x` spread over its window into zeros of `shape`.
    func apply(_ x: Tensor, forward: Bool, shape: [Int]) -> Tensor {
        let out = forward ? Tensor.uninitialized(shape, dtype: x.dtype) : Tensor(zeros: shape, dtype: x.dtype)
        if x.dtype == .float32 { kernel(Float.self, x, out, forward) } else { kernel(Double.self, x, out, forward) }
        return out
    }

    private func kernel<T: ProductElement & BinaryFloatingPoint>(_: T.Type, _ x: Tensor, _ out: Tensor, _ forward: Bool) {
        let g = geo, src = x.pointer(T.self), dst = out.pointer(T.self)
        let inPlane = g.inH * g.inW, outPlane = g.outH * g.outW
        let work = Swift.max(1, outPlane * Swift.max(1, (g.inH / Swift.max(g.outH, 1)) * (g.inW / Swift.max(g.outW, 1))))
        parallelRanges(g.planes, grain: Swift.max(1, grainSize / work)) { p0, p1 in
            for plane in p0..<p1 {
                let image = (forward ? src : dst) + plane * inPlane
                for oy in 0..<g.outH {
                    for ox in 0..<g.outW {
                        let w = window(oy, ox), o = plane * outPlane + oy * g.outW + ox
                        guard w.h0 < w.h1 && w.w0 < w.w1 else {
                            if forward { dst[o] = T.zero }
                            continue
                        }
                        if forward {
                            var sum = T.zero
                            for ih in w.h0..<w.h1 { for iw in w.w0..<w.w1 { sum += image[ih * g.inW + iw] } }
                            dst[o] = sum / T(w.divide)
                        } else {
                            let share = src[o] / T(w.divide)
                            for ih in w.h0..<w.h1 { for iw in w.w0..<w.w1 { image[ih * g.inW + iw] += share } }
                        }
                    }
                }
            }
        }
    }
}
