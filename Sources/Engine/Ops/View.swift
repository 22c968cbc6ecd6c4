/// View ops: results share storage with their input (writes show through), as in PyTorch.
extension Tensor {
    /// A view of this tensor's storage with new geometry, sharing the version counter.
    func makeView(shape: [Int], strides: [Int], offset: Int? = nil) -> Tensor {
        Tensor(storage: storage, shape: shape, strides: strides, offset: offset ?? storageOffset,
               version: version, base: base ?? self)
    }

    /// `view(*shape)`: same data, new shape; one dimension may be -1. Fails, as in PyTorch,
    /// when the strides cannot express the new shape without a copy.
    public func view(_ newShape: [Int]) throws -> Tensor {
        let target = try inferShape(newShape)
        guard let newStrides = viewStrides(for: target) else {
            throw TensorError.runtime("view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.")
        }
        let out = makeView(shape: target, strides: newStrides)
        let inputShape = shape
        recordOp("ViewBackward0", inputs: [self], outputs: [out]) { g, _ in [try g[0].reshape(inputShape)] }
        return out
    }

    /// `reshape(*shape)`: a view when the strides allow, else a copy.
    public func reshape(_ newShape: [Int]) throws -> Tensor {
        let target = try inferShape(newShape)
        if viewStrides(for: target) != nil { return try view(target) }
        let copy = contiguousCopy()
        let out = copy.makeView(shape: target, strides: contiguousStrides(target))
        out.base = nil
        let inputShape = shape
        recordOp("UnsafeViewBackward0", inputs: [self], outputs: [out]) { g, _ in [try g[0].reshape(inputShape)] }
        return out
    }

    /// Resolves one -1 in a requested shape and checks the element count.
    func inferShape(_ requested: [Int]) throws -> [Int] {
        var shape = requested
        let inferred = requested.indices.filter { requested[$0] == -1 }
        guard inferred.count <= 1 else { throw TensorError.runtime("only one dimension can be inferred") }
        for s in requested where s < -1 { throw TensorError.runtime("invalid shape dimension \(s)") }
        let known = requested.filter { $0 != -1 }.reduce(1, *)
        if let i = inferred.first {
            guard known != 0, numel % known == 0 else {
                throw TensorError.runtime("shape '\(formatShapeList(requested))' is invalid for input of size \(numel)")
            }
            shape[i] = numel / known
        }
        guard shape.reduce(1, *) == numel else {
            throw TensorError.runtime("shape '\(formatShapeList(requested))' is invalid for input of size \(numel)")
        }
        return shape
    }

    /// Strides that let `target` view this tensor's elements in row-major order, or nil when
    /// a copy is needed (PyTorch's `computeStride`).
    func viewStrides(for target: [Int]) -> [Int]? {
        if numel == 0 || isContiguous { return contiguousStrides(target) }
        var newStrides = [Int](repeating: 0, count: target.count)
        var viewD = target.count - 1
        var chunkBaseStride = strides.last ?? 1
        var tensorNumel = 1, viewNumel = 1
        var tensorD = dim - 1
        while tensorD >= 0 {
            tensorNumel *= shape[tensorD]
            if tensorD == 0 || (shape[tensorD - 1] != 1 && strides[tensorD - 1] != tensorNumel * chunkBaseStride) {
                while viewD >= 0 && (viewNumel < tensorNumel || target[viewD] == 1) {
                    newStrides[viewD] = viewNumel * chunkBaseStride
                    viewNumel *= target[viewD]
                    viewD -= 1
                }
                if viewNumel != tensorNumel { return nil }
                if tensorD > 0 {
                    chunkBaseStride = strides[tensorD - 1]
                    tensorNumel = 1
                    viewNumel = 1
                }
            }
            tensorD -= 1
        }
        return viewD == -1 ? newStrides : nil
    }

    /// `expand(*sizes)`: broadcasts size-1 dimensions without copying (stride 0); -1 keeps
    /// a size.
    public func expand(_ sizes: [Int]) throws -> Tensor {
        guard sizes.count >= dim else {
            throw TensorError.runtime("expand(\(dtype.legacyTypeName){\(formatShapeList(shape))}, size=\(formatShapeList(sizes))): the number of sizes provided (\(sizes.count)) must be greater or equal to the number of dimensions in the tensor (\(dim))")
        }
        if sizes == shape { return self }
        let lead = sizes.count - dim
        var newShape = sizes, newStrides = [Int](repeating: 0, count: sizes.count)
        for i in 0..<sizes.count {
            if i < lead {
                guard sizes[i] >= 0 else {
                    throw TensorError.runtime("The expanded size of the tensor (\(sizes[i])) isn't allowed in a leading, non-existing dimension \(i)")
                }
                continue
            }
            let own = shape[i - lead]
            if sizes[i] == -1 { newShape[i] = own }
            if own == newShape[i] {
                newStrides[i] = strides[i - lead]
            } else if own == 1 {
                newStrides[i] = 0
            } else {
                throw TensorError.runtime("The expanded size of the tensor (\(newShape[i])) must match the existing size (\(own)) at non-singleton dimension \(i).  Target sizes: \(formatShapeList(sizes)).  Tensor sizes: \(formatShapeList(shape))")
            }
        }
        let out = makeView(shape: newShape, strides: newStrides)
        let inputShape = shape
        recordOp("ExpandBackward0", inputs: [self], outputs: [out]) { g, _ in [try g[0].sumToSize(inputShape)] }
        return out
    }

