import XCTest
@testable import Engine

/// The layer modules against PyTorch (layers.json module cases): print(module), default
/// initialisation after manual_seed(0), buffers, running statistics after forward calls,
/// and constructor/forward error texts.
final class LayerModuleTests: XCTestCase {
    private func ints(_ v: Any?) -> [Int] { (v as? Int).map { [$0] } ?? (v as? [Int]) ?? [] }

    /// Builds the module a fixture case describes.
    private func make(_ c: [String: Any]) throws -> Module {
        let args = c["args"] as? [Any] ?? [], kw = c["kwargs"] as? [String: Any] ?? [:]
        func arg(_ i: Int) -> Any? { args.indices.contains(i) ? args[i] : nil }
        func int(_ i: Int) -> Int { arg(i) as? Int ?? 0 }
        func padding() throws -> ConvPadding {
            if let s = kw["padding"] as? String { return try ConvNd.padding(fromString: s) }
            return .sizes(kw["padding"] == nil ? [0] : ints(kw["padding"]))
        }
        let stride = kw["stride"].map(ints), bias = kw["bias"] as? Bool ?? true
        switch c["module"] as? String ?? "" {
        case "Conv2d", "Conv1d":
            let (k, d, g, mode) = (ints(arg(2)), kw["dilation"].map(ints) ?? [1], kw["groups"] as? Int ?? 1,
                                   kw["padding_mode"] as? String ?? "zeros")
            if c["module"] as? String == "Conv1d" {
                return try Conv1d(int(0), int(1), kernelSize: k, stride: stride ?? [1], padding: padding(), dilation: d,
                                  groups: g, bias: bias, paddingMode: mode)
            }
            return try Conv2d(int(0), int(1), kernelSize: k, stride: stride ?? [1], padding: padding(), dilation: d,
                              groups: g, bias: bias, paddingMode: mode)
        case "ConvTranspose2d":
            return try ConvTranspose2d(int(0), int(1), kernelSize: ints(arg(2)), stride: stride ?? [1],
                                       padding: kw["padding"].map(ints) ?? [0], outputPadding: kw["output_padding"].map(ints) ?? [0])
        case "MaxPool2d":
            return MaxPool2d(kernelSize: ints(arg(0)), stride: stride, padding: kw["padding"].map(ints) ?? [0],
                             dilation: kw["dilation"].map(ints) ?? [1], returnIndices: kw["return_indices"] as? Bool ?? false,
                             ceilMode: kw["ceil_mode"] as? Bool ?? false)
        case "MaxPool1d":
            return MaxPool1d(kernelSize: int(0), stride: kw["stride"] as? Int)
        case "AvgPool2d":
            return AvgPool2d(kernelSize: ints(arg(0)), stride: stride, padding: kw["padding"].map(ints) ?? [0],
                             ceilMode: kw["ceil_mode"] as? Bool ?? false, countIncludePad: kw["count_include_pad"] as? Bool ?? true,
                             divisorOverride: kw["divisor_override"] as? Int)
        case "AdaptiveAvgPool2d":
            let size: [Int?] = (arg(0) as? [Any]).map { $0.map { $0 as? Int } } ?? [arg(0) as? Int]
            return AdaptiveAvgPool2d(outputSize: size)
        case "BatchNorm1d", "BatchNorm2d":
            let momentum: Double? = kw.keys.contains("momentum") ? kw["momentum"] as? Double : 0.1
            let (eps, affine, track) = (kw["eps"] as? Double ?? 1e-5, kw["affine"] as? Bool ?? true,
                                        kw["track_running_stats"] as? Bool ?? true)
            if c["module"] as? String == "BatchNorm1d" {
                return try BatchNorm1d(int(0), eps: eps, momentum: momentum, affine: affine, trackRunningStats: track, bias: bias)
            }
            return try BatchNorm2d(int(0), eps: eps, momentum: momentum, affine: affine, trackRunningStats: track, bias: bias)
        case "LayerNorm":
            return try LayerNorm(ints(arg(0)), eps: kw["eps"] as? Double ?? 1e-5,
                                 elementwiseAffine: kw["elementwise_affine"] as? Bool ?? true, bias: bias)
        case "Embedding":
            return try Embedding(int(0), int(1), paddingIdx: kw["padding_idx"] as? Int)
        case "Dropout":
            return try Dropout(p: arg(0) as? Double ?? 0.5, inplace: kw["inplace"] as? Bool ?? false)
        default:
            throw FixtureError("unknown module \(c["module"] ?? "")")
        }
    }

