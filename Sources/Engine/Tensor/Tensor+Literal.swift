/// Nested Python-like data (`[[1, 2], [3, 4.5]]`) for `torch.tensor(data)` and `tolist()`.
public indirect enum TensorLiteral: Equatable, Sendable {
    /// A single number: a leaf of the nesting, or the whole of a 0-d tensor.
    case scalar(Scalar)
    /// A sequence of literals, one nesting level.
    case list([TensorLiteral])
}

extension TensorLiteral: ExpressibleByArrayLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral {
    /// `[a, b, …]` as a list.
    public init(arrayLiteral elements: TensorLiteral...) { self = .list(elements) }
    /// An integer as an int scalar.
    public init(integerLiteral value: Int64) { self = .scalar(.int(value)) }
    /// A float as a float scalar.
    public init(floatLiteral value: Double) { self = .scalar(.double(value)) }
    /// `true`/`false` as a bool scalar.
    public init(booleanLiteral value: Bool) { self = .scalar(.bool(value)) }
}

extension TensorLiteral {
    /// The dtype `torch.tensor` infers: the promotion of every number's own dtype (bool, int64,
    /// the default float); an empty list counts as the default float dtype.
    public var inferredDType: DType {
        var result: DType?
        var pending = [self]  // an explicit stack: deep nesting must not overflow the call stack
        while let item = pending.popLast() {
            let own: DType
            switch item {
            case .scalar(let s): own = s.defaultDType
            case .list(let items) where items.isEmpty: own = DType.defaultFloat
            case .list(let items):
                pending.append(contentsOf: items)
                continue
            }
            result = result.map { DType.promote($0, own) } ?? own
        }
        return result ?? DType.defaultFloat
    }

    /// The shape `torch.tensor` infers by following first elements down (checked later).
    var leadingShape: [Int] {
        var shape: [Int] = []
        var current = self
        while case .list(let items) = current {
            shape.append(items.count)
            guard let first = items.first else { break }
            current = first
        }
        return shape
    }
}

extension Tensor {
    /// `torch.tensor(data, dtype=)`: a new tensor holding nested data.
    ///
    /// The shape follows the first element at each level and every sequence must match it
    /// (`ValueError: expected sequence of length 3 at dim 1 (got 2)`); the dtype defaults to
    /// `data.inferredDType`. With an integer dtype, floats truncate toward zero and values the
    /// dtype cannot hold are errors (`value cannot be converted to type int64 without
    /// overflow`); float32 rounds and overflows to infinity; bool is "nonzero". With
    /// `requiresGrad` the result is a leaf that requires grad (floating dtypes only).
    public convenience init(literal data: TensorLiteral, dtype: DType? = nil, requiresGrad: Bool = false) throws {
        let dtype = dtype ?? data.inferredDType
        if requiresGrad && !dtype.isFloatingPoint {
            throw TensorError.runtime("Only Tensors of floating point and complex dtype can require gradients")
        }
        let shape = data.leadingShape
        guard shape.count <= 64 else { throw TensorError.value("too many dimensions 'list'") }
        try checkShape(shape)
        self.init(zeros: shape, dtype: dtype)
        leafRequiresGrad = requiresGrad
        // Like PyTorch, an empty result reads nothing: `[[], [1, 2]]` is an empty 2 × 0 tensor.
        guard numel > 0 else { return }
        var next = 0
        try store(data, dim: 0, shape: shape, next: &next)
    }

    /// Writes the numbers of `data` (a level-`dim` piece) row-major from flat index `next`.
    private func store(_ data: TensorLiteral, dim: Int, shape: [Int], next: inout Int) throws {
        if dim == shape.count {
            guard case .scalar(let value) = data else {
                throw TensorError.type(dtype.isFloatingPoint ? "must be real number, not list"
                                                             : "'list' object cannot be interpreted as an integer")
            }
            try storeLiteral(value, at: next)
            next += 1
            return
        }
        guard case .list(let items) = data else { throw TensorError.type("not a sequence") }
        guard items.count == shape[dim] else {
            throw TensorError.value("expected sequence of length \(shape[dim]) at dim \(dim) (got \(items.count))")
        }
        for item in items { try store(item, dim: dim + 1, shape: shape, next: &next) }
    }

    /// Stores one number as `torch.tensor` does (`store_scalar`): floats reach float32 through
    /// double, integer dtypes get c10's checked conversion under their Python names.
    private func storeLiteral(_ value: Scalar, at i: Int) throws {
        switch dtype {
        case .float32: pointer(Float.self)[i] = Float(value.doubleValue)
        case .float64: pointer(Double.self)[i] = value.doubleValue
        case .bool: pointer(Bool.self)[i] = value.doubleValue != 0
        case .int64, .int32:
            let v = try checkedConvert(value, to: dtype, typeName: dtype.shortName)
            setContiguous(i, v)
        }
    }

    /// `tolist()`: the elements as nested lists of Python numbers (a bare scalar for a 0-d
    /// tensor); floats become `.double`, integers `.int`, bools `.bool`.
    public func tolist() -> TensorLiteral {
        let scalars = flatScalars()
        if shape.isEmpty { return .scalar(scalars.first ?? .int(0)) }
        var next = 0
        return nest(scalars, dim: 0, next: &next)
    }

    private func nest(_ scalars: [Scalar], dim: Int, next: inout Int) -> TensorLiteral {
        if dim == shape.count {
            defer { next += 1 }
            return .scalar(scalars[next])
        }
        var items: [TensorLiteral] = []
        items.reserveCapacity(shape[dim])
        for _ in 0..<shape[dim] { items.append(nest(scalars, dim: dim + 1, next: &next)) }
        return .list(items)
    }

    /// Every element in row-major order as a Python number.
    func flatScalars() -> [Scalar] {
        switch dtype {
        case .float32: return toArray(Float.self).map { .double(Double($0)) }
        case .float64: return toArray(Double.self).map { .double($0) }
        case .int64: return toArray(Int64.self).map { .int($0) }
        case .int32: return toArray(Int32.self).map { .int(Int64($0)) }
        case .bool: return toArray(Bool.self).map { .bool($0) }
        }
    }
}
