/// Shape ops built on views or on one copy: flatten, unflatten, expand_as, repeat, flip,
/// tril and triu.
extension Tensor {
    /// `flatten(start_dim=0, end_dim=-1)`: merges dimensions `startDim...endDim` into one
    /// (a view when the strides allow, else a copy, as `reshape`).
    public func flatten(startDim: Int = 0, endDim: Int = -1) throws -> Tensor {
        let start = try normalizeDim(startDim, dim), end = try normalizeDim(endDim, dim)
        guard start <= end else {
            throw TensorError.runtime("flatten() has invalid args: start_dim cannot come after end_dim")
        }
        if dim == 0 { return try reshape([1]) }
        if start == end { return self }
        let merged = shape[start...end].reduce(1, *)
        return try reshape(Array(shape[..<start]) + [merged] + Array(shape[(end + 1)...]))
    }

    /// `unflatten(dim, sizes)`: splits dimension `dim` into `sizes` (one may be -1); a view.
    public func unflatten(dim d: Int, sizes: [Int]) throws -> Tensor {
        guard dim > 0 else { throw TensorError.index("Dimension specified as 0 but tensor has no dimensions") }
        let at = try normalizeDim(d, dim)
        guard !sizes.isEmpty else { throw TensorError.runtime("unflatten: sizes must be non-empty") }
        let inferred: [Int]
        do {
            inferred = try inferSize(sizes, numel: shape[at])
        } catch let error as TensorError {
            guard error.message.contains("is invalid for input of size") else {
                throw TensorError.runtime("unflatten got an unexpected error:\n" + error.message)
            }
            throw TensorError.runtime("unflatten: Provided sizes \(formatShapeList(sizes)) don't multiply up to the size of dim \(at) (\(shape[at])) in the input tensor")
        }
        return try view(Array(shape[..<at]) + inferred + Array(shape[(at + 1)...]))
    }

    /// `expand_as(other)`: `expand(other.shape)`.
    public func expandAs(_ other: Tensor) throws -> Tensor { try expand(other.shape) }

    /// `repeat(*sizes)`: tiles the tensor `sizes[i]` times along each dimension (new leading
    /// dimensions when `sizes` is longer than the shape). Always a copy.
    public func `repeat`(_ repeats: [Int]) throws -> Tensor {
        guard repeats.count >= dim else {
            throw TensorError.runtime("Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor")
        }
        let padded = [Int](repeating: 1, count: repeats.count - dim) + shape
        var target: [Int] = []
        for (s, r) in zip(padded, repeats) {
            let (p, overflow) = s.multipliedReportingOverflow(by: r)
            target.append(overflow ? Int.max : p)
        }
        try checkShape(target)
        let out = Tensor.uninitialized(target, dtype: dtype)
        if out.numel > 0 {
            // out viewed as [r0, s0, r1, s1, ...] is the input broadcast along every r.
            var tiledShape: [Int] = [], sourceShape: [Int] = [], sourceStrides: [Int] = []
            let padStrides = [Int](repeating: 0, count: repeats.count - dim) + strides
            for i in repeats.indices {
                tiledShape += [repeats[i], padded[i]]
                sourceShape += [1, padded[i]]
                sourceStrides += [0, padStrides[i]]
            }
            let tiled = Tensor(storage: out.storage, shape: tiledShape, strides: contiguousStrides(tiledShape))
            tiled.copyElements(from: Tensor(storage: storage, shape: sourceShape, strides: sourceStrides, offset: storageOffset))
        }
        let inputShape = shape, padCount = repeats.count - dim
        recordOp("RepeatBackward0", inputs: [self], outputs: [out]) { g, _ in
            var split: [Int] = []
            for i in repeats.indices { split += [repeats[i], padded[i]] }
            let summed = try g[0].reshape(split).sum(dims: repeats.indices.map { 2 * $0 })
            return [padCount == 0 && summed.shape == inputShape ? summed : try summed.reshape(inputShape)]
        }
        return out
    }

    /// `flip(dims)`: a copy with the order of elements reversed along `dims` (laid out as this
    /// tensor is, like `clone`).
    public func flip(_ dims: [Int]) throws -> Tensor {
        var flipped = Set<Int>()
        for d in dims {
            let at = try normalizeDim(d, dim)
            guard flipped.insert(at).inserted else {
                throw TensorError.runtime("dim \(at) appears multiple times in the list of dims")
            }
        }
        var offset = storageOffset, newStrides = strides
        for d in flipped where dim > 0 && shape[d] > 0 {
            offset += (shape[d] - 1) * strides[d]
            newStrides[d] = -strides[d]
        }
        let out = emptyLikePreservingLayout()
        out.copyElements(from: Tensor(storage: storage, shape: shape, strides: newStrides, offset: offset))
        recordOp("FlipBackward0", inputs: [self], outputs: [out]) { g, _ in [try g[0].flip(dims)] }
        return out
    }

    /// `tril(diagonal=0)`: the lower triangle of the last two dimensions; elements above
    /// diagonal `diagonal` are zeroed.
    public func tril(diagonal: Int = 0) throws -> Tensor { try triangle(lower: true, diagonal) }

    /// `triu(diagonal=0)`: the upper triangle of the last two dimensions; elements below
    /// diagonal `diagonal` are zeroed.
    public func triu(diagonal: Int = 0) throws -> Tensor { try triangle(lower: false, diagonal) }

