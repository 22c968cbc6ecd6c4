/// Logical ops (`logical_and logical_or logical_xor logical_not`: any dtype in, bool out,
/// nonzero and NaN count as true) and bitwise ops on integer and bool tensors (`& | ^ ~`).
/// None of them carries gradients.
extension Tensor {
    /// `torch.logical_and(self, other)`.
    public func logicalAnd(_ other: Tensor) throws -> Tensor { try logical(other) { $0 && $1 } }
    /// `torch.logical_or(self, other)`.
    public func logicalOr(_ other: Tensor) throws -> Tensor { try logical(other) { $0 || $1 } }
    /// `torch.logical_xor(self, other)`.
    public func logicalXor(_ other: Tensor) throws -> Tensor { try logical(other) { $0 != $1 } }

    /// `torch.logical_not(self)`: true where the element is zero.
    public func logicalNot() -> Tensor { unaryMap(truthValues(), Bool.self, Bool.self) { !$0 } }

    @inline(__always)
    private func logical(_ other: Tensor, _ f: (Bool, Bool) -> Bool) throws -> Tensor {
        try binaryMap(truthValues(), other.truthValues(), Bool.self, Bool.self, Bool.self, f)
    }

    /// The elements as bools (nonzero → true; NaN is nonzero).
    private func truthValues() -> Tensor { dtype == .bool ? self : contiguousCopy(dtype: .bool) }

    /// `torch.bitwise_and(self, other)`; `a & b`.
    public func bitwiseAnd(_ other: Tensor) throws -> Tensor { try bitwise(.tensor(other), .and) }
    /// `torch.bitwise_and(self, number)`.
    public func bitwiseAnd(_ other: Scalar) throws -> Tensor { try bitwise(.scalar(other), .and) }
    /// `torch.bitwise_or(self, other)`; `a | b`.
    public func bitwiseOr(_ other: Tensor) throws -> Tensor { try bitwise(.tensor(other), .or) }
    /// `torch.bitwise_or(self, number)`.
    public func bitwiseOr(_ other: Scalar) throws -> Tensor { try bitwise(.scalar(other), .or) }
    /// `torch.bitwise_xor(self, other)`; `a ^ b`.
    public func bitwiseXor(_ other: Tensor) throws -> Tensor { try bitwise(.tensor(other), .xor) }
    /// `torch.bitwise_xor(self, number)`.
    public func bitwiseXor(_ other: Scalar) throws -> Tensor { try bitwise(.scalar(other), .xor) }

    /// `torch.bitwise_not(self)`: ~x for integers, logical not for bools.
    public func bitwiseNot() throws -> Tensor {
        switch dtype {
        case .bool: return logicalNot()
        case .int64: return unaryMap(self, Int64.self, Int64.self) { ~$0 }
        case .int32: return unaryMap(self, Int32.self, Int32.self) { ~$0 }
        case .float32, .float64:
            throw TensorError.notImplemented("\"bitwise_not_cpu\" not implemented for '\(dtype.scalarTypeName)'")
        }
    }

    private enum BitwiseOp: String { case and, or, xor }

    private func bitwise(_ other: Operand, _ op: BitwiseOp) throws -> Tensor {
        let dtype = resultType([.tensor(self), other])
        let a = materialize(dtype), b = other.materialize(dtype)
        switch dtype {
        case .bool:
            switch op {
            case .and: return try binaryMap(a, b, Bool.self, Bool.self, Bool.self) { $0 && $1 }
            case .or: return try binaryMap(a, b, Bool.self, Bool.self, Bool.self) { $0 || $1 }
            case .xor: return try binaryMap(a, b, Bool.self, Bool.self, Bool.self) { $0 != $1 }
            }
        case .int64: return try bitwiseKernel(a, b, Int64.self, op)
        case .int32: return try bitwiseKernel(a, b, Int32.self, op)
        case .float32, .float64:
            throw TensorError.notImplemented("\"bitwise_\(op.rawValue)_cpu\" not implemented for '\(dtype.scalarTypeName)'")
        }
    }

    private func bitwiseKernel<T: Element & FixedWidthInteger>(_ a: Tensor, _ b: Tensor, _: T.Type, _ op: BitwiseOp) throws -> Tensor {
        switch op {
        case .and: return try binaryMap(a, b, T.self, T.self, T.self) { $0 & $1 }
        case .or: return try binaryMap(a, b, T.self, T.self, T.self) { $0 | $1 }
        case .xor: return try binaryMap(a, b, T.self, T.self, T.self) { $0 ^ $1 }
        }
    }
}