    /// `unsqueeze(dim)`: inserts a size-1 dimension.
    public func unsqueeze(_ d: Int) throws -> Tensor {
        let at = try normalizeDim(d, dim + 1)
        var newShape = shape, newStrides = strides
        newShape.insert(1, at: at)
        newStrides.insert(at < dim ? shape[at] * strides[at] : 1, at: at)
        let out = makeView(shape: newShape, strides: newStrides)
        recordOp("UnsqueezeBackward0", inputs: [self], outputs: [out]) { g, _ in [try g[0].squeeze(at)] }
        return out
    }

    /// `squeeze()`: drops every size-1 dimension.
    public func squeeze() throws -> Tensor {
        let keep = shape.indices.filter { shape[$0] != 1 }
        let out = makeView(shape: keep.map { shape[$0] }, strides: keep.map { strides[$0] })
        let inputShape = shape
        recordOp("SqueezeBackward0", inputs: [self], outputs: [out]) { g, _ in [try g[0].reshape(inputShape)] }
        return out
    }

    /// `squeeze(dim)`: drops dimension `dim` if its size is 1.
    public func squeeze(_ d: Int) throws -> Tensor {
        let at = try normalizeDim(d, dim)
        guard dim > 0, shape[at] == 1 else {
            let out = makeView(shape: shape, strides: strides)
            recordOp("SqueezeBackward1", inputs: [self], outputs: [out]) { g, _ in [g[0]] }
            return out
        }
        var newShape = shape, newStrides = strides
        newShape.remove(at: at)
        newStrides.remove(at: at)
        let out = makeView(shape: newShape, strides: newStrides)
        recordOp("SqueezeBackward1", inputs: [self], outputs: [out]) { g, _ in [try g[0].unsqueeze(at)] }
        return out
    }

    /// `permute(*dims)`: reorders dimensions.
    public func permute(_ dims: [Int]) throws -> Tensor {
        guard dims.count == dim else {
            throw TensorError.runtime("permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = \(dim) is not equal to len(dims) = \(dims.count)")
        }
        let order = try dims.map { try normalizeDim($0, dim) }
        guard Set(order).count == order.count else { throw TensorError.runtime("permute(): duplicate dims are not allowed.") }
        let out = makeView(shape: order.map { shape[$0] }, strides: order.map { strides[$0] })
        var inverse = [Int](repeating: 0, count: dim)
        for (i, d) in order.enumerated() { inverse[d] = i }
        recordOp("PermuteBackward0", inputs: [self], outputs: [out]) { g, _ in [try g[0].permute(inverse)] }
        return out
    }

    /// `transpose(dim0, dim1)`: swaps two dimensions.
    public func transpose(_ d0: Int, _ d1: Int) throws -> Tensor {
        let a = try normalizeDim(d0, dim), b = try normalizeDim(d1, dim)
        var newShape = shape, newStrides = strides
        if dim > 0 {
            newShape.swapAt(a, b)
            newStrides.swapAt(a, b)
        }
        let out = makeView(shape: newShape, strides: newStrides)
        recordOp("TransposeBackward0", inputs: [self], outputs: [out]) { g, _ in [try g[0].transpose(a, b)] }
        return out
    }

    /// `t()`: transposes a tensor of at most 2 dimensions.
    public func t() throws -> Tensor {
        guard dim <= 2 else {
            throw TensorError.runtime("t() expects a tensor with <= 2 dimensions, but self is \(dim)D")
        }
        var newShape = shape, newStrides = strides
        newShape.reverse()
        newStrides.reverse()
        let out = makeView(shape: newShape, strides: newStrides)
        recordOp("TBackward0", inputs: [self], outputs: [out]) { g, _ in [try g[0].t()] }
        return out
    }

    /// `contiguous()`: this tensor if already contiguous, else a row-major copy.
    public func contiguous() -> Tensor {
        if isContiguous { return self }
        return clone()
    }

    /// `clone()`: a contiguous copy with its own storage.
    public func clone() -> Tensor {
        let out = contiguousCopy()
        recordOp("CloneBackward0", inputs: [self], outputs: [out]) { g, _ in [g[0]] }
        return out
    }
}
