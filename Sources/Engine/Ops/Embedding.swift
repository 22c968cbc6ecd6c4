/// embedding: rows of a weight matrix picked by integer indices, forward, backward and grad_fn
/// name (`EmbeddingBackward0`) together. The row at `padding_idx` gets no gradient.
extension Tensor {
    /// `F.embedding(input, weight, padding_idx)`: `weight[input]`, of shape `input.shape + [D]`.
    /// A negative `paddingIdx` counts from the end. `max_norm`, `scale_grad_by_freq` and
    /// `sparse` are not supported (NotImplementedError).
    public static func embedding(_ input: Tensor, _ weight: Tensor, paddingIdx: Int? = nil, maxNorm: Double? = nil,
                                 scaleGradByFreq: Bool = false, sparse: Bool = false) throws -> Tensor {
        let rows = weight.dim > 0 ? weight.shape[0] : 0
        var padding = -1
        if let paddingIdx {
            guard paddingIdx < rows && paddingIdx >= -rows else {
                throw TensorError.runtime("Padding_idx must be within num_embeddings")
            }
            padding = paddingIdx < 0 ? paddingIdx + rows : paddingIdx
        }
        if maxNorm != nil { throw TensorError.notImplemented("F.embedding with max_norm is not supported by wick") }
        if scaleGradByFreq || sparse {
            throw TensorError.notImplemented("F.embedding with scale_grad_by_freq or sparse is not supported by wick")
        }
        guard weight.dim == 2 else { throw TensorError.runtime("'weight' must be 2-D") }
        guard input.dtype == .int64 || input.dtype == .int32 else {
            throw TensorError.runtime("Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got \(input.dtype.legacyTypeName) instead (while checking arguments for embedding)")
        }
        let indices = input.contiguousData(.int64).toArray(Int64.self)
        for i in indices where i < 0 || i >= Int64(rows) {
            throw TensorError.index("index out of range in self")
        }
        let width = weight.shape[1]
        let w = weight.contiguousData()
        let out = Tensor.uninitialized(input.shape + [width], dtype: weight.dtype)
        let itemSize = weight.dtype.itemSize
        let src = w.storage.bytes + w.storageOffset * itemSize, dst = out.storage.bytes
        for (j, i) in indices.enumerated() {
            (dst + j * width * itemSize).copyMemory(from: src + Int(i) * width * itemSize, byteCount: width * itemSize)
        }
        recordOp("EmbeddingBackward0", inputs: [weight], outputs: [out]) { g, _ in
            [try embeddingBackward(g[0], indices, rows: rows, padding: padding)]
        }
        return out
    }
}

/// The weight gradient of an embedding: each output row added to its index's row, except at
/// the padding index. Differentiable under create_graph (its gradient is the embedding of
/// the incoming gradient, padding row excluded).
private func embeddingBackward(_ g: Tensor, _ indices: [Int64], rows: Int, padding: Int) throws -> Tensor {
    let width = g.shape.last ?? 0
    let gc = g.contiguousData(), out = Tensor(zeros: [rows, width], dtype: g.dtype)
    func run<T: ProductElement>(_: T.Type) {
        let s = gc.pointer(T.self), d = out.pointer(T.self)
        for (j, i) in indices.enumerated() where Int(i) != padding {
            let row = d + Int(i) * width, src = s + j * width
            for k in 0..<width { row[k] = T.sum(row[k], src[k]) }
        }
    }
    if g.dtype == .float32 { run(Float.self) } else if g.dtype == .float64 { run(Double.self) }
    let outShape = g.shape
    recordOp("EmbeddingDenseBackwardBackward0", inputs: [g], outputs: [out]) { gg, _ in
        let mask = try Tensor(indices.map { Int($0) == padding ? 0.0 : 1.0 }, shape: [indices.count, 1], dtype: gg[0].dtype)
        let picked = try gg[0].indexSelect(dim: 0, index: Tensor(indices, shape: [indices.count]))
        return [try picked.mul(mask).reshape(outShape)]
    }
    return out
}
