import XCTest
@testable import Engine

/// SGD, Adam, AdamW, RMSprop and Adagrad against PyTorch 2.15 (Tests/Fixtures/optim.json):
/// 10 steps with given gradients, the final state, the state dict, errors and `print(opt)`.
final class OptimizerTests: XCTestCase {
    /// Every optimizer case: parameters after each of the 10 steps, the final state tensors,
    /// the packed param groups and the repr.
    func testTenStepsMatchPyTorch() throws {
        let cases = OptimFixtures.cases("optimizer")
        XCTAssertEqual(cases.count, 21)
        for c in cases {
            let id = c["id"] as? String ?? "?"
            let params = try (c["init"] as? [[String: Any]] ?? []).map { try fixtureTensor($0).setRequiresGrad() }
            let kwargs = c["kwargs"] as? [String: Any] ?? [:]
            let opt = try makeOptimizer(c["optim"] as? String ?? "", kwargs, params: params,
                                        groups: fixtureGroups(c["groups"], params))
            for (k, step) in (c["steps"] as? [[String: Any]] ?? []).enumerated() {
                try opt.zeroGrad()
                for (p, g) in zip(params, step["grads"] as? [Any] ?? []) {
                    p.grad = (g as? [String: Any]).flatMap { try? fixtureTensor($0) }
                }
                let versions = params.map { $0.version.value }
                try opt.step()
                for (i, (p, want)) in zip(params, step["params"] as? [[String: Any]] ?? []).enumerated() {
                    assertMatches(p, want, "\(id) step \(k + 1) param \(i)")
                    XCTAssertEqual(p.version.value, versions[i] + (p.grad == nil ? 0 : 1), "\(id): version bump")
                }
            }
            let dict = opt.stateDict()
            let expectedState = c["state"] as? [[Any]] ?? []
            XCTAssertEqual(dict.state.map(\.index), expectedState.compactMap { $0.first as? Int }, "\(id): state order")
            for (entry, want) in zip(dict.state, expectedState) {
                let pairs = want.count == 2 ? want[1] as? [[Any]] ?? [] : []
                XCTAssertEqual(entry.values.keys, pairs.compactMap { $0.first as? String }, "\(id): state keys")
                for pair in pairs where pair.count == 2 {
                    guard let key = pair[0] as? String, case .tensor(let t)? = entry.values[key] else {
                        XCTFail("\(id): state \(entry.index) lacks a tensor \(pair[0])"); continue
                    }
                    assertMatches(t, pair[1] as? [String: Any], "\(id): state \(entry.index) \(key)")
                }
            }
            let groups = c["param_groups"] as? [[[Any]]] ?? []
            XCTAssertEqual(dict.paramGroups.count, groups.count, id)
            for (g, want) in zip(dict.paramGroups, groups) { assertOptions(g, want, "\(id) param_groups") }
            XCTAssertEqual(opt.description, c["repr"] as? String, "\(id): repr")
        }
    }

    /// `step(closure)` re-evaluates the loss with engine ops under enable_grad and returns it.
    func testStepWithClosure() throws {
        for c in OptimFixtures.cases("closure") {
            let id = c["id"] as? String ?? "?"
            let p = try Tensor((c["init"] as? [Double] ?? []).map { Float($0) }, shape: [4]).setRequiresGrad()
            let k = try Tensor((c["c"] as? [Double] ?? []).map { Float($0) }, shape: [4])
            let opt = try makeOptimizer(c["optim"] as? String ?? "", c["kwargs"] as? [String: Any] ?? [:],
                                        params: [p], groups: nil)
            let losses = (c["losses"] as? [Any] ?? []).map(fixtureDouble)
            let values = c["params"] as? [[String: Any]] ?? []
            try noGrad {
                for (i, (loss, want)) in zip(losses, values).enumerated() {
                    let got: Tensor = try opt.step {
                        XCTAssertTrue(GradMode.isEnabled, "closure runs with grad enabled")
                        try opt.zeroGrad()
                        let l = try (p * p * p).sum() / Scalar(3) + (p * k).sum()
                        try l.backward()
                        return l
                    }
                    XCTAssertEqual(try got.item().doubleValue, loss, accuracy: 1e-6 * Swift.abs(loss) + 1e-7, "\(id) loss \(i)")
                    assertMatches(p, want, "\(id) step \(i)")
                }
            }
        }
    }

