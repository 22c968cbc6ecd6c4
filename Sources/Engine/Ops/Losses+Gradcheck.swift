/// The gradcheck family of the losses (Ops/Losses*.swift), in float64: every reduction and
/// option that changes the backward, with both input and target gradients where PyTorch
/// has them.
extension GradcheckCase {
    /// A float64 constant (no grad) from values.
    private static func constant(_ values: [Double], _ shape: [Int]) throws -> Tensor {
        try Tensor(values, shape: shape, dtype: .float64)
    }
    /// An int64 class-index constant.
    private static func labels(_ values: [Int64], _ shape: [Int]) throws -> Tensor { try Tensor(values, shape: shape) }

    /// mse, l1, smooth_l1, huber, cross_entropy, nll, bce, bce_with_logits, kl_div,
    /// cosine_embedding, triplet_margin and the distance functionals.
    public static let losses: [GradcheckCase] = regressionLosses + classificationLosses + embeddingLosses

    private static let regressionLosses: [GradcheckCase] = ["mean", "sum", "none"].flatMap { r in [
        GradcheckCase("mse_loss/\(r)", shapes: [[3, 4], [3, 4]]) { try Tensor.mseLoss($0[0], $0[1], reduction: r) },
        GradcheckCase("l1_loss/\(r)", shapes: [[3, 4], [3, 4]]) { try Tensor.l1Loss($0[0], $0[1], reduction: r) },
        GradcheckCase("smooth_l1_loss/\(r)", shapes: [[3, 4], [3, 4]]) {
            try Tensor.smoothL1Loss($0[0], $0[1], reduction: r, beta: 0.5)
        },
        GradcheckCase("huber_loss/\(r)", shapes: [[3, 4], [3, 4]]) {
            try Tensor.huberLoss($0[0], $0[1], reduction: r, delta: 0.5)
        },
        GradcheckCase("cross_entropy/\(r)", shapes: [[4, 5]]) {
            try Tensor.crossEntropy($0[0], labels([0, 3, 4, 1], [4]), reduction: r)
        },
        GradcheckCase("cross_entropy/weight_ignore_\(r)", shapes: [[4, 5]]) {
            try Tensor.crossEntropy($0[0], labels([0, -100, 4, 1], [4]), weight: constant([0.5, 1, 2, 1.5, 0.25], [5]),
                                    reduction: r)
        },
        GradcheckCase("cross_entropy/smoothing_\(r)", shapes: [[4, 5]]) {
            try Tensor.crossEntropy($0[0], labels([0, 3, 2, -100], [4]), weight: constant([0.5, 1, 2, 1.5, 0.25], [5]),
                                    reduction: r, labelSmoothing: 0.2)
        },
        GradcheckCase("cross_entropy/probs_\(r)", inputs: { g in
            [try uniform([3, 4], -1...1, g), try uniform([3, 4], 0...1, g)]
        }) { try Tensor.crossEntropy($0[0], $0[1], weight: constant([0.5, 1, 2, 1.5], [4]), reduction: r, labelSmoothing: 0.1) },
        GradcheckCase("cross_entropy/spatial_4d_\(r)", shapes: [[2, 3, 2, 2]]) {
            try Tensor.crossEntropy($0[0], labels([0, 1, 2, 1, -100, 0, 2, 2], [2, 2, 2]), reduction: r)
        },
        GradcheckCase("cross_entropy/spatial_3d_\(r)", shapes: [[2, 3, 4]]) {
            try Tensor.crossEntropy($0[0], labels([0, 1, 2, 1, 1, 0, 2, 2], [2, 4]), reduction: r)
        },
        GradcheckCase("nll_loss/\(r)", shapes: [[4, 5]]) {
            try Tensor.nllLoss($0[0], labels([0, 3, 4, 1], [4]), weight: constant([0.5, 1, 2, 1.5, 0.25], [5]),
                               ignoreIndex: 3, reduction: r)
        },
        GradcheckCase("binary_cross_entropy/\(r)", inputs: { g in
            [try uniform([3, 4], 0.1...0.9, g), try uniform([3, 4], 0.1...0.9, g)]
        }) { try Tensor.binaryCrossEntropy($0[0], $0[1], weight: constant([0.5, 1, 2, 1.5], [4]), reduction: r) },
        GradcheckCase("binary_cross_entropy_with_logits/\(r)", inputs: { g in
            [try uniform([3, 4], -3...3, g), try uniform([3, 4], 0...1, g)]
        }) {
            try Tensor.binaryCrossEntropyWithLogits($0[0], $0[1], weight: constant([0.5, 1, 2], [3, 1]), reduction: r,
                                                    posWeight: constant([0.5, 1, 2, 3], [4]))
        },
        GradcheckCase("binary_cross_entropy_with_logits/plain_\(r)", shapes: [[3, 4], [3, 4]]) {
            try Tensor.binaryCrossEntropyWithLogits($0[0], $0[1], reduction: r)
        },
        GradcheckCase("kl_div/\(r)", inputs: { g in
            [try uniform([3, 4], -3...0, g), try uniform([3, 4], 0.1...1, g)]
        }) { try Tensor.klDiv($0[0], $0[1], reduction: r) },
        GradcheckCase("kl_div/log_target_\(r)", shapes: [[3, 4], [3, 4]]) { try Tensor.klDiv($0[0], $0[1], reduction: r, logTarget: true) },
        GradcheckCase("cosine_embedding_loss/\(r)", shapes: [[4, 5], [4, 5]]) {
            try Tensor.cosineEmbeddingLoss($0[0], $0[1], labels([1, -1, 1, -1], [4]), margin: -0.5, reduction: r)
        },
        GradcheckCase("triplet_margin_loss/\(r)", shapes: [[4, 5], [4, 5], [4, 5]]) {
            try Tensor.tripletMarginLoss($0[0], $0[1], $0[2], margin: 5, reduction: r)
        },
    ] }

