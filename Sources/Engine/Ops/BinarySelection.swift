import Foundation

/// Ops that pick between values: `where`, `maximum`/`minimum` and `lerp` (clamp lives in
/// UnaryClamp.swift). NaN propagates through maximum and minimum, as in PyTorch.
extension Tensor {
    /// `torch.where(condition, input, other)`: `input` where `condition` is true, else `other`
    /// (broadcast together; the result dtype promotes both values).
    public static func `where`(_ condition: Tensor, _ input: Tensor, _ other: Tensor) throws -> Tensor {
        try select(condition, .tensor(input), .tensor(other))
    }
    /// `torch.where(condition, input, number)`.
    public static func `where`(_ condition: Tensor, _ input: Tensor, _ other: Scalar) throws -> Tensor {
        try select(condition, .tensor(input), .scalar(other))
    }
    /// `torch.where(condition, number, other)`.
    public static func `where`(_ condition: Tensor, _ input: Scalar, _ other: Tensor) throws -> Tensor {
        try select(condition, .scalar(input), .tensor(other))
    }
    /// `torch.where(condition, number, number)`.
    public static func `where`(_ condition: Tensor, _ input: Scalar, _ other: Scalar) throws -> Tensor {
        try select(condition, .scalar(input), .scalar(other))
    }
    /// `input.where(condition, other)`: the method form of `torch.where(condition, input, other)`.
    public func `where`(_ condition: Tensor, _ other: Tensor) throws -> Tensor { try Tensor.select(condition, .tensor(self), .tensor(other)) }
    /// `input.where(condition, number)`.
    public func `where`(_ condition: Tensor, _ other: Scalar) throws -> Tensor { try Tensor.select(condition, .tensor(self), .scalar(other)) }

    /// `torch.where(condition)`: the indices of the nonzero elements, one int64 tensor per
    /// dimension (`nonzero(as_tuple=True)`).
    public static func `where`(_ condition: Tensor) -> [Tensor] {
        let truth = condition.contiguousCopy(dtype: .bool)
        let flags = UnsafeBufferPointer(start: truth.pointer(Bool.self), count: truth.numel)
        let rank = Swift.max(condition.dim, 1), shape = condition.dim == 0 ? [1] : condition.shape
        var columns = [[Int64]](repeating: [], count: rank)
        var index = [Int](repeating: 0, count: rank)
        for flag in flags {
            if flag { for d in 0..<rank { columns[d].append(Int64(index[d])) } }
            var d = rank - 1
            while d >= 0 {
                index[d] += 1
                if index[d] < shape[d] { break }
                index[d] = 0
                d -= 1
            }
        }
        return columns.map { Tensor($0) }
    }

    private static func select(_ condition: Tensor, _ input: Operand, _ other: Operand) throws -> Tensor {
        guard condition.dtype == .bool else {
            throw TensorError.runtime("where expected condition to be a boolean tensor, but got a tensor with dtype \(condition.dtype.scalarTypeName)")
        }
        let dtype = resultType([input, other])
        let a = input.materialize(dtype), b = other.materialize(dtype)
        let out: Tensor
        switch dtype {
        case .float32: out = try ternaryMap(condition, a, b, Bool.self, Float.self, Float.self, Float.self) { $0 ? $1 : $2 }
        case .float64: out = try ternaryMap(condition, a, b, Bool.self, Double.self, Double.self, Double.self) { $0 ? $1 : $2 }
        case .int64: out = try ternaryMap(condition, a, b, Bool.self, Int64.self, Int64.self, Int64.self) { $0 ? $1 : $2 }
        case .int32: out = try ternaryMap(condition, a, b, Bool.self, Int32.self, Int32.self, Int32.self) { $0 ? $1 : $2 }
        case .bool: out = try ternaryMap(condition, a, b, Bool.self, Bool.self, Bool.self, Bool.self) { $0 ? $1 : $2 }
        }
        recordOp("WhereBackward0", inputs: [input.tensor, other.tensor], outputs: [out], saving: [condition]) { g, saved in
            [input.tensor?.requiresGrad == true ? try Tensor.where(saved[0], g[0], 0.0) : nil,
             other.tensor?.requiresGrad == true ? try Tensor.where(saved[0], 0.0, g[0]) : nil]
        }
        return out
    }

