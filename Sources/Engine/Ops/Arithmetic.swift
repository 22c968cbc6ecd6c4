import Foundation

/// add, sub, mul, div and their in-place forms: forward, backward and grad_fn names together.
/// Gradients may keep the broadcast shape: the backward engine sums them down to each input.
extension Tensor {
    /// `torch.add(self, other, alpha=)`: self + alpha·other.
    public func add(_ other: Tensor, alpha: Scalar = 1) throws -> Tensor { try add(.tensor(other), alpha: alpha) }
    /// `self + other` with a Python number.
    public func add(_ other: Scalar, alpha: Scalar = 1) throws -> Tensor { try add(.scalar(other), alpha: alpha) }

    func add(_ other: Operand, alpha: Scalar) throws -> Tensor {
        let dtype = resultType([.tensor(self), other])
        try checkAlpha(alpha, dtype)
        let a = Operand.tensor(self).materialize(dtype), b = other.materialize(dtype)
        let out = try addKernel(a, b, alpha, dtype)
        let alphaValue = alpha
        recordOp("AddBackward0", inputs: [self, other.tensor], outputs: [out]) { g, _ in
            [g[0], alphaValue == 1 ? g[0] : try g[0].mul(alphaValue)]
        }
        return out
    }

    /// `torch.sub(self, other, alpha=)`: self − alpha·other.
    public func sub(_ other: Tensor, alpha: Scalar = 1) throws -> Tensor { try sub(.tensor(other), alpha: alpha) }
    /// `self - other` with a Python number.
    public func sub(_ other: Scalar, alpha: Scalar = 1) throws -> Tensor { try sub(.scalar(other), alpha: alpha) }

    func sub(_ other: Operand, alpha: Scalar) throws -> Tensor {
        try checkSubtraction(other)
        let dtype = resultType([.tensor(self), other])
        try checkAlpha(alpha, dtype)
        let a = Operand.tensor(self).materialize(dtype), b = other.materialize(dtype)
        let out = try addKernel(a, b, negated(alpha), dtype)
        recordOp("SubBackward0", inputs: [self, other.tensor], outputs: [out]) { g, _ in
            [g[0], try g[0].mul(negated(alpha))]
        }
        return out
    }

    /// `rsub`: other − alpha·self, for `number - tensor`.
    public func rsub(_ other: Scalar, alpha: Scalar = 1) throws -> Tensor {
        try checkSubtraction(.scalar(other))
        let dtype = resultType([.tensor(self), .scalar(other)])
        let a = Operand.tensor(self).materialize(dtype), b = Operand.scalar(other).materialize(dtype)
        let out = try addKernel(b, a, negated(alpha), dtype)
        recordOp("RsubBackward1", inputs: [self], outputs: [out]) { g, _ in [try g[0].mul(negated(alpha))] }
        return out
    }

    /// `torch.mul(self, other)`.
    public func mul(_ other: Tensor) throws -> Tensor { try mul(.tensor(other)) }
    /// `self * other` with a Python number.
    public func mul(_ other: Scalar) throws -> Tensor { try mul(.scalar(other)) }

    func mul(_ other: Operand) throws -> Tensor {
        let dtype = resultType([.tensor(self), other])
        let a = Operand.tensor(self).materialize(dtype), b = other.materialize(dtype)
        let out: Tensor
        switch dtype {
        case .float32: out = try binaryMap(a, b, Float.self, Float.self, Float.self) { $0 * $1 }
        case .float64: out = try binaryMap(a, b, Double.self, Double.self, Double.self) { $0 * $1 }
        case .int64: out = try binaryMap(a, b, Int64.self, Int64.self, Int64.self) { $0 &* $1 }
        case .int32: out = try binaryMap(a, b, Int32.self, Int32.self, Int32.self) { $0 &* $1 }
        case .bool: out = try binaryMap(a, b, Bool.self, Bool.self, Bool.self) { $0 && $1 }
        }
        let otherTensor = other.tensor
        let otherScalar: Scalar? = { if case .scalar(let s) = other { return s } else { return nil } }()
        // Save only what the formula reads, as PyTorch does, so an unrelated in-place change
        // does not trip the version check.
        var saving: [Tensor] = []
        if requiresGrad, let otherTensor { saving.append(otherTensor) }
        if otherTensor?.requiresGrad == true { saving.append(self) }
        let selfNeedsGrad = requiresGrad
        recordOp("MulBackward0", inputs: [self, otherTensor], outputs: [out], saving: saving) { g, saved in
            let gSelf: Tensor?
            if !selfNeedsGrad { gSelf = nil }
            else if let otherScalar { gSelf = try g[0].mul(otherScalar) }
            else { gSelf = try g[0].mul(saved[0]) }
            let gOther: Tensor? = otherTensor?.requiresGrad == true ? try g[0].mul(saved[saved.count - 1]) : nil
            return [gSelf, gOther]
        }
        return out
    }

