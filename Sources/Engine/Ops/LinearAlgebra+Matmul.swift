/// `matmul` and the `<*>` operator (Python's `@`).
///
/// matmul is a composite op in PyTorch: it has no node of its own but decomposes into dot,
/// mv, mm or bmm plus views, expands and copies, and a learner walking `grad_fn` sees those
/// nodes (`UnsafeViewBackward0` over `MmBackward0` over `ViewBackward0`, …). The decomposition
/// below follows PyTorch 2.15's `_matmul_impl` step by step so that the graph, the results
/// and the error messages are PyTorch's.

/// Matrix product, Python's `@`: `a <*> b` is `a.matmul(b)`. It binds like `*`.
infix operator <*>: MultiplicationPrecedence

extension Tensor {
    /// `a @ b`: Python's matrix-multiplication operator, spelled `<*>` in Swift (`@` is not an
    /// operator character). Same as `a.matmul(b)`.
    public static func <*> (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.matmul(rhs) }

    /// `torch.matmul(input, other)`.
    public static func matmul(_ input: Tensor, _ other: Tensor) throws -> Tensor { try input.matmul(other) }

    /// `torch.matmul(self, other)`: the matrix product with NumPy's rules.
    ///
    /// - 1-d · 1-d: `dot`; 2-d · 1-d: `mv`; 1-d · 2-d: a row vector times the matrix; 2-d · 2-d: `mm`.
    /// - Beyond 2 dimensions the leading dimensions are batch dimensions and broadcast; a 1-d
    ///   operand gets a dimension prepended (left) or appended (right) that is removed again.
    public func matmul(_ other: Tensor) throws -> Tensor {
        let (dim1, dim2) = (dim, other.dim)
        guard dim1 != 0 && dim2 != 0 else {
            throw TensorError.runtime("both arguments to matmul need to be at least 1D, but they are \(dim1)D and \(dim2)D")
        }
        switch (dim1, dim2) {
        case (1, 1): return try dot(other)
        case (2, 1): return try mv(other)
        case (1, 2): return try unsqueeze(0).mm(other).squeezedInPlaceLike(0)
        case (2, 2): return try mm(other)
        default: break
        }
        if shouldFold(other) { return try foldedMatmul(other) }
        return try batchedMatmul(other)
    }

    /// PyTorch's `should_fold`: whether the larger operand's batch can be folded into the rows
    /// of one matrix, so that one mm/mv replaces a bmm. Always when the smaller operand needs
    /// a gradient (its gradient is then one mm instead of a batch summed down).
    private func shouldFold(_ other: Tensor) -> Bool {
        let selfLarger = dim >= other.dim
        var shape1 = selfLarger ? shape : other.shape
        var strides1 = selfLarger ? strides : other.strides
        if !selfLarger {  // other.mT
            shape1.swapAt(shape1.count - 1, shape1.count - 2)
            strides1.swapAt(strides1.count - 1, strides1.count - 2)
        }
        let smallDim = selfLarger ? other.dim : dim
        guard shape1.count >= 3 && smallDim <= 2 else { return false }
        if (selfLarger ? other : self).requiresGrad { return true }
        if dim == 2 { return false }
        // Fold when t1.view(-1, t1.size(-1)) needs no copy (size-1 dimensions' strides do not
        // matter, as PyTorch 2.15 decides).
        let larger = Tensor(storage: storage, shape: shape1, strides: strides1)
        return larger.viewStrides(for: [shape1.dropLast().reduce(1, *), shape1[shape1.count - 1]]) != nil
    }

    /// An N-d (N ≥ 3) operand against a 1-d or 2-d one: fold the batch into rows, mm or mv,
    /// and view the result back (transposing when the large operand was on the right).
    private func foldedMatmul(_ other: Tensor) throws -> Tensor {
        let transpose = other.dim > dim
        let t1 = transpose ? try other.transpose(-2, -1) : self
        let t2 = !transpose ? other : (dim == 2 ? try t() : self)
        let sizes1 = t1.shape
        var outputShape = Array(sizes1.dropLast())
        let foldedRows = outputShape.reduce(1, *)
        let lastSize = sizes1[sizes1.count - 1]
        let t1Folded = try t1.reshapeAsPyTorch([foldedRows, lastSize])
        if t2.dim == 2 {
            outputShape.append(t2.shape[1])
            let output = try t1Folded.mm(t2).unsafeView(outputShape)
            return transpose ? try output.transpose(-2, -1).contiguous() : output
        }
        return try t1Folded.mv(t2).unsafeView(outputShape)
    }

