/// Index ops along one dimension: index_select, gather, scatter, scatter_add.
extension Tensor {
    /// `index_select(dim, index)`: the slices at `index` (int64 or int32, at most 1-d) along
    /// `dim`, as a copy.
    public func indexSelect(dim d: Int, index: Tensor) throws -> Tensor {
        let at = try normalizeDim(d, dim)
        guard index.dim <= 1 else { throw TensorError.index("index_select(): Index is supposed to be a vector") }
        guard !(dim == 0 && index.numel != 1) else {
            throw TensorError.runtime("index_select(): Index to scalar can have only 1 value, got \(index.numel) value(s)")
        }
        guard index.dtype == .int64 || index.dtype == .int32 else {
            throw TensorError.runtime("index_select(): Expected dtype int32 or int64 for index")
        }
        let size = Int64(dim == 0 ? 1 : shape[at])
        let values = index.toArray(Int64.self)
        guard values.allSatisfy({ $0 >= 0 && $0 < size }) else { throw TensorError.index("index out of range in self") }
        if dim == 0 {
            let out = contiguousCopy()
            recordOp("IndexSelectBackward0", inputs: [self], outputs: [out]) { g, _ in [g[0]] }
            return out
        }
        let plan = try AdvancedIndexPlan(self, [(at, Tensor(values))])
        let out = plan.gather(self)
        recordOp("IndexSelectBackward0", inputs: [self], outputs: [out]) { g, _ in [try plan.scatterIntoZeros(g[0])] }
        return out
    }

    /// `gather(dim, index)`: `out[i][j] = self[index[i][j]][j]` for dim 0 (and so on): picks
    /// one element along `dim` for every element of `index`. The result has index's shape.
    public func gather(dim d: Int, index: Tensor) throws -> Tensor {
        let at = try normalizeDim(d, dim)
        guard index.dtype == .int64 || index.dtype == .int32 else {
            throw TensorError.runtime("gather(): Expected dtype int32/int64 for index")
        }
        let geometry = try AlongDim(self, at, index, src: nil, op: "gather")
        let out = Tensor.uninitialized(index.shape, dtype: dtype)
        geometry.copy(from: self, to: out, gathering: true)
        recordOp("GatherBackward0", inputs: [self], outputs: [out]) { [shape] g, _ in
            [try Tensor(zeros: shape, dtype: g[0].dtype).scatterAdd(dim: at, index: index, src: g[0])]
        }
        return out
    }

    /// `scatter(dim, index, src)`: a copy of this tensor with `src`'s elements written where
    /// `index` points along `dim` (the inverse of `gather`; repeated places keep one write).
    public func scatter(dim d: Int, index: Tensor, src: Tensor) throws -> Tensor {
        try scatterOp(d, index, src: src, value: nil, add: false)
    }

    /// `scatter(dim, index, value)`: a copy with `value` written where `index` points.
    public func scatter(dim d: Int, index: Tensor, value: Scalar) throws -> Tensor {
        try scatterOp(d, index, src: nil, value: value, add: false)
    }

    /// `scatter_add(dim, index, src)`: a copy with `src`'s elements added where `index` points;
    /// repeated places sum.
    public func scatterAdd(dim d: Int, index: Tensor, src: Tensor) throws -> Tensor {
        try scatterOp(d, index, src: src, value: nil, add: true)
    }

    private func scatterOp(_ d: Int, _ index: Tensor, src: Tensor?, value: Scalar?, add: Bool) throws -> Tensor {
        let at = try normalizeDim(d, dim)
        guard index.dtype == .int64 || index.dtype == .int32 else {
            throw TensorError.runtime("scatter(): Expected dtype int32/int64 for index")
        }
        if let src, src.dtype != dtype { throw TensorError.runtime("scatter(): Expected self.dtype to be equal to src.dtype") }
        let geometry = try AlongDim(self, at, index, src: src, op: "scatter")
        let out = contiguousCopy()
        let source = try src ?? Tensor.fillValue(value ?? .int(0), for: dtype)
        geometry.copy(from: source, to: out, gathering: false, add: add)
        let name = add ? "ScatterAddBackward0" : (src == nil ? "ScatterBackward1" : "ScatterBackward0")
        recordOp(name, inputs: [self, src], outputs: [out]) { g, _ in
            let gSelf = add ? g[0] : try g[0].scatter(dim: at, index: index, value: .int(0))
            return [gSelf, src == nil ? nil : try g[0].gather(dim: at, index: index)]
        }
        return out
    }
}

