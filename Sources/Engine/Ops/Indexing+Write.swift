/// Writes through indexing, `x[items] = value`, following PyTorch's `__setitem__`: basic
/// indices write into a view (copy_ or fill_, so the base gets CopySlices when autograd
/// records), tensor indices use `index_put_` (or masked_fill_/index_fill_ for a number).
extension Tensor {
    /// `x[items] = value` for a tensor value: broadcast to the indexed shape and converted to
    /// this tensor's dtype (advanced indexing needs the same dtype, as in PyTorch).
    public func indexPut(_ items: [TensorIndex], value: Tensor) throws {
        if let special = try singleItemTarget(items) {
            if let target = special { try target.assign(value) }
            return
        }
        let plan = try applySlicing(items, disableSliceOptimization: false)
        if plan.entries.isEmpty {
            try plan.sliced.assign(value)
            return
        }
        let stripped = Array(value.shape.drop { $0 == 1 })
        let values = stripped == value.shape ? value : try value.view(stripped)
        try plan.sliced.indexPutPlanned(AdvancedIndexPlan(plan.sliced, plan.entries), values, accumulate: false)
    }

    /// `x[items] = number`: the number converted to this tensor's dtype.
    public func indexPut(_ items: [TensorIndex], value: Scalar) throws {
        let filler = try Tensor.fillValue(value, for: dtype)
        if let special = try singleItemTarget(items) {
            if let target = special { try target.fill(filler, name: "FillBackward2", others: []) }
            return
        }
        let plan = try applySlicing(items, disableSliceOptimization: false)
        let target = plan.sliced
        if plan.entries.isEmpty {
            try target.fill(filler, name: "FillBackward2", others: [])
            return
        }
        // A single int64 index or mask fills in place (index_fill_ / masked_fill_).
        if plan.entries.count == 1, let entry = plan.entries.first, entry.tensor.dtype != .int32 {
            let d = entry.dim, index = entry.tensor
            if index.dtype == .int64, d < target.dim {
                let size = Int64(target.shape[d])
                for v in index.toArray(Int64.self) where v < -size || v >= size {
                    throw TensorError.index("index \(v) is out of bounds for dimension \(d) with size \(size)")
                }
            }
            let indexPlan = try AdvancedIndexPlan(target, plan.entries)
            try target.checkInPlace()
            try target.checkViewInPlace()
            try indexPlan.scatter(into: target, filler, accumulate: false)
            target.bumpVersion()
            let name = index.dtype == .bool ? "MaskedFillBackward0" : "IndexFillBackward0"
            try target.recordInPlace(name, others: []) { g, _ in [try indexPlan.replacing(g[0], with: nil)] }
            return
        }
        try target.indexPutPlanned(AdvancedIndexPlan(target, plan.entries), filler, accumulate: false)
    }

    /// The single-item forms PyTorch's `set_item` handles apart: `False` writes nothing
    /// (`.some(nil)`), `True` and `None` write into `unsqueeze(0)`. Nil for the general path.
    private func singleItemTarget(_ items: [TensorIndex]) throws -> Tensor?? {
        guard items.count == 1, let item = items.first else { return nil }
        switch item {
        case .bool(false): return .some(nil)
        case .bool(true), .newAxis: return .some(try unsqueeze(0))
        default: return nil
        }
    }

    /// `copy_to(self, value)` of PyTorch's indexing: copy_ when the shapes agree, fill_ for a
    /// 0-d value, else copy_ of the value viewed without leading 1s and expanded.
    func assign(_ value: Tensor) throws {
        if shape == value.shape {
            try copyFrom(value)
        } else if value.dim == 0 {
            try fill(value, name: "FillBackward3", others: [value])
        } else {
            let source = try value.view(Array(value.shape.drop { $0 == 1 }))
            try copyFrom(source.shape == shape ? source : source.expand(shape))
        }
    }

    /// `copy_(src)` of the same shape, converting the dtype (CopyBackwards).
    private func copyFrom(_ src: Tensor) throws {
        try checkInPlace()
        try checkViewInPlace()
        try checkNoPartialOverlap(src)
        copyElements(from: src.storage === storage ? src.contiguousCopy() : src)
        bumpVersion()
        try recordInPlace("CopyBackwards", others: [src]) { g, _ in [Tensor(zeros: g[0].shape, dtype: g[0].dtype), g[0]] }
    }

    /// `fill_(value)` with a 0-d value of this dtype; `others` holds the value when it is a
    /// tensor argument (FillBackward3 sends it the sum of the gradient).
    private func fill(_ value: Tensor, name: String, others: [Tensor]) throws {
        try checkInPlace()
        try checkViewInPlace()
        copyElements(from: value.storage === storage ? value.contiguousCopy() : value)
        bumpVersion()
        try recordInPlace(name, others: others) { g, _ in
            let zeros = Tensor(zeros: g[0].shape, dtype: g[0].dtype)
            return others.isEmpty ? [zeros] : [zeros, try g[0].sum()]
        }
    }

    /// PyTorch refuses copies whose source and destination share some but not all elements.
    func checkNoPartialOverlap(_ src: Tensor) throws {
        guard src.storage === storage, src.numel > 0, numel > 0 else { return }
        guard isContiguous, src.isContiguous else { return }
        let same = src.storageOffset == storageOffset && src.numel == numel
        let disjoint = src.storageOffset + src.numel <= storageOffset || storageOffset + numel <= src.storageOffset
        if !same && !disjoint {
            throw TensorError.runtime("unsupported operation: some elements of the input tensor and the written-to tensor refer to a single memory location. Please clone() the tensor before performing the operation.")
        }
    }

    /// A Python number as a 0-d tensor of `dtype`, refusing values the dtype cannot hold as
    /// PyTorch does.
    static func fillValue(_ value: Scalar, for dtype: DType) throws -> Tensor {
        let overflow = { (type: String) in
            TensorError.runtime("value cannot be converted to type \(type) without overflow")
        }
        switch (dtype, value) {
        case (.int64, .double(let d)):
            guard d.isFinite, d >= -9.223372036854775808e18, d < 9.223372036854775808e18 else { throw overflow("int64_t") }
        case (.int32, .double(let d)):
            guard d.isFinite, d > -2147483649, d < 2147483648 else { throw overflow("int") }
        case (.int32, .int(let i)):
            guard i >= Int64(Int32.min), i <= Int64(Int32.max) else { throw overflow("int") }
        case (.float32, .double(let d)):
            guard !d.isFinite || Float(d).isFinite else { throw overflow("float") }
        default: break
        }
        return Tensor(scalar: value, dtype: dtype)
    }
}
