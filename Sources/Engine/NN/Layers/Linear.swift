import Foundation

/// `nn.Linear(in_features, out_features, bias=True)`: y = x·Wᵀ + b over the last dimension.
/// The weight is `[out_features, in_features]`, initialised as PyTorch does:
/// kaiming_uniform_(a=√5), then the bias uniform in ±1/√fan_in.
public final class Linear: Module {
    /// Size of each input sample.
    public let inFeatures: Int
    /// Size of each output sample.
    public let outFeatures: Int

    /// A layer with fresh parameters drawn from `Generator.global` (dtype: the default float).
    public init(_ inFeatures: Int, _ outFeatures: Int, bias: Bool = true, dtype: DType? = nil) throws {
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
        super.init()
        let dtype = dtype ?? DType.defaultFloat
        try checkShape([outFeatures, inFeatures], dtype: dtype)
        try registerParameter("weight", Tensor(zeros: [outFeatures, inFeatures], dtype: dtype))
        try registerParameter("bias", bias ? Tensor(zeros: [outFeatures], dtype: dtype) : nil)
        try resetParameters()
    }

    /// The `[out_features, in_features]` weight.
    public var weight: Tensor? { parameter("weight") }
    /// The `[out_features]` bias, or nil.
    public var bias: Tensor? { parameter("bias") }

    /// `reset_parameters()`: kaiming_uniform_(weight, a=√5); bias uniform(±1/√fan_in).
    override public func resetParameters() throws {
        let weight = try requiredParameter("weight")
        try Init.kaimingUniform_(weight, a: .double(5.0.squareRoot()))
        if let bias = parameter("bias") {
            let (fanIn, _) = try Init.calculateFanInAndFanOut(weight)
            let bound = fanIn > 0 ? 1 / Double(fanIn).squareRoot() : 0
            try Init.uniform_(bias, a: -bound, b: bound)
        }
    }

    override public func hasAttribute(_ name: String) -> Bool {
        name == "in_features" || name == "out_features" || super.hasAttribute(name)
    }

    /// `in_features=4, out_features=3, bias=True`.
    override public func extraRepr() -> String {
        "in_features=\(inFeatures), out_features=\(outFeatures), bias=\(parameter("bias") != nil ? "True" : "False")"
    }

    override public func forward(_ inputs: [ModuleValue], keywords: [(String, ModuleValue)]) throws -> ModuleValue {
        .tensor(try forward(singleTensorArgument(inputs, keywords, function: "linear")))
    }

    /// Typed forward: `F.linear(x, weight, bias)`.
    public func forward(_ x: Tensor) throws -> Tensor {
        try Linear.linear(x, weight: requiredParameter("weight"), bias: parameter("bias"))
    }

    /// `F.linear(input, weight, bias=None)`, following ATen's `linear`: addmm for a 2-D input
    /// with bias; for other contiguous inputs with a 1-D bias the input is flattened to 2-D,
    /// run through addmm and viewed back; otherwise `matmul(input, weight.t())` plus the bias
    /// added in place. So the grad_fn names are PyTorch's (AddmmBackward0, ViewBackward0,
    /// MmBackward0, …).
    public static func linear(_ input: Tensor, weight: Tensor, bias: Tensor?) throws -> Tensor {
        guard input.dim >= 1 && weight.dim >= 1 else {
            throw TensorError.runtime("both arguments to linear need to be at least 1D, but they are \(input.dim)D and \(weight.dim)D")
        }
        let wt = try weight.t()
        guard let bias else { return try input.matmul(wt) }
        if input.dim == 2 { return try bias.addmm(input, wt) }
        if input.isContiguous && (input.dim == 3 || bias.dim == 1) {
            // ATen's _flatten_nd_linear: reshape to 2-D, addmm, _unsafe_view back.
            let leading = Array(input.shape.dropLast())
            let flat = try input.view([leading.reduce(1, *), input.shape[input.dim - 1]])
            let out = try bias.addmm(flat, wt)
            return try out.unsafeView(leading + [out.shape[1]])
        }
        let out = try input.matmul(wt)
        return try out.addInPlace(bias)
    }
}

/// `nn.Identity(*args, **kwargs)`: returns its input unchanged (arguments are ignored).
public final class Identity: Module {
    /// An identity layer.
    override public init() { super.init() }

    override public func forward(_ inputs: [ModuleValue], keywords: [(String, ModuleValue)]) throws -> ModuleValue {
        try bindArguments(inputs, keywords, names: ["input"])[0] ?? .none
    }

    /// Typed forward: `x` itself.
    public func forward(_ x: Tensor) -> Tensor { x }
}

/// `nn.Flatten(start_dim=1, end_dim=-1)`: flattens a range of dimensions.
public final class Flatten: Module {
    /// First dimension to flatten.
    public let startDim: Int
    /// Last dimension to flatten.
    public let endDim: Int