    private func triangle(lower: Bool, _ k: Int) throws -> Tensor {
        let name = lower ? "tril" : "triu"
        guard dim >= 2 else { throw TensorError.runtime("\(name): input tensor must have at least 2 dimensions") }
        let out = contiguousCopy()
        let rows = shape[dim - 2], cols = shape[dim - 1]
        let k = Swift.max(Swift.min(k, rows + cols), -(rows + cols))
        let matrices = rows * cols == 0 ? 0 : out.numel / (rows * cols)
        func zero<T: Element>(_: T.Type) {
            let p = out.storage.pointer(T.self)
            for m in 0..<matrices {
                for i in 0..<rows {
                    // Zero columns j with j - i > k (tril) or j - i < k (triu), clamped to the row.
                    let bound = Swift.min(Swift.max(i + k + (lower ? 1 : 0), 0), cols)
                    let range = lower ? bound..<cols : 0..<bound
                    let row = p + (m * rows + i) * cols
                    for j in range { row[j] = T.zero }
                }
            }
        }
        switch dtype {
        case .float32: zero(Float.self)
        case .float64: zero(Double.self)
        case .int64: zero(Int64.self)
        case .int32: zero(Int32.self)
        case .bool: zero(Bool.self)
        }
        recordOp(lower ? "TrilBackward0" : "TriuBackward0", inputs: [self], outputs: [out]) { g, _ in
            [lower ? try g[0].tril(diagonal: k) : try g[0].triu(diagonal: k)]
        }
        return out
    }
}

extension GradcheckCase {
    /// Shape ops (Ops/ShapeOps.swift, Ops/ShapeOps+Join.swift, Ops/View.swift additions).
    static let shapeOps: [GradcheckCase] = [
        GradcheckCase("flatten", shapes: [[2, 3, 4]]) { try $0[0].flatten(startDim: 1) },
        GradcheckCase("flatten/noncontiguous", shapes: [[2, 3, 4]]) { try $0[0].transpose(0, 2).flatten() },
        GradcheckCase("flatten/0d", shapes: [[]]) { try $0[0].flatten() },
        GradcheckCase("unflatten", shapes: [[2, 6]]) { try $0[0].unflatten(dim: 1, sizes: [3, -1]) },
        GradcheckCase("expand_as", shapes: [[3, 1], [2, 3, 4]]) { try $0[0].expandAs($0[1]) },
        GradcheckCase("repeat", shapes: [[2, 3]]) { try $0[0].repeat([2, 1, 3]) },
        GradcheckCase("repeat/0d", shapes: [[]]) { try $0[0].repeat([3]) },
        GradcheckCase("flip", shapes: [[2, 3, 4]]) { try $0[0].flip([0, -1]) },
        GradcheckCase("tril", shapes: [[2, 3, 4]]) { try $0[0].tril(diagonal: 1) },
        GradcheckCase("triu", shapes: [[4, 3]]) { try $0[0].triu(diagonal: -1) },
        GradcheckCase("T", shapes: [[2, 3, 4]]) { try $0[0].T },
        GradcheckCase("mT", shapes: [[2, 3, 4]]) { try $0[0].mT },
        GradcheckCase("squeeze/dims", shapes: [[1, 3, 1]]) { try $0[0].squeeze(dims: [0, 2]) },
        GradcheckCase("cat", shapes: [[2, 3], [1, 3], [4, 3]]) { try Tensor.cat($0, dim: 0) },
        GradcheckCase("cat/dim1", shapes: [[2, 1], [2, 3]]) { try Tensor.cat($0, dim: -1) },
        GradcheckCase("stack", shapes: [[2, 3], [2, 3]]) { try Tensor.stack($0, dim: 1) },
        GradcheckCase("stack/0d", shapes: [[], [], []]) { try Tensor.stack($0) },
        GradcheckCase("split", shapes: [[5, 2]]) { try Tensor.cat($0[0].split(2).map { try $0 * 2.0 }) },
        GradcheckCase("split/one_used", shapes: [[5, 2]]) { try $0[0].split(2, dim: 0)[1] },
        GradcheckCase("split/sizes", shapes: [[2, 6]]) { try $0[0].split(sizes: [1, 0, 5], dim: 1)[2] },
        GradcheckCase("chunk", shapes: [[7]]) { try $0[0].chunk(3)[2] },
        GradcheckCase("unbind", shapes: [[3, 2]]) { try $0[0].unbind(dim: 1)[0] },
        GradcheckCase("split/all_outputs", shapes: [[2, 7]], outputs: { try $0[0].split(3, dim: 1) }),
        GradcheckCase("unbind/all_outputs", shapes: [[3, 2]], outputs: { try $0[0].unbind() }),
        GradcheckCase("narrow", shapes: [[4, 3]]) { try $0[0].narrow(dim: 0, start: -3, length: 2) },
        GradcheckCase("select", shapes: [[4, 3]]) { try $0[0].select(dim: 1, index: -1) },
        GradcheckCase("slice/step", shapes: [[9]]) { try $0[0].slice(dim: 0, start: 1, end: nil, step: 3) },
        GradcheckCase("alias", shapes: [[2, 2]]) { $0[0].alias() },
        GradcheckCase("clone/transposed", shapes: [[2, 3]]) { try $0[0].t().clone() },
        GradcheckCase("contiguous/transposed", shapes: [[2, 3]]) { try $0[0].t().contiguous() },
    ]
}
