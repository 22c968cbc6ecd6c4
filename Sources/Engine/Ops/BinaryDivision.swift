import Foundation

/// `remainder` (Python's `%`: the result takes the divisor's sign), `fmod` (C's: the
/// dividend's sign) and `floor_divide` (`//`). Integer division by zero raises, as in PyTorch;
/// float division by zero gives NaN or ±inf.
extension Tensor {
    /// `torch.remainder(self, other)`: self − floor(self / other)·other; `a % b`.
    public func remainder(_ other: Tensor) throws -> Tensor { try remainder(.tensor(other)) }
    /// `torch.remainder(self, number)`.
    public func remainder(_ other: Scalar) throws -> Tensor { try remainder(.scalar(other)) }

    private func remainder(_ other: Operand) throws -> Tensor {
        let dtype = resultType([.tensor(self), other])
        let divisor = other.materialize(dtype)
        let out = try modulo(materialize(dtype), divisor, dtype, python: true)
        // With a number divisor the node has one input (RemainderBackward0), as in PyTorch.
        let name = other.tensor == nil ? "RemainderBackward0" : "RemainderBackward1"
        recordOp(name, inputs: [self] + (other.tensor.map { [$0] } ?? []), outputs: [out],
                 saving: other.tensor?.requiresGrad == true ? [self, divisor] : []) { g, saved in
            guard let divisor = other.tensor else { return [g[0]] }
            return [g[0], divisor.requiresGrad ? try g[0].neg().mul(saved[0].div(saved[1], roundingMode: "floor")) : nil]
        }
        return out
    }

    /// `torch.remainder(number, other)` (`number % tensor`). Its gradient is not implemented
    /// in PyTorch either: backward raises.
    public static func remainder(_ value: Scalar, _ other: Tensor) throws -> Tensor {
        let dtype = resultType([.scalar(value), .tensor(other)])
        let out = try modulo(Tensor(scalar: value, dtype: dtype), other.materialize(dtype), dtype, python: true)
        recordNotImplemented("remainder", inputs: [other], out: out)
        return out
    }

    /// `torch.fmod(self, other)`: the remainder of truncating division (sign of the dividend).
    public func fmod(_ other: Tensor) throws -> Tensor { try fmod(.tensor(other)) }
    /// `torch.fmod(self, number)`.
    public func fmod(_ other: Scalar) throws -> Tensor { try fmod(.scalar(other)) }

    private func fmod(_ other: Operand) throws -> Tensor {
        let dtype = resultType([.tensor(self), other])
        let divisor = other.materialize(dtype)
        let out = try modulo(materialize(dtype), divisor, dtype, python: false)
        let name = other.tensor == nil ? "FmodBackward0" : "FmodBackward1"
        recordOp(name, inputs: [self] + (other.tensor.map { [$0] } ?? []), outputs: [out],
                 saving: other.tensor?.requiresGrad == true ? [self, divisor] : []) { g, saved in
            guard let divisor = other.tensor else { return [g[0]] }
            return [g[0], divisor.requiresGrad ? try g[0].neg().mul(saved[0].div(saved[1], roundingMode: "trunc")) : nil]
        }
        return out
    }

    /// `torch.floor_divide(self, other)`: division rounded toward −inf (`a // b`). PyTorch has
    /// no derivative for it: backward through a float result raises.
    public func floorDivide(_ other: Tensor) throws -> Tensor { try floorDivide(.tensor(other)) }
    /// `torch.floor_divide(self, number)`.
    public func floorDivide(_ other: Scalar) throws -> Tensor { try floorDivide(.scalar(other)) }

    private func floorDivide(_ other: Operand) throws -> Tensor {
        let dtype = resultType([.tensor(self), other])
        let out = try divKernel(materialize(dtype), other.materialize(dtype), dtype, "floor")
        Tensor.recordNotImplemented("floor_divide", inputs: [self] + (other.tensor.map { [$0] } ?? []), out: out)
        return out
    }

    /// `number // tensor`.
    public static func floorDivide(_ value: Scalar, _ other: Tensor) throws -> Tensor {
        let dtype = resultType([.scalar(value), .tensor(other)])
        let out = try divKernel(Tensor(scalar: value, dtype: dtype), other.materialize(dtype), dtype, "floor")
        recordNotImplemented("floor_divide", inputs: [other], out: out)
        return out
    }

    /// Records PyTorch's `NotImplemented` node: the forward works, backward raises.
    private static func recordNotImplemented(_ op: String, inputs: [Tensor?], out: Tensor) {
        recordOp("NotImplemented", inputs: inputs, outputs: [out]) { _, _ in
            throw TensorError.runtime("derivative for aten::\(op) is not implemented")
        }
    }
}

/// a mod b in `dtype`: Python's sign rule (`python`) or C's fmod.
private func modulo(_ a: Tensor, _ b: Tensor, _ dtype: DType, python: Bool) throws -> Tensor {
    switch dtype {
    case .float32:
        return try binaryMap(a, b, Float.self, Float.self, Float.self) { python ? pythonModulo($0, $1) : $0.truncatingRemainder(dividingBy: $1) }
    case .float64:
        return try binaryMap(a, b, Double.self, Double.self, Double.self) { python ? pythonModulo($0, $1) : $0.truncatingRemainder(dividingBy: $1) }
    case .int64, .int32:
        try checkNoZeroDivisor(b)
        if dtype == .int64 { return try binaryMap(a, b, Int64.self, Int64.self, Int64.self) { integerModulo($0, $1, python: python) } }
        return try binaryMap(a, b, Int32.self, Int32.self, Int32.self) { integerModulo($0, $1, python: python) }
    case .bool:
        throw TensorError.notImplemented("\"\(python ? "remainder" : "fmod")_cpu\" not implemented for 'Bool'")
    }
}

/// fmod(a, b) moved into b's sign, as PyTorch's float remainder kernel computes it.
@inline(__always)
private func pythonModulo<T: BinaryFloatingPoint>(_ a: T, _ b: T) -> T {
    let mod = a.truncatingRemainder(dividingBy: b)
    return mod != 0 && (b < 0) != (mod < 0) ? mod + b : mod
}

/// Integer remainder with C's or Python's sign rule (the divisor is non-zero; min % −1 is 0).
@inline(__always)
private func integerModulo<T: FixedWidthInteger>(_ a: T, _ b: T, python: Bool) -> T {
    let (r, overflow) = a.remainderReportingOverflow(dividingBy: b)
    if overflow { return 0 }
    return python && r != 0 && (r < 0) != (b < 0) ? r &+ b : r
}
