import Foundation

/// add, sub, rsub, mul, div, neg and their in-place forms: forward, backward and grad_fn names
/// together. Gradients may keep the broadcast shape: the backward engine sums them down to
/// each input's shape and dtype.
extension Tensor {
    /// `torch.add(self, other, alpha=)`: self + alpha·other.
    public func add(_ other: Tensor, alpha: Scalar = 1) throws -> Tensor { try add(.tensor(other), alpha: alpha) }
    /// `self + other` with a Python number.
    public func add(_ other: Scalar, alpha: Scalar = 1) throws -> Tensor { try add(.scalar(other), alpha: alpha) }

    func add(_ other: Operand, alpha: Scalar) throws -> Tensor {
        let dtype = resultType([.tensor(self), other])
        try checkAlpha(alpha, dtype)
        let out = try addKernel(materialize(dtype), other.materialize(dtype), alpha, dtype)
        recordOp("AddBackward0", inputs: [self, other.tensor], outputs: [out]) { g, _ in
            [g[0], other.tensor?.requiresGrad == true ? try maybeMultiply(g[0], alpha) : nil]
        }
        return out
    }

    /// `torch.sub(self, other, alpha=)`: self − alpha·other.
    public func sub(_ other: Tensor, alpha: Scalar = 1) throws -> Tensor { try sub(.tensor(other), alpha: alpha) }
    /// `self - other` with a Python number.
    public func sub(_ other: Scalar, alpha: Scalar = 1) throws -> Tensor { try sub(.scalar(other), alpha: alpha) }

    func sub(_ other: Operand, alpha: Scalar) throws -> Tensor {
        try checkSubtraction(self, other)
        let dtype = resultType([.tensor(self), other])
        try checkAlpha(alpha, dtype)
        let out = try addKernel(materialize(dtype), other.materialize(dtype), negated(alpha), dtype)
        recordOp("SubBackward0", inputs: [self, other.tensor], outputs: [out]) { g, _ in
            [g[0], other.tensor?.requiresGrad == true ? try g[0].mul(negated(alpha)) : nil]
        }
        return out
    }

    /// `torch.rsub(self, other, alpha=)`: other − alpha·self (`number - tensor`).
    public func rsub(_ other: Scalar, alpha: Scalar = 1) throws -> Tensor { try rsub(.scalar(other), alpha: alpha) }
    /// `torch.rsub(self, other, alpha=)` with a tensor `other`.
    public func rsub(_ other: Tensor, alpha: Scalar = 1) throws -> Tensor { try rsub(.tensor(other), alpha: alpha) }

    func rsub(_ other: Operand, alpha: Scalar) throws -> Tensor {
        try checkSubtraction(self, other)
        let dtype = resultType([.tensor(self), other])
        try checkAlpha(alpha, dtype)
        let out = try addKernel(other.materialize(dtype), materialize(dtype), negated(alpha), dtype)
        // With a number `other`, PyTorch's RsubBackward1 has one input; RsubBackward0 two.
        let name = other.tensor == nil ? "RsubBackward1" : "RsubBackward0"
        recordOp(name, inputs: [self] + (other.tensor.map { [$0] } ?? []), outputs: [out]) { g, _ in
            [try g[0].mul(negated(alpha))] + (other.tensor == nil ? [] : [g[0]])
        }
        return out
    }

    /// `torch.mul(self, other)`.
    public func mul(_ other: Tensor) throws -> Tensor { try mul(.tensor(other)) }
    /// `self * other` with a Python number.
    public func mul(_ other: Scalar) throws -> Tensor { try mul(.scalar(other)) }

    func mul(_ other: Operand) throws -> Tensor {
        let dtype = resultType([.tensor(self), other])
        let out = try mulKernel(materialize(dtype), other.materialize(dtype), dtype)
        try recordMul(other, out: out, original: self)
        return out
    }

    /// Records MulBackward0 for `out = original * other` (`original` is self before an
    /// in-place mul_, `otherValue` a snapshot of an `other` that mul_ overwrites). Saves only
    /// what the formula reads, as PyTorch does, so an unrelated in-place change does not trip
    /// the version check.
    private func recordMul(_ other: Operand, out: Tensor, original: Tensor, otherValue: Tensor? = nil) throws {
        let otherTensor = other.tensor
        let selfNeeds = requiresGrad, otherNeeds = otherTensor?.requiresGrad == true
        var saving: [Tensor] = []
        if selfNeeds, let value = otherValue ?? otherTensor { saving.append(value) }
        if otherNeeds { saving.append(original) }
        let formula: BackwardFormula = { g, saved in
            var gSelf: Tensor? = nil
            if selfNeeds { gSelf = try other.scalar.map { try g[0].mul($0) } ?? scaleGradient(g[0], saved[0]) }
            let gOther: Tensor? = otherNeeds ? try scaleGradient(g[0], saved[saved.count - 1]) : nil
            return [gSelf, gOther]
        }
        if out === self { try recordInPlace("MulBackward0", others: [otherTensor], saving: saving, formula) }
        else { recordOp("MulBackward0", inputs: [self, otherTensor], outputs: [out], saving: saving, formula) }
    }

