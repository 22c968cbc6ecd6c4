import Engine
import Script

extension NNLayers {
    /// `inplace` of the elementwise activations.
    static let inplace = attr("inplace", ElementwiseActivation.self) { bool($0.inplace) }

    /// The activation layers (ReLU … LogSoftmax, PReLU).
    static let activations: [LayerSpec] = [
        LayerSpec(name: "ReLU", file: "activation", parameters: "inplace=", type: ReLU.self,
                  make: { a in ReLU(inplace: try a.bool(1, false)) }, attributes: [inplace]),
        LayerSpec(name: "ReLU6", file: "activation", parameters: "inplace=", type: ReLU6.self,
                  make: { a in ReLU6(inplace: try a.bool(1, false)) }, attributes: [
                      inplace, ("min_val", { _ in PyFloat(0) }), ("max_val", { _ in PyFloat(6) }),
                  ]),
        LayerSpec(name: "LeakyReLU", file: "activation", parameters: "negative_slope=, inplace=", type: LeakyReLU.self,
                  make: { a in LeakyReLU(negativeSlope: try a.scalar(1, .double(0.01)), inplace: try a.bool(2, false)) },
                  attributes: [inplace, attr("negative_slope", LeakyReLU.self) { number($0.negativeSlope) }]),
        LayerSpec(name: "PReLU", file: "activation", parameters: "num_parameters=, init=, device=, dtype=", type: PReLU.self,
                  make: { a in
                      try PReLU(numParameters: a.int(1, 1), init: a.double(2, 0.25), dtype: a.factory(device: 3, dtype: 4))
                  }, attributes: [
                      attr("num_parameters", PReLU.self) { int($0.numParameters) },
                      attr("init", PReLU.self) { float($0.initialValue) },
                  ]),
        LayerSpec(name: "ELU", file: "activation", parameters: "alpha=, inplace=", type: ELU.self,
                  make: { a in ELU(alpha: try a.scalar(1, .double(1)), inplace: try a.bool(2, false)) },
                  attributes: [inplace, attr("alpha", ELU.self) { number($0.alpha) }]),
        LayerSpec(name: "SELU", file: "activation", parameters: "inplace=", type: SELU.self,
                  make: { a in SELU(inplace: try a.bool(1, false)) }, attributes: [inplace]),
        LayerSpec(name: "CELU", file: "activation", parameters: "alpha=, inplace=", type: CELU.self,
                  make: { a in CELU(alpha: try a.scalar(1, .double(1)), inplace: try a.bool(2, false)) },
                  attributes: [inplace, attr("alpha", CELU.self) { number($0.alpha) }]),
        LayerSpec(name: "GELU", file: "activation", parameters: "approximate=", type: GELU.self,
                  make: { a in GELU(approximate: try a.string(1, "none")) },
                  attributes: [attr("approximate", GELU.self) { str($0.approximate) }]),
        LayerSpec(name: "SiLU", file: "activation", parameters: "inplace=", type: SiLU.self,
                  make: { a in SiLU(inplace: try a.bool(1, false)) }, attributes: [inplace]),
        LayerSpec(name: "Mish", file: "activation", parameters: "inplace=", type: Mish.self,
                  make: { a in Mish(inplace: try a.bool(1, false)) }, attributes: [inplace]),
        LayerSpec(name: "Sigmoid", file: "activation", parameters: "", type: Sigmoid.self,
                  make: { _ in Sigmoid() }, attributes: []),
        LayerSpec(name: "Tanh", file: "activation", parameters: "", type: Tanh.self,
                  make: { _ in Tanh() }, attributes: []),
        LayerSpec(name: "Hardtanh", file: "activation", parameters: "min_val=, max_val=, inplace=, min_value=, max_value=",
                  type: Hardtanh.self, make: { a in
                      if a.value(4) != nil || a.value(5) != nil {
                          throw TorchErrors.unsupported("Hardtanh(min_value=, max_value=) (deprecated; use min_val=, max_val=)")
                      }
                      return Hardtanh(minVal: try a.scalar(1, .double(-1)), maxVal: try a.scalar(2, .double(1)),
                                      inplace: try a.bool(3, false))
                  }, attributes: [
                      inplace, attr("min_val", Hardtanh.self) { number($0.minVal) },
                      attr("max_val", Hardtanh.self) { number($0.maxVal) },
                  ]),
        LayerSpec(name: "Softplus", file: "activation", parameters: "beta=, threshold=", type: Softplus.self,
                  make: { a in Softplus(beta: try a.scalar(1, .double(1)), threshold: try a.scalar(2, .double(20))) },
                  attributes: [
                      attr("beta", Softplus.self) { number($0.beta) },
                      attr("threshold", Softplus.self) { number($0.threshold) },
                  ]),
        LayerSpec(name: "Softsign", file: "activation", parameters: "", type: Softsign.self,
                  make: { _ in Softsign() }, attributes: []),
        LayerSpec(name: "Softmax", file: "activation", parameters: "dim=", type: Softmax.self,
                  make: { a in Softmax(dim: try a.optionalInt(1)) },
                  attributes: [attr("dim", Softmax.self) { optionalInt($0.dim) }]),
        LayerSpec(name: "LogSoftmax", file: "activation", parameters: "dim=", type: LogSoftmax.self,
                  make: { a in LogSoftmax(dim: try a.optionalInt(1)) },
                  attributes: [attr("dim", LogSoftmax.self) { optionalInt($0.dim) }]),
    ]
}
