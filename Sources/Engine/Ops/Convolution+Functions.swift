/// `torch.conv1d`, `torch.conv2d`, `torch.conv_transpose1d`, `torch.conv_transpose2d`: the
/// user-facing forms over `Tensor.convolution`, with int-or-tuple arguments, `'same'`/`'valid'`
/// padding and unbatched inputs (which PyTorch runs as a batch of one: `unsqueeze(0)`, the
/// convolution, `squeeze(0)`).
extension Tensor {
    /// `torch.conv1d(input, weight, bias, stride, padding, dilation, groups)`.
    public static func conv1d(_ input: Tensor, _ weight: Tensor, _ bias: Tensor? = nil, stride: [Int] = [1],
                              padding: ConvPadding = 0, dilation: [Int] = [1], groups: Int = 1) throws -> Tensor {
        try convNd(1, "conv1d", input, weight, bias, stride: stride, padding: padding, dilation: dilation, groups: groups)
    }

    /// `torch.conv2d(input, weight, bias, stride, padding, dilation, groups)`.
    public static func conv2d(_ input: Tensor, _ weight: Tensor, _ bias: Tensor? = nil, stride: [Int] = [1],
                              padding: ConvPadding = 0, dilation: [Int] = [1], groups: Int = 1) throws -> Tensor {
        try convNd(2, "conv2d", input, weight, bias, stride: stride, padding: padding, dilation: dilation, groups: groups)
    }

    /// `torch.conv_transpose1d(input, weight, bias, stride, padding, output_padding, groups, dilation)`.
    public static func convTranspose1d(_ input: Tensor, _ weight: Tensor, _ bias: Tensor? = nil, stride: [Int] = [1],
                                       padding: [Int] = [0], outputPadding: [Int] = [0], groups: Int = 1,
                                       dilation: [Int] = [1]) throws -> Tensor {
        try convTransposeNd(1, "conv_transpose1d", input, weight, bias, stride: stride, padding: padding,
                            outputPadding: outputPadding, groups: groups, dilation: dilation)
    }

    /// `torch.conv_transpose2d(input, weight, bias, stride, padding, output_padding, groups, dilation)`.
    public static func convTranspose2d(_ input: Tensor, _ weight: Tensor, _ bias: Tensor? = nil, stride: [Int] = [1],
                                       padding: [Int] = [0], outputPadding: [Int] = [0], groups: Int = 1,
                                       dilation: [Int] = [1]) throws -> Tensor {
        try convTransposeNd(2, "conv_transpose2d", input, weight, bias, stride: stride, padding: padding,
                            outputPadding: outputPadding, groups: groups, dilation: dilation)
    }

    private static func convNd(_ n: Int, _ name: String, _ input: Tensor, _ weight: Tensor, _ bias: Tensor?, stride: [Int],
                               padding: ConvPadding, dilation: [Int], groups: Int) throws -> Tensor {
        try checkConvInputRank(n, name, input)
        let s = try expandConvArgument(stride, "stride", n), d = try expandConvArgument(dilation, "dilation", n)
        let batched = input.dim == n + 2
        var x = batched ? input : try input.unsqueeze(0)
        var p: [Int]
        switch padding {
        case .sizes(let values): p = try expandConvArgument(values, "padding", n)
        case .valid: p = Array(repeating: 0, count: n)
        case .same:
            guard s.allSatisfy({ $0 == 1 }) else {
                throw TensorError.runtime("padding='same' is not supported for strided convolutions")
            }
            guard weight.dim == n + 2 else { p = Array(repeating: 0, count: n); break }
            // Symmetric padding where the total is even; the odd remainder goes on the right,
            // padded explicitly first (as _convolution_mode does).
            p = []
            var extra = [Int](repeating: 0, count: 2 * n)
            for i in 0..<n {
                let total = d[i] * (weight.shape[i + 2] - 1), left = total / 2
                p.append(left)
                if total - left != left { extra[2 * (n - 1 - i) + 1] = total - 2 * left }
            }
            if extra.contains(where: { $0 != 0 }) { x = try x.constantPadNd(extra) }
        }
        let out = try convolution(x, weight, bias, stride: s, padding: p, dilation: d, transposed: false,
                                  outputPadding: Array(repeating: 0, count: n), groups: groups)
        return batched ? out : try out.squeeze(0)
    }

    private static func convTransposeNd(_ n: Int, _ name: String, _ input: Tensor, _ weight: Tensor, _ bias: Tensor?,
                                        stride: [Int], padding: [Int], outputPadding: [Int], groups: Int,
                                        dilation: [Int]) throws -> Tensor {
        try checkConvInputRank(n, name, input)
        let s = try expandConvArgument(stride, "stride", n), p = try expandConvArgument(padding, "padding", n)
        let op = try expandConvArgument(outputPadding, "output_padding", n)
        let d = try expandConvArgument(dilation, "dilation", n)
        let batched = input.dim == n + 2
        let out = try convolution(batched ? input : try input.unsqueeze(0), weight, bias, stride: s, padding: p, dilation: d,
                                  transposed: true, outputPadding: op, groups: groups)
        return batched ? out : try out.squeeze(0)
    }
}

/// PyTorch's rank check of conv1d/conv2d: unbatched or batched input.
private func checkConvInputRank(_ n: Int, _ name: String, _ input: Tensor) throws {
    guard input.dim == n + 1 || input.dim == n + 2 else {
        throw TensorError.runtime("Expected \(n + 1)D (unbatched) or \(n + 2)D (batched) input to \(name), but got input of size: \(formatShapeList(input.shape))")
    }
}

/// An int-or-tuple argument as one value per spatial dimension.
func expandConvArgument(_ values: [Int], _ name: String, _ n: Int) throws -> [Int] {
    if values.count == 1 { return Array(repeating: values[0], count: n) }
    guard values.count == n else {
        throw TensorError.runtime("expected \(name) to be a single integer value or a list of \(n) values to match the convolution dimensions, but got \(name)=\(formatShapeList(values))")
    }
    return values
}
