import Foundation

/// `clamp`/`clip` with number bounds (`ClampBackward1`) or tensor bounds (`ClampBackward0`),
/// either bound optional, and their in-place forms. NaN inputs stay NaN; a NaN bound makes
/// the result NaN; min > max gives max everywhere, as in PyTorch.
extension Tensor {
    /// `torch.clamp(self, min=, max=)` with number bounds.
    public func clamp(min: Scalar? = nil, max: Scalar? = nil) throws -> Tensor {
        try apply(clampOp(min, max))
    }
    /// `torch.clamp(self, min=, max=)` with tensor bounds, broadcast with self.
    public func clamp(min: Tensor? = nil, max: Tensor? = nil) throws -> Tensor {
        let out = try clampTensorKernel(min, max)
        recordClampTensor(min, max, out: out, original: self)
        return out
    }
    /// `torch.clip`: an alias of `clamp`.
    public func clip(min: Scalar? = nil, max: Scalar? = nil) throws -> Tensor { try clamp(min: min, max: max) }
    /// `torch.clip` with tensor bounds.
    public func clip(min: Tensor? = nil, max: Tensor? = nil) throws -> Tensor { try clamp(min: min, max: max) }

    /// `clamp_(min=, max=)` with number bounds.
    @discardableResult
    public func clampInPlace(min: Scalar? = nil, max: Scalar? = nil) throws -> Tensor {
        try applyInPlace(clampOp(min, max))
    }
    /// `clamp_(min=, max=)` with tensor bounds.
    @discardableResult
    public func clampInPlace(min: Tensor? = nil, max: Tensor? = nil) throws -> Tensor {
        try checkInPlace()
        for bound in [min, max].compactMap({ $0 }) { try checkNoPartialOverlap(with: bound) }
        let original = needsGrad([self, min, max]) ? contiguousCopy() : self
        let bounds = (snapshotIfOverwritten(min) ?? min, snapshotIfOverwritten(max) ?? max)
        let value = try clampTensorKernel(min, max)
        try checkInPlaceResult(value.dtype)
        guard value.shape == shape else {
            throw TensorError.runtime("output with shape \(formatShapeList(shape)) doesn't match the broadcast shape \(formatShapeList(value.shape))")
        }
        try checkNoInternalOverlap()
        copyElements(from: value)
        bumpVersion()
        try recordInPlaceClamp(min, max, values: bounds, original: original)
        return self
    }
    /// `clip_`: an alias of `clamp_`.
    @discardableResult
    public func clipInPlace(min: Scalar? = nil, max: Scalar? = nil) throws -> Tensor { try clampInPlace(min: min, max: max) }
    /// `clip_` with tensor bounds.
    @discardableResult
    public func clipInPlace(min: Tensor? = nil, max: Tensor? = nil) throws -> Tensor { try clampInPlace(min: min, max: max) }

    /// The number-bounds clamp as a unary op (its backward passes the gradient strictly
    /// inside the bounds: 0 at a bound, as PyTorch 2.15 does).
    private func clampOp(_ lo: Scalar?, _ hi: Scalar?) throws -> UnaryOp {
        guard lo != nil || hi != nil else {
            throw TensorError.runtime("torch.clamp: At least one of 'min' or 'max' must not be None")
        }
        return UnaryOp(gradFn: "ClampBackward1", saves: .input, forward: { x in
            try clampScalarKernel(x, lo, hi)
        }, backward: { g, x in
            var keep: Tensor?
            if let lo { keep = try x.gt(lo) }
            if let hi { keep = try keep.map { try $0.logicalAnd(x.lt(hi)) } ?? x.lt(hi) }
            guard let keep else { return g }
            return try Tensor.where(keep, g, 0)
        })
    }

    private func clampTensorKernel(_ lo: Tensor?, _ hi: Tensor?) throws -> Tensor {
        guard lo != nil || hi != nil else {
            throw TensorError.runtime("torch.clamp: At least one of 'min' or 'max' must not be None")
        }
        var operands: [Operand] = [.tensor(self)]
        if let lo { operands.append(.tensor(lo)) }
        if let hi { operands.append(.tensor(hi)) }
        let dtype = resultType(operands)
        let x = materialize(dtype)
        if let lo, let hi { return try Tensor.clampBoth(x, lo.materialize(dtype), hi.materialize(dtype), dtype) }
        if let lo { return try noGrad { try x.maximum(lo.materialize(dtype)) } }
        return try noGrad { try x.minimum(hi?.materialize(dtype) ?? x) }
    }

    private static func clampBoth(_ x: Tensor, _ lo: Tensor, _ hi: Tensor, _ dtype: DType) throws -> Tensor {
        switch dtype {
        case .float32: return try ternaryMap(x, lo, hi, Float.self, Float.self, Float.self, Float.self) { clampValue($0, $1, $2) }
        case .float64: return try ternaryMap(x, lo, hi, Double.self, Double.self, Double.self, Double.self) { clampValue($0, $1, $2) }
        case .int64: return try ternaryMap(x, lo, hi, Int64.self, Int64.self, Int64.self, Int64.self) { Swift.min(Swift.max($0, $1), $2) }
        case .int32: return try ternaryMap(x, lo, hi, Int32.self, Int32.self, Int32.self, Int32.self) { Swift.min(Swift.max($0, $1), $2) }
        case .bool: throw TensorError.notImplemented("\"clamp_cpu\" not implemented for 'Bool'")
        }
    }

