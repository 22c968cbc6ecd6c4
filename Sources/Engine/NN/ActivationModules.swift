/// The activation layers of `torch.nn` (ReLU … LogSoftmax): each keeps its hyperparameters
/// under PyTorch's names, prints them as PyTorch's `extra_repr` does, and runs the functional
/// op (Functional+ActivationsLosses.swift) in `forward`. `inplace: true` runs the in-place
/// form on the input, as PyTorch does.
open class ElementwiseActivation: Module {
    /// `inplace`: modify the input instead of allocating the result (where PyTorch has it).
    public let inplace: Bool
    /// The functional op named in argument errors ("relu(): argument 'input' …").
    let functionName: String

    init(inplace: Bool, functionName: String) {
        self.inplace = inplace
        self.functionName = functionName
        super.init()
    }

    /// `, inplace=True` when in place, else "" (PyTorch's suffix after the other arguments).
    var inplaceSuffix: String { inplace ? ", inplace=True" : "" }

    override open func hasAttribute(_ name: String) -> Bool { name == "inplace" || super.hasAttribute(name) }

    override open func forward(_ inputs: [ModuleValue], keywords: [(String, ModuleValue)]) throws -> ModuleValue {
        .tensor(try apply(singleTensorArgument(inputs, keywords, function: functionName)))
    }

    /// Typed forward.
    public func forward(_ x: Tensor) throws -> Tensor { try apply(x) }

    /// The activation itself; subclasses override it.
    open func apply(_ x: Tensor) throws -> Tensor {
        throw TensorError.notImplemented("Module [\(typeName)] is missing the required \"forward\" function")
    }
}

/// `nn.ReLU(inplace=False)`.
public final class ReLU: ElementwiseActivation {
    /// A ReLU layer.
    public init(inplace: Bool = false) { super.init(inplace: inplace, functionName: "relu") }
    override public func extraRepr() -> String { inplace ? "inplace=True" : "" }
    override public func apply(_ x: Tensor) throws -> Tensor { try Functional.relu(x, inplace: inplace) }
}

/// `nn.ReLU6(inplace=False)`: hardtanh(0, 6).
public final class ReLU6: ElementwiseActivation {
    /// A ReLU6 layer.
    public init(inplace: Bool = false) { super.init(inplace: inplace, functionName: "hardtanh") }
    override public func extraRepr() -> String { inplace ? "inplace=True" : "" }
    override public func apply(_ x: Tensor) throws -> Tensor { try Functional.relu6(x, inplace: inplace) }
}

/// `nn.LeakyReLU(negative_slope=0.01, inplace=False)`.
public final class LeakyReLU: ElementwiseActivation {
    /// Slope for negative inputs.
    public let negativeSlope: Scalar
    /// A leaky ReLU layer.
    public init(negativeSlope: Scalar = 0.01, inplace: Bool = false) {
        self.negativeSlope = negativeSlope
        super.init(inplace: inplace, functionName: "leaky_relu")
    }
    override public func hasAttribute(_ name: String) -> Bool { name == "negative_slope" || super.hasAttribute(name) }
    override public func extraRepr() -> String { "negative_slope=\(negativeSlope)\(inplaceSuffix)" }
    override public func apply(_ x: Tensor) throws -> Tensor {
        try Functional.leakyRelu(x, negativeSlope: negativeSlope.doubleValue, inplace: inplace)
    }
}

/// `nn.ELU(alpha=1.0, inplace=False)`.
public final class ELU: ElementwiseActivation {
    /// α of the negative branch.
    public let alpha: Scalar
    /// An ELU layer.
    public init(alpha: Scalar = 1.0, inplace: Bool = false) {
        self.alpha = alpha
        super.init(inplace: inplace, functionName: "elu")
    }
    override public func hasAttribute(_ name: String) -> Bool { name == "alpha" || super.hasAttribute(name) }
    override public func extraRepr() -> String { "alpha=\(alpha)\(inplaceSuffix)" }
    override public func apply(_ x: Tensor) throws -> Tensor { try Functional.elu(x, alpha: alpha.doubleValue, inplace: inplace) }
}