    /// The state dict of Adam with two groups after two steps: keys, order, values.
    func testAdamStateDictLayout() throws {
        let c = try XCTUnwrap(OptimFixtures.find("state_dict", "state_dict/adam"))
        let params = try (c["init"] as? [[String: Any]] ?? []).map { try fixtureTensor($0).setRequiresGrad() }
        let opt = try Adam(groups: [ParamGroup(params: Array(params[0..<2])),
                                    ParamGroup(params: [params[2]], options: ["lr": 0.5, "amsgrad": true])],
                           lr: 0.01, foreach: false)
        for grads in c["grads"] as? [[[String: Any]]] ?? [] {
            for (p, g) in zip(params, grads) { p.grad = try fixtureTensor(g) }
            try opt.step()
        }
        let dict = opt.stateDict()
        let state = c["state"] as? [[Any]] ?? []
        XCTAssertEqual(dict.state.map(\.index), [0, 1, 2])
        for (entry, want) in zip(dict.state, state) {
            let pairs = want[1] as? [[Any]] ?? []
            XCTAssertEqual(entry.values.keys, pairs.compactMap { $0[0] as? String })
            for pair in pairs {
                guard let key = pair[0] as? String, case .tensor(let t)? = entry.values[key] else { XCTFail("missing"); continue }
                assertMatches(t, pair[1] as? [String: Any], "state \(entry.index) \(key)")
            }
        }
        XCTAssertEqual(entry(dict, 0, "step").shape, [])
        XCTAssertEqual(entry(dict, 0, "step").dtype, .float32)
        for (g, want) in zip(dict.paramGroups, c["param_groups"] as? [[[Any]]] ?? []) { assertOptions(g, want, "param_groups") }
    }

    private func entry(_ d: OptimizerStateDict, _ i: Int, _ key: String) -> Tensor {
        if case .tensor(let t)? = d.state[i].values[key] { return t }
        return Tensor(zeros: [9])
    }

    /// load_state_dict into a fresh optimizer continues exactly where the first left off.
    func testLoadStateDictResumes() throws {
        let c = try XCTUnwrap(OptimFixtures.find("optimizer", "adam/two_groups"))
        let steps = c["steps"] as? [[String: Any]] ?? []
        func fresh() throws -> ([Tensor], Optimizer) {
            let params = try (c["init"] as? [[String: Any]] ?? []).map { try fixtureTensor($0).setRequiresGrad() }
            let opt = try makeOptimizer("Adam", c["kwargs"] as? [String: Any] ?? [:], params: params,
                                        groups: fixtureGroups(c["groups"], params))
            return (params, opt)
        }
        func run(_ params: [Tensor], _ opt: Optimizer, _ range: Range<Int>) throws {
            for k in range {
                for (p, g) in zip(params, steps[k]["grads"] as? [Any] ?? []) {
                    p.grad = (g as? [String: Any]).flatMap { try? fixtureTensor($0) }
                }
                try opt.step()
            }
        }
        let (p1, o1) = try fresh()
        try run(p1, o1, 0..<5)
        let (p2, o2) = try fresh()
        o2.paramGroups[1]["lr"] = 123.0
        try noGrad { for (a, b) in zip(p2, p1) { try a.copyInPlace(b.detach()) } }
        try o2.loadStateDict(o1.stateDict())
        XCTAssertEqual(try o2.paramGroups[1].lr, 0.03)
        try run(p2, o2, 5..<10)
        for (i, (p, want)) in zip(p2, steps[9]["params"] as? [[String: Any]] ?? []).enumerated() {
            assertMatches(p, want, "resumed param \(i)")
        }
        // Mismatched layouts are refused with PyTorch's words.
        let (_, o3) = try fresh()
        let one = try SGD([Tensor(zeros: [2]).setRequiresGrad()], lr: 0.1)
        XCTAssertThrowsError(try o3.loadStateDict(one.stateDict())) {
            XCTAssertEqual(($0 as? TensorError)?.message, "loaded state dict has a different number of parameter groups")
        }
    }

