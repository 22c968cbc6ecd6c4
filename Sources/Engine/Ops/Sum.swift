/// `sum`, `mean` and `sumToSize` (the reduction every broadcasting backward needs), with the
/// dimension helpers the other reductions share.
extension Tensor {
    /// `torch.sum(self, dtype=)`: the sum of all elements as a 0-d tensor. Integer and bool
    /// inputs sum to int64 (wrapping on overflow), as in PyTorch.
    public func sum(dtype: DType? = nil) throws -> Tensor {
        try sum(dims: Array(0..<dim), keepdim: false, dtype: dtype, name: "SumBackward0")
    }

    /// `torch.sum(self, dim, keepdim=, dtype=)` over one or more dimensions; an empty list
    /// reduces all of them.
    public func sum(dims: [Int], keepdim: Bool = false, dtype: DType? = nil) throws -> Tensor {
        try sum(dims: dims, keepdim: keepdim, dtype: dtype, name: "SumBackward1")
    }

    /// `torch.sum(self, dim, keepdim=, dtype=)` over one dimension.
    public func sum(dim: Int, keepdim: Bool = false, dtype: DType? = nil) throws -> Tensor {
        try sum(dims: [dim], keepdim: keepdim, dtype: dtype, name: "SumBackward1")
    }

    private func sum(dims: [Int], keepdim: Bool, dtype: DType?, name: String) throws -> Tensor {
        let reduced = try reductionDims(dims)
        let outDtype = dtype ?? (self.dtype.isFloatingPoint ? self.dtype : .int64)
        try checkDifferentiableResult(outDtype)
        let out = sumKernel(reduced, keepdim: keepdim, dtype: outDtype)
        let inputShape = shape
        recordOp(name, inputs: [self], outputs: [out]) { g, _ in
            [try g[0].unsqueezing(reduced, keepdim: keepdim).expand(inputShape)]
        }
        return out
    }

    /// `torch.mean(self, dtype=)`: the mean of all elements. Only floating dtypes (or a
    /// floating `dtype=`) are accepted, as in PyTorch; an empty tensor gives nan.
    public func mean(dtype: DType? = nil) throws -> Tensor {
        try mean(dims: Array(0..<dim), keepdim: false, dtype: dtype, name: "MeanBackward0")
    }

    /// `torch.mean(self, dim, keepdim=, dtype=)` over one or more dimensions; an empty list
    /// reduces all of them.
    public func mean(dims: [Int], keepdim: Bool = false, dtype: DType? = nil) throws -> Tensor {
        try mean(dims: dims, keepdim: keepdim, dtype: dtype, name: "MeanBackward1")
    }

    /// `torch.mean(self, dim, keepdim=, dtype=)` over one dimension.
    public func mean(dim: Int, keepdim: Bool = false, dtype: DType? = nil) throws -> Tensor {
        try mean(dims: [dim], keepdim: keepdim, dtype: dtype, name: "MeanBackward1")
    }

    private func mean(dims: [Int], keepdim: Bool, dtype: DType?, name: String) throws -> Tensor {
        if let dtype, !dtype.isFloatingPoint {
            throw TensorError.notImplemented("mean(): could not infer output dtype. Optional dtype must be either a floating point or complex dtype. Got: \(dtype.scalarTypeName)")
        }
        guard dtype != nil || self.dtype.isFloatingPoint else {
            throw TensorError.notImplemented("mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: \(self.dtype.scalarTypeName)")
        }
        let reduced = try reductionDims(dims)
        let outDtype = dtype ?? self.dtype
        let count = reducedCount(reduced)
        let layout = reductionLayout(reduced, as: self.dtype.isFloatingPoint ? nil : .float64)
        var sums = layout.source.dtype == .float32 ? layout.floatSums(Float.self) : layout.floatSums(Double.self)
        for i in sums.indices { sums[i] /= Double(count) }
        let out = reductionResult(sums, shape: reducedShape(reduced, keepdim: keepdim), dtype: outDtype)
        let inputShape = shape
        recordOp(name, inputs: [self], outputs: [out]) { g, _ in
            [try g[0].unsqueezing(reduced, keepdim: keepdim).expand(inputShape).div(.int(Int64(count)))]
        }
        return out
    }

    /// Sums broadcast dimensions away so the result has `target`'s shape (the reverse of
    /// `expand`); used by backward formulas.
    public func sumToSize(_ target: [Int]) throws -> Tensor {
        if shape == target { return self }
        let lead = dim - target.count
        guard lead >= 0 else {
            throw TensorError.runtime("size {\(formatShapeList(target))} is not expandable to size {\(formatShapeList(shape))}.")
        }
        var dims = Array(0..<lead)
        for i in 0..<target.count where target[i] != shape[lead + i] {
            guard target[i] == 1 else {
                throw TensorError.runtime("size {\(formatShapeList(target))} is not expandable to size {\(formatShapeList(shape))}.")
            }
            dims.append(lead + i)
        }
        var out = try sum(dims: dims, keepdim: true)
        if lead > 0 { out = try out.reshape(target) }
        return out
    }

    /// The set of dimensions a reduction runs over; an empty list means all, as in PyTorch.
    func reductionDims(_ dims: [Int]) throws -> Set<Int> {
        if dims.isEmpty { return Set(0..<dim) }
        var set = Set<Int>()
        for d in dims {
            let n = try normalizeDim(d, dim)
            guard set.insert(n).inserted else {
                throw TensorError.runtime("dim \(n) appears multiple times in the list of dims")
            }
        }
        return dim == 0 ? [] : set
    }

    /// The shape after reducing `dims`.
    func reducedShape(_ dims: Set<Int>, keepdim: Bool) -> [Int] {
        var out: [Int] = []
        for (i, s) in shape.enumerated() {
            if dims.contains(i) { if keepdim { out.append(1) } } else { out.append(s) }
        }
        return out
    }

    /// Re-inserts reduced dimensions as size 1 (no-op with keepdim), for broadcasting a
    /// reduced gradient back.
    func unsqueezing(_ dims: Set<Int>, keepdim: Bool) throws -> Tensor {
        if keepdim || dims.isEmpty { return self }
        var t = self
        for d in dims.sorted() { t = try t.unsqueeze(d) }
        return t
    }

    /// Sums over `dims` into `outDtype`: floats accumulate in double (vectorized, blocked), integers
    /// and bools in wrapping int64. The input is first converted as PyTorch converts it
    /// (a float input summed to an integer dtype is truncated element by element).
    private func sumKernel(_ dims: Set<Int>, keepdim: Bool, dtype outDtype: DType) -> Tensor {
        let outShape = reducedShape(dims, keepdim: keepdim)
        if outDtype.isFloatingPoint {
            let layout = reductionLayout(dims, as: dtype.isFloatingPoint ? nil : .float64)
            let sums = layout.source.dtype == .float32 ? layout.floatSums(Float.self) : layout.floatSums(Double.self)
            return reductionResult(sums, shape: outShape, dtype: outDtype)
        }
        let layout = reductionLayout(dims, as: dtype.isFloatingPoint ? .int64 : nil)
        let sums: [Int64]
        switch layout.source.dtype {
        case .int32: sums = layout.fold(IntSumFold<Int32>())
        case .bool: sums = layout.fold(IntSumFold<Bool>())
        default: sums = layout.fold(IntSumFold<Int64>())
        }
        return reductionResult(sums, shape: outShape, dtype: outDtype)
    }
}
