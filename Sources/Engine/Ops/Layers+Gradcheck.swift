/// The gradcheck families of the layer ops: convolution (and padding), pooling, normalisation
/// and embedding. Inputs, weights and biases are all checked, in float64.
extension GradcheckCase {
    /// conv1d, conv2d, conv_transpose1d/2d and F.pad (Ops/Convolution*.swift, Ops/Padding.swift).
    static let convolution: [GradcheckCase] = [
        GradcheckCase("conv1d", shapes: [[2, 3, 7], [4, 3, 3], [4]]) { try Tensor.conv1d($0[0], $0[1], $0[2]) },
        GradcheckCase("conv1d/stride_padding_dilation", shapes: [[2, 2, 9], [3, 2, 3], [3]]) {
            try Tensor.conv1d($0[0], $0[1], $0[2], stride: [2], padding: 1, dilation: [2])
        },
        GradcheckCase("conv1d/groups", shapes: [[1, 4, 6], [6, 2, 3]]) { try Tensor.conv1d($0[0], $0[1], groups: 2) },
        GradcheckCase("conv1d/unbatched_same", shapes: [[3, 7], [2, 3, 4], [2]]) {
            try Tensor.conv1d($0[0], $0[1], $0[2], padding: .same)
        },
        GradcheckCase("conv2d", shapes: [[2, 3, 6, 5], [4, 3, 3, 2], [4]]) { try Tensor.conv2d($0[0], $0[1], $0[2]) },
        GradcheckCase("conv2d/stride_padding", shapes: [[2, 2, 7, 6], [3, 2, 3, 3], [3]]) {
            try Tensor.conv2d($0[0], $0[1], $0[2], stride: [2, 1], padding: [1, 2])
        },
        GradcheckCase("conv2d/dilation", shapes: [[1, 2, 7, 7], [2, 2, 3, 2]]) {
            try Tensor.conv2d($0[0], $0[1], padding: 1, dilation: [2, 3])
        },
        GradcheckCase("conv2d/groups", shapes: [[2, 4, 5, 5], [6, 2, 3, 3], [6]]) {
            try Tensor.conv2d($0[0], $0[1], $0[2], groups: 2)
        },
        GradcheckCase("conv2d/depthwise_stride", shapes: [[1, 3, 6, 6], [3, 1, 2, 2]]) {
            try Tensor.conv2d($0[0], $0[1], stride: [2], groups: 3)
        },
        GradcheckCase("conv2d/same_even_kernel", shapes: [[1, 2, 5, 6], [2, 2, 2, 4], [2]]) {
            try Tensor.conv2d($0[0], $0[1], $0[2], padding: .same)
        },
        GradcheckCase("conv2d/unbatched", shapes: [[2, 5, 5], [3, 2, 3, 3]]) { try Tensor.conv2d($0[0], $0[1], padding: 1) },
        GradcheckCase("conv_transpose2d", shapes: [[2, 3, 4, 4], [3, 2, 3, 3], [2]]) {
            try Tensor.convTranspose2d($0[0], $0[1], $0[2])
        },
        GradcheckCase("conv_transpose2d/stride_output_padding", shapes: [[1, 2, 3, 4], [2, 3, 3, 3], [3]]) {
            try Tensor.convTranspose2d($0[0], $0[1], $0[2], stride: [2], padding: [1], outputPadding: [1])
        },
        GradcheckCase("conv_transpose2d/groups_dilation", shapes: [[1, 4, 3, 3], [4, 3, 2, 2]]) {
            try Tensor.convTranspose2d($0[0], $0[1], groups: 2, dilation: [2])
        },
        GradcheckCase("conv_transpose1d", shapes: [[2, 3, 5], [3, 2, 3], [2]]) {
            try Tensor.convTranspose1d($0[0], $0[1], $0[2], stride: [3], padding: [1])
        },
        GradcheckCase("pad/constant", shapes: [[2, 3, 4]]) { try $0[0].pad([1, 2, -1, 1], value: 0.5) },
        GradcheckCase("pad/reflect2d", shapes: [[1, 2, 4, 5]]) { try $0[0].pad([2, 1, 3, 0], mode: "reflect") },
        GradcheckCase("pad/replicate1d", shapes: [[2, 3, 4]]) { try $0[0].pad([3, 1], mode: "replicate") },
        GradcheckCase("pad/circular2d", shapes: [[1, 1, 3, 4]]) { try $0[0].pad([1, 2, 3, 1], mode: "circular") },
    ]

