/// `nn.BatchNorm1d`, `nn.BatchNorm2d` (PyTorch's `_BatchNorm`: running statistics as buffers,
/// momentum or a cumulative average, evaluation mode) and `nn.LayerNorm`.
public class BatchNormBase: Module {
    /// Channels (C of [N, C, …]).
    public let numFeatures: Int
    /// Added to the variance for numerical stability.
    public let eps: Double
    /// Weight of the newest batch in the running statistics; nil for a cumulative average.
    public let momentum: Double?
    /// Whether the layer has a learnable weight (and bias).
    public let affine: Bool
    /// Whether the layer keeps running statistics.
    public let trackRunningStats: Bool

    init(_ numFeatures: Int, eps: Double, momentum: Double?, affine: Bool, trackRunningStats: Bool, bias: Bool,
         dtype: DType?) throws {
        self.numFeatures = numFeatures
        self.eps = eps
        self.momentum = momentum
        self.affine = affine
        self.trackRunningStats = trackRunningStats
        super.init()
        let dtype = dtype ?? DType.defaultFloat
        try checkShape([numFeatures], dtype: dtype)
        try registerParameter("weight", affine ? Tensor(zeros: [numFeatures], dtype: dtype) : nil)
        try registerParameter("bias", affine && bias ? Tensor(zeros: [numFeatures], dtype: dtype) : nil)
        try registerBuffer("running_mean", trackRunningStats ? Tensor(zeros: [numFeatures], dtype: dtype) : nil)
        try registerBuffer("running_var", trackRunningStats ? Tensor(zeros: [numFeatures], dtype: dtype) : nil)
        try registerBuffer("num_batches_tracked", trackRunningStats ? Tensor(zeros: [], dtype: .int64) : nil)
        try resetParameters()
    }

    /// The learnable per-channel scale, or nil.
    public var weight: Tensor? { parameter("weight") }
    /// The learnable per-channel shift, or nil.
    public var bias: Tensor? { parameter("bias") }
    /// The running mean buffer, or nil.
    public var runningMean: Tensor? { buffer("running_mean") }
    /// The running (unbiased) variance buffer, or nil.
    public var runningVar: Tensor? { buffer("running_var") }
    /// How many training batches updated the running statistics.
    public var numBatchesTracked: Tensor? { buffer("num_batches_tracked") }

    /// `reset_running_stats()`: mean 0, variance 1, no batches tracked.
    public func resetRunningStats() throws {
        try noGrad {
            if let m = runningMean { _ = try m.zeroInPlace() }
            if let v = runningVar { _ = try v.fillInPlace(.int(1)) }
            if let n = numBatchesTracked { _ = try n.zeroInPlace() }
        }
    }

    /// `reset_parameters()`: the running statistics, then weight 1 and bias 0.
    override public func resetParameters() throws {
        try resetRunningStats()
        try noGrad {
            if let w = weight { _ = try w.fillInPlace(.int(1)) }
            if let b = bias { _ = try b.zeroInPlace() }
        }
    }

    override public func hasAttribute(_ name: String) -> Bool {
        ["num_features", "eps", "momentum", "affine", "track_running_stats"].contains(name) || super.hasAttribute(name)
    }

    /// `3, eps=1e-05, momentum=0.1, affine=True, bias=True, track_running_stats=True`.
    override public func extraRepr() -> String {
        func py(_ b: Bool) -> String { b ? "True" : "False" }
        return "\(numFeatures), eps=\(formatPythonFloat(eps)), momentum=\(momentum.map(formatPythonFloat) ?? "None"), affine=\(py(affine)), bias=\(py(bias != nil)), track_running_stats=\(py(trackRunningStats))"
    }

    /// The input rank check of the concrete class.
    func checkInputDim(_ x: Tensor) throws {}

    override public func forward(_ inputs: [ModuleValue], keywords: [(String, ModuleValue)]) throws -> ModuleValue {
        .tensor(try forward(singleTensorArgument(inputs, keywords, function: "batch_norm")))
    }

    /// Typed forward, as `_BatchNorm.forward`: in training the batch statistics normalise and
    /// update the running ones; in evaluation the running statistics normalise (or the batch's
    /// when the layer keeps none).
    public func forward(_ x: Tensor) throws -> Tensor {
        try checkInputDim(x)
        var factor = momentum ?? 0
        if training && trackRunningStats, let tracked = numBatchesTracked {
            try noGrad { _ = try tracked.addInPlace(.int(1)) }
            if momentum == nil { factor = 1 / (try tracked.item().doubleValue) }
        }
        let useBatch = training || (runningMean == nil && runningVar == nil)
        let keep = !training || trackRunningStats
        return try Tensor.batchNorm(x, runningMean: keep ? runningMean : nil, runningVar: keep ? runningVar : nil,
                                    weight: weight, bias: bias, training: useBatch, momentum: factor, eps: eps)
    }
}