    /// `torch.div(self, other)`: true division (integers give the default float dtype).
    public func div(_ other: Tensor) throws -> Tensor { try div(.tensor(other), mode: nil, name: "DivBackward0") }
    /// `self / other` with a Python number.
    public func div(_ other: Scalar) throws -> Tensor { try div(.scalar(other), mode: nil, name: "DivBackward0") }
    /// `torch.div(self, other, rounding_mode=)`: `"trunc"` or `"floor"` rounding keeps integer
    /// dtypes; nil is true division (recorded as `DivBackward2`, as PyTorch does whenever the
    /// argument is given).
    public func div(_ other: Tensor, roundingMode: String?) throws -> Tensor {
        try div(.tensor(other), mode: roundingMode, name: "DivBackward2")
    }
    /// `torch.div(self, number, rounding_mode=)`.
    public func div(_ other: Scalar, roundingMode: String?) throws -> Tensor {
        try div(.scalar(other), mode: roundingMode, name: "DivBackward2")
    }

    func div(_ other: Operand, mode: String?, name: String) throws -> Tensor {
        var dtype = resultType([.tensor(self), other])
        if mode == nil && !dtype.isFloatingPoint { dtype = DType.defaultFloat }
        let divisor = other.materialize(dtype)
        let out = try divKernel(materialize(dtype), divisor, dtype, mode)
        try recordDiv(other, divisor: divisor, mode: mode, name: name, out: out, original: self)
        return out
    }

    /// Records the backward of `out = original / other`: grad / other for self, and
    /// −grad·((self / other) / other) for a tensor `other`; zeros with a rounding mode.
    private func recordDiv(_ other: Operand, divisor: Tensor, mode: String?, name: String, out: Tensor,
                           original: Tensor) throws {
        let otherTensor = other.tensor, otherNeeds = otherTensor?.requiresGrad == true
        let saving = mode != nil ? [] : (otherNeeds ? [divisor, original] : [divisor])
        let formula: BackwardFormula = { g, saved in
            if mode != nil { return [try g[0].zerosLike(), otherNeeds ? try g[0].zerosLike() : nil] }
            let gSelf = try g[0].div(saved[0])
            guard otherNeeds else { return [gSelf, nil] }
            return [gSelf, try g[0].neg().mul(saved[1].div(saved[0]).div(saved[0]))]
        }
        if out === self { try recordInPlace(name, others: [otherTensor], saving: saving, formula) }
        else { recordOp(name, inputs: [self, otherTensor], outputs: [out], saving: saving, formula) }
    }

    /// `torch.neg`: −self.
    public func neg() throws -> Tensor {
        if dtype == .bool {
            throw TensorError.notImplemented("Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.")
        }
        let out = numericMap({ -$0 }, { -$0 }, { 0 &- $0 }, { 0 &- $0 })
        recordOp("NegBackward0", inputs: [self], outputs: [out]) { g, _ in [try g[0].neg()] }
        return out
    }

    /// This tensor's data in `dtype` (no autograd).
    func materialize(_ dtype: DType) -> Tensor { self.dtype == dtype ? self : contiguousCopy(dtype: dtype) }
}

// MARK: - In place

extension Tensor {
    /// `add_(other, alpha=)`.
    @discardableResult
    public func addInPlace(_ other: Tensor, alpha: Scalar = 1) throws -> Tensor { try addInPlace(.tensor(other), alpha: alpha) }
    /// `add_(number, alpha=)`.
    @discardableResult
    public func addInPlace(_ other: Scalar, alpha: Scalar = 1) throws -> Tensor { try addInPlace(.scalar(other), alpha: alpha) }

