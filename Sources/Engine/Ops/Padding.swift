/// `F.pad` (constant, reflect, replicate, circular) and `torch.constant_pad_nd`: forward,
/// backward and grad_fn names together. Every mode is one gather through an index map of the
/// padded trailing dimensions (−1 for a constant element); the backward is the matching
/// scatter-add, itself differentiable (its gradient is the same pad of the gradient).
extension Tensor {
    /// `F.pad(input, pad, mode, value)`: `pad` lists (left, right) pairs from the last dimension
    /// backwards. Negative constant padding crops.
    public func pad(_ pad: [Int], mode: String = "constant", value: Double? = nil) throws -> Tensor {
        guard pad.count % 2 == 0 else { throw TensorError.runtime("Padding length must be divisible by 2") }
        guard pad.count <= 2 * dim else {
            throw TensorError.runtime("Padding length should be less than or equal to two times the input dimension but got padding length \(pad.count) and input of dimension \(dim)")
        }
        guard let kind = PadKind(rawValue: mode) else {
            throw TensorError.notImplemented("Unrecognised padding mode \(mode)")
        }
        if kind == .constant { return try constantPadNd(pad, value: .double(value ?? 0)) }
        if let value, value != 0 {
            throw TensorError.runtime("Padding mode \"\(mode)\" doesn't take in value argument")
        }
        let k = pad.count / 2
        guard k >= 1 && k <= 3 && (dim == k + 1 || dim == k + 2) else {
            throw TensorError.notImplemented("""
                Padding size \(pad.count) is not supported for \(dim)D input tensor.
                Supported combinations for non-constant padding:
                  - 2D or 3D input: padding size = 2 (pads last dimension)
                  - 3D or 4D input: padding size = 4 (pads last 2 dimensions)
                  - 4D or 5D input: padding size = 6 (pads last 3 dimensions)
                """)
        }
        for i in 0..<k {
            let size = shape[dim - 1 - i], (l, r) = (pad[2 * i], pad[2 * i + 1])
            switch kind {
            case .reflect:
                guard l < size && r < size else {
                    throw TensorError.runtime("Argument #4: Padding size should be less than the corresponding input dimension, but got: padding (\(l), \(r)) at dimension \(dim - 1 - i) of input \(formatShapeList(shape))")
                }
            case .replicate:
                guard size > 0 || (l <= 0 && r <= 0) else {
                    throw TensorError.runtime("padding size is expected to be \(2 * k), but input has an empty dimension \(formatShapeList(shape))")
                }
            case .circular:
                guard l <= size && r <= size else {
                    throw TensorError.runtime("Padding value causes wrapping around more than once.")
                }
            case .constant: break
            }
        }
        let name: String
        switch kind {
        case .reflect: name = "ReflectionPad\(k)DBackward0"
        case .replicate: name = "ReplicationPad\(k)DBackward0"
        default: name = "CopySlices"  // PyTorch pads circularly by copying slices into a new tensor
        }
        return try padded(pad, kind, value: .double(0), name: name)
    }

    /// `torch.constant_pad_nd(input, pad, value)` (grad_fn `ConstantPadNdBackward0`).
    public func constantPadNd(_ pad: [Int], value: Scalar = 0) throws -> Tensor {
        guard pad.count % 2 == 0 else {
            throw TensorError.runtime("Length of pad must be even but instead it equals \(pad.count)")
        }
        guard pad.count / 2 <= dim else {
            throw TensorError.runtime("Length of pad should be no more than twice the number of dimensions of the input. Pad length is \(pad.count) while the input has \(dim) dimensions.")
        }
        for i in 0..<(pad.count / 2) {
            let d = dim - 1 - i, size = shape[d]
            guard size + pad[2 * i] + pad[2 * i + 1] >= 0 else {
                throw TensorError.runtime("The input size \(size), plus negative padding \(pad[2 * i]) and \(pad[2 * i + 1]) resulted in a negative output size, which is invalid. Check dimension \(d) of your input.")
            }
        }
        return try padded(pad, .constant, value: value, name: "ConstantPadNdBackward0")
    }

    private func padded(_ pad: [Int], _ kind: PadKind, value: Scalar, name: String) throws -> Tensor {
        let map = PadMap(shape: shape, pad: pad, kind: kind)
        try checkShape(map.outShape, dtype: dtype)
        let out = map.gather(contiguousData(), value: value)
        recordOp(name, inputs: [self], outputs: [out]) { g, _ in [try padBackward(g[0], map, name: name)] }
        return out
    }
}

