/// Wraps a possibly negative dimension index into `0..<rank`, with PyTorch's message.
/// A 0-d tensor accepts -1 and 0, as in PyTorch.
public func normalizeDim(_ dim: Int, _ rank: Int) throws -> Int {
    let r = Swift.max(rank, 1)
    guard dim >= -r && dim < r else {
        throw TensorError.index("Dimension out of range (expected to be in range of [\(-r), \(r - 1)], but got \(dim))")
    }
    return dim < 0 ? dim + r : dim
}

/// The shape two shapes broadcast to, or PyTorch's error naming the first clashing dimension.
public func broadcastShapes(_ a: [Int], _ b: [Int]) throws -> [Int] {
    if a == b { return a }
    let n = Swift.max(a.count, b.count)
    var out = [Int](repeating: 1, count: n)
    for i in 0..<n {
        let sa = i < n - a.count ? 1 : a[i - (n - a.count)]
        let sb = i < n - b.count ? 1 : b[i - (n - b.count)]
        if sa == sb || sb == 1 {
            out[i] = sa
        } else if sa == 1 {
            out[i] = sb
        } else {
            throw TensorError.runtime("The size of tensor a (\(sa)) must match the size of tensor b (\(sb)) at non-singleton dimension \(i)")
        }
    }
    // A result larger than both operands is a new allocation: check it against the budget.
    try checkShape(out, dtype: .float32)
    return out
}

/// Strides that read a tensor of `shape`/`strides` as if expanded to `target` (stride 0 on
/// broadcast dims). The caller has checked that the shapes broadcast.
func broadcastStrides(shape: [Int], strides: [Int], to target: [Int]) -> [Int] {
    let lead = target.count - shape.count
    var out = [Int](repeating: 0, count: target.count)
    for i in 0..<shape.count where shape[i] != 1 || target[lead + i] == 1 {
        out[lead + i] = shape[i] == 1 ? 0 : strides[i]
    }
    return out
}

/// Merges neighbouring dimensions that every operand walks contiguously, and drops size-1
/// dimensions, so that loops run over as few and as long rows as possible.
func coalesce(shape: [Int], strides: [[Int]]) -> (shape: [Int], strides: [[Int]]) {
    var outShape: [Int] = []
    var outStrides = [[Int]](repeating: [], count: strides.count)
    for d in 0..<shape.count where shape[d] != 1 {
        if let last = outShape.last,
           strides.indices.allSatisfy({ k in outStrides[k][outStrides[k].count - 1] == strides[k][d] * shape[d] }) {
            outShape[outShape.count - 1] = last * shape[d]
            for k in strides.indices { outStrides[k][outStrides[k].count - 1] = strides[k][d] }
        } else {
            outShape.append(shape[d])
            for k in strides.indices { outStrides[k].append(strides[k][d]) }
        }
    }
    return (outShape, outStrides)
}

/// Walks every element of `shape` row by row, for several operands with their own strides
/// and start offsets: `body(offsets, innerStrides, count)` handles one innermost run.
/// The heavy per-element loop stays in `body`, so the overhead here is per row.
@inline(__always)
func forEachRow(shape: [Int], strides: [[Int]], offsets: [Int],
                _ body: (_ offsets: [Int], _ innerStrides: [Int], _ count: Int) -> Void) {
    if shape.contains(0) { return }
    let (cshape, cstrides) = coalesce(shape: shape, strides: strides)
    if cshape.isEmpty {
        body(offsets, [Int](repeating: 0, count: offsets.count), 1)
        return
    }
    let rank = cshape.count
    let inner = cstrides.map { $0[rank - 1] }
    let count = cshape[rank - 1]
    var index = [Int](repeating: 0, count: rank)
    var current = offsets
    while true {
        body(current, inner, count)
        // Advance the odometer over the outer dimensions.
        var d = rank - 2
        while d >= 0 {
            index[d] += 1
            for k in current.indices { current[k] += cstrides[k][d] }
            if index[d] < cshape[d] { break }
            for k in current.indices { current[k] -= cstrides[k][d] * cshape[d] }
            index[d] = 0
            d -= 1
        }
        if d < 0 { return }
    }
}
