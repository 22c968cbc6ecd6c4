/// `nn.MaxPool1d`, `nn.MaxPool2d`, `nn.AvgPool2d`, `nn.AdaptiveAvgPool2d`. Arguments are kept
/// as given, a one-element list standing for a Python int and a longer one for a tuple, so
/// `extra_repr` prints them as PyTorch does (`kernel_size=2` vs `kernel_size=(3, 2)`).

/// `2` for a one-element list, `(3, 2)` otherwise.
func pythonIntOrTuple(_ values: [Int]) -> String {
    values.count == 1 ? String(values[0]) : pyIntTuple(values)
}

/// `nn.MaxPool2d(kernel_size, stride=None, padding=0, dilation=1, return_indices=False,
/// ceil_mode=False)`; forward gives `(output, indices)` when `returnIndices`.
public final class MaxPool2d: Module {
    /// Window size.
    public let kernelSize: [Int]
    /// Window step (the kernel size unless given).
    public let stride: [Int]
    /// Implicit negative-infinity padding on both sides.
    public let padding: [Int]
    /// Spacing between window elements.
    public let dilation: [Int]
    /// Whether forward also returns the indices of the maxima.
    public let returnIndices: Bool
    /// Ceil instead of floor when computing the output size.
    public let ceilMode: Bool

    /// A 2-d max pooling layer.
    public init(kernelSize: [Int], stride: [Int]? = nil, padding: [Int] = [0], dilation: [Int] = [1],
                returnIndices: Bool = false, ceilMode: Bool = false) {
        self.kernelSize = kernelSize
        self.stride = stride ?? kernelSize
        self.padding = padding
        self.dilation = dilation
        self.returnIndices = returnIndices
        self.ceilMode = ceilMode
        super.init()
    }

    override public func hasAttribute(_ name: String) -> Bool {
        ["kernel_size", "stride", "padding", "dilation", "return_indices", "ceil_mode"].contains(name) || super.hasAttribute(name)
    }

    /// `kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False`.
    override public func extraRepr() -> String {
        "kernel_size=\(pythonIntOrTuple(kernelSize)), stride=\(pythonIntOrTuple(stride)), padding=\(pythonIntOrTuple(padding)), dilation=\(pythonIntOrTuple(dilation)), ceil_mode=\(ceilMode ? "True" : "False")"
    }

    override public func forward(_ inputs: [ModuleValue], keywords: [(String, ModuleValue)]) throws -> ModuleValue {
        let x = try singleTensorArgument(inputs, keywords, function: "max_pool2d")
        let r = try forwardWithIndices(x)
        return returnIndices ? .tuple([.tensor(r.output), .tensor(r.indices)]) : .tensor(r.output)
    }

    /// Typed forward: the pooled tensor.
    public func forward(_ x: Tensor) throws -> Tensor { try forwardWithIndices(x).output }

    /// Typed forward with the indices of the maxima.
    public func forwardWithIndices(_ x: Tensor) throws -> (output: Tensor, indices: Tensor) {
        try x.maxPool2dWithIndices(kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation,
                                   ceilMode: ceilMode)
    }
}

/// `nn.MaxPool1d(kernel_size, stride=None, padding=0, dilation=1, return_indices=False,
/// ceil_mode=False)`.
public final class MaxPool1d: Module {
    /// Window size.
    public let kernelSize: Int
    /// Window step (the kernel size unless given).
    public let stride: Int
    /// Implicit negative-infinity padding on both sides.
    public let padding: Int
    /// Spacing between window elements.
    public let dilation: Int
    /// Whether forward also returns the indices of the maxima.
    public let returnIndices: Bool
    /// Ceil instead of floor when computing the output size.
    public let ceilMode: Bool

    /// A 1-d max pooling layer.
    public init(kernelSize: Int, stride: Int? = nil, padding: Int = 0, dilation: Int = 1, returnIndices: Bool = false,
                ceilMode: Bool = false) {
        self.kernelSize = kernelSize
        self.stride = stride ?? kernelSize
        self.padding = padding
        self.dilation = dilation
        self.returnIndices = returnIndices
        self.ceilMode = ceilMode
        super.init()
    }

    override public func hasAttribute(_ name: String) -> Bool {
        ["kernel_size", "stride", "padding", "dilation", "return_indices", "ceil_mode"].contains(name) || super.hasAttribute(name)
    }