    /// The gradients of clamp with tensor bounds, as the chain rule through
    /// minimum(maximum(x, min), max) gives them: ties split the gradient evenly between x and
    /// the bound, as PyTorch 2.15 does.
    private static func clampTensorBackward(_ g: Tensor, _ x: Tensor, _ lo: Tensor?, _ hi: Tensor?) throws -> [Tensor?] {
        var gMiddle = g, middle = x
        var gHi: Tensor? = nil, gLo: Tensor? = nil
        if let lo { middle = try noGrad { try x.maximum(lo) } }
        if let hi { (gMiddle, gHi) = try extremumGradients(g, middle, hi, larger: false) }
        var gX = gMiddle
        if let lo { (gX, gLo) = try extremumGradients(gMiddle, x, lo, larger: true) }
        return [gX, gLo, gHi]
    }

    /// The gradients of maximum(a, b) (`larger`) or minimum(a, b) for both arguments.
    private static func extremumGradients(_ g: Tensor, _ a: Tensor, _ b: Tensor, larger: Bool) throws -> (Tensor, Tensor) {
        let shared = try Tensor.where(a.eq(b), g.div(2), g)
        return (try Tensor.where(larger ? a.lt(b) : a.gt(b), 0, shared),
                try Tensor.where(larger ? a.gt(b) : a.lt(b), 0, shared))
    }

    private func recordClampTensor(_ lo: Tensor?, _ hi: Tensor?, out: Tensor, original: Tensor) {
        let saving = [original] + [lo, hi].compactMap { $0 }
        recordOp("ClampBackward0", inputs: [self, lo, hi], outputs: [out], saving: saving) { g, saved in
            let (x, bounds) = (saved[0], Array(saved.dropFirst()))
            return try Tensor.clampTensorBackward(g[0], x, lo == nil ? nil : bounds.first, hi == nil ? nil : bounds.last)
        }
    }

    private func recordInPlaceClamp(_ lo: Tensor?, _ hi: Tensor?, values: (Tensor?, Tensor?), original: Tensor) throws {
        let saving = [original] + [values.0, values.1].compactMap { $0 }
        try recordInPlace("ClampBackward0", others: [lo, hi], saving: saving) { g, saved in
            let (x, bounds) = (saved[0], Array(saved.dropFirst()))
            return try Tensor.clampTensorBackward(g[0], x, lo == nil ? nil : bounds.first, hi == nil ? nil : bounds.last)
        }
    }
}

/// min(max(x, lo), hi) with NaN from any operand propagating (PyTorch's vectorised clamp).
@inline(__always)
private func clampValue<T: BinaryFloatingPoint>(_ x: T, _ lo: T, _ hi: T) -> T {
    if x.isNaN || lo.isNaN || hi.isNaN { return .nan }
    let low = x < lo ? lo : x
    return hi < low ? hi : low
}

/// clamp with number bounds in the promoted dtype.
private func clampScalarKernel(_ x: Tensor, _ lo: Scalar?, _ hi: Scalar?) throws -> Tensor {
    var operands: [Operand] = [.tensor(x)]
    if let lo { operands.append(.scalar(lo)) }
    if let hi { operands.append(.scalar(hi)) }
    let dtype = resultType(operands)
    let v = x.materialize(dtype)
    if (lo?.doubleValue.isNaN ?? false) || (hi?.doubleValue.isNaN ?? false) {
        return try Tensor.full(x.shape, .double(.nan), dtype: dtype)
    }
    switch dtype {
    case .float32:
        let l = lo.map { Float($0.doubleValue) } ?? -.infinity, h = hi.map { Float($0.doubleValue) } ?? .infinity
        return unaryMap(v, Float.self, Float.self) { let low = $0 < l ? l : $0; return h < low ? h : low }
    case .float64:
        let l = lo?.doubleValue ?? -.infinity, h = hi?.doubleValue ?? .infinity
        return unaryMap(v, Double.self, Double.self) { let low = $0 < l ? l : $0; return h < low ? h : low }
    case .int64:
        let l = lo?.int64Value ?? .min, h = hi?.int64Value ?? .max
        return unaryMap(v, Int64.self, Int64.self) { Swift.min(Swift.max($0, l), h) }
    case .int32:
        let l = Int32(truncatingIfNeeded: lo?.int64Value ?? Int64(Int32.min)), h = Int32(truncatingIfNeeded: hi?.int64Value ?? Int64(Int32.max))
        return unaryMap(v, Int32.self, Int32.self) { Swift.min(Swift.max($0, l), h) }
    case .bool:
        throw TensorError.notImplemented("\"clamp_scalar_cpu\" not implemented for 'Bool'")
    }
}