    private static let classificationLosses: [GradcheckCase] = [
        GradcheckCase("cross_entropy/unbatched", shapes: [[5]]) { try Tensor.crossEntropy($0[0], labels([2], [])) },
        GradcheckCase("cross_entropy/spatial_5d", shapes: [[2, 3, 2, 1, 2]]) {
            try Tensor.crossEntropy($0[0], labels([0, 1, 2, 1, 1, 0, 2, 2], [2, 2, 1, 2]), reduction: "none")
        },
        GradcheckCase("kl_div/batchmean", inputs: { g in
            [try uniform([3, 4], -3...0, g), try uniform([3, 4], 0.1...1, g)]
        }) { try Tensor.klDiv($0[0], $0[1], reduction: "batchmean") },
        GradcheckCase("binary_cross_entropy/unweighted", inputs: { g in
            [try uniform([5], 0.1...0.9, g), try uniform([5], 0.1...0.9, g)]
        }) { try Tensor.binaryCrossEntropy($0[0], $0[1]) },
    ]

    private static let embeddingLosses: [GradcheckCase] = [
        GradcheckCase("triplet_margin_loss/p1_swap", shapes: [[4, 5], [4, 5], [4, 5]]) {
            try Tensor.tripletMarginLoss($0[0], $0[1], $0[2], margin: 4, p: 1, swap: true)
        },
        GradcheckCase("triplet_margin_loss/p3", shapes: [[3, 4], [3, 4], [3, 4]]) {
            try Tensor.tripletMarginLoss($0[0], $0[1], $0[2], margin: 4, p: 3)
        },
        GradcheckCase("cosine_embedding_loss/unbatched", shapes: [[5], [5]]) {
            try Tensor.cosineEmbeddingLoss($0[0], $0[1], labels([1], []))
        },
        GradcheckCase("pairwise_distance", shapes: [[3, 4], [3, 4]]) { try Tensor.pairwiseDistance($0[0], $0[1]) },
        GradcheckCase("pairwise_distance/p3_keepdim", shapes: [[3, 4], [4]]) {
            try Tensor.pairwiseDistance($0[0], $0[1], p: 3, keepdim: true)
        },
        GradcheckCase("cosine_similarity", shapes: [[3, 4], [3, 4]]) { try Tensor.cosineSimilarity($0[0], $0[1]) },
        GradcheckCase("cosine_similarity/broadcast_dim0", shapes: [[3, 4], [3, 1]]) {
            try Tensor.cosineSimilarity($0[0], $0[1], dim: 0)
        },
        GradcheckCase("normalize", shapes: [[3, 4]]) { try Tensor.normalize($0[0]) },
        GradcheckCase("normalize/p1_dim0", shapes: [[3, 4]]) { try Tensor.normalize($0[0], p: 1, dim: 0) },
    ]
}
