import Foundation

/// `nn.Conv1d`, `nn.Conv2d`, `nn.ConvTranspose1d`, `nn.ConvTranspose2d`: PyTorch's `_ConvNd`
/// with its argument checks, default initialisation (kaiming_uniform_(a=√5), then the bias
/// uniform in ±1/√fan_in, from `Generator.global`) and `extra_repr`.
public class ConvNd: Module {
    /// Channels of the input.
    public let inChannels: Int
    /// Channels of the output.
    public let outChannels: Int
    /// Kernel size per spatial dimension.
    public let kernelSize: [Int]
    /// Stride per spatial dimension.
    public let stride: [Int]
    /// Padding: sizes per spatial dimension, or `'same'`/`'valid'`.
    public let padding: ConvPadding
    /// Dilation per spatial dimension.
    public let dilation: [Int]
    /// True for ConvTranspose layers.
    public let transposed: Bool
    /// Extra size added to one side of a transposed convolution's output.
    public let outputPadding: [Int]
    /// Blocked connections from input to output channels.
    public let groups: Int
    /// `'zeros'`, `'reflect'`, `'replicate'` or `'circular'`.
    public let paddingMode: String

    init(_ n: Int, _ inChannels: Int, _ outChannels: Int, kernelSize: [Int], stride: [Int], padding: ConvPadding,
         dilation: [Int], transposed: Bool, outputPadding: [Int], groups: Int, bias: Bool, paddingMode: String,
         dtype: DType?) throws {
        func expand(_ v: [Int], _ name: String) throws -> [Int] {
            if v.count == 1 { return Array(repeating: v[0], count: n) }
            guard v.count == n else { throw TensorError.value("\(name) must be an int or a tuple of \(n) ints") }
            return v
        }
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.kernelSize = try expand(kernelSize, "kernel_size")
        self.stride = try expand(stride, "stride")
        self.dilation = try expand(dilation, "dilation")
        self.outputPadding = try expand(outputPadding, "output_padding")
        if case .sizes(let values) = padding { self.padding = .sizes(try expand(values, "padding")) } else { self.padding = padding }
        self.transposed = transposed
        self.groups = groups
        self.paddingMode = paddingMode
        super.init()
        guard groups > 0 else { throw TensorError.value("groups must be a positive integer") }
        guard inChannels % groups == 0 else { throw TensorError.value("in_channels must be divisible by groups") }
        guard outChannels % groups == 0 else { throw TensorError.value("out_channels must be divisible by groups") }
        if self.padding == .same && self.stride.contains(where: { $0 != 1 }) {
            throw TensorError.value("padding='same' is not supported for strided convolutions")
        }
        guard ["zeros", "reflect", "replicate", "circular"].contains(paddingMode) else {
            throw TensorError.value("padding_mode must be one of {'replicate', 'reflect', 'zeros', 'circular'}, but got padding_mode='\(paddingMode)'")
        }
        if transposed && paddingMode != "zeros" {
            throw TensorError.value("Only \"zeros\" padding mode is supported for \(String(describing: type(of: self)))")
        }
        let dtype = dtype ?? DType.defaultFloat
        let shape = (transposed ? [inChannels, outChannels / groups] : [outChannels, inChannels / groups]) + self.kernelSize
        try checkShape(shape, dtype: dtype)
        try registerParameter("weight", Tensor(zeros: shape, dtype: dtype))
        try registerParameter("bias", bias ? Tensor(zeros: [outChannels], dtype: dtype) : nil)
        try resetParameters()
    }

    /// The weight: [out, in/groups, *kernel] ([in, out/groups, *kernel] when transposed).
    public var weight: Tensor? { parameter("weight") }
    /// The [out_channels] bias, or nil.
    public var bias: Tensor? { parameter("bias") }

