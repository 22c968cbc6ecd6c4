import Foundation

/// batch_norm and layer_norm: the statistics and the normalisation in one pass per channel or
/// row (statistics accumulated in double), one fused node each (`NativeBatchNormBackward0`,
/// `NativeLayerNormBackward0`) whose backward is written in tensor ops, so it is differentiable.
extension Tensor {
    /// `F.batch_norm(input, running_mean, running_var, weight, bias, training, momentum, eps)`.
    /// In training it normalises with the batch statistics over every dimension but 1 and, when
    /// given, updates the running statistics in place (`(1 − momentum)·running + momentum·batch`,
    /// the variance unbiased); in evaluation it uses the running statistics.
    public static func batchNorm(_ input: Tensor, runningMean: Tensor?, runningVar: Tensor?, weight: Tensor? = nil,
                                 bias: Tensor? = nil, training: Bool = false, momentum: Double = 0.1,
                                 eps: Double = 1e-5) throws -> Tensor {
        guard input.dim >= 2 else {
            throw TensorError.value("Expected 2D or more input to batch_norm (got \(input.dim)D input)")
        }
        let n = input.shape[0], c = input.shape[1], inner = input.shape.dropFirst(2).reduce(1, *)
        if training && n * inner == 1 {
            throw TensorError.value("Expected more than 1 value per channel when training, got input size torch.Size(\(formatShapeList(input.shape)))")
        }
        for (name, t) in [("weight", weight), ("bias", bias), ("running_mean", runningMean), ("running_var", runningVar)] {
            if let t, t.numel != c { throw TensorError.runtime("\(name) should contain \(c) elements not \(t.numel)") }
        }
        guard input.dtype.isFloatingPoint else {
            throw TensorError.notImplemented("\"batch_norm\" not implemented for '\(input.dtype.scalarTypeName)'")
        }
        if !training && (runningMean == nil || runningVar == nil) {
            throw TensorError.runtime("running_\(runningMean == nil ? "mean" : "var") must be defined in evaluation mode")
        }
        let useBatchStats = training
        let x = input.contiguousData()
        var means = [Double](repeating: 0, count: c), invstds = [Double](repeating: 0, count: c)
        if useBatchStats {
            var vars = [Double](repeating: 0, count: c)
            channelMoments(x, n: n, c: c, inner: inner, &means, &vars)
            for i in 0..<c { invstds[i] = 1 / Foundation.sqrt(vars[i] + eps) }
            if training {
                let count = Double(n * inner)
                if let runningMean { try updateRunning(runningMean, means, momentum) }
                if let runningVar { try updateRunning(runningVar, vars.map { $0 * count / (count - 1) }, momentum) }
            }
        } else if let rm = runningMean, let rv = runningVar {
            means = rm.doubles
            invstds = rv.doubles.map { 1 / Foundation.sqrt($0 + eps) }
        }
        let w = weight?.doubles, b = bias?.doubles
        var scale = [Double](repeating: 0, count: c), shift = [Double](repeating: 0, count: c)
        for i in 0..<c {
            scale[i] = invstds[i] * (w?[i] ?? 1)
            shift[i] = (b?[i] ?? 0) - means[i] * scale[i]
        }
        let out = affineChannels(x, n: n, c: c, inner: inner, scale, shift)
        let statShape = [1, c] + Array(repeating: 1, count: input.dim - 2)
        let mean = try Tensor(means, shape: statShape, dtype: input.dtype)
        let invstd = try Tensor(invstds, shape: statShape, dtype: input.dtype)
        let dims = [0] + Array(2..<input.dim)
        let needs = (input.requiresGrad, weight?.requiresGrad == true, bias?.requiresGrad == true)
        recordOp("NativeBatchNormBackward0", inputs: [input, weight, bias], outputs: [out],
                 saving: [input] + (weight.map { [$0] } ?? [])) { g, saved in
            var (mean, invstd) = (mean, invstd)
            if GradMode.enabled && useBatchStats {
                // create_graph: the batch statistics as functions of the input, so that the
                // second derivative sees them vary.
                mean = try saved[0].mean(dims: dims, keepdim: true)
                invstd = try saved[0].sub(mean).square().mean(dims: dims, keepdim: true).add(Scalar.double(eps)).rsqrt()
            }
            let xhat = try saved[0].sub(mean).mul(invstd)
            let gy = g[0]
            var gx: Tensor? = nil
            if needs.0 {
                let scaleT = try saved.count > 1 ? invstd.mul(saved[1].view(statShape)) : invstd
                if useBatchStats {
                    let centred = try gy.sub(gy.mean(dims: dims, keepdim: true))
                        .sub(xhat.mul(gy.mul(xhat).mean(dims: dims, keepdim: true)))
                    gx = try centred.mul(scaleT)
                } else {
                    gx = try gy.mul(scaleT)
                }
            }
            let gw = needs.1 ? try gy.mul(xhat).sum(dims: dims) : nil
            let gb = needs.2 ? try gy.sum(dims: dims) : nil
            return [gx, gw, gb]
        }
        return out
    }

