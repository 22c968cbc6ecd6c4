/// max_pool1d and max_pool2d (with indices): forward, backward and grad_fn names together.
/// 2-d pooling runs on planes (the flattened leading dimensions) of contiguous data, planes
/// split over threads; max_pool1d is max_pool2d over a height-1 view, as PyTorch runs it.

/// The window geometry of a 2-d pooling, PyTorch's `pool2d_shape_check` done.
struct PoolGeometry {
    var planes: Int, inH: Int, inW: Int, outH: Int, outW: Int
    var kh: Int, kw: Int, sh: Int, sw: Int, ph: Int, pw: Int, dh: Int, dw: Int

    /// PyTorch's `pooling_output_shape`.
    static func outputSize(_ input: Int, _ k: Int, _ pad: Int, _ stride: Int, _ dilation: Int, ceil: Bool) -> Int {
        // Wrapping arithmetic: absurd arguments give a nonsense size that later checks reject.
        let numerator = input &+ 2 &* pad &- dilation &* (k &- 1) &- 1 &+ (ceil ? stride &- 1 : 0)
        var out = poolFloorDivide(numerator, stride) &+ 1
        if ceil && (out &- 1) &* stride >= input &+ pad { out &-= 1 }
        return out
    }
}

/// Division rounding toward negative infinity (PyTorch's `div_rtn`); `b` > 0.
@inline(__always) func poolFloorDivide(_ a: Int, _ b: Int) -> Int {
    guard b != 0 else { return 0 }
    let (q, overflow) = a.dividedReportingOverflow(by: b)
    if overflow { return q }
    return (a % b != 0 && (a < 0) != (b < 0)) ? q &- 1 : q
}

/// An int-or-tuple pooling argument as (height, width), with PyTorch's message when it is
/// neither.
func poolPair(_ values: [Int], _ op: String, _ name: String, allowEmpty: Bool = false) throws -> (Int, Int)? {
    switch values.count {
    case 0 where allowEmpty: return nil
    case 1: return (values[0], values[0])
    case 2: return (values[0], values[1])
    default:
        let what = name == "stride" ? "must either be omitted, a single int, or a tuple of two ints"
            : (name == "dilation" ? "must be either a single int, or a tuple of two ints" : "must either be a single int, or a tuple of two ints")
        throw TensorError.runtime("\(op): \(name) \(what)")
    }
}

/// The checks shared by max_pool2d and avg_pool2d, in PyTorch's order and words.
func poolGeometry(_ input: Tensor, kernel: (Int, Int), stride: (Int, Int), padding: (Int, Int), dilation: (Int, Int),
                  ceilMode: Bool) throws -> PoolGeometry {
    guard input.dim == 3 || input.dim == 4 else {
        throw TensorError.runtime("non-empty 3D or 4D (batch mode) tensor expected for input")
    }
    let (kh, kw) = kernel, (sh, sw) = stride, (ph, pw) = padding, (dh, dw) = dilation
    guard sh != 0 && sw != 0 else { throw TensorError.runtime("stride should not be zero") }
    for (p, k, d) in [(ph, kh, dh), (pw, kw, dw)] {
        guard p >= 0 else { throw TensorError.runtime("pad must be non-negative, but got pad: \(p)") }
        guard p <= ((k &- 1) &* d &+ 1) / 2 else {
            throw TensorError.runtime("pad should be at most half of effective kernel size, but got pad=\(p), kernel_size=\(k) and dilation=\(d)")
        }
    }
    let h = input.shape[input.dim - 2], w = input.shape[input.dim - 1]
    let oh = PoolGeometry.outputSize(h, kh, ph, sh, dh, ceil: ceilMode)
    let ow = PoolGeometry.outputSize(w, kw, pw, sw, dw, ceil: ceilMode)
    guard kw > 0 && kh > 0 else {
        throw TensorError.runtime("kernel size should be greater than zero, but got kH: \(kh) kW: \(kw)")
    }
    guard sw > 0 && sh > 0 else { throw TensorError.runtime("stride should be greater than zero, but got dH: \(sh) dW: \(sw)") }
    guard dh > 0 && dw > 0 else {
        throw TensorError.runtime("dilation should be greater than zero, but got dilationH: \(dh) dilationW: \(dw)")
    }
    let s = input.shape
    let validDims = s[s.count - 3] != 0 && s[s.count - 2] != 0
    guard (input.dim == 3 && s[0] != 0 && validDims) || (input.dim == 4 && validDims && s[3] != 0) else {
        throw TensorError.runtime("Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, but got:\(formatShapeList(s))")
    }
    guard kw / 2 >= pw && kh / 2 >= ph else {
        throw TensorError.runtime("pad should be smaller than or equal to half of kernel size, but got padW = \(pw), padH = \(ph), kW = \(kw), kH = \(kh)")
    }
    let c = s[s.count - 3]
    guard ow >= 1 && oh >= 1 else {
        throw TensorError.runtime("Given input size: (\(c)x\(h)x\(w)). Calculated output size: (\(c)x\(oh)x\(ow)). Output size is too small")
    }
    return PoolGeometry(planes: s.dropLast(2).reduce(1, *), inH: h, inW: w, outH: oh, outW: ow,
                        kh: kh, kw: kw, sh: sh, sw: sw, ph: ph, pw: pw, dh: dh, dw: dw)
}

