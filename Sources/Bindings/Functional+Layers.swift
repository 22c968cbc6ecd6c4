import Engine
import Script

/// The layer functions of `torch.nn.functional` (linear, convolution, pooling, normalisation,
/// embedding, dropout, padding) and the tensor helpers (one_hot, normalize, distances).
extension FunctionalBindings {
    /// `F.linear`, `F.conv2d`, `F.max_pool2d`, … (Ops/Convolution*, Pooling*, Normalization,
    /// Embedding, Padding, RandomFill through `Functional` and `Tensor`).
    static func layerDefinitions() -> [(String, PyObject)] {
        [
            define("linear", "input, weight, bias=") { a in
                wrapResult(try Functional.linear(try a.tensor(0), weight: try a.tensor(1), bias: try a.optionalTensor(2)))
            },
            define("dropout", "input, p=, training=, inplace=") { a in
                let x = try a.tensor(0), p = try a.double(1, 0.5), training = try a.bool(2, true)
                if try a.bool(3, false) { return wrapResult(try x.dropoutInPlace(p: p, training: training)) }
                return wrapResult(try x.dropout(p: p, training: training))
            },
            define("conv1d", "input, weight, bias=, stride=, padding=, dilation=, groups=") { a in
                wrapResult(try Tensor.conv1d(try a.tensor(0), try a.tensor(1), try a.optionalTensor(2), stride: try a.intList(3, [1]),
                                             padding: try convPadding(a, 4), dilation: try a.intList(5, [1]), groups: try a.int(6, 1)))
            },
            define("conv2d", "input, weight, bias=, stride=, padding=, dilation=, groups=") { a in
                wrapResult(try Tensor.conv2d(try a.tensor(0), try a.tensor(1), try a.optionalTensor(2), stride: try a.intList(3, [1]),
                                             padding: try convPadding(a, 4), dilation: try a.intList(5, [1]), groups: try a.int(6, 1)))
            },
            define("conv_transpose1d", "input, weight, bias=, stride=, padding=, output_padding=, groups=, dilation=") { a in
                wrapResult(try Tensor.convTranspose1d(try a.tensor(0), try a.tensor(1), try a.optionalTensor(2), stride: try a.intList(3, [1]),
                                                      padding: try a.intList(4, [0]), outputPadding: try a.intList(5, [0]),
                                                      groups: try a.int(6, 1), dilation: try a.intList(7, [1])))
            },
            define("conv_transpose2d", "input, weight, bias=, stride=, padding=, output_padding=, groups=, dilation=") { a in
                wrapResult(try Tensor.convTranspose2d(try a.tensor(0), try a.tensor(1), try a.optionalTensor(2), stride: try a.intList(3, [1]),
                                                      padding: try a.intList(4, [0]), outputPadding: try a.intList(5, [0]),
                                                      groups: try a.int(6, 1), dilation: try a.intList(7, [1])))
            },
            define("max_pool1d", "input, kernel_size, stride=, padding=, dilation=, ceil_mode=, return_indices=",
                   messageName: "_max_pool1d") { a in
                let x = try a.tensor(0)
                let stride = try a.has(2) ? single(a, 2) : nil
                let result = try x.maxPool1dWithIndices(kernelSize: try single(a, 1), stride: stride, padding: try single(a, 3, 0),
                                                        dilation: try single(a, 4, 1), ceilMode: try a.bool(5, false))
                if try a.bool(6, false) { return TensorObject.wrapTuple([result.output, result.indices]) }
                return wrapResult(result.output)
            },
            define("max_pool2d", "input, kernel_size, stride=, padding=, dilation=, ceil_mode=, return_indices=",
                   messageName: "_max_pool2d") { a in
                let x = try a.tensor(0)
                let result = try x.maxPool2dWithIndices(kernelSize: try a.intList(1, []), stride: try a.intList(2, []),
                                                        padding: try a.intList(3, [0]), dilation: try a.intList(4, [1]),
                                                        ceilMode: try a.bool(5, false))
                if try a.bool(6, false) { return TensorObject.wrapTuple([result.output, result.indices]) }
                return wrapResult(result.output)
            },
            define("avg_pool2d", "input, kernel_size, stride=, padding=, ceil_mode=, count_include_pad=, divisor_override=") { a in
                wrapResult(try a.tensor(0).avgPool2d(kernelSize: try a.intList(1, []), stride: try a.intList(2, []),
                                                     padding: try a.intList(3, [0]), ceilMode: try a.bool(4, false),
                                                     countIncludePad: try a.bool(5, true), divisorOverride: try a.optionalInt(6)))
            },
            define("adaptive_avg_pool2d", "input, output_size") { a in
                wrapResult(try a.tensor(0).adaptiveAvgPool2d(try optionalSizes(a, 1)))
            },
            define("embedding", "input, weight, padding_idx=, max_norm=, norm_type=, scale_grad_by_freq=, sparse=") { a in
                wrapResult(try Tensor.embedding(try a.tensor(0), try a.tensor(1), paddingIdx: try a.optionalInt(2),
                                                    maxNorm: try a.optionalDouble(3), scaleGradByFreq: try a.bool(5, false),
                                                    sparse: try a.bool(6, false)))
            },
            define("layer_norm", "input, normalized_shape, weight=, bias=, eps=") { a in
                wrapResult(try Tensor.layerNorm(try a.tensor(0), normalizedShape: try a.intList(1, []), weight: try a.optionalTensor(2),
                                                bias: try a.optionalTensor(3), eps: try a.double(4, 1e-5)))
            },
            define("batch_norm", "input, running_mean, running_var, weight=, bias=, training=, momentum=, eps=") { a in
                wrapResult(try Tensor.batchNorm(try a.tensor(0), runningMean: try a.optionalTensor(1), runningVar: try a.optionalTensor(2),
                                                weight: try a.optionalTensor(3), bias: try a.optionalTensor(4),
                                                training: try a.bool(5, false), momentum: try a.double(6, 0.1), eps: try a.double(7, 1e-5)))
            },
            define("pad", "input, pad, mode=, value=") { a in
                wrapResult(try a.tensor(0).pad(try a.intList(1, []), mode: try a.string(2, "constant"), value: try a.optionalDouble(3)))
            },
            define("one_hot", "tensor, num_classes=") { a in
                wrapResult(try Functional.oneHot(try a.tensor(0), numClasses: try a.int(1, -1)))
            },
            define("normalize", "input, p=, dim=, eps=, out=") { a in
                if a.has(4) { throw TorchErrors.unsupported("torch.nn.functional.normalize(out=)") }
                return wrapResult(try Functional.normalize(try a.tensor(0), p: try a.double(1, 2), dim: try a.int(2, 1), eps: try a.double(3, 1e-12)))
            },
            define("cosine_similarity", "x1, x2, dim=, eps=") { a in
                wrapResult(try Functional.cosineSimilarity(try a.tensor(0), try a.tensor(1), dim: try a.int(2, 1), eps: try a.double(3, 1e-8)))
            },
            define("pairwise_distance", "x1, x2, p=, eps=, keepdim=") { a in
                wrapResult(try Functional.pairwiseDistance(try a.tensor(0), try a.tensor(1), p: try a.double(2, 2),
                                                           eps: try a.double(3, 1e-6), keepdim: try a.bool(4, false)))
            },
        ]
    }