    /// Argument errors: type and exact message of every optimizer error case.
    func testArgumentErrors() throws {
        let p = { [try Tensor(zeros: [2]).setRequiresGrad()] }
        let makers: [String: () throws -> Any] = [
            "sgd/lr": { try SGD(p(), lr: -1.0) },
            "sgd/lr_int": { try SGD(p(), lr: -1) },
            "sgd/momentum": { try SGD(p(), lr: 0.1, momentum: -0.5) },
            "sgd/weight_decay": { try SGD(p(), lr: 0.1, weightDecay: -1e-3) },
            "sgd/nesterov": { try SGD(p(), lr: 0.1, nesterov: true) },
            "sgd/nesterov_dampening": { try SGD(p(), lr: 0.1, momentum: 0.9, dampening: 0.1, nesterov: true) },
            "sgd/empty": { try SGD([], lr: 0.1) },
            "adam/lr": { try Adam(p(), lr: -0.001) },
            "adam/eps": { try Adam(p(), eps: -1e-8) },
            "adam/beta0": { try Adam(p(), betas: (1.0, 0.999)) },
            "adam/beta1": { try Adam(p(), betas: (0.9, -0.1)) },
            "adam/betas_int": { try Adam(p(), betas: (0, 0.9)) },
            "adam/weight_decay": { try Adam(p(), weightDecay: -0.5) },
            "adamw/beta0": { try AdamW(p(), betas: (1.5, 0.999)) },
            "rmsprop/alpha": { try RMSprop(p(), alpha: -0.9) },
            "rmsprop/momentum": { try RMSprop(p(), momentum: -0.9) },
            "rmsprop/eps": { try RMSprop(p(), eps: -1.0) },
            "adagrad/lr_decay": { try Adagrad(p(), lrDecay: -0.1) },
            "adagrad/initial_accumulator_value": { try Adagrad(p(), initialAccumulatorValue: -1.0) },
            "adagrad/eps": { try Adagrad(p(), eps: -1e-10) },
            "add_param_group/duplicate": { let a = try p(); return try SGD(groups: [ParamGroup(params: a), ParamGroup(params: a)], lr: 0.1) },
            "add_param_group/non_leaf": { try SGD([Tensor(zeros: [2]).setRequiresGrad() * Scalar(2)], lr: 0.1) },
            "load_state_dict/groups": {
                try SGD(p(), lr: 0.1).loadStateDict(SGD(groups: [ParamGroup(params: p()), ParamGroup(params: p())], lr: 0.1).stateDict())
            },
            "load_state_dict/sizes": { try SGD(p(), lr: 0.1).loadStateDict(SGD(p() + p(), lr: 0.1).stateDict()) },
        ]
        var checked = 0
        for c in OptimFixtures.cases("error") {
            guard let id = c["id"] as? String, let make = makers[id] else { continue }
            XCTAssertThrowsError(try make(), id) { error in
                XCTAssertEqual((error as? TensorError)?.kind.rawValue, c["type"] as? String, id)
                XCTAssertEqual((error as? TensorError)?.message, c["message"] as? String, id)
            }
            checked += 1
        }
        XCTAssertEqual(checked, makers.count)
    }

    /// zero_grad: set_to_none drops grads; set_to_none=False zeroes them in place.
    func testZeroGrad() throws {
        let a = try Tensor([Float(1), 2], shape: [2]).setRequiresGrad()
        let opt = try SGD([a], lr: 0.1)
        a.grad = try Tensor([Float(3), 4], shape: [2])
        let g = try XCTUnwrap(a.grad)
        try opt.zeroGrad(setToNone: false)
        XCTAssertTrue(a.grad === g)
        XCTAssertEqual(g.doubles, [0, 0])
        try opt.zeroGrad()
        XCTAssertNil(a.grad)
        // A parameter without a gradient is left alone by step().
        try opt.step()
        XCTAssertEqual(a.doubles, [1, 2])
    }

    /// param_groups are live: writing 'lr' changes the next step; add_param_group fills
    /// defaults; unsupported implementation flags are refused clearly.
    func testParamGroupsAreWritable() throws {
        let a = try Tensor([Float(1)], shape: [1]).setRequiresGrad()
        let b = try Tensor([Float(1)], shape: [1]).setRequiresGrad()
        let opt = try SGD([a], lr: 0.1, momentum: 0.9)
        opt.paramGroups[0]["lr"] = 0.5
        a.grad = try Tensor([Float(1)], shape: [1])
        try opt.step()
        XCTAssertEqual(a.doubles, [0.5])
        try opt.addParamGroup(ParamGroup(params: [b], options: ["lr": 0.01]))
        XCTAssertEqual(opt.paramGroups[1].options.keys, ["lr", "momentum", "dampening", "weight_decay", "nesterov",
                                                         "maximize", "foreach", "differentiable", "fused"])
        XCTAssertEqual(opt.paramGroups[1]["momentum"], .float(0.9))
        XCTAssertThrowsError(try opt.addParamGroup(ParamGroup(params: [a]))) {
            XCTAssertEqual(($0 as? TensorError)?.message, "some parameters appear in more than one parameter group")
        }
        XCTAssertThrowsError(try Adam([a], fused: true)) { XCTAssertEqual(($0 as? TensorError)?.kind, .notImplemented) }
        // Named parameters keep their names in the state dict.
        let named = try SGD(groups: [ParamGroup(namedParams: [("w", a)])], lr: 0.1)
        XCTAssertEqual(named.stateDict().paramGroups[0]["param_names"], .list(["w"]))
        XCTAssertThrowsError(try named.addParamGroup(ParamGroup(params: [b]))) {
            XCTAssertEqual(($0 as? TensorError)?.message, "all optimizer param groups should be with/without names. cannot add param group without names to the optimizer")
        }
    }

    /// A non-contiguous parameter (a transposed view's base layout) is updated correctly.
    func testNonContiguousParameterAndGradient() throws {
        let base = try Tensor([Float(1), 2, 3, 4, 5, 6], shape: [2, 3])
        let p = try base.transpose(0, 1).setRequiresGrad()
        XCTAssertFalse(p.isContiguous)
        let opt = try SGD([p], lr: 0.5)
        p.grad = try Tensor([Float(1), 1, 1, 1, 1, 1], shape: [3, 2]).transpose(0, 1).contiguous().transpose(0, 1)
        try opt.step()
        XCTAssertEqual(base.doubles, [0.5, 1.5, 2.5, 3.5, 4.5, 5.5])
    }
}
