/// One item of a subscript such as `x[0, 1:3, None, ..., mask]`.
///
/// Ints, slices, `newAxis` and `ellipsis` are basic indexing and give views. Tensors (int64 or
/// int32 indices, bool masks) are advanced indexing and give copies, following NumPy's rules
/// as PyTorch implements them (ints are applied as `select`, before advanced indices).
public enum TensorIndex {
    /// `x[i]`: selects one position and drops the dimension; negative counts from the end.
    case int(Int)
    /// `x[start:stop:step]`: Python's slice; out-of-range bounds are clamped. `step` must be
    /// positive.
    case slice(start: Int? = nil, stop: Int? = nil, step: Int? = nil)
    /// `x[None]`: inserts a dimension of size 1.
    case newAxis
    /// `x[...]`: as many full slices as the other items leave dimensions.
    case ellipsis
    /// `x[True]` / `x[False]`: a new dimension of size 1 or 0.
    case bool(Bool)
    /// `x[t]`: an index tensor (int64, int32) or a boolean mask.
    case tensor(Tensor)

    /// `:`, the full slice.
    public static var all: TensorIndex { .slice() }
}

extension TensorIndex: ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    /// `x[0]` written as a literal: `.int(0)`.
    public init(integerLiteral value: Int) { self = .int(value) }
    /// `x[True]` written as a literal: `.bool(true)`.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension Tensor {
    /// `x[items]`: basic indexing gives a view (SelectBackward0, SliceBackward0,
    /// UnsqueezeBackward0, AliasBackward0); tensor indices give a copy (IndexBackward0).
    public func index(_ items: [TensorIndex]) throws -> Tensor {
        let plan = try applySlicing(items, disableSliceOptimization: items.count == 1)
        if plan.entries.isEmpty {
            return plan.sliced === self ? alias() : plan.sliced
        }
        return try plan.sliced.advancedIndex(AdvancedIndexPlan(plan.sliced, plan.entries))
    }

    /// `x[items...]` in Swift: `try x[0, .all, .newAxis]`.
    public subscript(_ items: TensorIndex...) -> Tensor {
        get throws { try index(items) }
    }

    /// `x[i, j, ...]` with integer variables: `try x[i]`.
    public subscript(_ indices: Int...) -> Tensor {
        get throws { try index(indices.map { .int($0) }) }
    }

    /// The basic part of an index: the view it selects and, for each tensor item, the
    /// dimension of that view where it applies (PyTorch's `applySlicing`).
    struct SlicedIndex {
        var sliced: Tensor
        var entries: [(dim: Int, tensor: Tensor)]
    }

    func applySlicing(_ items: [TensorIndex], disableSliceOptimization: Bool) throws -> SlicedIndex {
        var specified = 0
        for item in items {
            switch item {
            case .int, .slice: specified += 1
            case .tensor(let t): specified += t.dtype == .bool ? t.dim : 1
            case .newAxis, .ellipsis, .bool: break
            }
        }
        // A lone int or slice goes straight to select/slice in PyTorch, with their messages.
        var lone = false
        if items.count == 1, let item = items.first {
            switch item {
            case .int, .slice: lone = true
            default: break
            }
        }
        guard specified <= dim || lone else { throw TensorError.index("too many indices for tensor of dimension \(dim)") }
        var result = self
        var d = 0
        var entries: [(dim: Int, tensor: Tensor)] = []
        for (position, item) in items.enumerated() {
            switch item {
            case .int(let i):
                result = try result.selectForIndexing(d, i, realDim: position, rank: dim)
            case .slice(let start, let stop, let step):
                let step = step ?? 1
                guard step != 0 else { throw TensorError.value("slice step cannot be zero") }
                guard step > 0 else { throw TensorError.value("step must be greater than zero") }
                guard result.dim > 0 else { throw TensorError.index("slice() cannot be applied to a 0-dim tensor.") }
                guard d < result.dim else { throw TensorError.index("too many indices for tensor of dimension \(dim)") }
                let start = start ?? 0, stop = stop ?? Int.max
                if disableSliceOptimization || start != 0 || stop < result.shape[d] || step != 1 {
                    let (lo, hi) = clampSliceBounds(start, stop, result.shape[d])
                    result = result.sliceUnchecked(d, lo, hi, step)
                }
                d += 1
            case .ellipsis:
                d += dim - specified
            case .newAxis:
                result = try result.unsqueeze(d)
                d += 1
            case .bool(let b):
                result = try result.unsqueeze(d)
                entries.append((d, boolIndexTensor(b)))
                d += 1
            case .tensor(let t):
                if t.dim == 0 && (t.dtype == .int64 || t.dtype == .int32) {
                    result = try result.selectForIndexing(d, Int(truncatingIfNeeded: t.toArray(Int64.self)[0]),
                                                          realDim: position, rank: dim)
                } else if t.dim == 0 && t.dtype == .bool {
                    result = try result.unsqueeze(d)
                    entries.append((d, boolIndexTensor(t.toArray(Bool.self)[0])))
                    d += 1
                } else {
                    entries.append((d, t))
                    d += t.dtype == .bool ? t.dim : 1
                }
            }
        }
        return SlicedIndex(sliced: result, entries: entries)
    }

    /// `select` with the messages of indexing (`x[5]`), which name the index's position.
    private func selectForIndexing(_ d: Int, _ i: Int, realDim: Int, rank: Int) throws -> Tensor {
        if dim == 0 {
            if i == 0 {
                throw TensorError.index("invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a number")
            }
            throw TensorError.index("index \(i) is out of bounds for dimension \(realDim) with size 0")
        }
        guard d < dim else { throw TensorError.index("too many indices for tensor of dimension \(rank)") }
        let size = shape[d]
        guard i >= -size && i < size else {
            throw TensorError.index("index \(i) is out of bounds for dimension \(realDim) with size \(size)")
        }
        return selectUnchecked(d, i < 0 ? i + size : i)
    }
}