    /// `kernel_size=3, stride=2, padding=0, dilation=1, ceil_mode=False`.
    override public func extraRepr() -> String {
        "kernel_size=\(kernelSize), stride=\(stride), padding=\(padding), dilation=\(dilation), ceil_mode=\(ceilMode ? "True" : "False")"
    }

    override public func forward(_ inputs: [ModuleValue], keywords: [(String, ModuleValue)]) throws -> ModuleValue {
        let x = try singleTensorArgument(inputs, keywords, function: "max_pool1d")
        let r = try x.maxPool1dWithIndices(kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation,
                                           ceilMode: ceilMode)
        return returnIndices ? .tuple([.tensor(r.output), .tensor(r.indices)]) : .tensor(r.output)
    }

    /// Typed forward: the pooled tensor.
    public func forward(_ x: Tensor) throws -> Tensor {
        try x.maxPool1d(kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation, ceilMode: ceilMode)
    }
}

/// `nn.AvgPool2d(kernel_size, stride=None, padding=0, ceil_mode=False,
/// count_include_pad=True, divisor_override=None)`.
public final class AvgPool2d: Module {
    /// Window size.
    public let kernelSize: [Int]
    /// Window step (the kernel size unless given).
    public let stride: [Int]
    /// Implicit zero padding on both sides.
    public let padding: [Int]
    /// Ceil instead of floor when computing the output size.
    public let ceilMode: Bool
    /// Whether padded zeros count in the divisor.
    public let countIncludePad: Bool
    /// A fixed divisor instead of the window size.
    public let divisorOverride: Int?

    /// A 2-d average pooling layer.
    public init(kernelSize: [Int], stride: [Int]? = nil, padding: [Int] = [0], ceilMode: Bool = false,
                countIncludePad: Bool = true, divisorOverride: Int? = nil) {
        self.kernelSize = kernelSize
        self.stride = stride ?? kernelSize
        self.padding = padding
        self.ceilMode = ceilMode
        self.countIncludePad = countIncludePad
        self.divisorOverride = divisorOverride
        super.init()
    }

    override public func hasAttribute(_ name: String) -> Bool {
        ["kernel_size", "stride", "padding", "ceil_mode", "count_include_pad", "divisor_override"].contains(name)
            || super.hasAttribute(name)
    }

    /// `kernel_size=2, stride=2, padding=0`.
    override public func extraRepr() -> String {
        "kernel_size=\(pythonIntOrTuple(kernelSize)), stride=\(pythonIntOrTuple(stride)), padding=\(pythonIntOrTuple(padding))"
    }

    override public func forward(_ inputs: [ModuleValue], keywords: [(String, ModuleValue)]) throws -> ModuleValue {
        .tensor(try forward(singleTensorArgument(inputs, keywords, function: "avg_pool2d")))
    }

    /// Typed forward: the pooled tensor.
    public func forward(_ x: Tensor) throws -> Tensor {
        try x.avgPool2d(kernelSize: kernelSize, stride: stride, padding: padding, ceilMode: ceilMode,
                        countIncludePad: countIncludePad, divisorOverride: divisorOverride)
    }
}

/// `nn.AdaptiveAvgPool2d(output_size)`: one entry (int) or two (tuple), nil keeping the
/// input's size.
public final class AdaptiveAvgPool2d: Module {
    /// The target output size.
    public let outputSize: [Int?]

    /// An adaptive average pooling layer.
    public init(outputSize: [Int?]) {
        self.outputSize = outputSize
        super.init()
    }

    override public func hasAttribute(_ name: String) -> Bool { name == "output_size" || super.hasAttribute(name) }

    /// `output_size=1` / `output_size=(5, None)`.
    override public func extraRepr() -> String {
        let items = outputSize.map { $0.map(String.init) ?? "None" }
        return "output_size=" + (items.count == 1 ? items[0] : "(" + items.joined(separator: ", ") + ")")
    }

    override public func forward(_ inputs: [ModuleValue], keywords: [(String, ModuleValue)]) throws -> ModuleValue {
        .tensor(try forward(singleTensorArgument(inputs, keywords, function: "adaptive_avg_pool2d")))
    }

    /// Typed forward: the pooled tensor.
    public func forward(_ x: Tensor) throws -> Tensor { try x.adaptiveAvgPool2d(outputSize) }
}