    /// max_pool1d/2d, avg_pool2d, adaptive_avg_pool2d (Ops/Pooling*.swift).
    static let pooling: [GradcheckCase] = [
        GradcheckCase("max_pool2d", shapes: [[2, 3, 6, 6]]) { try $0[0].maxPool2d(kernelSize: [2]) },
        GradcheckCase("max_pool2d/stride_padding_ceil", shapes: [[1, 2, 7, 6]]) {
            try $0[0].maxPool2d(kernelSize: [3], stride: [2], padding: [1], ceilMode: true)
        },
        GradcheckCase("max_pool2d/dilation_unbatched", shapes: [[2, 7, 7]]) {
            try $0[0].maxPool2d(kernelSize: [2, 3], stride: [1, 2], dilation: [2])
        },
        GradcheckCase("max_pool1d", shapes: [[2, 3, 9]]) { try $0[0].maxPool1d(kernelSize: 3, stride: 2, padding: 1) },
        GradcheckCase("avg_pool2d", shapes: [[2, 3, 6, 6]]) { try $0[0].avgPool2d(kernelSize: [2]) },
        GradcheckCase("avg_pool2d/padding_exclude_pad", shapes: [[1, 2, 5, 7]]) {
            try $0[0].avgPool2d(kernelSize: [3], stride: [2], padding: [1], countIncludePad: false)
        },
        GradcheckCase("avg_pool2d/ceil_divisor", shapes: [[1, 2, 5, 5]]) {
            try $0[0].avgPool2d(kernelSize: [2, 3], stride: [2], ceilMode: true, divisorOverride: 4)
        },
        GradcheckCase("adaptive_avg_pool2d", shapes: [[2, 3, 7, 5]]) { try $0[0].adaptiveAvgPool2d([3, 2]) },
        GradcheckCase("adaptive_avg_pool2d/none_unbatched", shapes: [[2, 5, 4]]) { try $0[0].adaptiveAvgPool2d([3, nil]) },
        GradcheckCase("adaptive_avg_pool2d/one", shapes: [[2, 3, 4, 4]]) { try $0[0].adaptiveAvgPool2d([1]) },
    ]

    /// batch_norm and layer_norm (Ops/Normalization.swift).
    static let normalization: [GradcheckCase] = [
        GradcheckCase("batch_norm/training", shapes: [[4, 3, 2, 2], [3], [3]]) {
            try Tensor.batchNorm($0[0], runningMean: nil, runningVar: nil, weight: $0[1], bias: $0[2], training: true)
        },
        GradcheckCase("batch_norm/training_1d_running", inputs: { g in
            [try uniform([5, 3], -1...1, g), try uniform([3], 0.5...1.5, g), try uniform([3], -1...1, g)]
        }) {
            let rm = Tensor(zeros: [3], dtype: .float64), rv = try Tensor.ones([3], dtype: .float64)
            return try Tensor.batchNorm($0[0], runningMean: rm, runningVar: rv, weight: $0[1], bias: $0[2], training: true,
                                        momentum: 0.3)
        },
        GradcheckCase("batch_norm/training_no_affine", shapes: [[3, 2, 4]]) {
            try Tensor.batchNorm($0[0], runningMean: nil, runningVar: nil, training: true)
        },
        GradcheckCase("batch_norm/eval", shapes: [[3, 2, 2, 3], [2], [2]]) {
            let rm = try Tensor([0.1, -0.2], shape: [2], dtype: .float64), rv = try Tensor([0.5, 2.0], shape: [2], dtype: .float64)
            return try Tensor.batchNorm($0[0], runningMean: rm, runningVar: rv, weight: $0[1], bias: $0[2], training: false)
        },
        GradcheckCase("layer_norm", shapes: [[2, 3, 4], [4], [4]]) {
            try Tensor.layerNorm($0[0], normalizedShape: [4], weight: $0[1], bias: $0[2])
        },
        GradcheckCase("layer_norm/2d_shape", shapes: [[2, 3, 4], [3, 4], [3, 4]]) {
            try Tensor.layerNorm($0[0], normalizedShape: [3, 4], weight: $0[1], bias: $0[2], eps: 1e-3)
        },
        GradcheckCase("layer_norm/no_affine", shapes: [[3, 5]]) { try Tensor.layerNorm($0[0], normalizedShape: [5]) },
    ]

    /// embedding (Ops/Embedding.swift).
    static let embedding: [GradcheckCase] = [
        GradcheckCase("embedding", shapes: [[5, 3]]) {
            try Tensor.embedding(Tensor([Int64(0), 2, 4, 2, 1, 0], shape: [2, 3]), $0[0])
        },
        // The padding row gets no gradient although the output reads it (gradcheck fails for
        // that in PyTorch too), so this case leaves it out of the indices.
        GradcheckCase("embedding/padding_idx", shapes: [[4, 2]]) {
            try Tensor.embedding(Tensor([Int64(0), 2, 1, 2]), $0[0], paddingIdx: -1)
        },
    ]
}
