/// `torch.nn.functional` for Swift: free functions named as PyTorch's in lowerCamelCase
/// (`Functional.crossEntropy(logits, labels)`). Each family adds its entry points in an
/// extension in its own file.
public enum Functional {}

/// The activations and losses of `torch.nn.functional` (ops in Ops/Activations*.swift and
/// Ops/Losses*.swift). `inplace: true` runs PyTorch's in-place form and returns the input.
extension Functional {
    // MARK: Activations

    /// `F.relu(input, inplace=False)`.
    public static func relu(_ input: Tensor, inplace: Bool = false) throws -> Tensor {
        inplace ? try input.reluInPlace() : try input.relu()
    }
    /// `F.relu6(input, inplace=False)`.
    public static func relu6(_ input: Tensor, inplace: Bool = false) throws -> Tensor {
        inplace ? try input.relu6InPlace() : try input.relu6()
    }
    /// `F.leaky_relu(input, negative_slope=0.01, inplace=False)`.
    public static func leakyRelu(_ input: Tensor, negativeSlope: Double = 0.01, inplace: Bool = false) throws -> Tensor {
        inplace ? try input.leakyReluInPlace(negativeSlope: negativeSlope) : try input.leakyRelu(negativeSlope: negativeSlope)
    }
    /// `F.prelu(input, weight)`.
    public static func prelu(_ input: Tensor, weight: Tensor) throws -> Tensor { try input.prelu(weight) }
    /// `F.elu(input, alpha=1.0, inplace=False)`.
    public static func elu(_ input: Tensor, alpha: Double = 1, inplace: Bool = false) throws -> Tensor {
        inplace ? try input.eluInPlace(alpha: alpha) : try input.elu(alpha: alpha)
    }
    /// `F.selu(input, inplace=False)`.
    public static func selu(_ input: Tensor, inplace: Bool = false) throws -> Tensor {
        inplace ? try input.seluInPlace() : try input.selu()
    }
    /// `F.celu(input, alpha=1.0, inplace=False)`.
    public static func celu(_ input: Tensor, alpha: Double = 1, inplace: Bool = false) throws -> Tensor {
        inplace ? try input.celuInPlace(alpha: alpha) : try input.celu(alpha: alpha)
    }
    /// `F.gelu(input, approximate='none')`.
    public static func gelu(_ input: Tensor, approximate: String = "none") throws -> Tensor {
        try input.gelu(approximate: approximate)
    }
    /// `F.silu(input, inplace=False)`.
    public static func silu(_ input: Tensor, inplace: Bool = false) throws -> Tensor {
        inplace ? try input.siluInPlace() : try input.silu()
    }
    /// `F.mish(input, inplace=False)`.
    public static func mish(_ input: Tensor, inplace: Bool = false) throws -> Tensor {
        inplace ? try input.mishInPlace() : try input.mish()
    }
    /// `F.hardtanh(input, min_val=-1.0, max_val=1.0, inplace=False)`.
    public static func hardtanh(_ input: Tensor, minVal: Scalar = -1.0, maxVal: Scalar = 1.0,
                                inplace: Bool = false) throws -> Tensor {
        inplace ? try input.hardtanhInPlace(minVal: minVal, maxVal: maxVal) : try input.hardtanh(minVal: minVal, maxVal: maxVal)
    }
    /// `F.softplus(input, beta=1.0, threshold=20.0)`.
    public static func softplus(_ input: Tensor, beta: Double = 1, threshold: Double = 20) throws -> Tensor {
        try input.softplus(beta: beta, threshold: threshold)
    }
    /// `F.softsign(input)`.
    public static func softsign(_ input: Tensor) throws -> Tensor { try input.softsign() }
    /// `F.logsigmoid(input)`.
    public static func logsigmoid(_ input: Tensor) throws -> Tensor { try input.logSigmoid() }
    /// `F.sigmoid(input)`.
    public static func sigmoid(_ input: Tensor) throws -> Tensor { try input.sigmoid() }
    /// `F.tanh(input)`.
    public static func tanh(_ input: Tensor) throws -> Tensor { try input.tanh() }

    /// `F.softmax(input, dim=None, dtype=None)`. Without `dim`, PyTorch's deprecated implicit
    /// choice (0 for 0-, 1- and 3-d inputs, else 1) is made, with its warning.
    public static func softmax(_ input: Tensor, dim: Int? = nil, dtype: DType? = nil) throws -> Tensor {
        try input.softmax(dim: dim ?? implicitSoftmaxDim("softmax", input.dim), dtype: dtype)
    }
    /// `F.log_softmax(input, dim=None, dtype=None)`.
    public static func logSoftmax(_ input: Tensor, dim: Int? = nil, dtype: DType? = nil) throws -> Tensor {
        try input.logSoftmax(dim: dim ?? implicitSoftmaxDim("log_softmax", input.dim), dtype: dtype)
    }

    /// `torch.nn.functional._get_softmax_dim`: the dimension used when none is given.
    public static func implicitSoftmaxDim(_ name: String, _ rank: Int) -> Int {
        Autograd.warn("Implicit dimension choice for \(name) has been deprecated. Change the call to include dim=X as an argument.")
        return rank == 0 || rank == 1 || rank == 3 ? 0 : 1
    }

    // MARK: Losses