/// The index tensor that `True` (one position) or `False` (none) stands for.
private func boolIndexTensor(_ b: Bool) -> Tensor {
    b ? Tensor([Int64(0)]) : Tensor(zeros: [0], dtype: .int64)
}

extension GradcheckCase {
    /// Indexing, gather/scatter and masked ops (Ops/Indexing*.swift).
    static let indexing: [GradcheckCase] = [
        GradcheckCase("index/int", shapes: [[4, 3]]) { try $0[0][1] },
        GradcheckCase("index/slice_step", shapes: [[7, 2]]) { try $0[0][.slice(start: 1, stop: nil, step: 2), -1] },
        GradcheckCase("index/newaxis_ellipsis", shapes: [[2, 3]]) { try $0[0][.newAxis, .ellipsis, 1] },
        GradcheckCase("index/ellipsis", shapes: [[]]) { try $0[0][.ellipsis] },
        GradcheckCase("index/tensor_repeated", shapes: [[4, 2]]) { try $0[0][.tensor(Tensor([Int64(1), 1, 3, -1]))] },
        GradcheckCase("index/two_tensors_separated", shapes: [[3, 4, 5]]) {
            try $0[0][.tensor(Tensor([Int64(0), 2, 2])), .all, .tensor(Tensor([Int64(4), 1, 4]))]
        },
        GradcheckCase("index/mask", shapes: [[3, 4]]) {
            try $0[0][.tensor(Tensor([true, false, true, true, false, true, false, false, true, true, true, false], shape: [3, 4]))]
        },
        GradcheckCase("index_select", shapes: [[4, 3]]) { try $0[0].indexSelect(dim: 0, index: Tensor([Int64(3), 0, 3])) },
        GradcheckCase("index_select/0d", shapes: [[]]) { try $0[0].indexSelect(dim: 0, index: Tensor([Int64(0)])) },
        GradcheckCase("gather", shapes: [[3, 4]]) {
            try $0[0].gather(dim: 1, index: Tensor([Int64(0), 3, 3, 1, 2, 0], shape: [3, 2]))
        },
        GradcheckCase("scatter", shapes: [[3, 4], [2, 4]]) {
            try $0[0].scatter(dim: 0, index: Tensor([Int64(0), 2, 1, 0, 2, 1, 2, 1], shape: [2, 4]), src: $0[1])
        },
        GradcheckCase("scatter_add", shapes: [[3, 4], [2, 4]]) {
            try $0[0].scatterAdd(dim: 0, index: Tensor([Int64(0), 0, 1, 0, 0, 1, 2, 0], shape: [2, 4]), src: $0[1])
        },
        GradcheckCase("masked_fill", shapes: [[2, 3]]) {
            try $0[0].maskedFill(Tensor([true, false, true]), value: 0.5)
        },
        GradcheckCase("masked_fill/mask_broadcasts_self", shapes: [[3]]) {
            try $0[0].maskedFill(Tensor([true, false, false, false, true, false], shape: [2, 3]), value: 1)
        },
        GradcheckCase("index/bool_and_tensor", shapes: [[3, 4]]) { try $0[0][true, .tensor(Tensor([Int64(2), 0]))] },
        GradcheckCase("index_put/accumulate", shapes: [[3, 2], [4, 2]]) {
            try $0[0].indexPut(indices: [Tensor([Int64(0), 2, 0, 1])], values: $0[1], accumulate: true)
        },
        GradcheckCase("masked_fill/tensor_value", shapes: [[2, 3], []]) {
            try $0[0].maskedFill(Tensor([true, false, true]), value: $0[1])
        },
        GradcheckCase("setitem/slice_value", shapes: [[3, 4], [4]]) { t in
            let y = try t[0] * 1.0
            try y.indexPut([.slice(start: 0, stop: 2)], value: t[1])
            return y
        },
        GradcheckCase("setitem/column_mul", shapes: [[3, 4]]) { t in
            let y = try t[0] * 1.0
            try y[.all, 1].mulInPlace(3.0)
            return try y * y
        },
        GradcheckCase("setitem/mask_value", shapes: [[4], [2]]) { t in
            let y = try t[0] * 1.0
            try y.indexPut([.tensor(Tensor([true, false, true, false]))], value: t[1])
            return y
        },
        GradcheckCase("setitem/index_through_view", shapes: [[3, 4], [2]]) { t in
            let y = try t[0] * 1.0
            try y.indexPut([1, .tensor(Tensor([Int64(3), 0]))], value: t[1])
            return y
        },
    ]
}
