import XCTest
@testable import Engine

/// nn.RNN / LSTM / GRU and their cells against recurrent.json (make_recurrent_fixtures.py):
/// default initialisation, outputs, final states, grad_fn names, gradients, error texts,
/// reprs; plus gradcheck of every variant.
final class RecurrentTests: XCTestCase {
    static let cases: [[String: Any]] = {
        (try? Fixtures.load("recurrent.json"))?["cases"] as? [[String: Any]] ?? []
    }()

    static func cases(_ kind: String) -> [[String: Any]] { cases.filter { $0["kind"] as? String == kind } }

    /// Builds the module a fixture names, after `torch.manual_seed(init_seed)`.
    static func build(_ c: [String: Any]) throws -> Module {
        let kw = c["kwargs"] as? [String: Any] ?? [:]
        let input = kw["input_size"] as? Int ?? 0, hidden = kw["hidden_size"] as? Int ?? 0
        let layers = kw["num_layers"] as? Int ?? 1, bias = kw["bias"] as? Bool ?? true
        let batchFirst = kw["batch_first"] as? Bool ?? false, bidirectional = kw["bidirectional"] as? Bool ?? false
        let dropout = (kw["dropout"] as? NSNumber)?.doubleValue ?? 0
        let nonlinearity = kw["nonlinearity"] as? String ?? "tanh"
        Tensor.manualSeed(c["init_seed"] as? Int ?? 0)
        let module: Module
        switch c["module"] as? String {
        case "RNN":
            if let proj = kw["proj_size"] as? Int, proj != 0 {
                throw TensorError.value("proj_size argument is only supported for LSTM, not RNN or GRU")
            }
            module = try RNN(input, hidden, numLayers: layers, nonlinearity: nonlinearity, bias: bias,
                             batchFirst: batchFirst, dropout: dropout, bidirectional: bidirectional)
        case "GRU":
            if let proj = kw["proj_size"] as? Int, proj != 0 {
                throw TensorError.value("proj_size argument is only supported for LSTM, not RNN or GRU")
            }
            module = try GRU(input, hidden, numLayers: layers, bias: bias, batchFirst: batchFirst, dropout: dropout,
                             bidirectional: bidirectional)
        case "LSTM":
            module = try LSTM(input, hidden, numLayers: layers, bias: bias, batchFirst: batchFirst, dropout: dropout,
                              bidirectional: bidirectional, projSize: kw["proj_size"] as? Int ?? 0)
        case "RNNCell": module = try RNNCell(input, hidden, bias: bias, nonlinearity: nonlinearity)
        case "LSTMCell": module = try LSTMCell(input, hidden, bias: bias)
        case "GRUCell": module = try GRUCell(input, hidden, bias: bias)
        default: throw FixtureError("unknown module \(c["module"] ?? "?")")
        }
        if c["dtype"] as? String == "float64" { try module.double() }
        module.train(c["training"] as? Bool ?? true)
        return module
    }

    /// Calls the module on the fixture's input and hx through the dynamic forward; returns the
    /// output tensors in the fixture's order ([output, h_n(, c_n)] or a cell's [h(, c)]).
    static func run(_ module: Module, _ x: Tensor, _ hx: [Tensor]?) throws -> [Tensor] {
        var args: [ModuleValue] = [.tensor(x)]
        if let hx { args.append(hx.count == 1 ? .tensor(hx[0]) : .tuple(hx.map { .tensor($0) })) }
        func flatten(_ v: ModuleValue) -> [Tensor] {
            switch v {
            case .tensor(let t): return [t]
            case .tuple(let items): return items.flatMap(flatten)
            default: return []
            }
        }
        return flatten(try module.call(args))
    }

