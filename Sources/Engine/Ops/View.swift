/// View ops: results share storage with their input (writes show through), as in PyTorch.
extension Tensor {
    /// A view of this tensor's storage with new geometry, sharing the version counter.
    /// `op` names the view's grad_fn, for error messages about views made under `no_grad`.
    func makeView(shape: [Int], strides: [Int], offset: Int? = nil, op: String? = nil) -> Tensor {
        let view = Tensor(storage: storage, shape: shape, strides: strides, offset: offset ?? storageOffset,
                          version: version, base: base ?? self)
        view.trackView(parent: self, op: op)
        return view
    }

    /// `view(*shape)`: same data, new shape; one dimension may be -1. Fails, as in PyTorch,
    /// when the strides cannot express the new shape without a copy.
    public func view(_ newShape: [Int]) throws -> Tensor {
        let target = try inferShape(newShape)
        guard let newStrides = viewStrides(for: target) else {
            throw TensorError.runtime("view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.")
        }
        let out = makeView(shape: target, strides: newStrides, op: "ViewBackward0")
        let inputShape = shape
        recordOp("ViewBackward0", inputs: [self], outputs: [out]) { g, _ in [try g[0].reshape(inputShape)] }
        return out
    }

    /// `reshape(*shape)`: a view when the strides allow, else a copy (PyTorch clones, then
    /// `_unsafe_view`s the clone: UnsafeViewBackward0 over CloneBackward0).
    public func reshape(_ newShape: [Int]) throws -> Tensor {
        let target = try inferShape(newShape)
        if viewStrides(for: target) != nil { return try view(target) }
        let copy = clone(contiguous: true)
        let out = Tensor(storage: copy.storage, shape: target, strides: contiguousStrides(target))
        let copyShape = copy.shape
        recordOp("UnsafeViewBackward0", inputs: [copy], outputs: [out]) { g, _ in [try g[0].reshape(copyShape)] }
        return out
    }

    /// Resolves one -1 in a requested shape and checks the element count (PyTorch's
    /// `infer_size`, with its messages).
    func inferShape(_ requested: [Int]) throws -> [Int] { try inferSize(requested, numel: numel) }

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
    /// a size. Always a new view (ExpandBackward0), even to the same shape.
    public func expand(_ sizes: [Int]) throws -> Tensor {
        guard sizes.count >= dim else {
            throw TensorError.runtime("expand(\(dtype.legacyTypeName){\(formatShapeList(shape))}, size=\(formatShapeList(sizes))): the number of sizes provided (\(sizes.count)) must be greater or equal to the number of dimensions in the tensor (\(dim))")
        }
        let lead = sizes.count - dim
        var newShape = sizes, newStrides = [Int](repeating: 0, count: sizes.count)
        for i in stride(from: sizes.count - 1, through: 0, by: -1) {
            if i < lead {
                guard sizes[i] != -1 else {
                    throw TensorError.runtime("The expanded size of the tensor (-1) isn't allowed in a leading, non-existing dimension \(i)")
                }
                guard sizes[i] >= 0 else { throw TensorError.runtime("numel: integer multiplication overflow") }
                continue
            }
            let own = shape[i - lead]
            if sizes[i] == -1 { newShape[i] = own }
            if own == newShape[i] {
                newStrides[i] = strides[i - lead]
            } else if own == 1 {
                guard newShape[i] >= 0 else { throw TensorError.runtime("numel: integer multiplication overflow") }
                newStrides[i] = 0
            } else {
                throw TensorError.runtime("The expanded size of the tensor (\(newShape[i])) must match the existing size (\(own)) at non-singleton dimension \(i).  Target sizes: \(formatShapeList(sizes)).  Tensor sizes: \(formatShapeList(shape))")
            }
        }
        try checkShape(newShape)
        let out = makeView(shape: newShape, strides: newStrides, op: "ExpandBackward0")
        let inputShape = shape
        recordOp("ExpandBackward0", inputs: [self], outputs: [out]) { g, _ in [try g[0].sumToSize(inputShape)] }
        return out
    }

    /// `unsqueeze(dim)`: inserts a size-1 dimension.
    public func unsqueeze(_ d: Int) throws -> Tensor {
        let at = try normalizeDim(d, dim + 1)
        var newShape = shape, newStrides = strides
        newShape.insert(1, at: at)
        newStrides.insert(at < dim ? shape[at] &* strides[at] : 1, at: at)
        let out = makeView(shape: newShape, strides: newStrides, op: "UnsqueezeBackward0")
        recordOp("UnsqueezeBackward0", inputs: [self], outputs: [out]) { g, _ in [try g[0].squeeze(at)] }
        return out
    }