    /// The general case: broadcast the batch dimensions, flatten them into one and call bmm.
    private func batchedMatmul(_ other: Tensor) throws -> Tensor {
        let (dim1, dim2) = (dim, other.dim)
        let n = dim1 > 1 ? shape[dim1 - 2] : 1
        let m1 = shape[dim1 - 1]
        let batch1 = Array(shape.prefix(Swift.max(dim1 - 2, 0)))
        let m2 = dim2 > 1 ? other.shape[dim2 - 2] : other.shape[0]
        let p = dim2 > 1 ? other.shape[dim2 - 1] : 1
        let batch2 = Array(other.shape.prefix(Swift.max(dim2 - 2, 0)))

        // A batch of one against a larger batch: squeeze it and take the folding path instead,
        // so that its gradient is not a broadcast batch summed down.
        if dim1 == 3 && dim2 == 3 && batch1[0] != batch2[0] {
            if batch1[0] == 1 && requiresGrad { return try squeeze(0).matmul(other) }
            if batch2[0] == 1 && other.requiresGrad { return try matmul(other.squeeze(0)) }
        }

        var outputShape = try broadcastShapes(batch1, batch2)
        let batchCount = outputShape.reduce(1, *)
        let expanded1 = try expandRecorded(outputShape + [n, m1]).reshapeAsPyTorch([batchCount, n, m1])
        let vectorRhs = dim2 == 1
        var expanded2 = try other.expandRecorded(outputShape + (vectorRhs ? [m2] : [m2, p]))
        expanded2 = vectorRhs ? try expanded2.reshapeAsPyTorch([batchCount, m2]).unsqueeze(2)
                              : try expanded2.reshapeAsPyTorch([batchCount, m2, p])
        if dim1 > 1 { outputShape.append(n) }
        if dim2 > 1 { outputShape.append(p) }
        let product = try expanded1.bmm(expanded2)
        return try (vectorRhs ? product.squeeze(-1) : product).unsafeView(outputShape)
    }
}

// MARK: - The view steps of the decomposition, with PyTorch's node for each

extension Tensor {
    /// `reshape` exactly as PyTorch records it: `ViewBackward0` for a contiguous tensor,
    /// `ReshapeAliasBackward0` for another strided view, else a copy (`CloneBackward0`) viewed
    /// by `UnsafeViewBackward0`.
    func reshapeAsPyTorch(_ newShape: [Int]) throws -> Tensor {
        if isContiguous { return try view(newShape) }
        let target = try inferShape(newShape)
        guard let newStrides = viewStrides(for: target) else { return try clone().unsafeView(target) }
        let out = makeView(shape: target, strides: newStrides)
        let inputShape = shape
        recordOp("ReshapeAliasBackward0", inputs: [self], outputs: [out]) { g, _ in [try g[0].reshape(inputShape)] }
        return out
    }

    /// `_unsafe_view`: a new shape over this contiguous result, recorded as
    /// `UnsafeViewBackward0`. The result is not a view: it owns the data for autograd.
    func unsafeView(_ newShape: [Int]) throws -> Tensor {
        let source = isContiguous ? self : contiguousCopy()
        guard newShape.reduce(1, *) == numel else {
            throw TensorError.runtime("shape '\(formatShapeList(newShape))' is invalid for input of size \(numel)")
        }
        let out = Tensor(storage: source.storage, shape: newShape, strides: contiguousStrides(newShape),
                         offset: source.storageOffset, version: version)
        let inputShape = shape
        recordOp("UnsafeViewBackward0", inputs: [self], outputs: [out]) { g, _ in [try g[0].reshape(inputShape)] }
        return out
    }

    /// `expand` that records `ExpandBackward0` even when the size does not change, as
    /// PyTorch's does.
    func expandRecorded(_ sizes: [Int]) throws -> Tensor {
        guard sizes == shape else { return try expand(sizes) }
        let out = makeView(shape: shape, strides: strides)
        let inputShape = shape
        recordOp("ExpandBackward0", inputs: [self], outputs: [out]) { g, _ in [try g[0].sumToSize(inputShape)] }
        return out
    }

    /// PyTorch's `squeeze_(dim)` on a fresh product (`SqueezeBackward4`): the size-1
    /// dimension goes, and the result is not a view of anything the caller holds.
    func squeezedInPlaceLike(_ d: Int) throws -> Tensor {
        var newShape = shape, newStrides = strides
        if d >= 0 && d < dim && shape[d] == 1 {
            newShape.remove(at: d)
            newStrides.remove(at: d)
        }
        let out = Tensor(storage: storage, shape: newShape, strides: newStrides, offset: storageOffset, version: version)
        let inputShape = shape
        recordOp("SqueezeBackward4", inputs: [self], outputs: [out]) { g, _ in [try g[0].reshape(inputShape)] }
        return out
    }
}
