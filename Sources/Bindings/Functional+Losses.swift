import Engine
import Script

/// The loss functions of `torch.nn.functional`, with PyTorch 2.15's parameter lists (the
/// legacy `size_average`/`reduce` included) and its weighted regression-loss paths.
extension FunctionalBindings {
    /// `F.mse_loss`, `F.cross_entropy`, … (Ops/Losses*.swift through `Functional`).
    static func lossDefinitions() -> [(String, PyObject)] {
        [
            define("mse_loss", "input, target, size_average=, reduce=, reduction=, weight=") { a in
                let x = try a.tensor(0), t = try a.tensor(1)
                let r = try a.reduction(4, sizeAverage: 2, reduce: 3)
                if let w = try a.optionalTensor(5) {
                    return wrapResult(try weightedLoss(x, t, w, r, mean: .sumOverWeight) { try $0.sub($1).pow(.int(2)) })
                }
                return wrapResult(try Functional.mseLoss(x, t, reduction: r))
            },
            define("l1_loss", "input, target, size_average=, reduce=, reduction=, weight=") { a in
                let x = try a.tensor(0), t = try a.tensor(1)
                let r = try a.reduction(4, sizeAverage: 2, reduce: 3)
                if let w = try a.optionalTensor(5) {
                    return wrapResult(try weightedLoss(x, t, w, r, mean: .sumOverWeight) { try $0.sub($1).abs() })
                }
                return wrapResult(try Functional.l1Loss(x, t, reduction: r))
            },
            define("smooth_l1_loss", "input, target, size_average=, reduce=, reduction=, beta=") { a in
                wrapResult(try Functional.smoothL1Loss(try a.tensor(0), try a.tensor(1), reduction: try a.reduction(4, sizeAverage: 2, reduce: 3),
                                                       beta: try a.double(5, 1)))
            },
            define("huber_loss", "input, target, reduction=, delta=, weight=") { a in
                let x = try a.tensor(0), t = try a.tensor(1), r = try a.string(2, "mean"), delta = try a.double(3, 1)
                if let w = try a.optionalTensor(4) {
                    return wrapResult(try weightedLoss(x, t, w, r, mean: .mean) { try Functional.huberLoss($0, $1, reduction: "none", delta: delta) })
                }
                return wrapResult(try Functional.huberLoss(x, t, reduction: r, delta: delta))
            },
            define("cross_entropy", "input, target, weight=, size_average=, ignore_index=, reduce=, reduction=, label_smoothing=") { a in
                wrapResult(try Functional.crossEntropy(try a.tensor(0), try a.tensor(1), weight: try a.optionalTensor(2),
                                                       ignoreIndex: try a.int(4, -100), reduction: try a.reduction(6, sizeAverage: 3, reduce: 5),
                                                       labelSmoothing: try a.double(7, 0)))
            },
            define("nll_loss", "input, target, weight=, size_average=, ignore_index=, reduce=, reduction=") { a in
                wrapResult(try Functional.nllLoss(try a.tensor(0), try a.tensor(1), weight: try a.optionalTensor(2),
                                                  ignoreIndex: try a.int(4, -100), reduction: try a.reduction(6, sizeAverage: 3, reduce: 5)))
            },
            define("binary_cross_entropy", "input, target, weight=, size_average=, reduce=, reduction=") { a in
                wrapResult(try Functional.binaryCrossEntropy(try a.tensor(0), try a.tensor(1), weight: try a.optionalTensor(2),
                                                             reduction: try a.reduction(5, sizeAverage: 3, reduce: 4)))
            },
            define("binary_cross_entropy_with_logits", "input, target, weight=, size_average=, reduce=, reduction=, pos_weight=") { a in
                wrapResult(try Functional.binaryCrossEntropyWithLogits(try a.tensor(0), try a.tensor(1), weight: try a.optionalTensor(2),
                                                                       reduction: try a.reduction(5, sizeAverage: 3, reduce: 4),
                                                                       posWeight: try a.optionalTensor(6)))
            },
            define("kl_div", "input, target, size_average=, reduce=, reduction=, log_target=") { a in
                wrapResult(try Functional.klDiv(try a.tensor(0), try a.tensor(1), reduction: try a.reduction(4, sizeAverage: 2, reduce: 3),
                                                logTarget: try a.bool(5, false)))
            },
            define("cosine_embedding_loss", "input1, input2, target, margin=, size_average=, reduce=, reduction=") { a in
                wrapResult(try Functional.cosineEmbeddingLoss(try a.tensor(0), try a.tensor(1), try a.tensor(2), margin: try a.double(3, 0),
                                                              reduction: try a.reduction(6, sizeAverage: 4, reduce: 5)))
            },
            define("triplet_margin_loss", "anchor, positive, negative, margin=, p=, eps=, swap=, size_average=, reduce=, reduction=") { a in
                wrapResult(try Functional.tripletMarginLoss(try a.tensor(0), try a.tensor(1), try a.tensor(2), margin: try a.double(3, 1),
                                                            p: try a.double(4, 2), eps: try a.double(5, 1e-6), swap: try a.bool(6, false),
                                                            reduction: try a.reduction(9, sizeAverage: 7, reduce: 8)))
            },
        ]
    }

    /// How a weighted regression loss averages: mse/l1 divide the weighted sum by the sum of
    /// the weights, huber takes the plain mean of the weighted losses.
    enum WeightedMean { case sumOverWeight, mean }

    /// PyTorch 2.15's Python path for `weight=` in mse_loss, l1_loss and huber_loss: the
    /// elementwise loss of the broadcast operands times `weight`, then reduced.
    static func weightedLoss(_ input: Tensor, _ target: Tensor, _ weight: Tensor, _ reduction: String, mean: WeightedMean,
                             _ elementwise: (Tensor, Tensor) throws -> Tensor) throws -> Tensor {
        let shape = try broadcastShapes(input.shape, target.shape)
        let x = input.shape == shape ? input : try input.expand(shape)
        let t = target.shape == shape ? target : try target.expand(shape)
        guard weight.shape == input.shape else { throw TensorError.value("Weights and input must have the same size.") }
        let weighted = try elementwise(x, t).mul(weight)
        switch reduction {
        case "none": return weighted
        case "sum": return try weighted.sum()
        case "mean": return mean == .mean ? try weighted.mean() : try weighted.sum().div(weight.sum())
        default:
            throw TensorError.value("Invalid reduction mode: \(reduction). Expected one of 'none', 'mean', 'sum'.")
        }
    }
}