    /// `reset_parameters()`: kaiming_uniform_(weight, a=√5); bias uniform(±1/√fan_in).
    override public func resetParameters() throws {
        let weight = try requiredParameter("weight")
        try Init.kaimingUniform_(weight, a: .double(5.0.squareRoot()))
        if let bias = parameter("bias") {
            let (fanIn, _) = try Init.calculateFanInAndFanOut(weight)
            if fanIn != 0 {
                let bound = 1 / Double(fanIn).squareRoot()
                try Init.uniform_(bias, a: -bound, b: bound)
            }
        }
    }

    override public func hasAttribute(_ name: String) -> Bool {
        ["in_channels", "out_channels", "kernel_size", "stride", "padding", "dilation", "transposed", "output_padding",
         "groups", "padding_mode"].contains(name) || super.hasAttribute(name)
    }

    /// `1, 6, kernel_size=(5, 5), stride=(1, 1), padding=(2, 2)`, as `_ConvNd.extra_repr`.
    override public func extraRepr() -> String {
        var s = "\(inChannels), \(outChannels), kernel_size=\(pyIntTuple(kernelSize)), stride=\(pyIntTuple(stride))"
        switch padding {
        case .sizes(let p): if p.contains(where: { $0 != 0 }) { s += ", padding=\(pyIntTuple(p))" }
        case .same: s += ", padding=same"
        case .valid: s += ", padding=valid"
        }
        if dilation.contains(where: { $0 != 1 }) { s += ", dilation=\(pyIntTuple(dilation))" }
        if outputPadding.contains(where: { $0 != 0 }) { s += ", output_padding=\(pyIntTuple(outputPadding))" }
        if groups != 1 { s += ", groups=\(groups)" }
        if parameter("bias") == nil { s += ", bias=False" }
        if paddingMode != "zeros" { s += ", padding_mode=\(paddingMode)" }
        return s
    }

    override public func forward(_ inputs: [ModuleValue], keywords: [(String, ModuleValue)]) throws -> ModuleValue {
        let name = (transposed ? "conv_transpose" : "conv") + "\(kernelSize.count)d"
        return .tensor(try forward(singleTensorArgument(inputs, keywords, function: name)))
    }

    /// Typed forward: the convolution of `x` ([N, C, *spatial] or unbatched [C, *spatial]).
    public func forward(_ x: Tensor) throws -> Tensor {
        let w = try requiredParameter("weight"), b = parameter("bias"), n = kernelSize.count
        if transposed {
            return n == 1
                ? try Tensor.convTranspose1d(x, w, b, stride: stride, padding: paddingSizes, outputPadding: outputPadding,
                                             groups: groups, dilation: dilation)
                : try Tensor.convTranspose2d(x, w, b, stride: stride, padding: paddingSizes, outputPadding: outputPadding,
                                             groups: groups, dilation: dilation)
        }
        var input = x, pad = padding
        if paddingMode != "zeros" {
            input = try x.pad(reversedPaddingRepeatedTwice, mode: paddingMode)
            pad = 0
        }
        return n == 1
            ? try Tensor.conv1d(input, w, b, stride: stride, padding: pad, dilation: dilation, groups: groups)
            : try Tensor.conv2d(input, w, b, stride: stride, padding: pad, dilation: dilation, groups: groups)
    }

    /// Explicit padding sizes (transposed layers only take sizes).
    private var paddingSizes: [Int] {
        if case .sizes(let p) = padding { return p }
        return Array(repeating: 0, count: kernelSize.count)
    }

    /// PyTorch's `_reversed_padding_repeated_twice`: F.pad's list for a non-zeros padding mode.
    private var reversedPaddingRepeatedTwice: [Int] {
        let n = kernelSize.count
        var out: [Int] = []
        for i in Swift.stride(from: n - 1, through: 0, by: -1) {
            switch padding {
            case .sizes(let p): out += [p[i], p[i]]
            case .valid: out += [0, 0]
            case .same:
                let total = dilation[i] * (kernelSize[i] - 1), left = total / 2
                out += [left, total - left]
            }
        }
        return out
    }
}

