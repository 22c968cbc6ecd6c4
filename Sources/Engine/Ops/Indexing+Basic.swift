/// Basic indexing views: `select`, `slice`, `narrow` and `alias` share their input's storage,
/// as `x[1]`, `x[1:3]` and `x[...]` do in PyTorch.
extension Tensor {
    /// `select(dim, index)`: the sub-tensor at `index` along `dim`, without that dimension.
    public func select(dim d: Int, index: Int) throws -> Tensor {
        guard dim > 0 else { throw TensorError.index("select() cannot be applied to a 0-dim tensor.") }
        let at = try normalizeDim(d, dim)
        let size = shape[at]
        guard index >= -size && index < size else {
            throw TensorError.index("select(): index \(index) out of range for tensor of size \(formatShapeList(shape)) at dimension \(at)")
        }
        return selectUnchecked(at, index < 0 ? index + size : index)
    }

    /// Selects a checked, non-negative `index` of dimension `at` (SelectBackward0).
    func selectUnchecked(_ at: Int, _ index: Int) -> Tensor {
        var newShape = shape, newStrides = strides
        newShape.remove(at: at)
        newStrides.remove(at: at)
        let out = makeView(shape: newShape, strides: newStrides, offset: storageOffset + index * strides[at], op: "SelectBackward0")
        let inputShape = shape
        recordOp("SelectBackward0", inputs: [self], outputs: [out]) { g, _ in
            let c = contiguousStrides(inputShape)
            var s = c
            s.remove(at: at)
            let region = Region(shape: g[0].shape, strides: s, offset: index * c[at], fullShape: inputShape)
            return [try g[0].scatterRegion(region, name: "SelectBackwardBackward0")]
        }
        return out
    }

    /// `slice(dim, start, end, step)` as `x[start:end:step]` along `dim`: Python's clamping of
    /// out-of-range bounds, negative bounds counted from the end; `step` must be positive.
    public func slice(dim d: Int = 0, start: Int? = nil, end: Int? = nil, step: Int = 1) throws -> Tensor {
        guard dim > 0 else { throw TensorError.index("slice() cannot be applied to a 0-dim tensor.") }
        guard step > 0 else { throw TensorError.runtime("slice step must be positive") }
        let at = try normalizeDim(d, dim)
        let (lo, hi) = clampSliceBounds(start ?? 0, end ?? Int.max, shape[at])
        return sliceUnchecked(at, lo, hi, step)
    }

    /// Slices dimension `at` over the clamped range `lo..<hi` with `step` (SliceBackward0).
    func sliceUnchecked(_ at: Int, _ lo: Int, _ hi: Int, _ step: Int) -> Tensor {
        var newShape = shape, newStrides = strides
        let length = hi - lo
        newShape[at] = length <= 0 ? 0 : (length - 1) / step + 1
        // A dimension of size 0 or 1 keeps its stride (a huge step must not overflow it).
        if newShape[at] > 1 { newStrides[at] = strides[at] * step }
        let out = makeView(shape: newShape, strides: newStrides, offset: storageOffset + lo * strides[at], op: "SliceBackward0")
        let inputShape = shape
        recordOp("SliceBackward0", inputs: [self], outputs: [out]) { g, _ in
            let c = contiguousStrides(inputShape)
            var s = c
            s[at] = c[at] &* step
            let region = Region(shape: g[0].shape, strides: s, offset: lo * c[at], fullShape: inputShape)
            return [try g[0].scatterRegion(region, name: "SliceBackwardBackward0")]
        }
        return out
    }

    /// `narrow(dim, start, length)`: the view of `length` elements from `start` along `dim`.
    public func narrow(dim d: Int, start: Int, length: Int) throws -> Tensor {
        guard dim > 0 else { throw TensorError.runtime("narrow() cannot be applied to a 0-dim tensor.") }
        guard length >= 0 else { throw TensorError.runtime("narrow(): length must be non-negative.") }
        let at = try normalizeDim(d, dim)
        let size = shape[at]
        guard start >= -size && start <= size else {
            throw TensorError.index("start out of range (expected to be in range of [\(-size), \(size)], but got \(start))")
        }
        let begin = start < 0 ? start + size : start
        guard begin <= size - length else {
            throw TensorError.runtime("start (\(begin)) + length (\(length)) exceeds dimension size (\(size)).")
        }
        return sliceUnchecked(at, begin, begin + length, 1)
    }

