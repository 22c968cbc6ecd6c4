/// The loss layers of `torch.nn` (MSELoss … TripletMarginLoss): constructor arguments as
/// PyTorch's (without the deprecated `size_average`/`reduce`), class weights registered as
/// buffers as `_WeightedLoss` does, and `forward` running the functional loss.
open class LossModule: Module {
    /// `'none'`, `'mean'` or `'sum'` (checked when the loss runs, as in PyTorch).
    public let reduction: String
    /// The functional op named in argument errors.
    let functionName: String
    /// The names of `forward`'s tensor arguments.
    let argumentNames: [String]

    init(reduction: String, functionName: String, argumentNames: [String] = ["input", "target"]) {
        self.reduction = reduction
        self.functionName = functionName
        self.argumentNames = argumentNames
        super.init()
    }

    override open func hasAttribute(_ name: String) -> Bool { name == "reduction" || super.hasAttribute(name) }

    override open func forward(_ inputs: [ModuleValue], keywords: [(String, ModuleValue)]) throws -> ModuleValue {
        let bound = try bindArguments(inputs, keywords, names: argumentNames)
        let tensors = try bound.enumerated().map { i, value in
            try Module.tensorArgument(value, function: functionName, name: argumentNames[i], position: i + 1)
        }
        return .tensor(try loss(tensors))
    }

    /// Typed forward: the loss of `input` against `target`.
    public func forward(_ input: Tensor, _ target: Tensor) throws -> Tensor { try loss([input, target]) }

    /// `loss(input, target)` through `call` (so hooks run).
    public func callAsFunction(_ input: Tensor, _ target: Tensor) throws -> Tensor {
        guard case .tensor(let t) = try call([.tensor(input), .tensor(target)]) else {
            throw TensorError.type("\(typeName) did not return a Tensor")
        }
        return t
    }

    /// The loss itself from the forward arguments; subclasses override it.
    open func loss(_ tensors: [Tensor]) throws -> Tensor {
        throw TensorError.notImplemented("Module [\(typeName)] is missing the required \"forward\" function")
    }

    /// Registers an optional class-weight buffer (None is registered too, as PyTorch does).
    func registerWeight(_ name: String, _ tensor: Tensor?) throws { try registerBuffer(name, tensor) }
}

/// `nn.MSELoss(reduction='mean')`.
public final class MSELoss: LossModule {
    /// A mean-squared-error loss.
    public init(reduction: String = "mean") { super.init(reduction: reduction, functionName: "mse_loss") }
    override public func loss(_ t: [Tensor]) throws -> Tensor { try Functional.mseLoss(t[0], t[1], reduction: reduction) }
}

/// `nn.L1Loss(reduction='mean')`.
public final class L1Loss: LossModule {
    /// A mean-absolute-error loss.
    public init(reduction: String = "mean") { super.init(reduction: reduction, functionName: "l1_loss") }
    override public func loss(_ t: [Tensor]) throws -> Tensor { try Functional.l1Loss(t[0], t[1], reduction: reduction) }
}

/// `nn.SmoothL1Loss(reduction='mean', beta=1.0)`.
public final class SmoothL1Loss: LossModule {
    /// Where the loss turns from quadratic to linear.
    public let beta: Double
    /// A smooth L1 loss.
    public init(reduction: String = "mean", beta: Double = 1) {
        self.beta = beta
        super.init(reduction: reduction, functionName: "smooth_l1_loss")
    }
    override public func hasAttribute(_ name: String) -> Bool { name == "beta" || super.hasAttribute(name) }
    override public func loss(_ t: [Tensor]) throws -> Tensor {
        try Functional.smoothL1Loss(t[0], t[1], reduction: reduction, beta: beta)
    }
}

/// `nn.HuberLoss(reduction='mean', delta=1.0)`.
public final class HuberLoss: LossModule {
    /// Where the loss turns from quadratic to linear.
    public let delta: Double
    /// A Huber loss.
    public init(reduction: String = "mean", delta: Double = 1) {
        self.delta = delta
        super.init(reduction: reduction, functionName: "huber_loss")
    }
    override public func hasAttribute(_ name: String) -> Bool { name == "delta" || super.hasAttribute(name) }
    override public func loss(_ t: [Tensor]) throws -> Tensor {
        try Functional.huberLoss(t[0], t[1], reduction: reduction, delta: delta)
    }
}

/// `nn.CrossEntropyLoss(weight=None, ignore_index=-100, reduction='mean', label_smoothing=0.0)`.
public final class CrossEntropyLoss: LossModule {
    /// Class index whose targets are ignored.
    public let ignoreIndex: Int
    /// Label smoothing in [0, 1].
    public let labelSmoothing: Double
    /// A cross-entropy loss; `weight` (one per class) is registered as the buffer `weight`.
    public init(weight: Tensor? = nil, ignoreIndex: Int = -100, reduction: String = "mean",
                labelSmoothing: Double = 0) throws {
        self.ignoreIndex = ignoreIndex
        self.labelSmoothing = labelSmoothing
        super.init(reduction: reduction, functionName: "cross_entropy")
        try registerWeight("weight", weight)
    }
    override public func hasAttribute(_ name: String) -> Bool {
        name == "ignore_index" || name == "label_smoothing" || super.hasAttribute(name)
    }
    override public func loss(_ t: [Tensor]) throws -> Tensor {
        try Functional.crossEntropy(t[0], t[1], weight: buffer("weight"), ignoreIndex: ignoreIndex, reduction: reduction,
                                    labelSmoothing: labelSmoothing)
    }
}