extension ConvNd {
    /// A conv layer's string padding, with the layer's ValueError for anything but 'same' and
    /// 'valid' (the functional form words it differently, see `ConvPadding.init(_:)`).
    public static func padding(fromString string: String) throws -> ConvPadding {
        guard string == "same" || string == "valid" else {
            throw TensorError.value("Invalid padding string '\(string)', should be one of {'same', 'valid'}")
        }
        return try ConvPadding(string)
    }
}

/// `(5, 5)` / `(3,)`: a Python tuple of ints.
func pyIntTuple(_ values: [Int]) -> String {
    "(" + values.map(String.init).joined(separator: ", ") + (values.count == 1 ? ",)" : ")")
}

/// `nn.Conv1d(in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1,
/// groups=1, bias=True, padding_mode='zeros')`.
public final class Conv1d: ConvNd {
    /// A 1-d convolution layer; int arguments are one-element lists.
    public init(_ inChannels: Int, _ outChannels: Int, kernelSize: [Int], stride: [Int] = [1], padding: ConvPadding = 0,
                dilation: [Int] = [1], groups: Int = 1, bias: Bool = true, paddingMode: String = "zeros",
                dtype: DType? = nil) throws {
        try super.init(1, inChannels, outChannels, kernelSize: kernelSize, stride: stride, padding: padding,
                       dilation: dilation, transposed: false, outputPadding: [0], groups: groups, bias: bias,
                       paddingMode: paddingMode, dtype: dtype)
    }
}

/// `nn.Conv2d(in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1,
/// groups=1, bias=True, padding_mode='zeros')`.
public final class Conv2d: ConvNd {
    /// A 2-d convolution layer; int arguments are one-element lists.
    public init(_ inChannels: Int, _ outChannels: Int, kernelSize: [Int], stride: [Int] = [1], padding: ConvPadding = 0,
                dilation: [Int] = [1], groups: Int = 1, bias: Bool = true, paddingMode: String = "zeros",
                dtype: DType? = nil) throws {
        try super.init(2, inChannels, outChannels, kernelSize: kernelSize, stride: stride, padding: padding,
                       dilation: dilation, transposed: false, outputPadding: [0], groups: groups, bias: bias,
                       paddingMode: paddingMode, dtype: dtype)
    }
}

/// `nn.ConvTranspose1d(in_channels, out_channels, kernel_size, stride=1, padding=0,
/// output_padding=0, groups=1, bias=True, dilation=1, padding_mode='zeros')`.
public final class ConvTranspose1d: ConvNd {
    /// A 1-d transposed convolution layer.
    public init(_ inChannels: Int, _ outChannels: Int, kernelSize: [Int], stride: [Int] = [1], padding: [Int] = [0],
                outputPadding: [Int] = [0], groups: Int = 1, bias: Bool = true, dilation: [Int] = [1],
                paddingMode: String = "zeros", dtype: DType? = nil) throws {
        try super.init(1, inChannels, outChannels, kernelSize: kernelSize, stride: stride, padding: .sizes(padding),
                       dilation: dilation, transposed: true, outputPadding: outputPadding, groups: groups, bias: bias,
                       paddingMode: paddingMode, dtype: dtype)
    }
}

/// `nn.ConvTranspose2d(in_channels, out_channels, kernel_size, stride=1, padding=0,
/// output_padding=0, groups=1, bias=True, dilation=1, padding_mode='zeros')`.
public final class ConvTranspose2d: ConvNd {
    /// A 2-d transposed convolution layer.
    public init(_ inChannels: Int, _ outChannels: Int, kernelSize: [Int], stride: [Int] = [1], padding: [Int] = [0],
                outputPadding: [Int] = [0], groups: Int = 1, bias: Bool = true, dilation: [Int] = [1],
                paddingMode: String = "zeros", dtype: DType? = nil) throws {
        try super.init(2, inChannels, outChannels, kernelSize: kernelSize, stride: stride, padding: .sizes(padding),
                       dilation: dilation, transposed: true, outputPadding: outputPadding, groups: groups, bias: bias,
                       paddingMode: paddingMode, dtype: dtype)
    }
}