/// `nn.SELU(inplace=False)`.
public final class SELU: ElementwiseActivation {
    /// A SELU layer.
    public init(inplace: Bool = false) { super.init(inplace: inplace, functionName: "selu") }
    override public func extraRepr() -> String { inplace ? "inplace=True" : "" }
    override public func apply(_ x: Tensor) throws -> Tensor { try Functional.selu(x, inplace: inplace) }
}

/// `nn.CELU(alpha=1.0, inplace=False)`.
public final class CELU: ElementwiseActivation {
    /// α of the negative branch.
    public let alpha: Scalar
    /// A CELU layer.
    public init(alpha: Scalar = 1.0, inplace: Bool = false) {
        self.alpha = alpha
        super.init(inplace: inplace, functionName: "celu")
    }
    override public func hasAttribute(_ name: String) -> Bool { name == "alpha" || super.hasAttribute(name) }
    override public func extraRepr() -> String { "alpha=\(alpha)\(inplaceSuffix)" }
    override public func apply(_ x: Tensor) throws -> Tensor { try Functional.celu(x, alpha: alpha.doubleValue, inplace: inplace) }
}

/// `nn.GELU(approximate='none')`.
public final class GELU: ElementwiseActivation {
    /// `'none'` or `'tanh'`.
    public let approximate: String
    /// A GELU layer.
    public init(approximate: String = "none") {
        self.approximate = approximate
        super.init(inplace: false, functionName: "gelu")
    }
    override public func hasAttribute(_ name: String) -> Bool { name == "approximate" || super.hasAttribute(name) }
    override public func extraRepr() -> String { "approximate=\(pythonStringRepr(approximate))" }
    override public func apply(_ x: Tensor) throws -> Tensor { try Functional.gelu(x, approximate: approximate) }
}

/// `nn.SiLU(inplace=False)`.
public final class SiLU: ElementwiseActivation {
    /// A SiLU layer.
    public init(inplace: Bool = false) { super.init(inplace: inplace, functionName: "silu") }
    override public func extraRepr() -> String { inplace ? "inplace=True" : "" }
    override public func apply(_ x: Tensor) throws -> Tensor { try Functional.silu(x, inplace: inplace) }
}

/// `nn.Mish(inplace=False)`.
public final class Mish: ElementwiseActivation {
    /// A Mish layer.
    public init(inplace: Bool = false) { super.init(inplace: inplace, functionName: "mish") }
    override public func extraRepr() -> String { inplace ? "inplace=True" : "" }
    override public func apply(_ x: Tensor) throws -> Tensor { try Functional.mish(x, inplace: inplace) }
}

/// `nn.Sigmoid()`.
public final class Sigmoid: ElementwiseActivation {
    /// A sigmoid layer.
    public init() { super.init(inplace: false, functionName: "sigmoid") }
    override public func apply(_ x: Tensor) throws -> Tensor { try x.sigmoid() }
}

/// `nn.Tanh()`.
public final class Tanh: ElementwiseActivation {
    /// A tanh layer.
    public init() { super.init(inplace: false, functionName: "tanh") }
    override public func apply(_ x: Tensor) throws -> Tensor { try x.tanh() }
}

/// `nn.Hardtanh(min_val=-1.0, max_val=1.0, inplace=False)`.
public final class Hardtanh: ElementwiseActivation {
    /// Lower bound.
    public let minVal: Scalar
    /// Upper bound.
    public let maxVal: Scalar
    /// A hardtanh layer (bounds with min > max are refused when it runs, by `F.hardtanh`).
    public init(minVal: Scalar = -1.0, maxVal: Scalar = 1.0, inplace: Bool = false) {
        self.minVal = minVal
        self.maxVal = maxVal
        super.init(inplace: inplace, functionName: "hardtanh")
    }
    override public func hasAttribute(_ name: String) -> Bool {
        name == "min_val" || name == "max_val" || super.hasAttribute(name)
    }
    override public func extraRepr() -> String { "min_val=\(minVal), max_val=\(maxVal)\(inplaceSuffix)" }
    override public func apply(_ x: Tensor) throws -> Tensor {
        try Functional.hardtanh(x, minVal: minVal, maxVal: maxVal, inplace: inplace)
    }
}