    /// `torch.conv2d`, `torch.max_pool2d`, … (the torch-level builtins of the same ops).
    static func torchLevelLayerDefinitions() -> [(String, PyObject)] {
        let names: Set<String> = ["conv1d", "conv2d", "conv_transpose1d", "conv_transpose2d", "max_pool1d", "max_pool2d"]
        return layerDefinitions().filter { names.contains($0.0) }
    }

    /// A convolution's `padding`: an int, a tuple, or `'same'`/`'valid'`.
    static func convPadding(_ a: BoundArguments, _ i: Int) throws -> ConvPadding {
        guard let v = a.value(i) else { return .sizes([0]) }
        if let s = v as? PyStr { return try ConvPadding(s.value) }
        return .sizes(try a.intList(i, [0]))
    }

    /// A 1-d pooling argument: an int or a one-element tuple.
    static func single(_ a: BoundArguments, _ i: Int, _ defaultValue: Int = 0) throws -> Int {
        guard a.has(i) else { return defaultValue }
        let list = try a.intList(i, [defaultValue])
        guard list.count == 1, let v = list.first else {
            throw PyError.runtime("max_pool1d() \(a.name(i)) must be an int, list of ints or tuple of ints of size 1 but got size \(list.count)")
        }
        return v
    }

    /// An adaptive pooling `output_size`: an int, or a tuple whose entries may be None.
    static func optionalSizes(_ a: BoundArguments, _ i: Int) throws -> [Int?] {
        guard let v = a.value(i) else { throw PyError.type("\(a.site.function)(): argument 'output_size' must be tuple of ints, not NoneType") }
        if v is PyInt { return [try a.int(i, 0)] }
        let items: [PyObject]
        if let t = v as? PyTuple { items = t.items } else if let l = v as? PyList { items = l.items } else {
            throw a.site.typeError("output_size", i, expected: "tuple of ints", got: v)
        }
        return try items.map { item in item is PyNone ? nil : try Args.int(item, a.site, "output_size", i) }
    }
}