    func addInPlace(_ other: Operand, alpha: Scalar, name: String = "AddBackward0") throws -> Tensor {
        let common = try beginInPlace(other)
        try checkAlpha(alpha, common)
        let b = other.materialize(common)
        if common == dtype {
            switch dtype {
            case .float32:
                if alpha.doubleValue == 1 { try elementwiseInPlace(self, b, Add<Float>()) }
                else { try elementwiseInPlace(self, b, AddScaled<Float>(alpha: Float(alpha.doubleValue))) }
            case .float64:
                if alpha.doubleValue == 1 { try elementwiseInPlace(self, b, Add<Double>()) }
                else { try elementwiseInPlace(self, b, AddScaled<Double>(alpha: alpha.doubleValue)) }
            case .int64:
                let s = alpha.int64Value
                try binaryMapInPlace(self, b, Int64.self, Int64.self) { $0 &+ s &* $1 }
            case .int32:
                let s = Int32(truncatingIfNeeded: alpha.int64Value)
                try binaryMapInPlace(self, b, Int32.self, Int32.self) { $0 &+ s &* $1 }
            case .bool:
                let s = alpha.doubleValue != 0
                try binaryMapInPlace(self, b, Bool.self, Bool.self) { $0 || (s && $1) }
            }
        } else {
            try writeBack(addKernel(materialize(common), b, alpha, common))
        }
        bumpVersion()
        try recordInPlace(name, others: [other.tensor]) { g, _ in
            [g[0], other.tensor?.requiresGrad == true ? try maybeMultiply(g[0], alpha) : nil]
        }
        return self
    }

    /// `sub_(other, alpha=)`.
    @discardableResult
    public func subInPlace(_ other: Tensor, alpha: Scalar = 1) throws -> Tensor {
        try checkSubtraction(self, .tensor(other))
        return try addInPlace(.tensor(other), alpha: negated(alpha), name: "SubBackward0")
    }
    /// `sub_(number, alpha=)`.
    @discardableResult
    public func subInPlace(_ other: Scalar, alpha: Scalar = 1) throws -> Tensor {
        try checkSubtraction(self, .scalar(other))
        return try addInPlace(.scalar(other), alpha: negated(alpha), name: "SubBackward0")
    }

    /// `mul_(other)`.
    @discardableResult
    public func mulInPlace(_ other: Tensor) throws -> Tensor { try mulInPlace(.tensor(other)) }
    /// `mul_(number)`.
    @discardableResult
    public func mulInPlace(_ other: Scalar) throws -> Tensor { try mulInPlace(.scalar(other)) }

    func mulInPlace(_ other: Operand) throws -> Tensor {
        let common = try beginInPlace(other)
        let original = savedOriginal(if: other.tensor?.requiresGrad == true)
        let otherValue = snapshotIfOverwritten(other.tensor)
        let b = other.materialize(common)
        if common == dtype {
            switch dtype {
            case .float32: try elementwiseInPlace(self, b, Mul<Float>())
            case .float64: try elementwiseInPlace(self, b, Mul<Double>())
            case .int64: try binaryMapInPlace(self, b, Int64.self, Int64.self) { $0 &* $1 }
            case .int32: try binaryMapInPlace(self, b, Int32.self, Int32.self) { $0 &* $1 }
            case .bool: try binaryMapInPlace(self, b, Bool.self, Bool.self) { $0 && $1 }
            }
        } else {
            try writeBack(mulKernel(materialize(common), b, common))
        }
        bumpVersion()
        try recordMul(other, out: self, original: original ?? self, otherValue: otherValue)
        return self
    }

    /// `div_(other)`.
    @discardableResult
    public func divInPlace(_ other: Tensor) throws -> Tensor { try divInPlace(.tensor(other), mode: nil, name: "DivBackward0") }
    /// `div_(number)`.
    @discardableResult
    public func divInPlace(_ other: Scalar) throws -> Tensor { try divInPlace(.scalar(other), mode: nil, name: "DivBackward0") }
    /// `div_(other, rounding_mode=)`.
    @discardableResult
    public func divInPlace(_ other: Tensor, roundingMode: String?) throws -> Tensor {
        try divInPlace(.tensor(other), mode: roundingMode, name: "DivBackward2")
    }
    /// `div_(number, rounding_mode=)`.
    @discardableResult
    public func divInPlace(_ other: Scalar, roundingMode: String?) throws -> Tensor {
        try divInPlace(.scalar(other), mode: roundingMode, name: "DivBackward2")
    }

