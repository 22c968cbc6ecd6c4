/// `sum` and `sumToSize`: the reduction every broadcasting backward needs.
extension Tensor {
    /// `torch.sum(self, dtype=)`: the sum of all elements as a 0-d tensor. Integer and bool
    /// inputs sum to int64, as in PyTorch.
    public func sum(dtype: DType? = nil) throws -> Tensor {
        try sum(dims: Array(0..<dim), keepdim: false, dtype: dtype, name: "SumBackward0")
    }

    /// `torch.sum(self, dim, keepdim=, dtype=)` over one or more dimensions.
    public func sum(dims: [Int], keepdim: Bool = false, dtype: DType? = nil) throws -> Tensor {
        try sum(dims: dims, keepdim: keepdim, dtype: dtype, name: "SumBackward1")
    }

    private func sum(dims: [Int], keepdim: Bool, dtype: DType?, name: String) throws -> Tensor {
        let reduced = try reductionDims(dims)
        let outDtype = dtype ?? (self.dtype.isFloatingPoint ? self.dtype : .int64)
        let out = sumKernel(reduced, keepdim: keepdim, dtype: outDtype)
        let inputShape = shape
        recordOp(name, inputs: [self], outputs: [out]) { g, _ in
            [try g[0].unsqueezing(reduced, keepdim: keepdim).expand(inputShape)]
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

    /// Sums over `dims` in one pass over the input, accumulating floats in double (more
    /// accurate than float32 partial sums; PyTorch's cascade sum lands within rounding).
    private func sumKernel(_ dims: Set<Int>, keepdim: Bool, dtype outDtype: DType) -> Tensor {
        let outShape = reducedShape(dims, keepdim: keepdim)
        let keptShape = reducedShape(dims, keepdim: true)
        let outCount = keptShape.reduce(1, *)
        let accStrides = contiguousStrides(keptShape).enumerated().map { dims.contains($0.offset) ? 0 : $0.element }
        let out = Tensor(zeros: outShape, dtype: outDtype)
        if outCount == 0 { return out }
        if outDtype.isFloatingPoint {
            var acc = [Double](repeating: 0, count: outCount)
            acc.withUnsafeMutableBufferPointer { a in
                if let base = a.baseAddress { accumulate(into: base, accStrides) { Double($0) } }
            }
            switch outDtype {
            case .float32: let p = out.storage.pointer(Float.self); for i in 0..<outCount { p[i] = Float(acc[i]) }
            default: let p = out.storage.pointer(Double.self); for i in 0..<outCount { p[i] = acc[i] }
            }
        } else {
            var acc = [Int64](repeating: 0, count: outCount)
            acc.withUnsafeMutableBufferPointer { a in
                if let base = a.baseAddress { accumulate(into: base, accStrides) { Int64(fromDouble: $0) } }
            }
            let p = out.storage.pointer(Int64.self)
            for i in 0..<outCount { p[i] = acc[i] }
        }
        return out
    }

    private func accumulate<A: AdditiveArithmetic>(into acc: UnsafeMutablePointer<A>, _ accStrides: [Int],
                                                   _ convertDouble: (Double) -> A) where A: Element {
        func run<T: Element>(_: T.Type, _ convert: (T) -> A) {
            let src = storage.pointer(T.self)
            if accStrides.allSatisfy({ $0 == 0 }) && isContiguous {
                let p = pointer(T.self)
                var total = A.zero
                for i in 0..<numel { total = addWrapping(total, convert(p[i])) }
                acc[0] = total
                return
            }
            forEachRow(shape: shape, strides: [strides, accStrides], offsets: [storageOffset, 0]) { o, s, n in
                var si = o[0], ai = o[1]
                for _ in 0..<n {
                    acc[ai] = addWrapping(acc[ai], convert(src[si]))
                    si += s[0]; ai += s[1]
                }
            }
        }
        switch dtype {
        case .float32: run(Float.self) { convertDouble(Double($0)) }
        case .float64: run(Double.self) { convertDouble($0) }
        case .int64: run(Int64.self) { A(fromInt64: $0) }
        case .int32: run(Int32.self) { A(fromInt64: Int64($0)) }
        case .bool: run(Bool.self) { $0 ? A.one : A.zero }
        }
    }
}

/// Addition that wraps for integers (PyTorch's int sums overflow silently) and is plain for floats.
@inline(__always) private func addWrapping<A: AdditiveArithmetic & Element>(_ a: A, _ b: A) -> A {
    if let x = a as? Int64, let y = b as? Int64 { return unsafeBitCast(x &+ y, to: A.self) }
    return a + b
}