    /// `squeeze()`: drops every size-1 dimension.
    public func squeeze() throws -> Tensor {
        let keep = shape.indices.filter { shape[$0] != 1 }
        let out = makeView(shape: keep.map { shape[$0] }, strides: keep.map { strides[$0] }, op: "SqueezeBackward0")
        let inputShape = shape
        recordOp("SqueezeBackward0", inputs: [self], outputs: [out]) { g, _ in [try g[0].reshape(inputShape)] }
        return out
    }

    /// `squeeze(dim)`: drops dimension `dim` if its size is 1.
    public func squeeze(_ d: Int) throws -> Tensor {
        let at = try normalizeDim(d, dim)
        guard dim > 0, shape[at] == 1 else {
            let out = makeView(shape: shape, strides: strides, op: "SqueezeBackward1")
            recordOp("SqueezeBackward1", inputs: [self], outputs: [out]) { g, _ in [g[0]] }
            return out
        }
        var newShape = shape, newStrides = strides
        newShape.remove(at: at)
        newStrides.remove(at: at)
        let out = makeView(shape: newShape, strides: newStrides, op: "SqueezeBackward1")
        recordOp("SqueezeBackward1", inputs: [self], outputs: [out]) { g, _ in [try g[0].unsqueeze(at)] }
        return out
    }

    /// `squeeze(dims)` with a tuple: drops those of `dims` that have size 1 (SqueezeBackward2).
    public func squeeze(dims: [Int]) throws -> Tensor {
        var drop = Set<Int>()
        for d in dims {
            let at = try normalizeDim(d, dim)
            guard drop.insert(at).inserted else {
                throw TensorError.runtime("dim \(at) appears multiple times in the list of dims")
            }
        }
        let keep = shape.indices.filter { !(drop.contains($0) && shape[$0] == 1) }
        let out = makeView(shape: keep.map { shape[$0] }, strides: keep.map { strides[$0] }, op: "SqueezeBackward2")
        let inputShape = shape
        recordOp("SqueezeBackward2", inputs: [self], outputs: [out]) { g, _ in [try g[0].reshape(inputShape)] }
        return out
    }

    /// `permute(*dims)`: reorders dimensions.
    public func permute(_ dims: [Int]) throws -> Tensor {
        guard dims.count == dim else {
            throw TensorError.runtime("permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = \(dim) is not equal to len(dims) = \(dims.count)")
        }
        let order = try dims.map { try normalizeDim($0, dim) }
        guard Set(order).count == order.count else { throw TensorError.runtime("permute(): duplicate dims are not allowed.") }
        let out = makeView(shape: order.map { shape[$0] }, strides: order.map { strides[$0] }, op: "PermuteBackward0")
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
        let out = makeView(shape: newShape, strides: newStrides, op: "TransposeBackward0")
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
        let out = makeView(shape: newShape, strides: newStrides, op: "TBackward0")
        recordOp("TBackward0", inputs: [self], outputs: [out]) { g, _ in [try g[0].t()] }
        return out
    }

    /// `.T`: all dimensions reversed (PermuteBackward0). Like PyTorch, warns once that this
    /// is deprecated for tensors that are not 2-d.
    public var T: Tensor {
        get throws {
            if dim == 0 && !Tensor.warnedTOn0d {
                Tensor.warnedTOn0d = true
                Autograd.warn("Tensor.T is deprecated on 0-D tensors. This function is the identity in these cases. (Triggered internally at /__w/pytorch/pytorch/aten/src/ATen/native/TensorShape.cpp:4313.)")
            } else if dim != 2 && dim != 0 && !Tensor.warnedTOnNot2d {
                Tensor.warnedTOnNot2d = true
                Autograd.warn("The use of `x.T` on tensors of dimension other than 2 to reverse their shape is deprecated and it will throw an error in a future release. Consider `x.mT` to transpose batches of matrices or `x.permute(*torch.arange(x.ndim - 1, -1, -1))` to reverse the dimensions of a tensor. (Triggered internally at /__w/pytorch/pytorch/aten/src/ATen/native/TensorShape.cpp:4306.)")
            }
            return try permute(Array((0..<dim).reversed()))
        }
    }

    nonisolated(unsafe) static var warnedTOn0d = false
    nonisolated(unsafe) static var warnedTOnNot2d = false