    /// `F.layer_norm(input, normalized_shape, weight, bias, eps)`: each row of the trailing
    /// `normalizedShape` elements normalised by its own mean and biased variance.
    public static func layerNorm(_ input: Tensor, normalizedShape: [Int], weight: Tensor? = nil, bias: Tensor? = nil,
                                 eps: Double = 1e-5) throws -> Tensor {
        let k = normalizedShape.count
        guard k >= 1 else {
            throw TensorError.runtime("Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one element, but got normalized_shape = []")
        }
        if let weight, weight.shape != normalizedShape {
            throw TensorError.runtime("Expected weight to be of same shape as normalized_shape, but got weight of shape \(formatShapeList(weight.shape)) and normalized_shape = \(formatShapeList(normalizedShape))")
        }
        if let bias, bias.shape != normalizedShape {
            throw TensorError.runtime("Expected bias to be of same shape as normalized_shape, but got bias of shape \(formatShapeList(bias.shape)) and normalized_shape = \(formatShapeList(normalizedShape))")
        }
        guard input.dim >= k && Array(input.shape.suffix(k)) == normalizedShape else {
            throw TensorError.runtime("Given normalized_shape=\(formatShapeList(normalizedShape)), expected input with shape [*, \(normalizedShape.map(String.init).joined(separator: ", "))], but got input of size\(formatShapeList(input.shape))")
        }
        guard input.dtype.isFloatingPoint else {
            throw TensorError.notImplemented("\"LayerNormKernelImpl\" not implemented for '\(input.dtype.scalarTypeName)'")
        }
        let rowLength = normalizedShape.reduce(1, *), rows = rowLength == 0 ? 0 : input.numel / rowLength
        let x = input.contiguousData()
        var means = [Double](repeating: 0, count: rows), rstds = [Double](repeating: 0, count: rows)
        channelMoments(x, n: rows, c: 1, inner: rowLength, &means, &rstds, perSample: true)
        for i in 0..<rows { rstds[i] = 1 / Foundation.sqrt(rstds[i] + eps) }
        let out = normalizeRows(x, rows: rows, length: rowLength, means, rstds, weight?.doubles, bias?.doubles)
        let statShape = Array(input.shape.dropLast(k)) + Array(repeating: 1, count: k)
        let mean = try Tensor(means, shape: statShape, dtype: input.dtype)
        let rstd = try Tensor(rstds, shape: statShape, dtype: input.dtype)
        let normDims = Array((input.dim - k)..<input.dim), leadDims = Array(0..<(input.dim - k))
        let needs = (input.requiresGrad, weight?.requiresGrad == true, bias?.requiresGrad == true)
        recordOp("NativeLayerNormBackward0", inputs: [input, weight, bias], outputs: [out],
                 saving: [input] + (weight.map { [$0] } ?? [])) { g, saved in
            var (mean, rstd) = (mean, rstd)
            if GradMode.enabled {
                // create_graph: the row statistics as functions of the input.
                mean = try saved[0].mean(dims: normDims, keepdim: true)
                rstd = try saved[0].sub(mean).square().mean(dims: normDims, keepdim: true).add(Scalar.double(eps)).rsqrt()
            }
            let xhat = try saved[0].sub(mean).mul(rstd)
            let gy = g[0]
            var gx: Tensor? = nil
            if needs.0 {
                let gxhat = saved.count > 1 ? try gy.mul(saved[1]) : gy
                gx = try gxhat.sub(gxhat.mean(dims: normDims, keepdim: true))
                    .sub(xhat.mul(gxhat.mul(xhat).mean(dims: normDims, keepdim: true))).mul(rstd)
            }
            let gw = needs.1 ? try sumLeading(gy.mul(xhat), leadDims) : nil
            let gb = needs.2 ? try sumLeading(gy, leadDims) : nil
            return [gx, gw, gb]
        }
        return out
    }
}