    /// `torch.maximum(self, other)`: the larger element (NaN if either is NaN); ties split the
    /// gradient evenly.
    public func maximum(_ other: Tensor) throws -> Tensor { try extremum(other, max: true) }
    /// `torch.minimum(self, other)`: the smaller element (NaN if either is NaN).
    public func minimum(_ other: Tensor) throws -> Tensor { try extremum(other, max: false) }

    private func extremum(_ other: Tensor, max: Bool) throws -> Tensor {
        let dtype = resultType([.tensor(self), .tensor(other)])
        let out = try extremumKernel(materialize(dtype), other.materialize(dtype), dtype, max: max)
        recordOp(max ? "MaximumBackward0" : "MinimumBackward0", inputs: [self, other], outputs: [out],
                 saving: [self, other]) { g, saved in
            let (a, b) = (saved[0], saved[1])
            let shared = try Tensor.where(a.eq(b), g[0].div(2), g[0])
            return [try Tensor.where(max ? a.lt(b) : a.gt(b), 0, shared),
                    try Tensor.where(max ? a.gt(b) : a.lt(b), 0, shared)]
        }
        return out
    }

    /// `torch.lerp(self, end, weight)`: self + weight·(end − self) with a number weight.
    public func lerp(_ end: Tensor, _ weight: Scalar) throws -> Tensor {
        try checkLerp(end, nil)
        let w = weight.doubleValue
        let out: Tensor
        switch dtype {
        case .float32:
            let wf = Float(w)
            out = try binaryMap(self, end, Float.self, Float.self, Float.self) { lerpValue($0, $1, wf) }
        case .float64: out = try binaryMap(self, end, Double.self, Double.self, Double.self) { lerpValue($0, $1, w) }
        default: throw TensorError.notImplemented("\"lerp_kernel_scalar\" not implemented for '\(dtype.scalarTypeName)'")
        }
        recordOp("LerpBackward0", inputs: [self, end], outputs: [out]) { g, _ in
            [try g[0].mul(.double(1 - w)), try g[0].mul(weight)]
        }
        return out
    }

    /// `torch.lerp(self, end, weight)` with a tensor weight, all three broadcast together.
    public func lerp(_ end: Tensor, _ weight: Tensor) throws -> Tensor {
        try checkLerp(end, weight)
        let out: Tensor
        switch dtype {
        case .float32:
            out = try ternaryMap(self, end, weight.materialize(dtype), Float.self, Float.self, Float.self, Float.self) { lerpValue($0, $1, $2) }
        case .float64:
            out = try ternaryMap(self, end, weight.materialize(dtype), Double.self, Double.self, Double.self, Double.self) { lerpValue($0, $1, $2) }
        default: throw TensorError.notImplemented("\"lerp_kernel_tensor\" not implemented for '\(dtype.scalarTypeName)'")
        }
        recordOp("LerpBackward1", inputs: [self, end, weight], outputs: [out], saving: [self, end, weight]) { g, saved in
            let (start, end, weight) = (saved[0], saved[1], saved[2])
            return [try g[0].mul(weight.rsub(1)), try g[0].mul(weight), try g[0].mul(end.sub(start))]
        }
        return out
    }

    private func checkLerp(_ end: Tensor, _ weight: Tensor?) throws {
        guard end.dtype == dtype else {
            throw TensorError.runtime("expected dtype \(typeMetaName(dtype)) for `end` but got dtype \(typeMetaName(end.dtype))")
        }
        if let weight, weight.dim > 0, weight.dtype != dtype {
            throw TensorError.runtime("expected dtype \(typeMetaName(dtype)) for `weight` but got dtype \(typeMetaName(weight.dtype))")
        }
    }
}

/// PyTorch's lerp: start + w·(end − start) for |w| < 0.5, else end − (end − start)·(1 − w),
/// which is exact at both ends.
@inline(__always)
private func lerpValue<T: BinaryFloatingPoint>(_ start: T, _ end: T, _ weight: T) -> T {
    Swift.abs(weight) < 0.5 ? start + weight * (end - start) : end - (end - start) * (1 - weight)
}