    func testModuleFixtures() throws {
        let cases = LayerFixtures.cases.filter { $0["module"] != nil }
        XCTAssertGreaterThan(cases.count, 30)
        for c in cases {
            let id = c["id"] as? String ?? "?"
            Tensor.manualSeed(0)
            let module: Module
            do {
                module = try make(c)
            } catch let e as TensorError {
                let expected = c["error"] as? [String: Any]
                XCTAssertEqual(e.message, expected?["message"] as? String, id)
                // PyTorch asserts the padding index (AssertionError); wick raises ValueError.
                if expected?["type"] as? String != "AssertionError" { XCTAssertEqual(e.kind.rawValue, expected?["type"] as? String, id) }
                continue
            }
            XCTAssertNil(c["error"], "\(id): expected an error")
            XCTAssertEqual(module.description, c["repr"] as? String, id)
            let params = c["params"] as? [String: Any] ?? [:]
            XCTAssertEqual(Set(module.namedParameters().map { $0.0 }), Set(params.keys), "\(id) parameters")
            for (name, t) in module.namedParameters() { assertMatches(t, params[name] as? [String: Any], "\(id).\(name)") }
            let buffers = c["buffers"] as? [String: Any] ?? [:]
            XCTAssertEqual(Set(module.namedBuffers().map { $0.0 }), Set(buffers.keys), "\(id) buffers")
            for (name, t) in module.namedBuffers() { assertMatches(t, buffers[name] as? [String: Any], "\(id).\(name)") }
            guard let inputs = c["inputs"] as? [[String: Any]] else { continue }
            if id.hasSuffix("/eval") { module.eval() }
            let outputs = c["outputs"] as? [[String: Any]] ?? []
            for (i, spec) in inputs.enumerated() {
                do {
                    let y = try module(fixtureTensor(spec))
                    assertMatches(y, outputs.indices.contains(i) ? outputs[i] : nil, "\(id).output[\(i)]")
                } catch let e as TensorError {
                    let expected = c["forward_error"] as? [String: Any]
                    XCTAssertEqual(e.message, expected?["message"] as? String, id)
                    XCTAssertEqual(e.kind.rawValue, expected?["type"] as? String, id)
                }
            }
            let after = c["buffers_after"] as? [String: Any] ?? [:]
            for (name, t) in module.namedBuffers() { assertMatches(t, after[name] as? [String: Any], "\(id).after.\(name)") }
        }
    }

    /// Dropout: identity in evaluation mode, PyTorch's scaling in training.
    func testDropoutModes() throws {
        let layer = try Dropout(p: 0.25)
        let x = try Tensor.ones([4, 5])
        layer.eval()
        XCTAssertTrue(try layer(x) === x)
        layer.train()
        let y = try layer(x)
        XCTAssertTrue(y.doubles.allSatisfy { $0 == 0 || Swift.abs($0 - 1 / 0.75) < 1e-6 })
        XCTAssertEqual(y.gradFn?.name, nil)
    }

    /// from_pretrained shares the data and freezes by default; padding rows get no gradient.
    func testEmbeddingFromPretrained() throws {
        let table = try Tensor([1.0, 2, 3, 4, 5, 6], shape: [3, 2], dtype: .float32)
        let frozen = try Embedding.fromPretrained(table)
        XCTAssertFalse(frozen.weight?.requiresGrad ?? true)
        XCTAssertEqual(frozen.description, "Embedding(3, 2)")
        let trainable = try Embedding.fromPretrained(table, freeze: false, paddingIdx: 0)
        let out = try trainable(Tensor([Int64(0), 2, 0]))
        XCTAssertEqual(out.doubles, [1, 2, 5, 6, 1, 2])
        try out.sum().backward()
        XCTAssertEqual(trainable.weight?.grad?.doubles, [0, 0, 0, 0, 1, 1])
        XCTAssertThrowsError(try Embedding.fromPretrained(Tensor([1.0, 2]))) { e in
            XCTAssertEqual((e as? TensorError)?.message, "Embeddings parameter is expected to be 2-dimensional")
        }
    }

    /// A conv layer with a non-zeros padding mode pads explicitly first.
    func testConvPaddingModeAndDynamicForward() throws {
        Tensor.manualSeed(0)
        let conv = try Conv2d(1, 1, kernelSize: [3], padding: 1, bias: false, paddingMode: "replicate")
        let x = try Tensor.ones([1, 1, 4, 4])
        let w = try XCTUnwrap(conv.weight)
        let y = try conv(x)
        XCTAssertEqual(y.shape, [1, 1, 4, 4])
        // Replicated ones: every window sums the whole kernel.
        let total = w.doubles.reduce(0, +)
        for v in y.doubles { XCTAssertEqual(v, total, accuracy: 1e-5) }
        XCTAssertThrowsError(try conv.call([])) { e in
            XCTAssertEqual((e as? TensorError)?.message, "Conv2d.forward() missing 1 required positional argument: 'input'")
        }
    }
}
