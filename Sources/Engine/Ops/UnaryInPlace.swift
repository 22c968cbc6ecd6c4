/// The writes that replace a tensor's values: `zero_`, `fill_` and `copy_` (with broadcasting
/// and dtype conversion; the gradient flows to the source, as PyTorch's `CopyBackwards`).
extension Tensor {
    /// `zero_()`: sets every element to 0.
    @discardableResult
    public func zeroInPlace() throws -> Tensor {
        try beginOverwrite()
        if isContiguous {
            storage.bytes.advanced(by: storageOffset * dtype.itemSize).initializeMemory(as: UInt8.self, repeating: 0, count: numel * dtype.itemSize)
        } else {
            copyElements(from: Tensor(scalar: .int(0), dtype: dtype))
        }
        bumpVersion()
        try recordInPlace("ZeroBackward0", others: []) { g, _ in [try g[0].zerosLike()] }
        return self
    }

    /// `fill_(value)`: sets every element to a number (converted as C casts do: 2.9 fills
    /// an int64 tensor with 2).
    @discardableResult
    public func fillInPlace(_ value: Scalar) throws -> Tensor {
        try beginOverwrite()
        copyElements(from: Tensor(scalar: value, dtype: dtype))
        bumpVersion()
        try recordInPlace("FillBackward2", others: []) { g, _ in [try g[0].zerosLike()] }
        return self
    }

    /// `fill_(value)` with a 0-d tensor; a value that requires grad receives the sum of the
    /// gradient.
    @discardableResult
    public func fillInPlace(_ value: Tensor) throws -> Tensor {
        guard value.dim == 0 else {
            throw TensorError.runtime("fill_ only supports 0-dimension value tensor but got tensor with \(value.dim) dimensions.")
        }
        try beginOverwrite()
        copyElements(from: value)
        bumpVersion()
        try recordInPlace("FillBackward3", others: [value]) { g, _ in [try g[0].zerosLike(), try g[0].sum()] }
        return self
    }

    /// `copy_(src)`: copies `src` (broadcast to this shape, converted to this dtype) into this
    /// tensor. Gradients flow to `src`; this tensor's previous value gets none.
    @discardableResult
    public func copyInPlace(_ source: Tensor) throws -> Tensor {
        let broadcast = try broadcastShapes(shape, source.shape)
        guard broadcast == shape else {
            throw TensorError.runtime("output with shape \(formatShapeList(shape)) doesn't match the broadcast shape \(formatShapeList(broadcast))")
        }
        try beginOverwrite()
        try checkNoPartialOverlap(with: source)
        // A source that shares this memory in a way the overlap check cannot judge (a strided
        // view) is read from a snapshot.
        copyElements(from: source.storage === storage ? source.contiguousCopy() : source)
        bumpVersion()
        if dtype.isFloatingPoint {
            let sourceNeeds = source.requiresGrad
            try recordInPlace("CopyBackwards", others: [source]) { g, _ in
                [try g[0].zerosLike(), sourceNeeds ? g[0] : nil]
            }
        }
        return self
    }

    /// The checks shared by the overwriting ops.
    private func beginOverwrite() throws {
        try checkInPlace()
        try checkNoInternalOverlap()
    }
}