    /// `alias()`: a view of the whole tensor (`x[...]`), AliasBackward0.
    public func alias() -> Tensor {
        let out = makeView(shape: shape, strides: strides, op: "AliasBackward0")
        recordOp("AliasBackward0", inputs: [self], outputs: [out]) { g, _ in [g[0]] }
        return out
    }
}

/// Python's slice clamping for one dimension of `size`: negative bounds count from the end,
/// then both are clamped into `0...size` and `stop` is raised to `start`.
func clampSliceBounds(_ start: Int, _ stop: Int, _ size: Int) -> (Int, Int) {
    var lo = start < 0 ? Swift.max(start, -size) + size : Swift.min(start, size)
    var hi = stop < 0 ? Swift.max(stop, -size) + size : Swift.min(stop, size)
    lo = Swift.max(lo, 0)
    hi = Swift.max(hi, lo)
    return (lo, hi)
}

/// Where a view's elements sit inside a row-major tensor of `fullShape`: the view's shape and
/// strides and the offset of its first element, in elements of the full tensor.
struct Region {
    let shape: [Int]
    let strides: [Int]
    let offset: Int
    let fullShape: [Int]

    /// This region as a view of `full`, which must be row-major and of `fullShape`.
    func view(of full: Tensor) -> Tensor {
        Tensor(storage: full.storage, shape: shape, strides: strides, offset: full.storageOffset + offset)
    }

    /// True when two elements of the region can share one place (an expanded dimension).
    var overlaps: Bool { zip(shape, strides).contains { $0.0 > 1 && $0.1 == 0 } }
}

/// The backward building blocks of views: reading a region out of a full tensor, adding a
/// region into zeros, and replacing a region. Each one's backward is written with the others,
/// so gradients of views are differentiable again (create_graph).
extension Tensor {
    /// The elements of `region` read from this tensor (of `region.fullShape`), as a new tensor.
    func gatherRegion(_ region: Region, name: String = "AsStridedBackward0") throws -> Tensor {
        let source = contiguousData()
        let out = region.view(of: source).contiguousCopy()
        recordOp(name, inputs: [self], outputs: [out]) { g, _ in
            [try g[0].scatterRegion(region, name: "AsStridedScatterBackward0")]
        }
        return out
    }

    /// Zeros of `region.fullShape` with this tensor (of `region.shape`) added into the region;
    /// elements that an expanded region maps to one place are summed.
    func scatterRegion(_ region: Region, name: String) throws -> Tensor {
        let out = Tensor(zeros: region.fullShape, dtype: dtype)
        if region.overlaps {
            // Sum over the expanded dimensions first, then write each place once.
            let dims = region.shape.indices.filter { region.shape[$0] > 1 && region.strides[$0] == 0 }
            let summed = try noGrad { try sum(dims: dims, keepdim: true) }
            let target = Region(shape: summed.shape, strides: region.strides, offset: region.offset, fullShape: region.fullShape)
            target.view(of: out).copyElements(from: summed)
        } else {
            region.view(of: out).copyElements(from: self)
        }
        recordOp(name, inputs: [self], outputs: [out]) { g, _ in [try g[0].gatherRegion(region)] }
        return out
    }

    /// This tensor (of `region.fullShape`) with the region's elements replaced by `value`
    /// (broadcast to the region), or by zeros when `value` is nil.
    func replacingRegion(_ region: Region, with value: Tensor?) throws -> Tensor {
        let out = contiguousCopy()
        let slot = region.view(of: out)
        if let value {
            slot.copyElements(from: value)
        } else {
            slot.copyElements(from: Tensor(zeros: [], dtype: dtype))
        }
        let valueShape = value?.shape ?? []
        recordOp("AsStridedScatterBackward0", inputs: [self, value], outputs: [out]) { g, _ in
            let gValue = value == nil ? nil : try g[0].gatherRegion(region).sumToSize(valueShape)
            return [try g[0].replacingRegion(region, with: nil), gValue]
        }
        return out
    }
}
