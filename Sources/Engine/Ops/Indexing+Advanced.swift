/// Advanced indexing: reading (`x[idx]`, IndexBackward0) and writing (`index_put_`,
/// IndexPutBackward0) through integer index tensors and boolean masks.
///
/// All index tensors are broadcast together and iterated as one. When the indexed dimensions
/// are adjacent, the broadcast dimensions replace them in place; otherwise they go first
/// (`x[[0, 1], :, [2, 3]]` has shape [2, x.size(1)]).
struct AdvancedIndexPlan {
    /// Shape of the indexed tensor.
    let sourceShape: [Int]
    /// Indexed dimensions, ascending.
    let dims: [Int]
    /// For each indexed dimension, the (non-negative) position of every broadcast element.
    let positions: [[Int]]
    let broadcastShape: [Int]
    let resultShape: [Int]
    /// Non-indexed dimensions placed before the broadcast block in the result, and after it.
    let outerDims: [Int]
    let innerDims: [Int]

    /// Resolves index tensors placed at dimensions of `source` (bool masks cover as many
    /// dimensions as they have). Errors name an index tensor by its ordinal, as PyTorch does.
    init(_ source: Tensor, _ entries: [(dim: Int, tensor: Tensor)]) throws {
        for e in entries where ![.int64, .int32, .bool].contains(e.tensor.dtype) {
            throw TensorError.index("tensors used as indices must be long, int, byte or bool tensors")
        }
        let shape = source.shape
        var resolved: [(dim: Int, shape: [Int], values: [Int64])] = []
        for (d, t) in entries {
            guard d < shape.count || (t.dtype == .bool && t.dim == 0) else {
                throw TensorError.index("too many indices for tensor of dimension \(shape.count)")
            }
            if t.dtype != .bool {
                resolved.append((d, t.shape, t.toArray(Int64.self)))
                continue
            }
            for j in 0..<t.dim where d + j >= shape.count || t.shape[j] != shape[d + j] {
                guard d + j < shape.count else { throw TensorError.index("too many indices for tensor of dimension \(shape.count)") }
                throw TensorError.index("The shape of the mask \(formatShapeList(t.shape)) at index \(j) does not match the shape of the indexed tensor \(formatShapeList(shape)) at index \(d + j)")
            }
            let coordinates = nonzeroCoordinates(t)
            for j in 0..<t.dim { resolved.append((d + j, [coordinates[j].count], coordinates[j])) }
        }
        var bshape: [Int] = []
        do {
            for r in resolved { bshape = try broadcastShapes(bshape, r.shape) }
        } catch {
            throw TensorError.index("shape mismatch: indexing tensors could not be broadcast together with shapes " + resolved.map { formatShapeList($0.shape) }.joined(separator: ", "))
        }
        try checkShape(bshape)
        try checkShape(shape + bshape)
        let count = bshape.reduce(1, *)
        let maps = resolved.map { broadcastIndexMap(from: $0.shape, to: bshape) }
        var positions = [[Int]](repeating: [Int](repeating: 0, count: count), count: resolved.count)
        for b in 0..<count {
            for k in resolved.indices {
                let v = resolved[k].values[maps[k][b]]
                let size = Int64(shape[resolved[k].dim])
                guard v >= -size && v < size else {
                    throw TensorError.index("index \(v) is out of bounds for dimension \(k) with size \(size)")
                }
                positions[k][b] = Int(v < 0 ? v + size : v)
            }
        }
        let indexed = resolved.map { $0.dim }
        let rest = shape.indices.filter { !indexed.contains($0) }
        var outer: [Int] = [], inner = rest
        if let first = indexed.first, let last = indexed.last, last - first + 1 == indexed.count {
            outer = rest.filter { $0 < first }
            inner = rest.filter { $0 > last }
        }
        sourceShape = shape
        dims = indexed
        self.positions = positions
        broadcastShape = bshape
        outerDims = outer
        innerDims = inner
        resultShape = outer.map { shape[$0] } + bshape + inner.map { shape[$0] }
    }

    /// Offset of each broadcast element in a tensor with `strides`.
    private func table(_ strides: [Int]) -> [Int] {
        var t = [Int](repeating: 0, count: broadcastShape.reduce(1, *))
        for (k, d) in dims.enumerated() {
            let s = strides[d]
            for b in t.indices { t[b] += positions[k][b] * s }
        }
        return t
    }

    /// Where every result element (in row-major order) sits in a tensor of `sourceShape` with
    /// `strides`: for each outer position, each broadcast element and each inner run start,
    /// a run of `runLength` elements `runStride` apart.
    private struct Walk {
        let outer: [Int], table: [Int], runStarts: [Int], runLength: Int, runStride: Int
    }