    func testLayersAndCellsMatchPyTorch() throws {
        let all = Self.cases("layer") + Self.cases("cell")
        XCTAssertEqual(all.count, 67)
        for c in all {
            let id = c["id"] as? String ?? "?"
            let module = try Self.build(c)
            // Default initialisation: names, order and values of torch.manual_seed(seed); Module(...).
            let expected = c["params"] as? [[String: Any]] ?? []
            let named = module.namedParameters()
            XCTAssertEqual(named.map { $0.0 }, expected.map { $0["name"] as? String ?? "" }, id)
            for ((name, p), e) in zip(named, expected) {
                // Initial values are float32 draws (widened for float64 modules): compare them
                // exactly as float32 (Foundation's JSON parser may be off in the last double bit).
                let want = (e["values"] as? [Any] ?? []).map { Float(fixtureDouble($0)) }
                XCTAssertEqual(p.doubles.map { Float($0) }, want, "\(id) init \(name)")
                XCTAssertEqual(p.shape, e["shape"] as? [Int], "\(id) init \(name)")
            }
            XCTAssertEqual(module.description, c["repr"] as? String, id)

            let x = try fixtureTensor(c["input"] as? [String: Any] ?? [:]).setRequiresGrad()
            let hx = try (c["hx"] as? [[String: Any]])?.map { try fixtureTensor($0).setRequiresGrad() }
            if let seed = c["forward_seed"] as? Int { Tensor.manualSeed(seed) }
            let outs = try Self.run(module, x, hx)
            let isCell = c["kind"] as? String == "cell"
            let gradFn = c["grad_fn"] as? [String: Any] ?? [:]
            assertMatches(outs.first, c["output"] as? [String: Any], "\(id) output")
            XCTAssertEqual(outs.first?.gradFn?.name, gradFn["output"] as? String, "\(id) output grad_fn")
            let h = isCell ? outs.first : outs.dropFirst().first
            assertMatches(h, c["h_n"] as? [String: Any], "\(id) h_n")
            XCTAssertEqual(h?.gradFn?.name, gradFn["h_n"] as? String, "\(id) h_n grad_fn")
            if let cn = c["c_n"] as? [String: Any] {
                assertMatches(outs.last, cn, "\(id) c_n")
                XCTAssertEqual(outs.last?.gradFn?.name, gradFn["c_n"] as? String, "\(id) c_n grad_fn")
            }
            let cotangents = try (c["cotangents"] as? [[String: Any]] ?? []).map(fixtureTensor)
            XCTAssertEqual(cotangents.count, outs.count, id)
            try Autograd.backward(outs, gradients: cotangents)
            let grads = c["grads"] as? [String: Any] ?? [:]
            // Gradients sum over time, yet stay within the usual float32/float64 tolerances.
            let rtol = x.dtype == .float32 ? 1e-5 : 1e-12, atol = x.dtype == .float32 ? 1e-6 : 1e-12
            assertMatches(x.grad, grads["input"] as? [String: Any], "\(id) grad input", rtol: rtol, atol: atol)
            for (i, (t, e)) in zip(hx ?? [], grads["hx"] as? [[String: Any]] ?? []).enumerated() {
                assertMatches(t.grad, e, "\(id) grad hx[\(i)]", rtol: rtol, atol: atol)
            }
            for ((name, p), e) in zip(named, grads["params"] as? [[String: Any]] ?? []) {
                assertMatches(p.grad, e, "\(id) grad \(name)", rtol: rtol, atol: atol)
            }
        }
    }

    func testErrorMessagesMatchPyTorch() throws {
        let errors = Self.cases("error")
        XCTAssertEqual(errors.count, 50)
        for c in errors {
            let id = c["id"] as? String ?? "?"
            let expected = c["error"] as? [String: Any] ?? [:]
            do {
                let module = try Self.build(c)
                guard let input = c["input"] as? [String: Any] else { XCTFail("\(id): no error raised"); continue }
                let hx = try (c["hx"] as? [[String: Any]])?.map(fixtureTensor)
                _ = try Self.run(module, try fixtureTensor(input), hx)
                XCTFail("\(id): no error raised")
            } catch let e as TensorError {
                XCTAssertEqual(e.kind.rawValue, expected["type"] as? String, id)
                XCTAssertEqual(e.message, expected["message"] as? String, id)
            }
        }
        // Sizes that would overflow are errors, not traps.
        XCTAssertThrowsError(try LSTM(4, Int.max / 2)) { XCTAssertEqual(($0 as? TensorError)?.kind, .runtime) }
        XCTAssertThrowsError(try GRU(4, 3, numLayers: Int.max)) { XCTAssertEqual(($0 as? TensorError)?.kind, .runtime) }
        XCTAssertThrowsError(try Recurrent.rnn(.gru, Tensor.zeros([2, 1, 3]), hx: Tensor.zeros([1, 1, 2]), params: [],
                                               hasBiases: true, numLayers: Int.max, dropout: 0, train: false,
                                               bidirectional: true, batchFirst: false)) {
            XCTAssertEqual(($0 as? TensorError)?.message, "GRU: expected 4 parameter tensors per layer and direction for 9223372036854775807 layers, got 0")
        }
        // proj_size passes PyTorch's checks but is not implemented here.
        XCTAssertThrowsError(try LSTM(4, 3, projSize: 2)) { XCTAssertEqual(($0 as? TensorError)?.kind, .notImplemented) }
    }

