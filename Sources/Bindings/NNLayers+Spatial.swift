import Engine
import Script

extension NNLayers {
    /// An int for one entry, else a tuple (how PyTorch keeps pooling sizes: as given).
    static func intOrTuple(_ v: [Int]) -> PyObject { v.count == 1 ? PyInt.make(v[0]) : tuple(v) }

    /// `padding=`: an int, a tuple, or 'same'/'valid'.
    static func convPadding(_ a: LayerArguments, _ i: Int) throws -> ConvPadding {
        guard let o = a.value(i) else { return .sizes([0]) }
        if let s = o as? PyStr {
            guard s.value == "same" || s.value == "valid" else {
                throw PyError.value("Invalid padding string '\(s.value)', should be one of {'valid', 'same'}")
            }
            return try ConvPadding(s.value)
        }
        return .sizes(try a.intList(i))
    }

    static func sizes(_ a: LayerArguments, _ i: Int, _ fallback: [Int]) throws -> [Int] {
        a.value(i) == nil ? fallback : try a.intList(i)
    }

    static let convAttributes: [(String, (Module) -> PyObject?)] = [
        attr("in_channels", ConvNd.self) { int($0.inChannels) },
        attr("out_channels", ConvNd.self) { int($0.outChannels) },
        attr("kernel_size", ConvNd.self) { tuple($0.kernelSize) },
        attr("stride", ConvNd.self) { tuple($0.stride) },
        attr("padding", ConvNd.self) { m in
            switch m.padding {
            case .sizes(let v): return tuple(v)
            case .same: return str("same")
            case .valid: return str("valid")
            }
        },
        attr("dilation", ConvNd.self) { tuple($0.dilation) },
        attr("transposed", ConvNd.self) { bool($0.transposed) },
        attr("output_padding", ConvNd.self) { tuple($0.outputPadding) },
        attr("groups", ConvNd.self) { int($0.groups) },
        attr("padding_mode", ConvNd.self) { str($0.paddingMode) },
    ]

    static let normAttributes: [(String, (Module) -> PyObject?)] = [
        attr("num_features", BatchNormBase.self) { int($0.numFeatures) },
        attr("eps", BatchNormBase.self) { float($0.eps) },
        attr("momentum", BatchNormBase.self) { $0.momentum.map { PyFloat($0) } ?? PyNone.shared },
        attr("affine", BatchNormBase.self) { bool($0.affine) },
        attr("track_running_stats", BatchNormBase.self) { bool($0.trackRunningStats) },
    ]

    static let convParameters = "in_channels, out_channels, kernel_size, stride=, padding=, dilation=, groups=, bias=, padding_mode=, device=, dtype="
    static let transposedParameters = "in_channels, out_channels, kernel_size, stride=, padding=, output_padding=, groups=, bias=, dilation=, padding_mode=, device=, dtype="
    static let batchNormParameters = "num_features, eps=, momentum=, affine=, track_running_stats=, device=, dtype=, *, bias="

