/// `masked_fill` and `masked_fill_`: a value written wherever a boolean mask is true.
extension Tensor {
    /// `masked_fill(mask, value)`: a copy with `value` where `mask` (broadcast) is true. The
    /// result has the broadcast shape of this tensor and the mask (MaskedFillBackward0).
    public func maskedFill(_ mask: Tensor, value: Scalar) throws -> Tensor {
        try maskedFillCopy(mask, try checkedMaskValue(mask, value), valueTensor: nil)
    }

    /// `masked_fill(mask, value)` with a 0-d tensor value, which receives gradient
    /// (MaskedFillBackward1).
    public func maskedFill(_ mask: Tensor, value: Tensor) throws -> Tensor {
        try maskedFillCopy(mask, try checkedMaskValue(mask, value), valueTensor: value)
    }

    /// `masked_fill_(mask, value)`: in place; the mask must broadcast to this tensor's shape.
    @discardableResult
    public func maskedFillInPlace(_ mask: Tensor, value: Scalar) throws -> Tensor {
        try maskedFillInPlace(mask, try checkedMaskValue(mask, value), valueTensor: nil)
    }

    /// `masked_fill_(mask, value)` with a 0-d tensor value.
    @discardableResult
    public func maskedFillInPlace(_ mask: Tensor, value: Tensor) throws -> Tensor {
        try maskedFillInPlace(mask, try checkedMaskValue(mask, value), valueTensor: value)
    }

    private func checkMask(_ mask: Tensor) throws {
        guard mask.dtype == .bool else {
            let names: [DType: String] = [.int64: "long int", .int32: "int", .float32: "float", .float64: "double"]
            throw TensorError.runtime("masked_fill_ only supports boolean masks, but got mask with dtype \(names[mask.dtype] ?? mask.dtype.shortName)")
        }
    }

    private func checkedMaskValue(_ mask: Tensor, _ value: Scalar) throws -> Tensor {
        try checkMask(mask)
        return try Tensor.fillValue(value, for: dtype)
    }

    private func checkedMaskValue(_ mask: Tensor, _ value: Tensor) throws -> Tensor {
        try checkMask(mask)
        guard value.dim == 0 else {
            throw TensorError.runtime("masked_fill_ only supports a 0-dimensional value tensor, but got tensor with \(value.dim) dimension(s).")
        }
        return value.contiguousCopy(dtype: dtype)
    }

    private func maskedFillCopy(_ mask: Tensor, _ filler: Tensor, valueTensor: Tensor?) throws -> Tensor {
        let outShape = try broadcastShapes(mask.shape, shape)
        let out = Tensor.uninitialized(outShape, dtype: dtype)
        out.copyElements(from: self)
        try out.writeMasked(mask, filler)
        try recordMaskedFill(out, mask, valueTensor, inPlace: false)
        return out
    }

    private func maskedFillInPlace(_ mask: Tensor, _ filler: Tensor, valueTensor: Tensor?) throws -> Tensor {
        let outShape = try broadcastShapes(shape, mask.shape)
        guard outShape == shape else {
            throw TensorError.runtime("output with shape \(formatShapeList(shape)) doesn't match the broadcast shape \(formatShapeList(outShape))")
        }
        try checkInPlace()
        try checkViewInPlace()
        try writeMasked(mask, filler)
        bumpVersion()
        try recordMaskedFill(self, mask, valueTensor, inPlace: true)
        return self
    }

    /// Writes the 0-d `filler` (of this dtype) where `mask`, broadcast to this shape, is true.
    private func writeMasked(_ mask: Tensor, _ filler: Tensor) throws {
        let maskStrides = broadcastStrides(shape: mask.shape, strides: mask.strides, to: shape)
        let m = mask.storage.pointer(Bool.self)
        func run<T: Element>(_: T.Type) {
            let p = storage.pointer(T.self), v = filler.pointer(T.self)[0]
            forEachRow(shape: shape, strides: [strides, maskStrides], offsets: [storageOffset, mask.storageOffset]) { o, s, n in
                var di = o[0], mi = o[1]
                for _ in 0..<n {
                    if m[mi] { p[di] = v }
                    di += s[0]; mi += s[1]
                }
            }
        }
        switch dtype {
        case .float32: run(Float.self)
        case .float64: run(Double.self)
        case .int64: run(Int64.self)
        case .int32: run(Int32.self)
        case .bool: run(Bool.self)
        }
    }

    private func recordMaskedFill(_ out: Tensor, _ mask: Tensor, _ value: Tensor?, inPlace: Bool) throws {
        let name = value == nil ? "MaskedFillBackward0" : "MaskedFillBackward1"
        let formula: BackwardFormula = { g, _ in
            let gSelf = try g[0].maskedFill(mask, value: .int(0))
            guard value != nil else { return [gSelf] }
            let unmasked = try noGrad { try mask.logicalNotForMask() }
            return [gSelf, try g[0].maskedFill(unmasked, value: .int(0)).sum()]
        }
        if inPlace {
            try out.recordInPlace(name, others: value.map { [$0] } ?? [], formula)
        } else {
            recordOp(name, inputs: [self] + (value.map { [$0] } ?? []), outputs: [out], formula)
        }
    }

    /// `~mask` for a bool mask, without autograd.
    fileprivate func logicalNotForMask() throws -> Tensor {
        unaryMap(self, Bool.self, Bool.self) { !$0 }
    }
}