    func testReprsAndParameterNames() throws {
        let reprs = Self.cases("repr")
        XCTAssertEqual(reprs.count, 7)
        for c in reprs {
            let module = try Self.build(c)
            XCTAssertEqual(module.description, c["repr"] as? String)
            XCTAssertEqual(module.namedParameters().map { $0.0 }, c["param_names"] as? [String])
        }
        let lstm = try LSTM(32, 128, batchFirst: true)
        XCTAssertEqual(lstm.description, "LSTM(32, 128, batch_first=True)")
        XCTAssertEqual(lstm.parameters().count, 4)
        XCTAssertTrue(lstm.parameters().allSatisfy { $0.isParameter && $0.requiresGrad })
    }

    func testFusedLayerMatchesComposedPathInFloat64() throws {
        let g = Generator(seed: 3)
        let x = try GradcheckCase.uniform([4, 2, 3], -1...1, g)
        let h0 = try GradcheckCase.uniform([2, 2, 2], -1...1, g), c0 = try GradcheckCase.uniform([2, 2, 2], -1...1, g)
        let params = try [[8, 3], [8, 2], [8], [8], [8, 3], [8, 2], [8], [8]].map { try GradcheckCase.uniform($0, -1...1, g) }
        func run(_ fused: Bool) throws -> [Tensor] {
            let r = try Recurrent.run(.lstm, x, h0: h0, c0: c0, params: params, hasBiases: true, numLayers: 1,
                                      dropout: 0, train: true, bidirectional: true, batchFirst: false, forceFused: fused)
            let outs = [r.output, r.h] + (r.c.map { [$0] } ?? [])
            let grads = try Autograd.grad(outputs: outs, inputs: [x, h0, c0] + params,
                                          gradOutputs: outs.map { try $0.onesLike() })
            return outs + grads.compactMap { $0 }
        }
        let (fused, composed) = (try run(true), try run(false))
        XCTAssertEqual(fused.count, composed.count)
        for (a, b) in zip(fused, composed) {
            XCTAssertEqual(a.shape, b.shape)
            for (u, v) in zip(a.doubles, b.doubles) { XCTAssertEqual(u, v, accuracy: 1e-12) }
        }
    }

    func testFusedLayerGraphAndGradMode() throws {
        let lstm = try LSTM(3, 2)
        let x = try Tensor.zeros([4, 1, 3])
        let r = try lstm.forward(x)
        XCTAssertEqual(r.output.gradFn?.name, "MkldnnRnnLayerBackward0")
        XCTAssertEqual(r.output.gradFn?.nextFunctions.count, 7)
        let noGradOutput = try noGrad { try lstm.forward(x) }
        XCTAssertNil(noGradOutput.output.gradFn)
        // PyTorch has no derivative for mkldnn_rnn_layer_backward: double backward is refused.
        let y = try r.output.sum()
        XCTAssertThrowsError(try Autograd.grad(outputs: [y], inputs: lstm.parameters(), createGraph: true)) {
            XCTAssertEqual(($0 as? TensorError)?.kind, .notImplemented)
        }
        // Saved tensors are version-checked: an optimizer step before backward is an error.
        let out = try lstm.forward(x).output
        try noGrad { _ = try lstm.parameters()[0].addInPlace(Tensor(scalar: .double(1))) }
        XCTAssertThrowsError(try out.sum().backward())
    }

    func testGradcheckLayers() {
        for c in GradcheckCase.recurrent where !c.name.hasPrefix("recurrent/lstm_fused") && !c.name.hasPrefix("recurrent/cell") {
            let r = c.run()
            XCTAssertTrue(r.passed, "\(c.name): \(r.failure ?? "")")
        }
    }

    func testGradcheckFusedLayerAndCells() {
        let cases = GradcheckCase.recurrent.filter { $0.name.hasPrefix("recurrent/lstm_fused") || $0.name.hasPrefix("recurrent/cell") }
        XCTAssertEqual(cases.count, 12)
        for c in cases {
            let r = c.run()
            XCTAssertTrue(r.passed, "\(c.name): \(r.failure ?? "")")
        }
    }
}