    private func walk(_ strides: [Int]) -> Walk {
        let outer = allOffsets(outerDims.map { sourceShape[$0] }, outerDims.map { strides[$0] })
        let (cshape, cstrides) = coalesce(shape: innerDims.map { sourceShape[$0] }, strides: [innerDims.map { strides[$0] }])
        let inner = cstrides.first ?? []
        guard let length = cshape.last, let step = inner.last else {
            let empty = innerDims.contains { sourceShape[$0] == 0 }
            return Walk(outer: outer, table: table(strides), runStarts: empty ? [] : [0], runLength: 1, runStride: 0)
        }
        return Walk(outer: outer, table: table(strides), runStarts: allOffsets(Array(cshape.dropLast()), Array(inner.dropLast())),
                    runLength: length, runStride: step)
    }

    /// `source[index]` as a new contiguous tensor (no autograd).
    func gather(_ source: Tensor) -> Tensor {
        let out = Tensor.uninitialized(resultShape, dtype: source.dtype)
        let w = walk(source.strides), size = source.dtype.itemSize
        let src = source.storage.bytes + source.storageOffset * size, dst = out.storage.bytes
        var i = 0
        for o in w.outer {
            for t in w.table {
                for r in w.runStarts {
                    copyRun(to: dst + i * size, 1, from: src + (o + t + r) * size, w.runStride, w.runLength, size)
                    i += w.runLength
                }
            }
        }
        return out
    }

    /// Writes `values` (broadcast to the result shape, converted to the target's dtype) into
    /// the indexed places of `target`, adding when `accumulate` (no autograd, no version bump).
    /// With repeated indices and no accumulation, the last write wins.
    func scatter(into target: Tensor, _ values: Tensor, accumulate: Bool) throws {
        let v = try noGrad { try values.expand(resultShape) }.contiguousData(target.dtype)
        let w = walk(target.strides), size = target.dtype.itemSize
        if !accumulate {
            let dst = target.storage.bytes + target.storageOffset * size, src = v.storage.bytes + v.storageOffset * size
            var i = 0
            for o in w.outer {
                for t in w.table {
                    for r in w.runStarts {
                        copyRun(to: dst + (o + t + r) * size, w.runStride, from: src + i * size, 1, w.runLength, size)
                        i += w.runLength
                    }
                }
            }
            return
        }
        switch target.dtype {
        case .float32: addRuns(target, v, w, Float.self, +)
        case .float64: addRuns(target, v, w, Double.self, +)
        case .int64: addRuns(target, v, w, Int64.self, &+)
        case .int32: addRuns(target, v, w, Int32.self, &+)
        case .bool: addRuns(target, v, w, Bool.self) { $0 || $1 }
        }
    }

    /// `target[place] = combine(target[place], values[i])` over the walk, in order.
    @inline(__always)
    private func addRuns<T: Element>(_ target: Tensor, _ values: Tensor, _ w: Walk, _: T.Type, _ combine: (T, T) -> T) {
        let d = target.storage.pointer(T.self) + target.storageOffset, s = values.storage.pointer(T.self) + values.storageOffset
        var i = 0
        for o in w.outer {
            for t in w.table {
                for r in w.runStarts {
                    var place = o + t + r
                    for _ in 0..<w.runLength {
                        d[place] = combine(d[place], s[i])
                        place += w.runStride
                        i += 1
                    }
                }
            }
        }
    }

    /// Zeros of the source shape with `g` (of the result shape) added at the indexed places;
    /// the backward of indexing, differentiable again.
    func scatterIntoZeros(_ g: Tensor) throws -> Tensor {
        let out = Tensor(zeros: sourceShape, dtype: g.dtype)
        try noGrad { try scatter(into: out, g, accumulate: true) }
        recordOp("IndexPutBackward0", inputs: [g], outputs: [out]) { gg, _ in [try gg[0].advancedIndex(self)] }
        return out
    }

    /// `g` (of the source shape) with the indexed places replaced by `value` (broadcast), or
    /// by zeros when `value` is nil: the out-of-place `index_put`.
    func replacing(_ g: Tensor, with value: Tensor?, accumulate: Bool = false) throws -> Tensor {
        let out = g.contiguousCopy()
        try noGrad { try scatter(into: out, value ?? Tensor(zeros: [], dtype: g.dtype), accumulate: accumulate) }
        recordOp("IndexPutBackward0", inputs: [g, value], outputs: [out]) { gg, _ in
            [accumulate ? gg[0] : try replacing(gg[0], with: nil), value == nil ? nil : try gg[0].advancedIndex(self)]
        }
        return out
    }
}

extension Tensor {
    /// `self[index]` for a resolved advanced index (IndexBackward0).
    func advancedIndex(_ plan: AdvancedIndexPlan) throws -> Tensor {
        let out = plan.gather(self)
        recordOp("IndexBackward0", inputs: [self], outputs: [out]) { g, _ in [try plan.scatterIntoZeros(g[0])] }
        return out
    }

