import Engine
import Script

/// The activation functions of `torch.nn.functional` (with PyTorch's parameter names and
/// defaults), their in-place `_` forms, and torch-level forms the core bindings lack.
extension FunctionalBindings {
    /// `F.relu`, `F.softmax`, … (Ops/Activations*.swift through `Functional`).
    static func activationDefinitions() -> [(String, PyObject)] {
        [
            define("relu", "input, inplace=") { a in
                wrapResult(try Functional.relu(try a.tensor(0), inplace: try a.bool(1, false)))
            },
            define("relu_", "input") { a in wrapResult(try a.tensor(0).reluInPlace()) },
            define("relu6", "input, inplace=") { a in
                wrapResult(try Functional.relu6(try a.tensor(0), inplace: try a.bool(1, false)))
            },
            define("leaky_relu", "input, negative_slope=, inplace=") { a in
                wrapResult(try Functional.leakyRelu(try a.tensor(0), negativeSlope: try a.double(1, 0.01), inplace: try a.bool(2, false)))
            },
            define("leaky_relu_", "input, negative_slope=") { a in
                wrapResult(try a.tensor(0).leakyReluInPlace(negativeSlope: try a.double(1, 0.01)))
            },
            define("prelu", "input, weight") { a in wrapResult(try Functional.prelu(try a.tensor(0), weight: try a.tensor(1))) },
            define("elu", "input, alpha=, inplace=") { a in
                wrapResult(try Functional.elu(try a.tensor(0), alpha: try a.double(1, 1), inplace: try a.bool(2, false)))
            },
            define("elu_", "input, alpha=") { a in wrapResult(try a.tensor(0).eluInPlace(alpha: try a.double(1, 1))) },
            define("selu", "input, inplace=") { a in
                wrapResult(try Functional.selu(try a.tensor(0), inplace: try a.bool(1, false)))
            },
            define("selu_", "input") { a in wrapResult(try a.tensor(0).seluInPlace()) },
            define("celu", "input, alpha=, inplace=") { a in
                wrapResult(try Functional.celu(try a.tensor(0), alpha: try a.double(1, 1), inplace: try a.bool(2, false)))
            },
            define("celu_", "input, alpha=") { a in wrapResult(try a.tensor(0).celuInPlace(alpha: try a.double(1, 1))) },
            define("gelu", "input, approximate=") { a in
                wrapResult(try Functional.gelu(try a.tensor(0), approximate: try a.string(1, "none")))
            },
            define("silu", "input, inplace=") { a in
                wrapResult(try Functional.silu(try a.tensor(0), inplace: try a.bool(1, false)))
            },
            define("mish", "input, inplace=") { a in
                wrapResult(try Functional.mish(try a.tensor(0), inplace: try a.bool(1, false)))
            },
            define("sigmoid", "input") { a in wrapResult(try a.tensor(0).sigmoid()) },
            define("tanh", "input") { a in wrapResult(try a.tensor(0).tanh()) },
            define("hardtanh", "input, min_val=, max_val=, inplace=") { a in
                wrapResult(try Functional.hardtanh(try a.tensor(0), minVal: try a.scalar(1, .double(-1)),
                                                   maxVal: try a.scalar(2, .double(1)), inplace: try a.bool(3, false)))
            },
            define("hardtanh_", "input, min_val=, max_val=") { a in
                wrapResult(try a.tensor(0).hardtanhInPlace(minVal: try a.scalar(1, .double(-1)), maxVal: try a.scalar(2, .double(1))))
            },
            define("softplus", "input, beta=, threshold=") { a in
                wrapResult(try Functional.softplus(try a.tensor(0), beta: try a.double(1, 1), threshold: try a.double(2, 20)))
            },
            define("softsign", "input") { a in wrapResult(try Functional.softsign(try a.tensor(0))) },
            define("logsigmoid", "input") { a in wrapResult(try Functional.logsigmoid(try a.tensor(0))) },
            define("softmax", "input, dim=, _stacklevel=, dtype=") { a in
                wrapResult(try Functional.softmax(try a.tensor(0), dim: try softmaxDim(a, "softmax"), dtype: try a.dtype(3)))
            },
            define("softmin", "input, dim=, _stacklevel=, dtype=") { a in
                let x = try a.tensor(0)
                let dim = try softmaxDim(a, "softmax") ?? Functional.implicitSoftmaxDim("softmin", x.dim)
                return wrapResult(try x.neg().softmax(dim: dim, dtype: try a.dtype(3)))
            },
            define("tanhshrink", "input") { a in
                let x = try a.tensor(0)
                return wrapResult(try x.sub(x.tanh()))
            },
            define("log_softmax", "input, dim=, _stacklevel=, dtype=") { a in
                wrapResult(try Functional.logSoftmax(try a.tensor(0), dim: try softmaxDim(a, "log_softmax"), dtype: try a.dtype(3)))
            },
        ]
    }

    /// `torch.relu_`, `torch.selu`, `torch.conv2d`, … : PyTorch's torch-level forms
    /// (builders skip any name the core bindings already define).
    static func torchLevelDefinitions() -> [(String, PyObject)] {
        [
            define("relu_", "input") { a in wrapResult(try a.tensor(0).reluInPlace()) },
            define("sigmoid_", "input") { a in wrapResult(try a.tensor(0).sigmoidInPlace()) },
            define("tanh_", "input") { a in wrapResult(try a.tensor(0).tanhInPlace()) },
            define("selu", "input") { a in wrapResult(try a.tensor(0).selu()) },
            define("celu", "input, alpha=") { a in wrapResult(try a.tensor(0).celu(alpha: try a.double(1, 1))) },
            define("prelu", "input, weight") { a in wrapResult(try a.tensor(0).prelu(try a.tensor(1))) },
            define("dropout", "input, p, train") { a in
                wrapResult(try a.tensor(0).dropout(p: try a.double(1, 0.5), training: try a.bool(2, true)))
            },
            define("cosine_similarity", "x1, x2, dim=, eps=") { a in
                wrapResult(try Functional.cosineSimilarity(try a.tensor(0), try a.tensor(1), dim: try a.int(2, 1), eps: try a.double(3, 1e-8)))
            },
            define("pairwise_distance", "x1, x2, p=, eps=, keepdim=") { a in
                wrapResult(try Functional.pairwiseDistance(try a.tensor(0), try a.tensor(1), p: try a.double(2, 2),
                                                           eps: try a.double(3, 1e-6), keepdim: try a.bool(4, false)))
            },
        ] + torchLevelLayerDefinitions()
    }

    /// F.softmax's `dim` (None: the implicit choice), checked as `Tensor.softmax` checks it.
    static func softmaxDim(_ a: BoundArguments, _ function: String) throws -> Int? {
        guard let v = a.value(1) else { return nil }
        return try Args.int(v, ArgumentSite(function, isMethod: true), "dim", 1)
    }
}
