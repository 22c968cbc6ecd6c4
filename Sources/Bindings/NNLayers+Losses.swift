import Engine
import Script

extension NNLayers {
    /// `reduction` of every loss.
    static let reduction = attr("reduction", LossModule.self) { str($0.reduction) }

    /// The loss layers (MSELoss … TripletMarginLoss); the deprecated `size_average`/`reduce`
    /// arguments are accepted as None only.
    static let losses: [LayerSpec] = [
        LayerSpec(name: "MSELoss", file: "loss", parameters: "size_average=, reduce=, reduction=", type: MSELoss.self,
                  make: { a in try a.noLegacyReduction(1, 2); return MSELoss(reduction: try a.string(3, "mean")) },
                  attributes: [reduction]),
        LayerSpec(name: "L1Loss", file: "loss", parameters: "size_average=, reduce=, reduction=", type: L1Loss.self,
                  make: { a in try a.noLegacyReduction(1, 2); return L1Loss(reduction: try a.string(3, "mean")) },
                  attributes: [reduction]),
        LayerSpec(name: "SmoothL1Loss", file: "loss", parameters: "size_average=, reduce=, reduction=, beta=",
                  type: SmoothL1Loss.self, make: { a in
                      try a.noLegacyReduction(1, 2)
                      return SmoothL1Loss(reduction: try a.string(3, "mean"), beta: try a.double(4, 1))
                  }, attributes: [reduction, attr("beta", SmoothL1Loss.self) { float($0.beta) }]),
        LayerSpec(name: "HuberLoss", file: "loss", parameters: "reduction=, delta=", type: HuberLoss.self,
                  make: { a in HuberLoss(reduction: try a.string(1, "mean"), delta: try a.double(2, 1)) },
                  attributes: [reduction, attr("delta", HuberLoss.self) { float($0.delta) }]),
        LayerSpec(name: "CrossEntropyLoss", file: "loss",
                  parameters: "weight=, size_average=, ignore_index=, reduce=, reduction=, label_smoothing=",
                  type: CrossEntropyLoss.self, make: { a in
                      try a.noLegacyReduction(2, 4)
                      return try CrossEntropyLoss(weight: a.tensor(1), ignoreIndex: a.int(3, -100),
                                                  reduction: a.string(5, "mean"), labelSmoothing: a.double(6, 0))
                  }, attributes: [
                      reduction, attr("ignore_index", CrossEntropyLoss.self) { int($0.ignoreIndex) },
                      attr("label_smoothing", CrossEntropyLoss.self) { float($0.labelSmoothing) },
                  ]),
        LayerSpec(name: "NLLLoss", file: "loss", parameters: "weight=, size_average=, ignore_index=, reduce=, reduction=",
                  type: NLLLoss.self, make: { a in
                      try a.noLegacyReduction(2, 4)
                      return try NLLLoss(weight: a.tensor(1), ignoreIndex: a.int(3, -100), reduction: a.string(5, "mean"))
                  }, attributes: [reduction, attr("ignore_index", NLLLoss.self) { int($0.ignoreIndex) }]),
        LayerSpec(name: "BCELoss", file: "loss", parameters: "weight=, size_average=, reduce=, reduction=", type: BCELoss.self,
                  make: { a in
                      try a.noLegacyReduction(2, 3)
                      return try BCELoss(weight: a.tensor(1), reduction: a.string(4, "mean"))
                  }, attributes: [reduction]),
        LayerSpec(name: "BCEWithLogitsLoss", file: "loss", parameters: "weight=, size_average=, reduce=, reduction=, pos_weight=",
                  type: BCEWithLogitsLoss.self, make: { a in
                      try a.noLegacyReduction(2, 3)
                      return try BCEWithLogitsLoss(weight: a.tensor(1), reduction: a.string(4, "mean"), posWeight: a.tensor(5))
                  }, attributes: [reduction]),
        LayerSpec(name: "KLDivLoss", file: "loss", parameters: "size_average=, reduce=, reduction=, log_target=",
                  type: KLDivLoss.self, make: { a in
                      try a.noLegacyReduction(1, 2)
                      return KLDivLoss(reduction: try a.string(3, "mean"), logTarget: try a.bool(4, false))
                  }, attributes: [reduction, attr("log_target", KLDivLoss.self) { bool($0.logTarget) }]),
        LayerSpec(name: "CosineEmbeddingLoss", file: "loss", parameters: "margin=, size_average=, reduce=, reduction=",
                  type: CosineEmbeddingLoss.self, make: { a in
                      try a.noLegacyReduction(2, 3)
                      return CosineEmbeddingLoss(margin: try a.double(1, 0), reduction: try a.string(4, "mean"))
                  }, attributes: [reduction, attr("margin", CosineEmbeddingLoss.self) { float($0.margin) }]),
        LayerSpec(name: "TripletMarginLoss", file: "loss",
                  parameters: "margin=, p=, eps=, swap=, size_average=, reduce=, reduction=",
                  type: TripletMarginLoss.self, make: { a in
                      try a.noLegacyReduction(5, 6)
                      return TripletMarginLoss(margin: try a.double(1, 1), p: try a.double(2, 2), eps: try a.double(3, 1e-6),
                                               swap: try a.bool(4, false), reduction: try a.string(7, "mean"))
                  }, attributes: [
                      reduction, attr("margin", TripletMarginLoss.self) { float($0.margin) },
                      attr("p", TripletMarginLoss.self) { float($0.p) }, attr("eps", TripletMarginLoss.self) { float($0.eps) },
                      attr("swap", TripletMarginLoss.self) { bool($0.swap) },
                  ]),
    ]
}