    /// `index_put_(indices, values, accumulate=False)`: writes `values` at the places the index
    /// tensors select (nil entries index nothing), in place.
    @discardableResult
    public func indexPutInPlace(indices: [Tensor?], values: Tensor, accumulate: Bool = false) throws -> Tensor {
        guard indices.count <= dim else {
            throw TensorError.index("too many indices for tensor of dimension \(dim) (got \(indices.count))")
        }
        let entries = indices.enumerated().compactMap { i, t in t.map { (dim: i, tensor: $0) } }
        try indexPutPlanned(AdvancedIndexPlan(self, entries), values, accumulate: accumulate)
        return self
    }

    /// `index_put(indices, values, accumulate=False)`: a copy with `values` written at the
    /// selected places.
    public func indexPut(indices: [Tensor?], values: Tensor, accumulate: Bool = false) throws -> Tensor {
        guard indices.count <= dim else {
            throw TensorError.index("too many indices for tensor of dimension \(dim) (got \(indices.count))")
        }
        let entries = indices.enumerated().compactMap { i, t in t.map { (dim: i, tensor: $0) } }
        let plan = try AdvancedIndexPlan(self, entries)
        try checkIndexPutValues(values, plan)
        return try plan.replacing(self, with: values, accumulate: accumulate)
    }

    /// PyTorch's dtype and shape checks on the values of `index_put`.
    func checkIndexPutValues(_ values: Tensor, _ plan: AdvancedIndexPlan) throws {
        guard values.dtype == dtype else {
            throw TensorError.runtime("Index put requires the source and destination dtypes match, got \(dtype.scalarTypeName) for the destination and \(values.dtype.scalarTypeName) for the source.")
        }
        guard (try? broadcastShapes(values.shape, plan.resultShape)) == plan.resultShape else {
            throw TensorError.runtime("shape mismatch: value tensor of shape \(formatShapeList(values.shape)) cannot be broadcast to indexing result of shape \(formatShapeList(plan.resultShape))")
        }
    }

    /// The in-place write of `index_put_` for a resolved plan, with autograd.
    func indexPutPlanned(_ plan: AdvancedIndexPlan, _ values: Tensor, accumulate: Bool) throws {
        try checkIndexPutValues(values, plan)
        if values.storage === storage && values.numel > 0 && numel > 0 {
            throw TensorError.runtime("unsupported operation: some elements of the input tensor and the written-to tensor refer to a single memory location. Please clone() the tensor before performing the operation.")
        }
        try checkInPlace()
        try checkViewInPlace()
        try plan.scatter(into: self, values, accumulate: accumulate)
        bumpVersion()
        try recordInPlace("IndexPutBackward0", others: [values]) { g, _ in
            [accumulate ? g[0] : try plan.replacing(g[0], with: nil), try g[0].advancedIndex(plan)]
        }
    }
}

/// Copies `count` elements of `size` bytes between raw buffers, each side with its own
/// element stride (a memcpy when both are 1).
@inline(__always)
func copyRun(to dst: UnsafeMutableRawPointer, _ dstStride: Int, from src: UnsafeMutableRawPointer, _ srcStride: Int,
             _ count: Int, _ size: Int) {
    if dstStride == 1 && srcStride == 1 {
        dst.copyMemory(from: src, byteCount: count * size)
        return
    }
    func run<T>(_: T.Type) {
        let d = dst.assumingMemoryBound(to: T.self), s = src.assumingMemoryBound(to: T.self)
        var di = 0, si = 0
        for _ in 0..<count {
            d[di] = s[si]
            di += dstStride
            si += srcStride
        }
    }
    switch size {
    case 8: run(UInt64.self)
    case 4: run(UInt32.self)
    default: run(UInt8.self)
    }
}

/// For each element of `target` (row-major), the flat index of the element of a tensor of
/// `shape` that broadcasting maps to it.
func broadcastIndexMap(from shape: [Int], to target: [Int]) -> [Int] {
    let strides = broadcastStrides(shape: shape, strides: contiguousStrides(shape), to: target)
    return allOffsets(target, strides)
}

/// The offset of every element of a tensor of `shape` and `strides`, in row-major order.
func allOffsets(_ shape: [Int], _ strides: [Int]) -> [Int] {
    let count = shape.reduce(1, *)
    guard count > 0 else { return [] }
    var out = [Int](repeating: 0, count: count)
    var index = [Int](repeating: 0, count: shape.count)
    var offset = 0
    for i in 0..<count {
        out[i] = offset
        var d = shape.count - 1
        while d >= 0 {
            index[d] += 1
            offset += strides[d]
            if index[d] < shape[d] { break }
            offset -= strides[d] * shape[d]
            index[d] = 0
            d -= 1
        }
    }
    return out
}

/// The coordinates of the true elements of a bool tensor, one array per dimension, in
/// row-major order (`nonzero` transposed).
func nonzeroCoordinates(_ mask: Tensor) -> [[Int64]] {
    let values = mask.toArray(Bool.self)
    var out = [[Int64]](repeating: [], count: mask.dim)
    let strides = contiguousStrides(mask.shape)
    for (i, v) in values.enumerated() where v {
        var rest = i
        for d in 0..<mask.dim {
            out[d].append(Int64(rest / strides[d]))
            rest %= strides[d]
        }
    }
    return out
}