    /// `F.mse_loss(input, target, reduction='mean')`.
    public static func mseLoss(_ input: Tensor, _ target: Tensor, reduction: String = "mean") throws -> Tensor {
        try Tensor.mseLoss(input, target, reduction: reduction)
    }
    /// `F.l1_loss(input, target, reduction='mean')`.
    public static func l1Loss(_ input: Tensor, _ target: Tensor, reduction: String = "mean") throws -> Tensor {
        try Tensor.l1Loss(input, target, reduction: reduction)
    }
    /// `F.smooth_l1_loss(input, target, reduction='mean', beta=1.0)`.
    public static func smoothL1Loss(_ input: Tensor, _ target: Tensor, reduction: String = "mean",
                                    beta: Double = 1) throws -> Tensor {
        try Tensor.smoothL1Loss(input, target, reduction: reduction, beta: beta)
    }
    /// `F.huber_loss(input, target, reduction='mean', delta=1.0)`.
    public static func huberLoss(_ input: Tensor, _ target: Tensor, reduction: String = "mean",
                                 delta: Double = 1) throws -> Tensor {
        try Tensor.huberLoss(input, target, reduction: reduction, delta: delta)
    }
    /// `F.cross_entropy(input, target, weight=None, ignore_index=-100, reduction='mean',
    /// label_smoothing=0.0)`.
    public static func crossEntropy(_ input: Tensor, _ target: Tensor, weight: Tensor? = nil, ignoreIndex: Int = -100,
                                    reduction: String = "mean", labelSmoothing: Double = 0) throws -> Tensor {
        try Tensor.crossEntropy(input, target, weight: weight, ignoreIndex: ignoreIndex, reduction: reduction,
                                labelSmoothing: labelSmoothing)
    }
    /// `F.nll_loss(input, target, weight=None, ignore_index=-100, reduction='mean')`.
    public static func nllLoss(_ input: Tensor, _ target: Tensor, weight: Tensor? = nil, ignoreIndex: Int = -100,
                               reduction: String = "mean") throws -> Tensor {
        try Tensor.nllLoss(input, target, weight: weight, ignoreIndex: ignoreIndex, reduction: reduction)
    }
    /// `F.binary_cross_entropy(input, target, weight=None, reduction='mean')`.
    public static func binaryCrossEntropy(_ input: Tensor, _ target: Tensor, weight: Tensor? = nil,
                                          reduction: String = "mean") throws -> Tensor {
        try Tensor.binaryCrossEntropy(input, target, weight: weight, reduction: reduction)
    }
    /// `F.binary_cross_entropy_with_logits(input, target, weight=None, reduction='mean',
    /// pos_weight=None)`.
    public static func binaryCrossEntropyWithLogits(_ input: Tensor, _ target: Tensor, weight: Tensor? = nil,
                                                    reduction: String = "mean", posWeight: Tensor? = nil) throws -> Tensor {
        try Tensor.binaryCrossEntropyWithLogits(input, target, weight: weight, reduction: reduction, posWeight: posWeight)
    }
    /// `F.kl_div(input, target, reduction='mean', log_target=False)`.
    public static func klDiv(_ input: Tensor, _ target: Tensor, reduction: String = "mean",
                             logTarget: Bool = false) throws -> Tensor {
        try Tensor.klDiv(input, target, reduction: reduction, logTarget: logTarget)
    }
    /// `F.cosine_embedding_loss(input1, input2, target, margin=0, reduction='mean')`.
    public static func cosineEmbeddingLoss(_ input1: Tensor, _ input2: Tensor, _ target: Tensor, margin: Double = 0,
                                           reduction: String = "mean") throws -> Tensor {
        try Tensor.cosineEmbeddingLoss(input1, input2, target, margin: margin, reduction: reduction)
    }
    /// `F.triplet_margin_loss(anchor, positive, negative, margin=1.0, p=2, eps=1e-06,
    /// swap=False, reduction='mean')`.
    public static func tripletMarginLoss(_ anchor: Tensor, _ positive: Tensor, _ negative: Tensor, margin: Double = 1,
                                         p: Double = 2, eps: Double = 1e-6, swap: Bool = false,
                                         reduction: String = "mean") throws -> Tensor {
        try Tensor.tripletMarginLoss(anchor, positive, negative, margin: margin, p: p, eps: eps, swap: swap,
                                     reduction: reduction)
    }

    // MARK: Helpers

    /// `F.one_hot(tensor, num_classes=-1)`.
    public static func oneHot(_ tensor: Tensor, numClasses: Int = -1) throws -> Tensor {
        try Tensor.oneHot(tensor, numClasses: numClasses)
    }
    /// `F.normalize(input, p=2.0, dim=1, eps=1e-12)`.
    public static func normalize(_ input: Tensor, p: Double = 2, dim: Int = 1, eps: Double = 1e-12) throws -> Tensor {
        try Tensor.normalize(input, p: p, dim: dim, eps: eps)
    }
    /// `F.cosine_similarity(x1, x2, dim=1, eps=1e-8)`.
    public static func cosineSimilarity(_ x1: Tensor, _ x2: Tensor, dim: Int = 1, eps: Double = 1e-8) throws -> Tensor {
        try Tensor.cosineSimilarity(x1, x2, dim: dim, eps: eps)
    }
    /// `F.pairwise_distance(x1, x2, p=2.0, eps=1e-6, keepdim=False)`.
    public static func pairwiseDistance(_ x1: Tensor, _ x2: Tensor, p: Double = 2, eps: Double = 1e-6,
                                        keepdim: Bool = false) throws -> Tensor {
        try Tensor.pairwiseDistance(x1, x2, p: p, eps: eps, keepdim: keepdim)
    }
}