    func divInPlace(_ other: Operand, mode: String?, name: String) throws -> Tensor {
        try checkInPlace()
        if let t = other.tensor { try checkNoPartialOverlap(with: t) }
        var common = resultType([.tensor(self), other])
        if mode == nil && !common.isFloatingPoint { common = DType.defaultFloat }
        try checkInPlaceResult(common)
        let original = savedOriginal(if: mode == nil && other.tensor?.requiresGrad == true)
        let divisor = other.materialize(common)
        let divisorValue = snapshotIfOverwritten(divisor)
        try writeBack(divKernel(materialize(common), divisor, common, mode))
        bumpVersion()
        try recordDiv(other, divisor: divisorValue ?? divisor, mode: mode, name: name, out: self, original: original ?? self)
        return self
    }

    /// Checks an in-place binary op on this tensor and returns the dtype it computes in.
    private func beginInPlace(_ other: Operand) throws -> DType {
        try checkInPlace()
        if let t = other.tensor { try checkNoPartialOverlap(with: t) }
        let common = resultType([.tensor(self), other])
        try checkInPlaceResult(common)
        return common
    }

    /// A copy of this tensor's current value when backward will need it after an in-place
    /// change (PyTorch's `original_self`).
    private func savedOriginal(if needed: Bool) -> Tensor? {
        needed && GradMode.enabled ? contiguousCopy() : nil
    }

    /// A copy of `operand` when it is this tensor's own memory (`y.mul_(y)`) and the op will
    /// be recorded: backward needs the value from before the write. (PyTorch saves the
    /// operand itself and its backward then refuses to run; wick keeps the right value.)
    func snapshotIfOverwritten(_ operand: Tensor?) -> Tensor? {
        guard let operand, operand.storage === storage, GradMode.enabled, requiresGrad || operand.requiresGrad else { return nil }
        return operand.contiguousCopy()
    }

    /// Writes an out-of-place result (of the promoted dtype) back into this tensor.
    private func writeBack(_ value: Tensor) throws {
        guard value.shape == shape else {
            throw TensorError.runtime("output with shape \(formatShapeList(shape)) doesn't match the broadcast shape \(formatShapeList(value.shape))")
        }
        try checkNoInternalOverlap()
        copyElements(from: value)
    }

    /// PyTorch refuses in-place results that would need a wider dtype than the target's.
    func checkInPlaceResult(_ result: DType) throws {
        if result != dtype && (result.category > dtype.category) {
            throw TensorError.runtime("result type \(result.scalarTypeName) can't be cast to the desired output type \(dtype.scalarTypeName)")
        }
    }
}

// MARK: - Helpers and kernels

/// grad · factor for MulBackward0. A gradient of all ones (what `sum` passes back) gives the
/// factor itself when shapes and dtypes already agree: 1·x is x exactly, and the pass over
/// memory is saved. Gradients may alias other tensors (AddBackward0 passes its own on), and
/// hooks must not modify theirs in place, as in PyTorch.
private func scaleGradient(_ g: Tensor, _ factor: Tensor) throws -> Tensor {
    if !GradMode.enabled && factor.shape == g.shape && factor.dtype == g.dtype && g.numel > 0
        && isSingleValue(g, g.shape) && g.element(at: [Int](repeating: 0, count: g.dim)) == 1 {
        return factor
    }
    return try g.mul(factor)
}

private func negated(_ s: Scalar) -> Scalar {
    switch s {
    case .bool(let b): return .int(b ? -1 : 0)
    case .int(let i): return .int(0 &- i)
    case .double(let d): return .double(-d)
    }
}

/// `maybe_multiply` of PyTorch's derivatives: the gradient itself when alpha is 1.
private func maybeMultiply(_ g: Tensor, _ alpha: Scalar) throws -> Tensor {
    alpha.doubleValue == 1 ? g : try g.mul(alpha)
}

private func checkAlpha(_ alpha: Scalar, _ dtype: DType) throws {
    if case .bool = alpha, dtype != .bool {
        throw TensorError.runtime("Boolean alpha only supported for Boolean results.")
    }
    if !dtype.isFloatingPoint && alpha.isFloatingPoint {
        throw TensorError.runtime("For integral input tensors, argument alpha must not be a floating point number.")
    }
}

/// PyTorch's refusal to subtract booleans.
private func checkSubtraction(_ tensor: Tensor, _ other: Operand) throws {
    let otherIsBool: Bool
    switch other {
    case .tensor(let t): otherIsBool = t.dtype == .bool
    case .scalar(let s): if case .bool = s { otherIsBool = true } else { otherIsBool = false }
    }
    if tensor.dtype == .bool && otherIsBool {
        throw TensorError.notImplemented("Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.")
    }
    if tensor.dtype == .bool || otherIsBool {
        throw TensorError.notImplemented("Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.")
    }
}