    /// `torch.div(self, other, rounding_mode=)`: true division (integers give floats), or
    /// `"trunc"` / `"floor"` rounding that keeps integer dtypes.
    public func div(_ other: Tensor, roundingMode: String? = nil) throws -> Tensor {
        try div(.tensor(other), roundingMode: roundingMode)
    }
    /// `self / other` with a Python number.
    public func div(_ other: Scalar, roundingMode: String? = nil) throws -> Tensor {
        try div(.scalar(other), roundingMode: roundingMode)
    }

    func div(_ other: Operand, roundingMode: String?) throws -> Tensor {
        var dtype = resultType([.tensor(self), other])
        if roundingMode == nil && !dtype.isFloatingPoint { dtype = DType.defaultFloat }
        let a = Operand.tensor(self).materialize(dtype), b = other.materialize(dtype)
        let out = try divKernel(a, b, dtype, roundingMode)
        let otherTensor = other.tensor
        let name = roundingMode == nil ? "DivBackward0" : "DivBackward1"
        if roundingMode != nil {
            recordOp(name, inputs: [self, otherTensor], outputs: [out]) { g, _ in
                [try g[0].zerosLike(), try otherTensor.map { _ in try g[0].zerosLike() }]
            }
            return out
        }
        var saving: [Tensor] = [b]
        if otherTensor?.requiresGrad == true { saving.append(self) }
        recordOp(name, inputs: [self, otherTensor], outputs: [out], saving: saving) { g, saved in
            let divisor = saved[0]
            let gSelf = try g[0].div(divisor)
            guard otherTensor?.requiresGrad == true else { return [gSelf, nil] }
            // d(a/b)/db = -a / b²
            let gOther = try g[0].neg().mul(saved[1]).div(divisor.mul(divisor))
            return [gSelf, gOther]
        }
        return out
    }

    /// `torch.neg`.
    public func neg() throws -> Tensor {
        if dtype == .bool {
            throw TensorError.runtime("Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.")
        }
        let out: Tensor
        switch dtype {
        case .float32: out = unaryMap(self, Float.self, Float.self) { -$0 }
        case .float64: out = unaryMap(self, Double.self, Double.self) { -$0 }
        case .int64: out = unaryMap(self, Int64.self, Int64.self) { 0 &- $0 }
        case .int32: out = unaryMap(self, Int32.self, Int32.self) { 0 &- $0 }
        case .bool: out = self
        }
        recordOp("NegBackward0", inputs: [self], outputs: [out]) { g, _ in [try g[0].neg()] }
        return out
    }

    // MARK: In place

    /// `add_(other, alpha=)`.
    @discardableResult
    public func addInPlace(_ other: Tensor, alpha: Scalar = 1) throws -> Tensor {
        try addInPlace(.tensor(other), alpha: alpha)
    }
    /// `add_(number)`.
    @discardableResult
    public func addInPlace(_ other: Scalar, alpha: Scalar = 1) throws -> Tensor {
        try addInPlace(.scalar(other), alpha: alpha)
    }

    func addInPlace(_ other: Operand, alpha: Scalar, name: String = "AddBackward0") throws -> Tensor {
        try checkInPlace()
        try checkInPlaceResult(resultType([.tensor(self), other]))
        try checkAlpha(alpha, dtype)
        let b = other.materialize(dtype)
        switch dtype {
        case .float32:
            let s = Float(alpha.doubleValue)
            try binaryMapInPlace(self, b, Float.self, Float.self) { $0 + s * $1 }
        case .float64:
            let s = alpha.doubleValue
            try binaryMapInPlace(self, b, Double.self, Double.self) { $0 + s * $1 }
        case .int64:
            let s = alpha.int64Value
            try binaryMapInPlace(self, b, Int64.self, Int64.self) { $0 &+ s &* $1 }
        case .int32:
            let s = Int32(truncatingIfNeeded: alpha.int64Value)
            try binaryMapInPlace(self, b, Int32.self, Int32.self) { $0 &+ s &* $1 }
        case .bool:
            try binaryMapInPlace(self, b, Bool.self, Bool.self) { $0 || (alpha.doubleValue != 0 && $1) }
        }
        bumpVersion()
        try recordInPlace(name, others: [other.tensor]) { g, _ in
            [g[0], alpha == 1 ? g[0] : try g[0].mul(alpha)]
        }
        return self
    }