    /// Convolution, pooling, normalisation, dropout and embedding layers.
    static let spatial: [LayerSpec] = [
        LayerSpec(name: "Conv1d", file: "conv", parameters: convParameters, type: Conv1d.self, make: { a in
            try Conv1d(a.int(1, 0), a.int(2, 0), kernelSize: a.intList(3), stride: sizes(a, 4, [1]), padding: convPadding(a, 5),
                       dilation: sizes(a, 6, [1]), groups: a.int(7, 1), bias: a.bool(8, true), paddingMode: a.string(9, "zeros"),
                       dtype: a.factory(device: 10, dtype: 11))
        }, attributes: convAttributes),
        LayerSpec(name: "Conv2d", file: "conv", parameters: convParameters, type: Conv2d.self, make: { a in
            try Conv2d(a.int(1, 0), a.int(2, 0), kernelSize: a.intList(3), stride: sizes(a, 4, [1]), padding: convPadding(a, 5),
                       dilation: sizes(a, 6, [1]), groups: a.int(7, 1), bias: a.bool(8, true), paddingMode: a.string(9, "zeros"),
                       dtype: a.factory(device: 10, dtype: 11))
        }, attributes: convAttributes),
        LayerSpec(name: "ConvTranspose1d", file: "conv", parameters: transposedParameters, type: ConvTranspose1d.self, make: { a in
            try ConvTranspose1d(a.int(1, 0), a.int(2, 0), kernelSize: a.intList(3), stride: sizes(a, 4, [1]),
                                padding: sizes(a, 5, [0]), outputPadding: sizes(a, 6, [0]), groups: a.int(7, 1),
                                bias: a.bool(8, true), dilation: sizes(a, 9, [1]), paddingMode: a.string(10, "zeros"),
                                dtype: a.factory(device: 11, dtype: 12))
        }, attributes: convAttributes),
        LayerSpec(name: "ConvTranspose2d", file: "conv", parameters: transposedParameters, type: ConvTranspose2d.self, make: { a in
            try ConvTranspose2d(a.int(1, 0), a.int(2, 0), kernelSize: a.intList(3), stride: sizes(a, 4, [1]),
                                padding: sizes(a, 5, [0]), outputPadding: sizes(a, 6, [0]), groups: a.int(7, 1),
                                bias: a.bool(8, true), dilation: sizes(a, 9, [1]), paddingMode: a.string(10, "zeros"),
                                dtype: a.factory(device: 11, dtype: 12))
        }, attributes: convAttributes),
        LayerSpec(name: "MaxPool1d", file: "pooling", parameters: "kernel_size, stride=, padding=, dilation=, return_indices=, ceil_mode=",
                  type: MaxPool1d.self, make: { a in
                      MaxPool1d(kernelSize: try a.int(1, 1), stride: try a.optionalInt(2), padding: try a.int(3, 0),
                                dilation: try a.int(4, 1), returnIndices: try a.bool(5, false), ceilMode: try a.bool(6, false))
                  }, attributes: [
                      attr("kernel_size", MaxPool1d.self) { int($0.kernelSize) }, attr("stride", MaxPool1d.self) { int($0.stride) },
                      attr("padding", MaxPool1d.self) { int($0.padding) }, attr("dilation", MaxPool1d.self) { int($0.dilation) },
                      attr("return_indices", MaxPool1d.self) { bool($0.returnIndices) },
                      attr("ceil_mode", MaxPool1d.self) { bool($0.ceilMode) },
                  ]),
        LayerSpec(name: "MaxPool2d", file: "pooling", parameters: "kernel_size, stride=, padding=, dilation=, return_indices=, ceil_mode=",
                  type: MaxPool2d.self, make: { a in
                      MaxPool2d(kernelSize: try a.intList(1), stride: try a.value(2).map { _ in try a.intList(2) },
                                padding: try sizes(a, 3, [0]), dilation: try sizes(a, 4, [1]),
                                returnIndices: try a.bool(5, false), ceilMode: try a.bool(6, false))
                  }, attributes: [
                      attr("kernel_size", MaxPool2d.self) { intOrTuple($0.kernelSize) },
                      attr("stride", MaxPool2d.self) { intOrTuple($0.stride) },
                      attr("padding", MaxPool2d.self) { intOrTuple($0.padding) },
                      attr("dilation", MaxPool2d.self) { intOrTuple($0.dilation) },
                      attr("return_indices", MaxPool2d.self) { bool($0.returnIndices) },
                      attr("ceil_mode", MaxPool2d.self) { bool($0.ceilMode) },
                  ]),
        LayerSpec(name: "AvgPool2d", file: "pooling", parameters: "kernel_size, stride=, padding=, ceil_mode=, count_include_pad=, divisor_override=",
                  type: AvgPool2d.self, make: { a in
                      AvgPool2d(kernelSize: try a.intList(1), stride: try a.value(2).map { _ in try a.intList(2) },
                                padding: try sizes(a, 3, [0]), ceilMode: try a.bool(4, false),
                                countIncludePad: try a.bool(5, true), divisorOverride: try a.optionalInt(6))
                  }, attributes: [
                      attr("kernel_size", AvgPool2d.self) { intOrTuple($0.kernelSize) },
                      attr("stride", AvgPool2d.self) { intOrTuple($0.stride) },
                      attr("padding", AvgPool2d.self) { intOrTuple($0.padding) },
                      attr("ceil_mode", AvgPool2d.self) { bool($0.ceilMode) },
                      attr("count_include_pad", AvgPool2d.self) { bool($0.countIncludePad) },
                      attr("divisor_override", AvgPool2d.self) { optionalInt($0.divisorOverride) },
                  ]),
        LayerSpec(name: "AdaptiveAvgPool2d", file: "pooling", parameters: "output_size", type: AdaptiveAvgPool2d.self, make: { a in
            let o = a[1]
            if let i = o as? PyInt { return AdaptiveAvgPool2d(outputSize: [Int(exactly: i.value)]) }
            let items = try Runtime.toArray(o)
            return AdaptiveAvgPool2d(outputSize: try items.map { item in
                if item is PyNone { return nil }
                return try Args.int(item, a.site, "output_size", 1)
            })
        }, attributes: [
            attr("output_size", AdaptiveAvgPool2d.self) { m in
                let items: [PyObject] = m.outputSize.map { $0.map { PyInt.make($0) } ?? PyNone.shared }
                return items.count == 1 ? items[0] : PyTuple(items)
            },
        ]),
        LayerSpec(name: "BatchNorm1d", file: "batchnorm", parameters: batchNormParameters, type: BatchNorm1d.self, make: { a in
            try BatchNorm1d(a.int(1, 0), eps: a.double(2, 1e-5), momentum: a.raw(3) is PyNone ? nil : a.double(3, 0.1),
                            affine: a.bool(4, true), trackRunningStats: a.bool(5, true), bias: a.bool(8, true),
                            dtype: a.factory(device: 6, dtype: 7))
        }, attributes: normAttributes),
        LayerSpec(name: "BatchNorm2d", file: "batchnorm", parameters: batchNormParameters, type: BatchNorm2d.self, make: { a in
            try BatchNorm2d(a.int(1, 0), eps: a.double(2, 1e-5), momentum: a.raw(3) is PyNone ? nil : a.double(3, 0.1),
                            affine: a.bool(4, true), trackRunningStats: a.bool(5, true), bias: a.bool(8, true),
                            dtype: a.factory(device: 6, dtype: 7))
        }, attributes: normAttributes),
        LayerSpec(name: "LayerNorm", file: "normalization", parameters: "normalized_shape, eps=, elementwise_affine=, bias=, device=, dtype=",
                  type: LayerNorm.self, make: { a in
                      try LayerNorm(a.intList(1), eps: a.double(2, 1e-5), elementwiseAffine: a.bool(3, true), bias: a.bool(4, true),
                                    dtype: a.factory(device: 5, dtype: 6))
                  }, attributes: [
                      attr("normalized_shape", LayerNorm.self) { tuple($0.normalizedShape) },
                      attr("eps", LayerNorm.self) { float($0.eps) },
                      attr("elementwise_affine", LayerNorm.self) { bool($0.elementwiseAffine) },
                  ]),
        LayerSpec(name: "Dropout", file: "dropout", parameters: "p=, inplace=", type: Dropout.self, make: { a in
            try Dropout(p: a.double(1, 0.5), inplace: a.bool(2, false))
        }, attributes: [attr("p", Dropout.self) { float($0.p) }, attr("inplace", Dropout.self) { bool($0.inplace) }]),
        LayerSpec(name: "Embedding", file: "sparse",
                  parameters: "num_embeddings, embedding_dim, padding_idx=, max_norm=, norm_type=, scale_grad_by_freq=, sparse=, _weight=, _freeze=, device=, dtype=",
                  type: Embedding.self, make: { a in
                      try embeddingOptions(a, maxNorm: 4, scaleGradByFreq: 6, sparse: 7)
                      if a.value(8) != nil { throw TorchErrors.unsupported("Embedding(_weight=...) (use Embedding.from_pretrained)") }
                      return try Embedding(a.int(1, 0), a.int(2, 0), paddingIdx: a.optionalInt(3), dtype: a.factory(device: 10, dtype: 11))
                  }, attributes: [
                      attr("num_embeddings", Embedding.self) { int($0.numEmbeddings) },
                      attr("embedding_dim", Embedding.self) { int($0.embeddingDim) },
                      attr("padding_idx", Embedding.self) { optionalInt($0.paddingIdx) },
                      ("max_norm", { m in m is Embedding ? PyNone.shared : nil }),
                      ("norm_type", { m in m is Embedding ? PyFloat(2) : nil }),
                      ("scale_grad_by_freq", { m in m is Embedding ? PyBool.falseValue : nil }),
                      ("sparse", { m in m is Embedding ? PyBool.falseValue : nil }),
                  ]),
    ]

