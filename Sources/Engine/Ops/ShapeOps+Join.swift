/// Joining and splitting along a dimension: cat, stack, split, chunk, unbind.
extension Tensor {
    /// `torch.cat(tensors, dim=0)`: joins tensors along an existing dimension. Dtypes are
    /// promoted as in arithmetic; 1-d empty tensors are skipped, as PyTorch's legacy rule says.
    public static func cat(_ tensors: [Tensor], dim d: Int = 0) throws -> Tensor {
        guard !tensors.isEmpty else { throw TensorError.value("torch.cat(): expected a non-empty list of Tensors") }
        for (i, t) in tensors.enumerated() where t.dim == 0 {
            throw TensorError.runtime("zero-dimensional tensor (at position \(i)) cannot be concatenated")
        }
        let dtype = resultType(tensors.map { .tensor($0) })
        let kept = tensors.indices.filter { !(tensors[$0].dim == 1 && tensors[$0].shape[0] == 0) }
        guard let first = kept.first else {
            return Tensor(zeros: [0], dtype: dtype)
        }
        let reference = tensors[first]
        let at = try normalizeDim(d, reference.dim)
        var outShape = reference.shape
        outShape[at] = 0
        for i in kept {
            let t = tensors[i]
            guard t.dim == reference.dim else {
                throw TensorError.runtime("Tensors must have same number of dimensions: got \(reference.dim) and \(t.dim)")
            }
            for k in 0..<t.dim where k != at && t.shape[k] != reference.shape[k] {
                throw TensorError.runtime("Sizes of tensors must match except in dimension \(at). Expected size \(reference.shape[k]) but got size \(t.shape[k]) for tensor number \(i) in the list.")
            }
            outShape[at] += t.shape[at]
        }
        try checkShape(outShape)
        let out = Tensor.uninitialized(outShape, dtype: dtype)
        let outStrides = contiguousStrides(outShape)
        var offset = 0
        var sizes: [Int] = []
        for t in tensors {
            let skipped = t.dim == 1 && t.shape[0] == 0
            sizes.append(skipped ? -1 : t.shape[at])
            guard !skipped else { continue }
            var s = outShape
            s[at] = t.shape[at]
            Tensor(storage: out.storage, shape: s, strides: outStrides, offset: offset * outStrides[at]).copyElements(from: t)
            offset += t.shape[at]
        }
        recordOp("CatBackward0", inputs: tensors, outputs: [out]) { g, _ in
            var start = 0
            return try sizes.map { size in
                guard size >= 0 else { return Tensor(zeros: [0], dtype: g[0].dtype) }
                defer { start += size }
                return try g[0].narrow(dim: at, start: start, length: size)
            }
        }
        return out
    }

    /// `torch.stack(tensors, dim=0)`: joins equal-shaped tensors along a new dimension.
    public static func stack(_ tensors: [Tensor], dim d: Int = 0) throws -> Tensor {
        guard let first = tensors.first else { throw TensorError.runtime("stack expects a non-empty TensorList") }
        let at = try normalizeDim(d, first.dim + 1)
        for (i, t) in tensors.enumerated() where t.shape != first.shape {
            throw TensorError.runtime("stack expects each tensor to be equal size, but got \(formatShapeList(first.shape)) at entry 0 and \(formatShapeList(t.shape)) at entry \(i)")
        }
        var outShape = first.shape
        outShape.insert(tensors.count, at: at)
        try checkShape(outShape)
        let out = Tensor.uninitialized(outShape, dtype: resultType(tensors.map { .tensor($0) }))
        let outStrides = contiguousStrides(outShape)
        var slotStrides = outStrides
        slotStrides.remove(at: at)
        for (i, t) in tensors.enumerated() {
            Tensor(storage: out.storage, shape: first.shape, strides: slotStrides, offset: i * outStrides[at]).copyElements(from: t)
        }
        recordOp("StackBackward0", inputs: tensors, outputs: [out]) { g, _ in
            try tensors.indices.map { try g[0].select(dim: at, index: $0) }
        }
        return out
    }