    /// `sub_(other, alpha=)`.
    @discardableResult
    public func subInPlace(_ other: Tensor, alpha: Scalar = 1) throws -> Tensor {
        try checkSubtraction(.tensor(other))
        return try addInPlace(.tensor(other), alpha: negated(alpha), name: "SubBackward0")
    }
    /// `sub_(number)`.
    @discardableResult
    public func subInPlace(_ other: Scalar, alpha: Scalar = 1) throws -> Tensor {
        try checkSubtraction(.scalar(other))
        return try addInPlace(.scalar(other), alpha: negated(alpha), name: "SubBackward0")
    }

    /// `mul_(other)`.
    @discardableResult
    public func mulInPlace(_ other: Tensor) throws -> Tensor { try replaceInPlace(with: mul(other), other: other, name: "MulBackward0", multiply: true) }
    /// `mul_(number)`.
    @discardableResult
    public func mulInPlace(_ other: Scalar) throws -> Tensor { try replaceInPlace(with: try noGrad { try mul(other) }, scalar: other, multiply: true) }

    /// `div_(other)`.
    @discardableResult
    public func divInPlace(_ other: Tensor) throws -> Tensor { try replaceInPlace(with: div(other), other: other, name: "DivBackward0", multiply: false) }
    /// `div_(number)`.
    @discardableResult
    public func divInPlace(_ other: Scalar) throws -> Tensor { try replaceInPlace(with: try noGrad { try div(other) }, scalar: other, multiply: false) }

    /// Writes an out-of-place mul/div result back into self and records the in-place node.
    private func replaceInPlace(with result: @autoclosure () throws -> Tensor, other: Tensor? = nil, scalar: Scalar? = nil,
                                name: String = "", multiply: Bool) throws -> Tensor {
        try checkInPlace()
        let before = requiresGrad ? noGrad { contiguousCopy() } : nil
        let value = try noGrad { try result() }
        try checkInPlaceResult(value.dtype)
        copyElements(from: value)
        bumpVersion()
        let opName = multiply ? "MulBackward0" : "DivBackward0"
        let otherSaved = other
        var saving: [Tensor] = []
        if let otherSaved { saving.append(otherSaved) }
        if let before { saving.append(before) }
        try recordInPlace(opName, others: [other], saving: saving) { g, saved in
            let divisor: Tensor? = otherSaved == nil ? nil : saved[0]
            let previous: Tensor? = before == nil ? nil : saved[saved.count - 1]
            var gSelf: Tensor
            if let scalar { gSelf = multiply ? try g[0].mul(scalar) : try g[0].div(scalar) }
            else if let divisor { gSelf = multiply ? try g[0].mul(divisor) : try g[0].div(divisor) }
            else { gSelf = g[0] }
            var gOther: Tensor? = nil
            if let divisor, divisor.requiresGrad, let previous {
                gOther = multiply ? try g[0].mul(previous) : try g[0].neg().mul(previous).div(divisor.mul(divisor))
            }
            _ = gSelf
            gSelf = gSelf.dtype == g[0].dtype ? gSelf : try gSelf.to(g[0].dtype)
            return [gSelf, gOther]
        }
        return self
    }

    /// PyTorch refuses in-place results that would need a wider dtype than the target's.
    func checkInPlaceResult(_ result: DType) throws {
        if result != dtype && (result.category > dtype.category) {
            throw TensorError.runtime("result type \(result.scalarTypeName) can't be cast to the desired output type \(dtype.scalarTypeName)")
        }
    }

    private func checkSubtraction(_ other: Operand) throws {
        let otherIsBool: Bool
        switch other {
        case .tensor(let t): otherIsBool = t.dtype == .bool
        case .scalar(let s): if case .bool = s { otherIsBool = true } else { otherIsBool = false }
        }
        if dtype == .bool && otherIsBool {
            throw TensorError.runtime("Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.")
        }
        if dtype == .bool || otherIsBool {
            throw TensorError.runtime("Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.")
        }
    }
}