/// Sums over the leading dimensions (none: the tensor itself).
private func sumLeading(_ t: Tensor, _ dims: [Int]) throws -> Tensor { dims.isEmpty ? t : try t.sum(dims: dims) }

/// `running = (1 − momentum)·running + momentum·values`, in place without autograd.
private func updateRunning(_ running: Tensor, _ values: [Double], _ momentum: Double) throws {
    let old = running.doubles
    let updated = try Tensor(zip(old, values).map { (1 - momentum) * $0 + momentum * $1 }, shape: running.shape,
                             dtype: running.dtype)
    running.copyElements(from: updated)
    running.bumpVersion()
}

/// Per-channel mean and biased variance of contiguous [n, c, inner] data (two passes, in
/// double); with `perSample` the statistics are per (sample) row instead, c being 1.
private func channelMoments(_ x: Tensor, n: Int, c: Int, inner: Int, _ means: inout [Double], _ vars: inout [Double],
                            perSample: Bool = false) {
    func run<T: Element>(_: T.Type, _ means: inout [Double], _ vars: inout [Double]) {
        let p = x.pointer(T.self)
        let groups = perSample ? n : c, samples = perSample ? 1 : n
        for gi in 0..<groups {
            var sum = 0.0
            for s in 0..<samples {
                let row = p + (perSample ? gi * inner : (s * c + gi) * inner)
                for i in 0..<inner { sum += row[i].asDouble }
            }
            let count = Double(samples * inner), mean = sum / count
            var sq = 0.0
            for s in 0..<samples {
                let row = p + (perSample ? gi * inner : (s * c + gi) * inner)
                for i in 0..<inner { let d = row[i].asDouble - mean; sq += d * d }
            }
            means[gi] = mean
            vars[gi] = sq / count
        }
    }
    if x.dtype == .float32 { run(Float.self, &means, &vars) } else { run(Double.self, &means, &vars) }
}

/// `x·scale[c] + shift[c]` for contiguous [n, c, inner] data.
private func affineChannels(_ x: Tensor, n: Int, c: Int, inner: Int, _ scale: [Double], _ shift: [Double]) -> Tensor {
    let out = Tensor.uninitialized(x.shape, dtype: x.dtype)
    func run<T: ProductElement & BinaryFloatingPoint>(_: T.Type) {
        let src = x.pointer(T.self), dst = out.pointer(T.self)
        parallelRanges(n * c, grain: Swift.max(1, grainSize / Swift.max(1, inner))) { r0, r1 in
            for r in r0..<r1 {
                let a = T(scale[r % c]), b = T(shift[r % c]), s = src + r * inner, d = dst + r * inner
                for i in 0..<inner { d[i] = s[i] * a + b }
            }
        }
    }
    if x.dtype == .float32 { run(Float.self) } else { run(Double.self) }
    return out
}

/// `(x − mean)·rstd·weight + bias` per row of contiguous data.
private func normalizeRows(_ x: Tensor, rows: Int, length: Int, _ means: [Double], _ rstds: [Double],
                           _ weight: [Double]?, _ bias: [Double]?) -> Tensor {
    let out = Tensor.uninitialized(x.shape, dtype: x.dtype)
    func run<T: ProductElement & BinaryFloatingPoint>(_: T.Type) {
        let src = x.pointer(T.self), dst = out.pointer(T.self)
        let w = weight.map { $0.map { T($0) } }, b = bias.map { $0.map { T($0) } }
        parallelRanges(rows, grain: Swift.max(1, grainSize / Swift.max(1, length))) { r0, r1 in
            for r in r0..<r1 {
                let m = T(means[r]), s = T(rstds[r]), xs = src + r * length, d = dst + r * length
                for i in 0..<length {
                    var v = (xs[i] - m) * s
                    if let w { v *= w[i] }
                    if let b { v += b[i] }
                    d[i] = v
                }
            }
        }
    }
    if x.dtype == .float32 { run(Float.self) } else { run(Double.self) }
    return out
}