/// `nn.Softplus(beta=1.0, threshold=20.0)`.
public final class Softplus: ElementwiseActivation {
    /// β.
    public let beta: Scalar
    /// Above β·x > threshold the layer is linear.
    public let threshold: Scalar
    /// A softplus layer.
    public init(beta: Scalar = 1.0, threshold: Scalar = 20.0) {
        self.beta = beta
        self.threshold = threshold
        super.init(inplace: false, functionName: "softplus")
    }
    override public func hasAttribute(_ name: String) -> Bool {
        name == "beta" || name == "threshold" || super.hasAttribute(name)
    }
    override public func extraRepr() -> String { "beta=\(beta), threshold=\(threshold)" }
    override public func apply(_ x: Tensor) throws -> Tensor {
        try Functional.softplus(x, beta: beta.doubleValue, threshold: threshold.doubleValue)
    }
}

/// `nn.Softsign()`.
public final class Softsign: ElementwiseActivation {
    /// A softsign layer.
    public init() { super.init(inplace: false, functionName: "softsign") }
    override public func apply(_ x: Tensor) throws -> Tensor { try Functional.softsign(x) }
}

/// `nn.Softmax(dim=None)`.
public final class Softmax: ElementwiseActivation {
    /// The dimension normalised; nil uses PyTorch's deprecated implicit choice.
    public let dim: Int?
    /// A softmax layer.
    public init(dim: Int? = nil) {
        self.dim = dim
        super.init(inplace: false, functionName: "softmax")
    }
    override public func hasAttribute(_ name: String) -> Bool { name == "dim" || super.hasAttribute(name) }
    override public func extraRepr() -> String { "dim=\(dim.map(String.init) ?? "None")" }
    override public func apply(_ x: Tensor) throws -> Tensor { try Functional.softmax(x, dim: dim) }
}

/// `nn.LogSoftmax(dim=None)`.
public final class LogSoftmax: ElementwiseActivation {
    /// The dimension normalised; nil uses PyTorch's deprecated implicit choice.
    public let dim: Int?
    /// A log-softmax layer.
    public init(dim: Int? = nil) {
        self.dim = dim
        super.init(inplace: false, functionName: "log_softmax")
    }
    override public func hasAttribute(_ name: String) -> Bool { name == "dim" || super.hasAttribute(name) }
    override public func extraRepr() -> String { "dim=\(dim.map(String.init) ?? "None")" }
    override public func apply(_ x: Tensor) throws -> Tensor { try Functional.logSoftmax(x, dim: dim) }
}

/// `nn.PReLU(num_parameters=1, init=0.25)`: a learnable slope, one for all channels or one
/// per channel (dimension 1 of the input).
public final class PReLU: ElementwiseActivation {
    /// Number of slopes.
    public let numParameters: Int
    /// The initial slope.
    public let initialValue: Double

    /// A PReLU layer whose `weight` parameter is filled with `init`.
    public init(numParameters: Int = 1, init initialValue: Double = 0.25, dtype: DType? = nil) throws {
        self.numParameters = numParameters
        self.initialValue = initialValue
        super.init(inplace: false, functionName: "prelu")
        try checkShape([numParameters], dtype: dtype ?? DType.defaultFloat)
        try registerParameter("weight", Tensor(zeros: [numParameters], dtype: dtype ?? DType.defaultFloat))
        try resetParameters()
    }

    /// The slopes.
    public var weight: Tensor? { parameter("weight") }

    /// `reset_parameters()`: constant_(weight, init).
    override public func resetParameters() throws {
        try noGrad { _ = try requiredParameter("weight").fillInPlace(.double(initialValue)) }
    }

    override public func hasAttribute(_ name: String) -> Bool {
        name == "num_parameters" || name == "init" || super.hasAttribute(name)
    }
    override public func extraRepr() -> String { "num_parameters=\(numParameters)" }
    override public func apply(_ x: Tensor) throws -> Tensor { try Functional.prelu(x, weight: requiredParameter("weight")) }
}