/// The backward of a pad: the gradient scatter-added back through the map. Under create_graph
/// it records its own node, whose gradient is the pad of the incoming gradient.
private func padBackward(_ g: Tensor, _ map: PadMap, name: String) throws -> Tensor {
    let out = map.scatter(g.contiguousData())
    recordOp(name.replacingOccurrences(of: "Backward0", with: "BackwardBackward0"), inputs: [g], outputs: [out]) { gg, _ in
        [map.gather(gg[0].contiguousData(), value: .int(0))]
    }
    return out
}

/// F.pad's modes.
enum PadKind: String {
    case constant, reflect, replicate, circular
}

/// The index map of a pad: for each element of the padded trailing block of the output, the
/// offset of its source in the input's block, or −1 for a constant element.
struct PadMap {
    let inShape: [Int]
    let outShape: [Int]
    /// Elements per leading index, in the input and the output.
    let inBlock: Int, outBlock: Int
    let sources: [Int]

    init(shape: [Int], pad: [Int], kind: PadKind) {
        let k = pad.count / 2, lead = shape.count - k
        var out = shape
        for i in 0..<k { out[shape.count - 1 - i] += pad[2 * i] + pad[2 * i + 1] }
        inShape = shape
        outShape = out
        inBlock = shape[lead...].reduce(1, *)
        outBlock = out[lead...].reduce(1, *)
        var map = [0]
        var perDim: [[Int]] = []
        for i in 0..<k {  // from the last dimension backwards
            let n = shape[shape.count - 1 - i], m = out[shape.count - 1 - i], l = pad[2 * i]
            perDim.append((0..<Swift.max(m, 0)).map { o -> Int in
                let j = o - l, r: Int
                switch kind {
                case .constant: r = j
                case .reflect: r = j < 0 ? -j : (j >= n ? 2 * (n - 1) - j : j)
                case .replicate: r = Swift.min(Swift.max(j, 0), n - 1)
                case .circular: r = n > 0 ? ((j % n) + n) % n : -1
                }
                return r >= 0 && r < n ? r : -1
            })
        }
        // Combine the dimensions, outermost first.
        for i in stride(from: k - 1, through: 0, by: -1) {
            let inner = shape[(shape.count - i)...].reduce(1, *)
            var next: [Int] = []
            next.reserveCapacity(map.count * perDim[i].count)
            for base in map {
                for j in perDim[i] { next.append(base < 0 || j < 0 ? -1 : base + j * inner) }
            }
            map = next
        }
        sources = map
    }

    /// The padded tensor of contiguous `x`.
    func gather(_ x: Tensor, value: Scalar) -> Tensor {
        let out = Tensor.uninitialized(outShape, dtype: x.dtype)
        switch x.dtype {
        case .float32: gatherKernel(Float.self, x, out, Float(value.doubleValue))
        case .float64: gatherKernel(Double.self, x, out, value.doubleValue)
        case .int64: gatherKernel(Int64.self, x, out, value.int64Value)
        case .int32: gatherKernel(Int32.self, x, out, Int32(truncatingIfNeeded: value.int64Value))
        case .bool: gatherKernel(Bool.self, x, out, value.doubleValue != 0)
        }
        return out
    }

    private func gatherKernel<T: Element>(_: T.Type, _ x: Tensor, _ out: Tensor, _ fill: T) {
        let src = x.pointer(T.self), dst = out.pointer(T.self)
        let blocks = outBlock == 0 ? 0 : out.numel / outBlock
        sources.withUnsafeBufferPointer { map in
            for b in 0..<blocks {
                let s = src + b * inBlock, d = dst + b * outBlock
                for j in 0..<outBlock { let i = map[j]; d[j] = i < 0 ? fill : s[i] }
            }
        }
    }

    /// The gradient of the input from contiguous `g` of the output's shape.
    func scatter(_ g: Tensor) -> Tensor {
        let out = Tensor(zeros: inShape, dtype: g.dtype)
        switch g.dtype {
        case .float32: scatterKernel(Float.self, g, out)
        case .float64: scatterKernel(Double.self, g, out)
        default: break  // gradients are floating point
        }
        return out
    }

    private func scatterKernel<T: ProductElement>(_: T.Type, _ g: Tensor, _ out: Tensor) {
        let src = g.pointer(T.self), dst = out.pointer(T.self)
        let blocks = outBlock == 0 ? 0 : g.numel / outBlock
        sources.withUnsafeBufferPointer { map in
            for b in 0..<blocks {
                let s = src + b * outBlock, d = dst + b * inBlock
                for j in 0..<outBlock { let i = map[j]; if i >= 0 { d[i] = T.sum(d[i], s[j]) } }
            }
        }
    }
}