/// `nn.NLLLoss(weight=None, ignore_index=-100, reduction='mean')`.
public final class NLLLoss: LossModule {
    /// Class index whose targets are ignored.
    public let ignoreIndex: Int
    /// A negative log-likelihood loss; `weight` is registered as the buffer `weight`.
    public init(weight: Tensor? = nil, ignoreIndex: Int = -100, reduction: String = "mean") throws {
        self.ignoreIndex = ignoreIndex
        super.init(reduction: reduction, functionName: "nll_loss")
        try registerWeight("weight", weight)
    }
    override public func hasAttribute(_ name: String) -> Bool { name == "ignore_index" || super.hasAttribute(name) }
    override public func loss(_ t: [Tensor]) throws -> Tensor {
        try Functional.nllLoss(t[0], t[1], weight: buffer("weight"), ignoreIndex: ignoreIndex, reduction: reduction)
    }
}

/// `nn.BCELoss(weight=None, reduction='mean')`.
public final class BCELoss: LossModule {
    /// A binary cross-entropy loss on probabilities; `weight` is the buffer `weight`.
    public init(weight: Tensor? = nil, reduction: String = "mean") throws {
        super.init(reduction: reduction, functionName: "binary_cross_entropy")
        try registerWeight("weight", weight)
    }
    override public func loss(_ t: [Tensor]) throws -> Tensor {
        try Functional.binaryCrossEntropy(t[0], t[1], weight: buffer("weight"), reduction: reduction)
    }
}

/// `nn.BCEWithLogitsLoss(weight=None, reduction='mean', pos_weight=None)`.
public final class BCEWithLogitsLoss: LossModule {
    /// A binary cross-entropy loss on logits; `weight` and `pos_weight` are buffers.
    public init(weight: Tensor? = nil, reduction: String = "mean", posWeight: Tensor? = nil) throws {
        super.init(reduction: reduction, functionName: "binary_cross_entropy_with_logits")
        try registerWeight("weight", weight)
        try registerWeight("pos_weight", posWeight)
    }
    override public func loss(_ t: [Tensor]) throws -> Tensor {
        try Functional.binaryCrossEntropyWithLogits(t[0], t[1], weight: buffer("weight"), reduction: reduction,
                                                    posWeight: buffer("pos_weight"))
    }
}

/// `nn.KLDivLoss(reduction='mean', log_target=False)`.
public final class KLDivLoss: LossModule {
    /// Whether the target is given as log-probabilities.
    public let logTarget: Bool
    /// A Kullback-Leibler divergence loss (`reduction` may also be `'batchmean'`).
    public init(reduction: String = "mean", logTarget: Bool = false) {
        self.logTarget = logTarget
        super.init(reduction: reduction, functionName: "kl_div")
    }
    override public func hasAttribute(_ name: String) -> Bool { name == "log_target" || super.hasAttribute(name) }
    override public func loss(_ t: [Tensor]) throws -> Tensor {
        try Functional.klDiv(t[0], t[1], reduction: reduction, logTarget: logTarget)
    }
}

/// `nn.CosineEmbeddingLoss(margin=0.0, reduction='mean')`: forward(input1, input2, target).
public final class CosineEmbeddingLoss: LossModule {
    /// Margin for dissimilar pairs.
    public let margin: Double
    /// A cosine embedding loss.
    public init(margin: Double = 0, reduction: String = "mean") {
        self.margin = margin
        super.init(reduction: reduction, functionName: "cosine_embedding_loss", argumentNames: ["input1", "input2", "target"])
    }
    override public func hasAttribute(_ name: String) -> Bool { name == "margin" || super.hasAttribute(name) }
    override public func loss(_ t: [Tensor]) throws -> Tensor {
        guard t.count == 3 else {
            throw TensorError.type("CosineEmbeddingLoss.forward() missing 1 required positional argument: 'target'")
        }
        return try Functional.cosineEmbeddingLoss(t[0], t[1], t[2], margin: margin, reduction: reduction)
    }
    /// Typed forward: the loss of the pair (input1, input2) with targets ±1.
    public func forward(_ input1: Tensor, _ input2: Tensor, _ target: Tensor) throws -> Tensor {
        try loss([input1, input2, target])
    }
}

/// `nn.TripletMarginLoss(margin=1.0, p=2.0, eps=1e-6, swap=False, reduction='mean')`:
/// forward(anchor, positive, negative).
public final class TripletMarginLoss: LossModule {
    /// Required gap between the negative and the positive distance.
    public let margin: Double
    /// Norm order of the pairwise distance.
    public let p: Double
    /// Added to the difference before the norm.
    public let eps: Double
    /// Whether to also use the positive-negative distance.
    public let swap: Bool
    /// A triplet margin loss.
    public init(margin: Double = 1, p: Double = 2, eps: Double = 1e-6, swap: Bool = false, reduction: String = "mean") {
        self.margin = margin
        self.p = p
        self.eps = eps
        self.swap = swap
        super.init(reduction: reduction, functionName: "triplet_margin_loss", argumentNames: ["anchor", "positive", "negative"])
    }
    override public func hasAttribute(_ name: String) -> Bool {
        ["margin", "p", "eps", "swap"].contains(name) || super.hasAttribute(name)
    }
    override public func loss(_ t: [Tensor]) throws -> Tensor {
        guard t.count == 3 else {
            throw TensorError.type("TripletMarginLoss.forward() missing 1 required positional argument: 'negative'")
        }
        return try Functional.tripletMarginLoss(t[0], t[1], t[2], margin: margin, p: p, eps: eps, swap: swap,
                                                reduction: reduction)
    }
    /// Typed forward: the loss of (anchor, positive, negative) triplets.
    public func forward(_ anchor: Tensor, _ positive: Tensor, _ negative: Tensor) throws -> Tensor {
        try loss([anchor, positive, negative])
    }
}