    /// `.mT`: the last two dimensions swapped (a batch of matrices transposed).
    public var mT: Tensor {
        get throws {
            guard dim >= 2 else {
                throw TensorError.runtime("tensor.mT is only supported on matrices or batches of matrices. Got \(dim)-D tensor.")
            }
            return try transpose(-2, -1)
        }
    }

    /// `contiguous()`: this tensor if already contiguous, else a row-major copy
    /// (CloneBackward0).
    public func contiguous() -> Tensor {
        if isContiguous { return self }
        return clone(contiguous: true)
    }

    /// `clone()`: a copy with its own storage, laid out as this tensor is when it is dense
    /// (a transposed tensor clones to a transposed layout, as in PyTorch), else row-major.
    public func clone() -> Tensor { clone(contiguous: false) }

    /// `clone(memory_format=torch.contiguous_format)` when `contiguous`.
    func clone(contiguous: Bool) -> Tensor {
        let out = contiguous ? contiguousCopy() : emptyLikePreservingLayout()
        if !contiguous { out.copyElements(from: self) }
        recordOp("CloneBackward0", inputs: [self], outputs: [out]) { g, _ in [g[0]] }
        return out
    }

    /// This tensor's dims from outermost to innermost in the order PyTorch's TensorIterator
    /// walks it as an output: memory order (larger strides outside), ties and broadcast dims
    /// keeping row-major order. Random fills draw in this order; `empty_like` lays out in it.
    func iterationPermutation() -> [Int] {
        var perm = Array((0..<dim).reversed())  // perm[0] is the innermost dim
        func shouldSwap(_ d0: Int, _ d1: Int) -> Int {
            let (s0, s1) = (strides[d0], strides[d1])
            if s0 == 0 || s1 == 0 { return 0 }
            if s0 != s1 { return s0 < s1 ? -1 : 1 }
            return shape[d0] > shape[d1] ? 1 : 0
        }
        for i in perm.indices.dropFirst() {
            var dim1 = i
            for dim0 in stride(from: i - 1, through: 0, by: -1) {
                let c = shouldSwap(perm[dim0], perm[dim1])
                if c > 0 {
                    perm.swapAt(dim0, dim1)
                    dim1 = dim0
                } else if c < 0 {
                    break
                }
            }
        }
        return perm.reversed()
    }

    /// A new tensor of this shape and dtype (elements to be written by the caller) with
    /// `empty_like`'s layout: this tensor's strides when it is dense and free of overlap,
    /// else dense strides in the order of this tensor's strides (PyTorch's
    /// `infer_dense_strides`).
    func emptyLikePreservingLayout(dtype: DType? = nil) -> Tensor {
        let dtype = dtype ?? self.dtype
        if isContiguous { return Tensor.uninitialized(shape, dtype: dtype) }
        let n = dim
        var out = [Int](repeating: 0, count: n)
        if isNonOverlappingAndDense(self) {
            out = strides
        } else {
            var running = 1
            for d in iterationPermutation().reversed() {
                out[d] = running
                if shape[d] > 1 { running *= shape[d] }
            }
        }
        return Tensor(storage: Storage(uninitializedCount: numel, dtype: dtype), shape: shape, strides: out)
    }
}

/// Resolves one -1 in `requested` for `numel` elements, with PyTorch's `infer_size` messages.
func inferSize(_ requested: [Int], numel: Int) throws -> [Int] {
    var shape = requested
    var inferred: Int?
    var known = 1, overflow = false
    for (i, s) in requested.enumerated() {
        if s == -1 {
            guard inferred == nil else { throw TensorError.runtime("only one dimension can be inferred") }
            inferred = i
        } else if s >= 0 {
            let (p, o) = known.multipliedReportingOverflow(by: s)
            known = p
            overflow = overflow || o
        } else {
            throw TensorError.runtime("invalid shape dimension \(s) at index \(i) of shape \(formatShapeList(requested))")
        }
    }
    if !overflow && (numel == known || (inferred != nil && known > 0 && numel % known == 0)) {
        if let i = inferred {
            guard known != 0 else {
                throw TensorError.runtime("cannot reshape tensor of 0 elements into shape \(formatShapeList(requested)) because the unspecified dimension size -1 can be any value and is ambiguous")
            }
            shape[i] = numel / known
        }
        return shape
    }
    throw TensorError.runtime("shape '\(formatShapeList(requested))' is invalid for input of size \(numel)")
}