/// The element correspondence of gather/scatter: for every element of `index`, a place in
/// the indexed tensor (its own coordinates with `dim` replaced by the index value) and a place
/// in the other tensor (its own coordinates).
private struct AlongDim {
    let index: [Int64]
    let indexShape: [Int]
    let dim: Int
    let size: Int

    init(_ target: Tensor, _ dim: Int, _ index: Tensor, src: Tensor?, op: String) throws {
        self.index = index.toArray(Int64.self)
        indexShape = index.shape
        self.dim = dim
        size = target.dim == 0 ? 1 : target.shape[dim]
        guard index.numel > 0 else { return }
        let rank = Swift.max(target.dim, 1)
        guard rank == Swift.max(index.dim, 1) else {
            throw TensorError.runtime("Index tensor must have the same number of dimensions as \(op == "gather" ? "input" : "self") tensor")
        }
        func extent(_ t: Tensor, _ d: Int) throws -> Int {
            if t.dim == 0 { _ = try normalizeDim(d, 0); return 1 }
            return t.shape[try normalizeDim(d, t.dim)]
        }
        var wrongAt: Int? = nil
        for d in 0..<rank where d != dim {
            if try extent(index, d) > extent(target, d) { wrongAt = d; break }
        }
        if wrongAt == nil, let src {
            for d in 0..<rank {
                if try extent(index, d) > extent(src, d) { wrongAt = d; break }
            }
        }
        if let wrongAt {
            let what = op == "gather"
                ? "Size does not match at dimension \(wrongAt) expected index \(formatShapeList(index.shape)) to be no larger than self \(formatShapeList(target.shape)) apart from dimension \(dim)"
                : "Expected index \(formatShapeList(index.shape)) to be no larger than self \(formatShapeList(target.shape)) apart from dimension \(dim)" + (src.map { " and to be no larger size than src \(formatShapeList($0.shape))" } ?? "")
            throw TensorError.runtime(what)
        }
        for v in self.index where v < 0 || v >= Int64(size) {
            throw TensorError.runtime("index \(v) is out of bounds for dimension \(dim) with size \(size)")
        }
    }

    /// gathering: `out[p] = source[place(p)]`; else `out[place(p)] = source[p]` (or `+=`).
    /// A 0-d source is broadcast.
    func copy(from source: Tensor, to out: Tensor, gathering: Bool, add: Bool = false) {
        guard !index.isEmpty else { return }
        let rank = indexShape.count
        func strides(_ t: Tensor) -> [Int] {
            if t.dim == 0 { return [Int](repeating: 0, count: rank) }
            return Array(t.strides.prefix(rank)) + [Int](repeating: 0, count: Swift.max(0, rank - t.dim))
        }
        let indexed = gathering ? source : out, other = gathering ? out : source
        var placeStrides = strides(indexed)
        let dimStride = indexed.dim == 0 ? 0 : indexed.strides[dim]
        if rank > 0 { placeStrides[dim] = 0 }
        let places = allOffsets(indexShape, placeStrides)
        let others = allOffsets(indexShape, strides(other))
        func run<T: Element>(_: T.Type, _ combine: (T, T) -> T) {
            let p = indexed.storage.pointer(T.self) + indexed.storageOffset
            let q = other.storage.pointer(T.self) + other.storageOffset
            for i in index.indices {
                let place = places[i] + Int(index[i]) * dimStride
                if gathering {
                    q[others[i]] = p[place]
                } else {
                    p[place] = add ? combine(p[place], q[others[i]]) : q[others[i]]
                }
            }
        }
        switch out.dtype {
        case .float32: run(Float.self, +)
        case .float64: run(Double.self, +)
        case .int64: run(Int64.self, &+)
        case .int32: run(Int32.self, &+)
        case .bool: run(Bool.self) { $0 || $1 }
        }
    }
}