    /// Embedding options wick lacks (max_norm renormalisation, frequency scaling, sparse grads).
    static func embeddingOptions(_ a: LayerArguments, maxNorm: Int, scaleGradByFreq: Int, sparse: Int) throws {
        if a.value(maxNorm) != nil { throw TorchErrors.unsupported("Embedding(max_norm=...)") }
        if try a.bool(scaleGradByFreq, false) { throw TorchErrors.unsupported("Embedding(scale_grad_by_freq=True)") }
        if try a.bool(sparse, false) { throw TorchErrors.unsupported("Embedding(sparse=True)") }
    }

    /// `nn.Embedding.from_pretrained(embeddings, freeze=True, padding_idx=None, …)`.
    static func installFromPretrained(_ c: PyClass) {
        let spec = LayerSpec(name: "from_pretrained", file: "sparse",
                             parameters: "embeddings, freeze=, padding_idx=, max_norm=, norm_type=, scale_grad_by_freq=, sparse=",
                             type: Embedding.self, make: { _ in Module() }, attributes: [])
        let f = PyNativeFunction(name: "from_pretrained", parameters: "embeddings, freeze=, padding_idx=, max_norm=, norm_type=, scale_grad_by_freq=, sparse=") { raw in
            let a = LayerArguments(raw, spec, prefix: 1)
            try embeddingOptions(a, maxNorm: 4, scaleGradByFreq: 6, sparse: 7)
            guard let t = raw.values.first ?? nil, let embeddings = (t as? TensorObject)?.tensor else {
                throw PyError.type("from_pretrained(): argument 'embeddings' must be Tensor")
            }
            let m = try nnBridge { try Embedding.fromPretrained(embeddings, freeze: try a.bool(2, true), paddingIdx: try a.optionalInt(3)) }
            return ModuleObject.wrap(m)
        }
        c.setAttribute("from_pretrained", f)
    }
}
