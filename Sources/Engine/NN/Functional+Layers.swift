/// The layer functions of `torch.nn.functional` (ops in Ops/Convolution*.swift, Pooling*.swift,
/// Normalization.swift, Embedding.swift, Padding.swift and RandomFill.swift's dropout). Int
/// arguments of PyTorch that also take tuples are lists here: `[2]` for `2`, `[3, 2]` for `(3, 2)`.
extension Functional {
    /// `F.conv1d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1)`.
    public static func conv1d(_ input: Tensor, _ weight: Tensor, _ bias: Tensor? = nil, stride: [Int] = [1],
                              padding: ConvPadding = 0, dilation: [Int] = [1], groups: Int = 1) throws -> Tensor {
        try Tensor.conv1d(input, weight, bias, stride: stride, padding: padding, dilation: dilation, groups: groups)
    }

    /// `F.conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1)`.
    public static func conv2d(_ input: Tensor, _ weight: Tensor, _ bias: Tensor? = nil, stride: [Int] = [1],
                              padding: ConvPadding = 0, dilation: [Int] = [1], groups: Int = 1) throws -> Tensor {
        try Tensor.conv2d(input, weight, bias, stride: stride, padding: padding, dilation: dilation, groups: groups)
    }

    /// `F.conv_transpose1d(input, weight, bias=None, stride=1, padding=0, output_padding=0,
    /// groups=1, dilation=1)`.
    public static func convTranspose1d(_ input: Tensor, _ weight: Tensor, _ bias: Tensor? = nil, stride: [Int] = [1],
                                       padding: [Int] = [0], outputPadding: [Int] = [0], groups: Int = 1,
                                       dilation: [Int] = [1]) throws -> Tensor {
        try Tensor.convTranspose1d(input, weight, bias, stride: stride, padding: padding, outputPadding: outputPadding,
                                   groups: groups, dilation: dilation)
    }

    /// `F.conv_transpose2d(input, weight, bias=None, stride=1, padding=0, output_padding=0,
    /// groups=1, dilation=1)`.
    public static func convTranspose2d(_ input: Tensor, _ weight: Tensor, _ bias: Tensor? = nil, stride: [Int] = [1],
                                       padding: [Int] = [0], outputPadding: [Int] = [0], groups: Int = 1,
                                       dilation: [Int] = [1]) throws -> Tensor {
        try Tensor.convTranspose2d(input, weight, bias, stride: stride, padding: padding, outputPadding: outputPadding,
                                   groups: groups, dilation: dilation)
    }

    /// `F.max_pool1d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False)`.
    public static func maxPool1d(_ input: Tensor, kernelSize: Int, stride: Int? = nil, padding: Int = 0,
                                 dilation: Int = 1, ceilMode: Bool = false) throws -> Tensor {
        try input.maxPool1d(kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation, ceilMode: ceilMode)
    }

    /// `F.max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False)`.
    public static func maxPool2d(_ input: Tensor, kernelSize: [Int], stride: [Int]? = nil, padding: [Int] = [0],
                                 dilation: [Int] = [1], ceilMode: Bool = false) throws -> Tensor {
        try input.maxPool2d(kernelSize: kernelSize, stride: stride ?? [], padding: padding, dilation: dilation,
                            ceilMode: ceilMode)
    }

    /// `F.max_pool2d(..., return_indices=True)`: the maxima and their indices.
    public static func maxPool2dWithIndices(_ input: Tensor, kernelSize: [Int], stride: [Int]? = nil, padding: [Int] = [0],
                                            dilation: [Int] = [1], ceilMode: Bool = false) throws -> (Tensor, Tensor) {
        let r = try input.maxPool2dWithIndices(kernelSize: kernelSize, stride: stride ?? [], padding: padding,
                                               dilation: dilation, ceilMode: ceilMode)
        return (r.output, r.indices)
    }

    /// `F.avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode=False,
    /// count_include_pad=True, divisor_override=None)`.
    public static func avgPool2d(_ input: Tensor, kernelSize: [Int], stride: [Int]? = nil, padding: [Int] = [0],
                                 ceilMode: Bool = false, countIncludePad: Bool = true,
                                 divisorOverride: Int? = nil) throws -> Tensor {
        try input.avgPool2d(kernelSize: kernelSize, stride: stride ?? [], padding: padding, ceilMode: ceilMode,
                            countIncludePad: countIncludePad, divisorOverride: divisorOverride)
    }

    /// `F.adaptive_avg_pool2d(input, output_size)`: one or two sizes, nil keeping the input's.
    public static func adaptiveAvgPool2d(_ input: Tensor, outputSize: [Int?]) throws -> Tensor {
        try input.adaptiveAvgPool2d(outputSize)
    }

    /// `F.batch_norm(input, running_mean, running_var, weight=None, bias=None, training=False,
    /// momentum=0.1, eps=1e-05)`.
    public static func batchNorm(_ input: Tensor, runningMean: Tensor?, runningVar: Tensor?, weight: Tensor? = nil,
                                 bias: Tensor? = nil, training: Bool = false, momentum: Double = 0.1,
                                 eps: Double = 1e-5) throws -> Tensor {
        try Tensor.batchNorm(input, runningMean: runningMean, runningVar: runningVar, weight: weight, bias: bias,
                             training: training, momentum: momentum, eps: eps)
    }

    /// `F.layer_norm(input, normalized_shape, weight=None, bias=None, eps=1e-05)`.
    public static func layerNorm(_ input: Tensor, normalizedShape: [Int], weight: Tensor? = nil, bias: Tensor? = nil,
                                 eps: Double = 1e-5) throws -> Tensor {
        try Tensor.layerNorm(input, normalizedShape: normalizedShape, weight: weight, bias: bias, eps: eps)
    }

    /// `F.embedding(input, weight, padding_idx=None)` (max_norm, scale_grad_by_freq and sparse
    /// raise NotImplementedError).
    public static func embedding(_ input: Tensor, _ weight: Tensor, paddingIdx: Int? = nil, maxNorm: Double? = nil,
                                 scaleGradByFreq: Bool = false, sparse: Bool = false) throws -> Tensor {
        try Tensor.embedding(input, weight, paddingIdx: paddingIdx, maxNorm: maxNorm, scaleGradByFreq: scaleGradByFreq,
                             sparse: sparse)
    }

    /// `F.pad(input, pad, mode='constant', value=None)`.
    public static func pad(_ input: Tensor, _ pad: [Int], mode: String = "constant", value: Double? = nil) throws -> Tensor {
        try input.pad(pad, mode: mode, value: value)
    }

    /// `F.dropout(input, p=0.5, training=True, inplace=False)`.
    public static func dropout(_ input: Tensor, p: Double = 0.5, training: Bool = true, inplace: Bool = false) throws -> Tensor {
        inplace ? try input.dropoutInPlace(p: p, training: training) : try input.dropout(p: p, training: training)
    }
}
