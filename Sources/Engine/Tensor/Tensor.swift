/// An n-dimensional array of one dtype with PyTorch's semantics: a strided view of a shared
/// `Storage`, plus the autograd state (`requiresGrad`, `grad`, `gradFn`).
///
/// `Tensor` is a class because PyTorch tensors are handles: two names bound to one tensor see
/// the same `grad`, the same in-place changes and the same version counter.
public final class Tensor {
    /// The shared buffer this tensor views.
    public internal(set) var storage: Storage
    /// Size of each dimension; empty for a 0-d tensor.
    public internal(set) var shape: [Int]
    /// Distance in elements between neighbours along each dimension (0 for expanded dims).
    public internal(set) var strides: [Int]
    /// Index of element [0, 0, …] in `storage`.
    public internal(set) var storageOffset: Int

    // MARK: Autograd state
    /// Set on leaves by `requiresGrad = true`; non-leaves require grad through `gradFn`.
    var leafRequiresGrad = false
    /// The accumulated gradient of a leaf (or of a non-leaf after `retainGrad()`).
    public var grad: Tensor?
    /// The node that made this tensor, or nil for a leaf.
    public internal(set) var gradFn: Node?
    /// Which output of `gradFn` this tensor is.
    public internal(set) var outputNr = 0
    /// The AccumulateGrad node of this leaf, shared by every graph that uses it while alive.
    weak var gradAccumulatorCache: Node?
    /// Hooks run on this tensor's gradient (leaves: before accumulation).
    var leafHooks: [(id: Int, hook: GradientHook)] = []
    /// Set by `retainGrad()` on a non-leaf.
    public internal(set) var retainsGrad = false
    /// In-place modification count, shared with every view of the same data.
    public internal(set) var version: VersionCounter
    /// For a view: the tensor whose storage it views (PyTorch's `._base`).
    public internal(set) var base: Tensor?

    /// True for an `nn.Parameter`: a leaf that modules register and optimizers update.
    public var isParameter = false
    /// A wrapper object kept by a host layer (the script bindings keep the script-visible tensor
    /// object here, so one tensor has one identity); weak, so the wrapper never keeps it alive.
    public weak var hostObject: AnyObject?

    /// Wraps `storage` with the given geometry; the caller guarantees it lies inside.
    init(storage: Storage, shape: [Int], strides: [Int], offset: Int = 0,
         version: VersionCounter = VersionCounter(), base: Tensor? = nil) {
        self.storage = storage
        self.shape = shape
        self.strides = strides
        self.storageOffset = offset
        self.version = version
        self.base = base
    }

    /// A new zero-filled contiguous tensor.
    public convenience init(zeros shape: [Int], dtype: DType = DType.defaultFloat) {
        self.init(storage: Storage(count: shape.reduce(1, *), dtype: dtype), shape: shape,
                  strides: contiguousStrides(shape))
    }

    /// A new contiguous tensor whose elements are all written by the caller before use.
    static func uninitialized(_ shape: [Int], dtype: DType) -> Tensor {
        Tensor(storage: Storage(uninitializedCount: shape.reduce(1, *), dtype: dtype), shape: shape,
               strides: contiguousStrides(shape))
    }

    /// A contiguous tensor holding `values` in row-major order, stored as `T`'s dtype.
    public convenience init<T: Element>(_ values: [T], shape: [Int]) throws {
        try checkShape(shape)
        let n = shape.reduce(1, *)
        guard n == values.count else {
            throw TensorError.runtime("shape '\(formatShapeList(shape))' is invalid for input of size \(values.count)")
        }
        self.init(zeros: shape, dtype: T.dtype)
        let p = storage.pointer(T.self)
        for i in 0..<n { p[i] = values[i] }
    }

    /// A 1-d tensor holding `values`.
    public convenience init<T: Element>(_ values: [T]) {
        self.init(zeros: [values.count], dtype: T.dtype)
        let p = storage.pointer(T.self)
        for i in values.indices { p[i] = values[i] }
    }

    /// A contiguous tensor of `dtype` from doubles (converted as C casts do).
    public convenience init(_ values: [Double], shape: [Int], dtype: DType) throws {
        try checkShape(shape)
        guard shape.reduce(1, *) == values.count else {
            throw TensorError.runtime("shape '\(formatShapeList(shape))' is invalid for input of size \(values.count)")
        }
        self.init(zeros: shape, dtype: dtype)
        switch dtype {
        case .float32: fill(storage.pointer(Float.self), values)
        case .float64: fill(storage.pointer(Double.self), values)
        case .int64: fill(storage.pointer(Int64.self), values)
        case .int32: fill(storage.pointer(Int32.self), values)
        case .bool: fill(storage.pointer(Bool.self), values)
        }
    }