    /// A flatten layer over `startDim...endDim`.
    public init(startDim: Int = 1, endDim: Int = -1) {
        self.startDim = startDim
        self.endDim = endDim
        super.init()
    }

    override public func hasAttribute(_ name: String) -> Bool {
        name == "start_dim" || name == "end_dim" || super.hasAttribute(name)
    }

    /// `start_dim=1, end_dim=-1`.
    override public func extraRepr() -> String { "start_dim=\(startDim), end_dim=\(endDim)" }

    override public func forward(_ inputs: [ModuleValue], keywords: [(String, ModuleValue)]) throws -> ModuleValue {
        let bound = try bindArguments(inputs, keywords, names: ["input"])
        guard case .tensor(let x)? = bound[0] else {
            throw ModuleError(.attribute, "'\((bound[0] ?? .none).pythonTypeName)' object has no attribute 'flatten'")
        }
        return .tensor(try forward(x))
    }

    /// Typed forward: `x.flatten(startDim, endDim)`.
    public func forward(_ x: Tensor) throws -> Tensor { try x.flatten(startDim: startDim, endDim: endDim) }
}

/// `nn.Unflatten(dim, unflattened_size)`: splits one dimension into several.
public final class Unflatten: Module {
    /// The dimension to split.
    public let dim: Int
    /// The sizes it becomes (one may be -1).
    public let unflattenedSize: [Int]

    /// An unflatten layer; PyTorch requires a non-empty size list.
    public init(dim: Int, unflattenedSize: [Int]) throws {
        self.dim = dim
        self.unflattenedSize = unflattenedSize
        super.init()
    }

    override public func hasAttribute(_ name: String) -> Bool {
        name == "dim" || name == "unflattened_size" || super.hasAttribute(name)
    }

    /// `dim=1, unflattened_size=(2, 5)` (a one-element size prints as `(2,)`).
    override public func extraRepr() -> String {
        let sizes = unflattenedSize.map(String.init).joined(separator: ", ")
        return "dim=\(dim), unflattened_size=(\(sizes)\(unflattenedSize.count == 1 ? "," : ""))"
    }

    override public func forward(_ inputs: [ModuleValue], keywords: [(String, ModuleValue)]) throws -> ModuleValue {
        let bound = try bindArguments(inputs, keywords, names: ["input"])
        guard case .tensor(let x)? = bound[0] else {
            throw ModuleError(.attribute, "'\((bound[0] ?? .none).pythonTypeName)' object has no attribute 'unflatten'")
        }
        return .tensor(try forward(x))
    }

    /// Typed forward: `x.unflatten(dim, sizes)`.
    public func forward(_ x: Tensor) throws -> Tensor { try x.unflatten(dim: dim, sizes: unflattenedSize) }
}

extension Functional {
    /// `F.linear(input, weight, bias=None)`: x·Wᵀ + b (see `Linear.linear` for the graph it records).
    public static func linear(_ input: Tensor, weight: Tensor, bias: Tensor? = nil) throws -> Tensor {
        try Linear.linear(input, weight: weight, bias: bias)
    }
}

extension GradcheckCase {
    /// F.linear through each of ATen's paths, w.r.t. input, weight and bias (NN/Layers/Linear.swift).
    static let nnCore: [GradcheckCase] = [
        GradcheckCase("linear/2d", shapes: [[3, 4], [2, 4], [2]]) { try Linear.linear($0[0], weight: $0[1], bias: $0[2]) },
        GradcheckCase("linear/2d_nobias", shapes: [[3, 4], [2, 4]]) { try Linear.linear($0[0], weight: $0[1], bias: nil) },
        GradcheckCase("linear/1d", shapes: [[4], [2, 4], [2]]) { try Linear.linear($0[0], weight: $0[1], bias: $0[2]) },
        GradcheckCase("linear/1d_nobias", shapes: [[4], [3, 4]]) { try Linear.linear($0[0], weight: $0[1], bias: nil) },
        GradcheckCase("linear/3d", shapes: [[2, 3, 4], [2, 4], [2]]) { try Linear.linear($0[0], weight: $0[1], bias: $0[2]) },
        GradcheckCase("linear/3d_noncontiguous", shapes: [[3, 2, 4], [2, 4], [2]]) {
            try Linear.linear($0[0].transpose(0, 1), weight: $0[1], bias: $0[2])
        },
        GradcheckCase("linear/module", shapes: [[2, 3], [4, 3], [4]]) { inputs in
            let layer = try Linear(3, 4, dtype: .float64)
            _ = try layer.assignAttribute("weight", .parameter(inputs[1]))
            _ = try layer.assignAttribute("bias", .parameter(inputs[2]))
            return try layer(inputs[0])
        },
    ]
}