private func negated(_ s: Scalar) -> Scalar {
    switch s {
    case .bool(let b): return .int(b ? -1 : 0)
    case .int(let i): return .int(0 &- i)
    case .double(let d): return .double(-d)
    }
}

private func checkAlpha(_ alpha: Scalar, _ dtype: DType) throws {
    if !dtype.isFloatingPoint && alpha.isFloatingPoint {
        throw TensorError.runtime("For integral input tensors, argument alpha must not be a floating point number.")
    }
}

/// a + alpha·b in `dtype` (both already converted).
private func addKernel(_ a: Tensor, _ b: Tensor, _ alpha: Scalar, _ dtype: DType) throws -> Tensor {
    switch dtype {
    case .float32:
        if alpha == 1 { return try binaryMap(a, b, Float.self, Float.self, Float.self) { $0 + $1 } }
        let s = Float(alpha.doubleValue)
        return try binaryMap(a, b, Float.self, Float.self, Float.self) { $0 + s * $1 }
    case .float64:
        let s = alpha.doubleValue
        return try binaryMap(a, b, Double.self, Double.self, Double.self) { $0 + s * $1 }
    case .int64:
        let s = alpha.int64Value
        return try binaryMap(a, b, Int64.self, Int64.self, Int64.self) { $0 &+ s &* $1 }
    case .int32:
        let s = Int32(truncatingIfNeeded: alpha.int64Value)
        return try binaryMap(a, b, Int32.self, Int32.self, Int32.self) { $0 &+ s &* $1 }
    case .bool:
        let s = alpha.doubleValue != 0
        return try binaryMap(a, b, Bool.self, Bool.self, Bool.self) { $0 || (s && $1) }
    }
}

/// a / b in `dtype` with PyTorch's rounding modes; integer division by zero is an error.
private func divKernel(_ a: Tensor, _ b: Tensor, _ dtype: DType, _ mode: String?) throws -> Tensor {
    guard mode == nil || mode == "trunc" || mode == "floor" else {
        throw TensorError.runtime("div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '\(mode ?? "")'")
    }
    switch dtype {
    case .float32:
        switch mode {
        case "trunc": return try binaryMap(a, b, Float.self, Float.self, Float.self) { ($0 / $1).rounded(.towardZero) }
        case "floor": return try binaryMap(a, b, Float.self, Float.self, Float.self) { Float(floorDivide(Double($0), Double($1))) }
        default: return try binaryMap(a, b, Float.self, Float.self, Float.self) { $0 / $1 }
        }
    case .float64:
        switch mode {
        case "trunc": return try binaryMap(a, b, Double.self, Double.self, Double.self) { ($0 / $1).rounded(.towardZero) }
        case "floor": return try binaryMap(a, b, Double.self, Double.self, Double.self) { floorDivide($0, $1) }
        default: return try binaryMap(a, b, Double.self, Double.self, Double.self) { $0 / $1 }
        }
    case .int64, .int32, .bool:
        if b.toArray(Int64.self).contains(0) { throw TensorError(.zeroDivision, "ZeroDivisionError") }
        let floor = mode == "floor"
        func q(_ x: Int64, _ y: Int64) -> Int64 {
            let (r, overflow) = x.dividedReportingOverflow(by: y)
            if overflow { return x }
            if floor && (x % y != 0) && ((x < 0) != (y < 0)) { return r - 1 }
            return r
        }
        switch dtype {
        case .int64: return try binaryMap(a, b, Int64.self, Int64.self, Int64.self) { q($0, $1) }
        case .int32: return try binaryMap(a, b, Int32.self, Int32.self, Int32.self) { Int32(truncatingIfNeeded: q(Int64($0), Int64($1))) }
        default: return try binaryMap(a, b, Bool.self, Bool.self, Int64.self) { q($0.asInt64, $1.asInt64) }
        }
    }
}

/// Python-style floor division of floats, as PyTorch's `div_floor_floating` computes it.
func floorDivide(_ a: Double, _ b: Double) -> Double {
    if b == 0 { return a / b }
    let mod = fmod(a, b)
    var div = (a - mod) / b
    if mod != 0 && (b < 0) != (mod < 0) { div -= 1 }
    if div == 0 { return copysign(0, a / b) }
    var floored = div.rounded(.down)
    if div - floored > 0.5 { floored += 1 }
    return floored
}