extension Tensor {
    /// `F.max_pool2d(input, kernel_size, stride, padding, dilation, ceil_mode)`; `stride` empty
    /// means the kernel size.
    public func maxPool2d(kernelSize: [Int], stride: [Int] = [], padding: [Int] = [0], dilation: [Int] = [1],
                          ceilMode: Bool = false) throws -> Tensor {
        try maxPool2dWithIndices(kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation,
                                 ceilMode: ceilMode).output
    }

    /// `F.max_pool2d(..., return_indices=True)`: the maxima and their flat indices in each
    /// input plane (grad_fn `MaxPool2DWithIndicesBackward0`). NaN wins, as in PyTorch.
    public func maxPool2dWithIndices(kernelSize: [Int], stride: [Int] = [], padding: [Int] = [0], dilation: [Int] = [1],
                                     ceilMode: Bool = false) throws -> (output: Tensor, indices: Tensor) {
        let op = "max_pool2d"
        let pairs = try [poolPair(kernelSize, op, "kernel_size"), poolPair(stride, op, "stride", allowEmpty: true),
                         poolPair(padding, op, "padding"), poolPair(dilation, op, "dilation")]
        guard let k = pairs[0], let p = pairs[2], let d = pairs[3] else {
            throw TensorError.runtime("max_pool2d: kernel_size must either be a single int, or a tuple of two ints")
        }
        let s = pairs[1] ?? k
        let geo = try poolGeometry(self, kernel: k, stride: s, padding: p, dilation: d, ceilMode: ceilMode)
        guard dtype.isFloatingPoint else {
            throw TensorError.notImplemented("max_pool2d on \(dtype) tensors is not supported by wick")
        }
        let shape = Array(self.shape.dropLast(2)) + [geo.outH, geo.outW]
        let out = Tensor.uninitialized(shape, dtype: dtype), indices = Tensor.uninitialized(shape, dtype: .int64)
        let x = contiguousData()
        if dtype == .float32 { maxPoolKernel(Float.self, x, out, indices, geo) } else { maxPoolKernel(Double.self, x, out, indices, geo) }
        let inputShape = self.shape
        recordOp("MaxPool2DWithIndicesBackward0", inputs: [self], outputs: [out], saving: [indices]) { g, saved in
            [try maxPoolBackward(g[0], saved[0], inputShape: inputShape, planeSize: geo.inH * geo.inW)]
        }
        return (out, indices)
    }

    /// `F.max_pool1d(input, kernel_size, stride, padding, dilation, ceil_mode)`.
    public func maxPool1d(kernelSize: Int, stride: Int? = nil, padding: Int = 0, dilation: Int = 1,
                          ceilMode: Bool = false) throws -> Tensor {
        try maxPool1dWithIndices(kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation,
                                 ceilMode: ceilMode).output
    }

    /// `F.max_pool1d(..., return_indices=True)`: max_pool2d over `unsqueeze(-2)`, squeezed back.
    public func maxPool1dWithIndices(kernelSize: Int, stride: Int? = nil, padding: Int = 0, dilation: Int = 1,
                                     ceilMode: Bool = false) throws -> (output: Tensor, indices: Tensor) {
        guard dim == 2 || dim == 3 else {
            throw TensorError.runtime("max_pool1d() Expected 2D or 3D input tensor, but got \(formatShapeList(shape))")
        }
        let s = stride ?? kernelSize
        guard kernelSize > 0 else { throw TensorError.runtime("max_pool1d() kernel_size must be greater than zero, but got \(kernelSize)") }
        guard s > 0 else { throw TensorError.runtime("max_pool1d() stride must be greater than zero, but got \(s)") }
        guard padding >= 0 else { throw TensorError.runtime("max_pool1d() padding must be non-negative, but got \(padding)") }
        guard padding <= kernelSize / 2 else {
            throw TensorError.runtime("max_pool1d() padding should be at most half of kernel size, but got padding=\(padding) and kernel_size=\(kernelSize)")
        }
        guard dilation > 0 else { throw TensorError.runtime("max_pool1d() dilation must be greater than zero, but got \(dilation)") }
        let ol = PoolGeometry.outputSize(shape[dim - 1], kernelSize, padding, s, dilation, ceil: ceilMode)
        guard ol > 0 else { throw TensorError.runtime("max_pool1d() Invalid computed output size: \(ol)") }
        let r = try unsqueeze(-2).maxPool2dWithIndices(kernelSize: [1, kernelSize], stride: [1, s], padding: [0, padding],
                                                       dilation: [1, dilation], ceilMode: ceilMode)
        return (try r.output.squeeze(-2), try r.indices.squeeze(-2))
    }
}