    /// `split(split_size, dim=0)`: views of `splitSize` elements along `dim` (the last one may
    /// be shorter), sharing one `SplitBackward0`.
    public func split(_ splitSize: Int, dim d: Int = 0) throws -> [Tensor] {
        guard dim > 0 else { throw TensorError.runtime("split expects at least a 1-dimensional tensor") }
        guard splitSize >= 0 else {
            throw TensorError.runtime("split expects split_size be non-negative, but got split_size=\(splitSize)")
        }
        let at = try normalizeDim(d, dim)
        let size = shape[at]
        guard splitSize != 0 || size == 0 else {
            throw TensorError.runtime("split_size can only be 0 if dimension size is 0, but got dimension size of \(size)")
        }
        let count = splitSize == 0 ? 1 : Swift.max((size - 1) / splitSize + 1, 1)
        let sizes = (0..<count).map { i in Swift.min(splitSize, size - i * splitSize) }
        return splitViews(at, sizes, name: "SplitBackward0")
    }

    /// `split([sizes], dim=0)`: views of the given sizes along `dim` (SplitWithSizesBackward0).
    public func split(sizes: [Int], dim d: Int = 0) throws -> [Tensor] {
        guard dim > 0 else { throw TensorError.runtime("split expects at least a 1-dimensional tensor") }
        let at = try normalizeDim(d, dim)
        guard sizes.allSatisfy({ $0 >= 0 }) else {
            throw TensorError.runtime("split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes=\(formatShapeList(sizes))")
        }
        var total = 0, overflow = false
        for s in sizes {
            let (t, o) = total.addingReportingOverflow(s)
            total = t
            overflow = overflow || o
        }
        guard !overflow, total == shape[at] else {
            throw TensorError.runtime("split_with_sizes expects split_sizes to sum exactly to \(shape[at]) (input tensor's size at dimension \(at)), but got split_sizes=\(formatShapeList(sizes))")
        }
        return splitViews(at, sizes, name: "SplitWithSizesBackward0")
    }

    /// `chunk(chunks, dim=0)`: about `chunks` equal views along `dim` (fewer when the size
    /// does not divide), through `split`.
    public func chunk(_ chunks: Int, dim d: Int = 0) throws -> [Tensor] {
        guard dim > 0 else { throw TensorError.runtime("chunk expects at least a 1-dimensional tensor") }
        guard chunks > 0 else { throw TensorError.runtime("chunk expects `chunks` to be greater than 0, got: \(chunks)") }
        let at = try normalizeDim(d, dim)
        let size = shape[at]
        if size == 0 {
            guard chunks <= 1 << 20 else {
                throw TensorError.notImplemented("chunk of an empty dimension into more than 2**20 chunks is not supported by wick yet")
            }
            return try split(sizes: [Int](repeating: 0, count: chunks), dim: at)
        }
        return try split((size - 1) / chunks + 1, dim: at)
    }

    /// `unbind(dim=0)`: the slices along `dim`, without that dimension (UnbindBackward0).
    public func unbind(dim d: Int = 0) throws -> [Tensor] {
        guard dim > 0 else { throw TensorError.index("Dimension specified as 0 but tensor has no dimensions") }
        let at = try normalizeDim(d, dim)
        var viewShape = shape, viewStrides = strides
        viewShape.remove(at: at)
        viewStrides.remove(at: at)
        let outs = (0..<shape[at]).map { i in
            makeView(shape: viewShape, strides: viewStrides, offset: storageOffset + i * strides[at], op: "UnbindBackward0")
        }
        recordOp("UnbindBackward0", inputs: [self], outputs: outs) { g, _ in [try Tensor.stack(g, dim: at)] }
        return outs
    }

    /// Views of consecutive `sizes` along dimension `at`, recorded as one multi-output node.
    private func splitViews(_ at: Int, _ sizes: [Int], name: String) -> [Tensor] {
        var start = 0
        let outs = sizes.map { size -> Tensor in
            var s = shape
            s[at] = size
            defer { start += size }
            return makeView(shape: s, strides: strides, offset: storageOffset + start * strides[at], op: name)
        }
        recordOp(name, inputs: [self], outputs: outs) { g, _ in [try Tensor.cat(g, dim: at)] }
        return outs
    }
}