/// maximum/minimum in `dtype` (operands converted).
private func extremumKernel(_ a: Tensor, _ b: Tensor, _ dtype: DType, max: Bool) throws -> Tensor {
    switch dtype {
    case .float32:
        if max { return try binaryMap(a, b, Float.self, Float.self, Float.self) { $0.isNaN || $1.isNaN ? .nan : ($0 < $1 ? $1 : $0) } }
        return try binaryMap(a, b, Float.self, Float.self, Float.self) { $0.isNaN || $1.isNaN ? .nan : ($1 < $0 ? $1 : $0) }
    case .float64:
        if max { return try binaryMap(a, b, Double.self, Double.self, Double.self) { $0.isNaN || $1.isNaN ? .nan : ($0 < $1 ? $1 : $0) } }
        return try binaryMap(a, b, Double.self, Double.self, Double.self) { $0.isNaN || $1.isNaN ? .nan : ($1 < $0 ? $1 : $0) }
    case .int64:
        return try binaryMap(a, b, Int64.self, Int64.self, Int64.self) { max ? Swift.max($0, $1) : Swift.min($0, $1) }
    case .int32:
        return try binaryMap(a, b, Int32.self, Int32.self, Int32.self) { max ? Swift.max($0, $1) : Swift.min($0, $1) }
    case .bool:
        return try binaryMap(a, b, Bool.self, Bool.self, Bool.self) { max ? ($0 || $1) : ($0 && $1) }
    }
}

/// The C++ type name PyTorch prints in lerp's dtype messages (`float`, `long int`).
private func typeMetaName(_ dtype: DType) -> String {
    switch dtype {
    case .bool: return "bool"
    case .int32: return "int"
    case .int64: return "long int"
    case .float32: return "float"
    case .float64: return "double"
    }
}

extension GradcheckCase {
    /// where, maximum, minimum, lerp, clamp (Ops/BinarySelection.swift, Ops/UnaryClamp.swift).
    static let comparisonAndSelection: [GradcheckCase] = [
        GradcheckCase("where", shapes: [[2, 3], [2, 3]]) { try Tensor.where(mask([2, 3]), $0[0], $0[1]) },
        GradcheckCase("where/broadcast", shapes: [[2, 1], [3]]) { try Tensor.where(mask([2, 3]), $0[0], $0[1]) },
        GradcheckCase("where/scalar_other", shapes: [[4]]) { try Tensor.where(mask([4]), $0[0], 0.5) },
        GradcheckCase("where/method_0d", shapes: [[], [3]]) { try $0[0].where(mask([3]), $0[1]) },
        GradcheckCase("maximum", shapes: [[2, 3], [2, 3]]) { try $0[0].maximum($0[1]) },
        GradcheckCase("maximum/broadcast", shapes: [[2, 1], [3]]) { try $0[0].maximum($0[1]) },
        GradcheckCase("minimum/0d", shapes: [[3], []]) { try $0[0].minimum($0[1]) },
        GradcheckCase("lerp/scalar", shapes: [[2, 3], [2, 3]]) { try $0[0].lerp($0[1], 0.3) },
        GradcheckCase("lerp/scalar_large", shapes: [[3], [3]]) { try $0[0].lerp($0[1], 0.8) },
        GradcheckCase("lerp/tensor", shapes: [[2, 3], [3], [2, 1]]) { try $0[0].lerp($0[1], $0[2]) },
        GradcheckCase("clamp/both", shapes: [[2, 3]]) { try $0[0].clamp(min: -0.5, max: 0.5) },
        GradcheckCase("clamp/min", shapes: [[4]]) { try $0[0].clamp(min: 0.1) },
        GradcheckCase("clamp/max_0d", shapes: [[]]) { try $0[0].clamp(max: 0.2) },
        GradcheckCase("clamp/tensor_bounds", inputs: { g in
            [try uniform([2, 3], -1...1, g), try uniform([3], -1...(-0.3), g), try uniform([2, 1], 0.3...1, g)]
        }) { try $0[0].clamp(min: $0[1], max: $0[2]) },
        GradcheckCase("clamp/tensor_min", shapes: [[2, 3], [3]]) { try $0[0].clamp(min: $0[1]) },
        GradcheckCase("clamp_", shapes: [[2, 3]]) { x in try x[0].mul(1.0).clampInPlace(min: -0.3, max: 0.4) },
    ]

    /// A fixed boolean pattern of `shape` for the `where` entries.
    private static func mask(_ shape: [Int]) throws -> Tensor {
        let n = shape.reduce(1, *)
        return try Tensor((0..<n).map { $0 % 3 != 1 }, shape: shape)
    }
}