private func maxPoolKernel<T: ProductElement & BinaryFloatingPoint>(_: T.Type, _ x: Tensor, _ out: Tensor, _ indices: Tensor,
                                                                  _ g: PoolGeometry) {
    let src = x.pointer(T.self), dst = out.pointer(T.self), idx = indices.pointer(Int64.self)
    let perPlane = g.outH &* g.outW &* g.kh &* g.kw
    parallelRanges(g.planes, grain: Swift.max(1, grainSize / Swift.max(1, perPlane))) { p0, p1 in
        // The geometry in locals: the loops below then keep it in registers.
        let (inH, inW, outH, outW) = (g.inH, g.inW, g.outH, g.outW)
        let (kh, kw, sh, sw, ph, pw, dh, dw) = (g.kh, g.kw, g.sh, g.sw, g.ph, g.pw, g.dh, g.dw)
        for plane in p0..<p1 {
            let s = src + plane * inH * inW, o = plane * outH * outW
            for oy in 0..<outH {
                var h0 = oy * sh - ph
                let h1 = Swift.min(h0 + (kh - 1) * dh + 1, inH)
                while h0 < 0 { h0 += dh }
                for ox in 0..<outW {
                    var w0 = ox * sw - pw
                    let w1 = Swift.min(w0 + (kw - 1) * dw + 1, inW)
                    while w0 < 0 { w0 += dw }
                    var best = h0 * inW + w0, value = -T.infinity
                    var ih = h0
                    while ih < h1 {
                        let row = ih * inW
                        var iw = w0
                        while iw < w1 {
                            let v = s[row + iw]
                            if v > value || v.isNaN { value = v; best = row + iw }
                            iw += dw
                        }
                        ih += dh
                    }
                    dst[o + oy * outW + ox] = value
                    idx[o + oy * outW + ox] = Int64(best)
                }
            }
        }
    }
}

/// The gradient of max pooling: each output gradient added at its index. Differentiable
/// under create_graph (its own gradient gathers at the same indices).
private func maxPoolBackward(_ g: Tensor, _ indices: Tensor, inputShape: [Int], planeSize: Int) throws -> Tensor {
    let gc = g.contiguousData(), out = Tensor(zeros: inputShape, dtype: g.dtype)
    let perPlane = indices.shape.suffix(2).reduce(1, *), planes = perPlane == 0 ? 0 : indices.numel / perPlane
    func run<T: ProductElement>(_: T.Type) {
        let src = gc.pointer(T.self), dst = out.pointer(T.self), idx = indices.pointer(Int64.self)
        parallelRanges(planes, grain: Swift.max(1, grainSize / Swift.max(1, perPlane))) { p0, p1 in
            for plane in p0..<p1 {
                let d = dst + plane * planeSize
                for j in plane * perPlane..<(plane + 1) * perPlane {
                    let i = Int(idx[j])
                    if i >= 0 && i < planeSize { d[i] = T.sum(d[i], src[j]) }
                }
            }
        }
    }
    if g.dtype == .float32 { run(Float.self) } else { run(Double.self) }
    recordOp("MaxPool2DWithIndicesBackwardBackward0", inputs: [g], outputs: [out], saving: [indices]) { gg, saved in
        [try maxPoolGather(gg[0], saved[0], planeSize: planeSize)]
    }
    return out
}

/// `gg[plane, indices[plane, j]]` for every pooled position: the gradient of maxPoolBackward.
private func maxPoolGather(_ gg: Tensor, _ indices: Tensor, planeSize: Int) throws -> Tensor {
    let planes = planeSize == 0 ? 0 : gg.numel / planeSize
    let flat = try gg.reshape([planes, planeSize])
    let idx = try indices.reshape([planes, -1])
    return try flat.gather(dim: 1, index: idx).view(indices.shape)
}
