import XCTest
@testable import Engine

/// The grad_fn tree below `t`, written as make_nn_core_fixtures.py's `graph()` writes it.
func graphString(_ t: Tensor) -> String {
    func walk(_ node: Node?) -> String {
        guard let node else { return "None" }
        let name = node.isAccumulateGrad ? "torch::autograd::AccumulateGrad" : node.name
        let kids = node.nextFunctions.map { walk($0.node) }
        return name + (kids.isEmpty ? "" : "(" + kids.joined(separator: ", ") + ")")
    }
    return walk(t.gradFn)
}

final class LinearTests: XCTestCase {
    func testDefaultInitialisationMatchesTorchManualSeed() throws {
        for (id, c) in try NNCore.ofKind("linear_init") {
            Tensor.manualSeed(c["seed"] as? Int ?? 0)
            for layer in c["layers"] as? [[String: Any]] ?? [] {
                let dtype = fixtureDType(layer["dtype"] as? String)
                let m = try Linear(layer["in"] as? Int ?? 0, layer["out"] as? Int ?? 0, bias: layer["bias"] as? Bool ?? true,
                                   dtype: dtype)
                assertMatches(m.weight, layer["weight_value"] as? [String: Any], "\(id) weight")
                assertMatches(m.bias, layer["bias_value"] as? [String: Any], "\(id) bias")
                XCTAssertTrue(m.weight?.isParameter == true && m.weight?.requiresGrad == true)
            }
        }
        let m = try Linear(4, 3)
        XCTAssertEqual(m.namedParameters().map { $0.0 }, ["weight", "bias"])
        XCTAssertEqual(try Linear(4, 3, bias: false).parameterEntries.map { $0.0 }, ["weight", "bias"])
        try assertFixtureError("linear_error/negative") { _ = try Linear(3, -1) }
    }

    func testForwardBackwardMatchesPyTorch() throws {
        let cases = try NNCore.ofKind("linear_forward")
        XCTAssertEqual(cases.count, 22)
        for (id, c) in cases {
            let x: Tensor
            if let base = c["transposed_base"] as? [String: Any] {
                x = try fixtureTensor(base).transpose(0, 1)
            } else {
                x = try fixtureTensor(try XCTUnwrap(c["input"] as? [String: Any]))
            }
            try x.setRequiresGrad()
            let w = try fixtureTensor(try XCTUnwrap(c["weight"] as? [String: Any])).setRequiresGrad()
            let b = try (c["bias"] as? [String: Any]).map { try fixtureTensor($0).setRequiresGrad() }
            let y = try Linear.linear(x, weight: w, bias: b)
            assertMatches(y, c["output"] as? [String: Any], "\(id) output")
            XCTAssertEqual(y.gradFn?.name, c["grad_fn"] as? String, id)
            XCTAssertEqual(graphString(y), c["graph"] as? String, id)
            try y.backward(gradient: fixtureTensor(try XCTUnwrap(c["cotangent"] as? [String: Any])))
            assertMatches(x.grad, c["grad_input"] as? [String: Any], "\(id) grad input")
            assertMatches(w.grad, c["grad_weight"] as? [String: Any], "\(id) grad weight")
            assertMatches(b?.grad, c["grad_bias"] as? [String: Any], "\(id) grad bias")
        }
    }

    func testLayerForwardErrors() throws {
        let lin = try Linear(4, 3)
        try assertFixtureError("linear_error/shape") { _ = try lin(Tensor(zeros: [2, 5])) }
        try assertFixtureError("linear_error/1d_shape") { _ = try lin(Tensor(zeros: [5])) }
        try assertFixtureError("linear_error/3d_shape") { _ = try lin(Tensor(zeros: [2, 2, 5])) }
        try assertFixtureError("linear_error/0d") { _ = try lin(Tensor(scalar: 1.0)) }
        try assertFixtureError("linear_error/dtype") { _ = try lin(Tensor(zeros: [2, 4], dtype: .float64)) }
    }

    func testLayerReadsReplacedParameters() throws {
        let lin = try Linear(2, 1)
        XCTAssertTrue(try lin.assignAttribute("weight", .parameter(Tensor.parameter(Tensor([1.0, 2.0], shape: [1, 2], dtype: .float32)))))
        XCTAssertTrue(try lin.assignAttribute("bias", .none))
        XCTAssertEqual(lin.extraRepr(), "in_features=2, out_features=1, bias=False")
        let y = try lin(Tensor([3.0, 4.0], shape: [1, 2], dtype: .float32))
        XCTAssertEqual(y.doubles, [11])
        XCTAssertEqual(y.gradFn?.name, "MmBackward0")
        let f = try Functional.linear(Tensor([3.0, 4.0], shape: [1, 2], dtype: .float32), weight: XCTUnwrap(lin.weight))
        XCTAssertEqual(f.doubles, [11])
    }

    func testIdentityFlattenUnflatten() throws {
        let x = try Tensor.randn([2, 3, 4])
        XCTAssertTrue(try Identity()(x) === x)
        XCTAssertEqual(try Flatten()(x).shape, [2, 12])
        XCTAssertEqual(try Flatten(startDim: 0, endDim: 1)(x).shape, [6, 4])
        XCTAssertEqual(try Unflatten(dim: 2, unflattenedSize: [2, -1])(x).shape, [2, 3, 2, 2])
        XCTAssertThrowsError(try Flatten().call([.none])) {
            XCTAssertEqual(pythonError($0).1, "'NoneType' object has no attribute 'flatten'")
        }
        XCTAssertTrue(Identity().parameters().isEmpty)
    }

    func testGradcheckCases() {
        XCTAssertFalse(GradcheckCase.nnCore.isEmpty)
        for c in GradcheckCase.nnCore {
            let r = c.run()
            XCTAssertTrue(r.passed, "\(c.name): \(r.failure ?? "")")
        }
    }

    func testSwiftConvenience() throws {
        // torch.manual_seed(0); nn.Sequential(nn.Linear(64, 128), nn.ReLU(), nn.Linear(128, 10))
        let c = try NNCore.get("mlp")
        Tensor.manualSeed(0)
        let model = try Sequential(Linear(64, 128), ReLU(), Linear(128, 10))
        let y = try model(Tensor.randn([8, 64]))
        assertMatches(y, c["output"] as? [String: Any], "mlp output")
        XCTAssertEqual(y.gradFn?.name, c["grad_fn"] as? String)
        XCTAssertEqual(model.description, c["repr"] as? String)
        try y.sum().backward()
        assertMatches((try model[0] as? Linear)?.bias?.grad, c["grad_first_bias"] as? [String: Any], "mlp grad")
        assertMatches((try model[2] as? Linear)?.weight?.grad, c["grad_last_weight"] as? [String: Any], "mlp grad")
        XCTAssertEqual(model.parameters().count, 4)
        XCTAssertTrue(try model[-1] is Linear)
        XCTAssertEqual(model.map { $0.typeName }, ["Linear", "ReLU", "Linear"])
        let heads = try ModuleDict([("policy", try Linear(10, 4))])
        XCTAssertEqual(try (heads["policy"] as? Linear)?.outFeatures, 4)
        XCTAssertNil(try? heads["value"])
        let blocks = ModuleList([try Linear(2, 2), Identity()])
        XCTAssertTrue(try blocks[1] is Identity)
        XCTAssertEqual(Array(blocks).count, 2)
    }
}