/// `nn.BatchNorm1d(num_features, eps=1e-05, momentum=0.1, affine=True,
/// track_running_stats=True, *, bias=True)` over [N, C] or [N, C, L] inputs.
public final class BatchNorm1d: BatchNormBase {
    /// A batch normalisation layer for 2-d or 3-d inputs.
    override public init(_ numFeatures: Int, eps: Double = 1e-5, momentum: Double? = 0.1, affine: Bool = true,
                trackRunningStats: Bool = true, bias: Bool = true, dtype: DType? = nil) throws {
        try super.init(numFeatures, eps: eps, momentum: momentum, affine: affine, trackRunningStats: trackRunningStats,
                       bias: bias, dtype: dtype)
    }

    override func checkInputDim(_ x: Tensor) throws {
        guard x.dim == 2 || x.dim == 3 else { throw TensorError.value("expected 2D or 3D input (got \(x.dim)D input)") }
    }
}

/// `nn.BatchNorm2d(num_features, eps=1e-05, momentum=0.1, affine=True,
/// track_running_stats=True, *, bias=True)` over [N, C, H, W] inputs.
public final class BatchNorm2d: BatchNormBase {
    /// A batch normalisation layer for 4-d inputs.
    override public init(_ numFeatures: Int, eps: Double = 1e-5, momentum: Double? = 0.1, affine: Bool = true,
                trackRunningStats: Bool = true, bias: Bool = true, dtype: DType? = nil) throws {
        try super.init(numFeatures, eps: eps, momentum: momentum, affine: affine, trackRunningStats: trackRunningStats,
                       bias: bias, dtype: dtype)
    }

    override func checkInputDim(_ x: Tensor) throws {
        guard x.dim == 4 else { throw TensorError.value("expected 4D input (got \(x.dim)D input)") }
    }
}

/// `nn.LayerNorm(normalized_shape, eps=1e-05, elementwise_affine=True, bias=True)`.
public final class LayerNorm: Module {
    /// The trailing shape each sample is normalised over.
    public let normalizedShape: [Int]
    /// Added to the variance for numerical stability.
    public let eps: Double
    /// Whether the layer has a learnable weight (and bias).
    public let elementwiseAffine: Bool

    /// A layer normalisation layer.
    public init(_ normalizedShape: [Int], eps: Double = 1e-5, elementwiseAffine: Bool = true, bias: Bool = true,
                dtype: DType? = nil) throws {
        self.normalizedShape = normalizedShape
        self.eps = eps
        self.elementwiseAffine = elementwiseAffine
        super.init()
        let dtype = dtype ?? DType.defaultFloat
        try checkShape(normalizedShape, dtype: dtype)
        try registerParameter("weight", elementwiseAffine ? Tensor.ones(normalizedShape, dtype: dtype) : nil)
        try registerParameter("bias", elementwiseAffine && bias ? Tensor(zeros: normalizedShape, dtype: dtype) : nil)
    }

    /// `reset_parameters()`: weight 1, bias 0.
    override public func resetParameters() throws {
        try noGrad {
            if let w = parameter("weight") { _ = try w.fillInPlace(.int(1)) }
            if let b = parameter("bias") { _ = try b.zeroInPlace() }
        }
    }

    override public func hasAttribute(_ name: String) -> Bool {
        ["normalized_shape", "eps", "elementwise_affine"].contains(name) || super.hasAttribute(name)
    }

    /// `(4,), eps=1e-05, elementwise_affine=True, bias=True`.
    override public func extraRepr() -> String {
        "\(pyIntTuple(normalizedShape)), eps=\(formatPythonFloat(eps)), elementwise_affine=\(elementwiseAffine ? "True" : "False"), bias=\(parameter("bias") != nil ? "True" : "False")"
    }

    override public func forward(_ inputs: [ModuleValue], keywords: [(String, ModuleValue)]) throws -> ModuleValue {
        .tensor(try forward(singleTensorArgument(inputs, keywords, function: "layer_norm")))
    }

    /// Typed forward: `F.layer_norm(x, normalized_shape, weight, bias, eps)`.
    public func forward(_ x: Tensor) throws -> Tensor {
        try Tensor.layerNorm(x, normalizedShape: normalizedShape, weight: parameter("weight"), bias: parameter("bias"), eps: eps)
    }
}