    /// A 0-d tensor holding `value`, of `dtype` (default: the dtype the value itself implies).
    public convenience init(scalar value: Scalar, dtype: DType? = nil) {
        let dtype = dtype ?? value.defaultDType
        self.init(zeros: [], dtype: dtype)
        switch dtype {
        case .float32: storage.pointer(Float.self)[0] = Float(value.doubleValue)
        case .float64: storage.pointer(Double.self)[0] = value.doubleValue
        case .int64: storage.pointer(Int64.self)[0] = value.int64Value
        case .int32: storage.pointer(Int32.self)[0] = Int32(truncatingIfNeeded: value.int64Value)
        case .bool: storage.pointer(Bool.self)[0] = value.doubleValue != 0
        }
    }

    // MARK: Geometry
    /// Element type.
    public var dtype: DType { storage.dtype }
    /// Number of dimensions.
    public var dim: Int { shape.count }
    /// Number of elements.
    public var numel: Int { shape.reduce(1, *) }
    /// True when elements are laid out row-major without gaps (size-1 dims may have any stride).
    public var isContiguous: Bool {
        var expected = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) where shape[i] != 1 {
            if strides[i] != expected { return shape[i] == 0 || numel == 0 }
            expected *= shape[i]
        }
        return true
    }

    /// Size of dimension `dim` (negative counts from the end).
    public func size(_ dim: Int) throws -> Int { shape[try normalizeDim(dim, self.dim)] }

    /// Typed pointer to element [0, 0, …].
    @inline(__always) func pointer<T: Element>(_: T.Type) -> UnsafeMutablePointer<T> {
        storage.pointer(T.self) + storageOffset
    }

    // MARK: Autograd flags
    /// True for tensors that autograd does not trace through: those without a `gradFn`.
    public var isLeaf: Bool { gradFn == nil }

    /// Whether gradients flow to this tensor. Only leaves may be switched, with
    /// `setRequiresGrad(_:)`; setting this on a non-leaf is ignored for `true`.
    public var requiresGrad: Bool { gradFn != nil || leafRequiresGrad }

    /// `requires_grad_()`: switches gradient tracking of a leaf.
    @discardableResult
    public func setRequiresGrad(_ flag: Bool = true) throws -> Tensor {
        if gradFn != nil {
            if flag { return self }
            throw TensorError.runtime("you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().")
        }
        if flag && !dtype.isFloatingPoint {
            throw TensorError.runtime("only Tensors of floating point dtype can require gradients")
        }
        leafRequiresGrad = flag
        return self
    }
}

/// Row-major strides for `shape`.
public func contiguousStrides(_ shape: [Int]) -> [Int] {
    var strides = [Int](repeating: 1, count: shape.count)
    var running = 1
    for i in stride(from: shape.count - 1, through: 0, by: -1) {
        strides[i] = running
        running *= Swift.max(shape[i], 1)
    }
    return strides
}

/// Rejects negative sizes and element counts that overflow, before anything allocates.
/// Also checks the bytes against the memory budget, so a huge request is an error instead of
/// the process being killed.
func checkShape(_ shape: [Int], dtype: DType? = nil) throws {
    var total = 1
    for s in shape {
        guard s >= 0 else {
            throw TensorError.runtime("Trying to create tensor with negative dimension \(s): \(formatShapeList(shape))")
        }
        let (product, overflow) = total.multipliedReportingOverflow(by: s)
        guard !overflow, product <= 1 << 40 else {
            throw TensorError.runtime("Trying to create tensor of size \(formatShapeList(shape)): too many elements")
        }
        total = product
    }
    try MemoryBudget.check(bytes: total * (dtype ?? DType.defaultFloat).itemSize)
}

/// `[2, 3]`, as PyTorch prints a size list in messages.
func formatShapeList(_ shape: [Int]) -> String {
    "[" + shape.map(String.init).joined(separator: ", ") + "]"
}

private func fill<T: Element>(_ p: UnsafeMutablePointer<T>, _ values: [Double]) {
    for i in values.indices { p[i] = T(fromDouble: values[i]) }
}
