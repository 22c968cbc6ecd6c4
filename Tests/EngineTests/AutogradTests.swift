import XCTest
@testable import Engine

/// The autograd engine's behaviour against PyTorch 2.15: every test replays one snippet of
/// Tests/Fixtures/make_autograd_fixtures.py (quoted above the test) and compares with the
/// values and messages real torch recorded in autograd.json.
final class AutogradTests: XCTestCase {
    override func tearDown() {
        GradMode.set(true)
        GradMode.setDetectAnomaly(false)
        Autograd.warningHandler = nil
        super.tearDown()
    }

    func testAddMulBackwardAccumulatesIntoLeaves() throws {
        let x = try Tensor([1.0, 2.0, 3.0] as [Float], shape: [3]).setRequiresGrad()
        let w = try Tensor([0.5] as [Float], shape: [1]).setRequiresGrad()
        let y = try (x * w + 1.0).sum()
        XCTAssertEqual(y.gradFn?.name, "SumBackward0")
        XCTAssertEqual(y.gradFn?.nextFunctions.first?.node?.name, "AddBackward0")
        try y.backward()
        XCTAssertEqual(x.grad?.toArray(Float.self), [0.5, 0.5, 0.5])
        XCTAssertEqual(w.grad?.toArray(Float.self), [6])
        let y2 = try (x * w).sum()
        try y2.backward()
        XCTAssertEqual(w.grad?.toArray(Float.self), [12])
    }

    func testBroadcastingGradientsAreSummed() throws {
        let a = try Tensor([Float](repeating: 1, count: 6), shape: [2, 3]).setRequiresGrad()
        let b = try Tensor([1, 2, 3] as [Float], shape: [3]).setRequiresGrad()
        try (a * b).sum().backward()
        XCTAssertEqual(b.grad?.shape, [3])
        XCTAssertEqual(b.grad?.toArray(Float.self), [2, 2, 2])
        XCTAssertEqual(a.grad?.toArray(Float.self), [1, 2, 3, 1, 2, 3])
    }

    // MARK: backward basics

    func testAccumulationAcrossBackwardCalls() throws {
        let x = try f32([1, 2]).setRequiresGrad()
        try (x * 3.0).sum().backward()
        try expect("accumulate_across_backward", "after_first", x.grad?.clone())
        try (x * x).sum().backward()
        try expect("accumulate_across_backward", "grad", x.grad)
    }

    func testRetainGraphAllowsSecondBackward() throws {
        let x = try f32([1, 2, 3]).setRequiresGrad()
        let y = try (x * x).sum()
        try y.backward(retainGraph: true)
        try y.backward()
        try expect("retain_graph_twice", "grad", x.grad)
    }

    func testSecondBackwardThroughFreedGraph() throws {
        let x = try f32([1, 2, 3]).setRequiresGrad()
        let y = try (x * x).sum()
        try y.backward()
        try expectError("backward_twice_error") { try y.backward() }
    }

    func testSecondBackwardWithoutSavedTensorsWorks() throws {
        let x = try f32([1, 2]).setRequiresGrad()
        let y = try (x + 1.0).sum()
        try y.backward()
        try y.backward()
        try expect("backward_twice_no_saved_ok", "grad", x.grad)
    }

    func testNonScalarBackwardNeedsGradient() throws {
        let x = try f32([1, 2, 3]).setRequiresGrad()
        try expectError("non_scalar_needs_gradient") { try (x * 2.0).backward() }
        try (x * x).backward(gradient: f32([1, 0.5, 2]))
        try expect("non_scalar_with_gradient", "grad", x.grad)
    }

    func testBackwardWithoutGradFn() throws {
        try expectError("no_grad_fn_error") { try (f32([1, 2, 3]) * 2.0).sum().backward() }
        let x = try f32([1, 2]).setRequiresGrad()
        try expectError("second_root_no_grad_fn_error") {
            try Autograd.backward([try (x * 2.0).sum(), Tensor(scalar: .double(1), dtype: .float32)])
        }
        let y = try (x * x).sum()
        try expectError("fewer_gradients_than_roots_error") {
            try Autograd.backward([y, try y * 2.0], gradients: [Tensor(scalar: .double(1), dtype: .float32)])
        }
        try expectError("grad_empty_inputs_error") { _ = try Autograd.grad(outputs: [y], inputs: []) }
    }

    // MARK: grad mode

    func testGradModeNesting() throws {
        let x = try f32([1, 2]).setRequiresGrad()
        var flags: [Bool] = []
        var a, b, c, d: Tensor?
        try noGrad {
            flags.append(GradMode.isEnabled); a = try x * 2.0
            try enableGrad {
                flags.append(GradMode.isEnabled); b = try x * 2.0
                try setGradEnabled(false) { flags.append(GradMode.isEnabled); c = try x * 2.0 }
                flags.append(GradMode.isEnabled)
            }
            flags.append(GradMode.isEnabled)
        }
        flags.append(GradMode.isEnabled)
        GradMode.set(false)
        flags.append(GradMode.isEnabled); d = try x * 2.0
        GradMode.set(true)
        flags.append(GradMode.isEnabled)
        XCTAssertEqual(flags, try bools("grad_mode_nesting", "flags"))
        let results = [a, b, c, d].compactMap { $0 }
        XCTAssertEqual(results.map(\.requiresGrad), try bools("grad_mode_nesting", "requires_grad"))
        XCTAssertEqual(results.map(\.isLeaf), try bools("grad_mode_nesting", "is_leaf"))
    }

    // MARK: detach and .data

    func testDetachSharesStorageAndVersion() throws {
        let x = try f32([1, 2, 3]).setRequiresGrad()
        let d = x.detach()
        XCTAssertEqual([d.requiresGrad, d.isLeaf, d.gradFn == nil], try bools("detach_shares_storage_and_version", "d_flags"))
        let y = try x * x
        try d.addInPlace(1.0)
        try expect("detach_shares_storage_and_version", "x", x)
        XCTAssertEqual([x.versionNumber, d.versionNumber], try ints("detach_shares_storage_and_version", "versions"))
        try expectError("detach_shares_storage_and_version") { try y.sum().backward() }
    }

    func testDataHasItsOwnVersionCounter() throws {
        let x = try f32([1, 2, 3]).setRequiresGrad()
        let y = try x * x
        try x.data.mulInPlace(2.0)
        XCTAssertEqual([x.versionNumber, x.data.versionNumber], try ints("data_has_own_version", "versions"))
        try y.sum().backward()
        try expect("data_has_own_version", "grad", x.grad)
        XCTAssertEqual([x.data.requiresGrad, x.data.isLeaf], try bools("data_has_own_version", "data_flags"))
    }

    // MARK: autograd.grad

    func testGradWithGradOutputsAndAllowUnused() throws {
        let x = try f32([1, 2, 3]).setRequiresGrad()
        let g = try Autograd.grad(outputs: [try x * x], inputs: [x], gradOutputs: [try f32([1, 0.5, -1])])
        try expect("grad_with_grad_outputs", "grad", g[0])
        XCTAssertNil(x.grad)

        let x2 = try f32([1, 2]).setRequiresGrad()
        let u = try f32([5]).setRequiresGrad()
        let both = try Autograd.grad(outputs: [try (x2 * x2).sum()], inputs: [x2, u], allowUnused: true)
        try expect("grad_allow_unused", "gx", both[0])
        XCTAssertNil(both[1])
        try expectError("grad_unused_error") {
            _ = try Autograd.grad(outputs: [try (x2 * x2).sum()], inputs: [x2, u])
        }
        let c = try f32([5])
        try expectError("grad_input_no_requires_grad_error") {
            _ = try Autograd.grad(outputs: [try (x2 * c).sum()], inputs: [x2, c])
        }
        let zeros = try Autograd.grad(outputs: [try (x2 * x2).sum()], inputs: [x2, u], materializeGrads: true)
        XCTAssertEqual(zeros[1]?.toArray(Float.self), [0])
    }

    func testCreateGraphGivesSecondDerivative() throws {
        let x = try f64([1, -2, 0.5]).setRequiresGrad()
        let y = try (x * x * x).sum()
        let first = try Autograd.grad(outputs: [y], inputs: [x], createGraph: true)
        try expect("grad_create_graph_second_derivative", "first", first[0])
        XCTAssertEqual(first[0]?.requiresGrad, try bool("grad_create_graph_second_derivative", "first_requires_grad"))
        guard let g = first[0] else { return XCTFail("no first derivative") }
        let second = try Autograd.grad(outputs: [try g.sum()], inputs: [x])
        try expect("grad_create_graph_second_derivative", "second", second[0])  // 6x

        var warnings: [String] = []
        Autograd.warningHandler = { warnings.append($0) }
        let x2 = try f64([2]).setRequiresGrad()
        try (x2 * x2 * x2).sum().backward(createGraph: true)
        try expect("backward_create_graph_grad_has_grad_fn", "grad", x2.grad)
        XCTAssertEqual(x2.grad?.requiresGrad, true)
        let gradOfX2 = x2.grad
        x2.grad = nil
        try gradOfX2?.sum().backward()
        try expect("backward_create_graph_grad_has_grad_fn", "second", x2.grad)
        XCTAssertEqual(warnings, try fixtureWarnings("backward_create_graph_grad_has_grad_fn"))
    }

    // MARK: in-place changes and versions

    func testVersionCounterErrorForSavedTensors() throws {
        let x = try f32([1, 2, 3]).setRequiresGrad()
        let w = try f32([4, 5, 6]).setRequiresGrad()
        let y = try x * w
        try noGrad { _ = try w.addInPlace(1.0) }
        try expectError("saved_leaf_modified_in_place") { try y.sum().backward() }

        let a = try x * 2.0
        let y2 = try a * w
        try a.addInPlace(1.0)
        try expectError("saved_nonleaf_modified_in_place") { try y2.sum().backward() }

        let x3 = try f64([1, 2, 3, 4], shape: [2, 2]).setRequiresGrad()
        let a3 = try x3 * f64([1, 2, 3, 4], shape: [2, 2])
        let b3 = try a3 * a3
        try a3.mulInPlace(3.0)
        try expectError("saved_output_modified_in_place_f64") { try b3.sum().backward() }
    }

    func testInPlaceOnLeafRequiringGrad() throws {
        let x = try f32([1, 2]).setRequiresGrad()
        try expectError("inplace_leaf_requires_grad_error") { _ = try x.addInPlace(1.0) }
        try noGrad { _ = try x.mulInPlace(2.0) }
        try expect("inplace_leaf_under_no_grad_ok", "x", x)
        XCTAssertEqual(x.versionNumber, try int("inplace_leaf_under_no_grad_ok", "version"))
        XCTAssertEqual([x.requiresGrad, x.isLeaf], try bools("inplace_leaf_under_no_grad_ok", "flags"))
    }

    // MARK: graph structure and flags

    func testNextFunctionsStructure() throws {
        let x = try f32([1, 2]).setRequiresGrad()
        let w = try f32([3, 4]).setRequiresGrad()
        let b = try f32([0.5, 0.5]).setRequiresGrad()
        let c = try f32([2, 2])
        let y = try ((x * w + b) * c).sum()
        XCTAssertEqual(walk(y.gradFn) as NSArray, try value("next_functions_structure", "tree") as? NSArray)
        XCTAssertEqual(walk(try (x * 2.0).gradFn) as NSArray, try value("next_functions_structure", "scalar_mul") as? NSArray)
        XCTAssertEqual(walk(try x.rsub(1.0).gradFn) as NSArray, try value("next_functions_structure", "rsub") as? NSArray)
        let acc = y.gradFn?.nextFunctions[0].node?.nextFunctions[0].node?.nextFunctions[1].node
        XCTAssertTrue(acc?.variable === b)
        let first = try (x * 1.0).gradFn?.nextFunctions[0].node
        XCTAssertTrue(first === (try (x * 2.0).gradFn?.nextFunctions[0].node))
    }

    func testIsLeafAndRequiresGradRules() throws {
        let a = try f32([1, 2])
        let b = try f32([1, 2]).setRequiresGrad()
        let c = try b * 2.0
        let d = try a * 2.0
        let e = try noGrad { try b * 2.0 }
        let f = b.detach()
        let g = c.detach()
        let h = try f32([1, 2]).setRequiresGrad()
        let all = [a, b, c, d, e, f, g, h]
        XCTAssertEqual(all.map(\.isLeaf), try bools("is_leaf_rules", "is_leaf"))
        XCTAssertEqual(all.map(\.requiresGrad), try bools("is_leaf_rules", "requires_grad"))
        XCTAssertEqual(all.map { $0.gradFn?.name }, (try value("is_leaf_rules", "grad_fn") as? [Any])?.map { $0 as? String })

        let p = try f32([1, 2]).setRequiresGrad(), q = try f32([3, 4]), r = try f32([5, 6])
        let flags = [try p + q, try q + r, try q * p, try q + r + p, try p.detach() + q, try p.sum() * 0.0].map(\.requiresGrad)
        XCTAssertEqual(flags, try bools("requires_grad_propagation", "flags"))

        try expectError("requires_grad_int_error") { try Tensor([1, 2] as [Int64], shape: [2]).setRequiresGrad() }
        try expectError("requires_grad_nonleaf_off_error") { try c.setRequiresGrad(false) }
    }

    // MARK: anomaly mode

    func testAnomalyModeNamesTheOp() throws {
        var warnings: [String] = []
        Autograd.warningHandler = { warnings.append($0) }
        let x = try f32([0]).setRequiresGrad()
        try GradMode.withAnomaly(warn: true) {
            let y = try x / x
            try expectError("anomaly_nan_1th_output") { try y.sum().backward() }
        }
        XCTAssertEqual(warnings.first, try fixtureWarnings("anomaly_nan_1th_output").first)
        XCTAssertEqual(warnings.last, "Error detected in DivBackward0. No forward pass information available. Enable detect anomaly during forward pass for more information.")
        XCTAssertFalse(GradMode.detectAnomaly)

        let x2 = try f32([0, 1]).setRequiresGrad()
        let z = try f32([0, 1])
        Autograd.anomalyTraceProvider = { "  File \"lesson.py\", line 3, in <module>" }
        defer { Autograd.anomalyTraceProvider = nil }
        warnings = []
        try GradMode.withAnomaly {
            let y = try x2 / z
            try expectError("anomaly_nan_0th_output") { try (y * 0.0).sum().backward() }
        }
        XCTAssertEqual(warnings, ["Error detected in DivBackward0. Traceback of forward call that caused the error:\n  File \"lesson.py\", line 3, in <module>"])
        XCTAssertEqual(warnings.first?.components(separatedBy: "\n").first, try fixtureWarnings("anomaly_nan_0th_output").first)

        let x3 = try f32([0]).setRequiresGrad()
        try (x3 / x3).sum().backward()
        try expect("anomaly_off_nan_passes", "grad", x3.grad)
        let x4 = try f32([0]).setRequiresGrad()
        try GradMode.withAnomaly(checkNan: false) { try (x4 / x4).sum().backward() }
        try expect("anomaly_check_nan_false", "grad", x4.grad)
    }

    // MARK: engine robustness

    func testDeepChainBackwardDoesNotOverflowTheStack() throws {
        let x = try f64([1]).setRequiresGrad()
        let w = try f64([1]).setRequiresGrad()
        var y = x
        for _ in 0..<10_000 { y = try y * w + 0.0 }
        try y.sum().backward()
        XCTAssertEqual(x.grad?.doubles, [1])
        XCTAssertEqual(w.grad?.doubles, [10_000])

        // Dropping a deep graph that never ran backward (saved tensors still in place).
        var z: Tensor? = x
        for _ in 0..<30_000 { z = try z.map { try $0 * w } }
        XCTAssertEqual(z?.gradFn?.name, "MulBackward0")
        z = nil
    }

    func testGraphIsFreedAfterBackward() throws {
        weak var weakSaved: Tensor?
        weak var weakNode: Node?
        let x = try f32([1, 2]).setRequiresGrad()
        var loss: Tensor?
        do {
            let a = try x * 2.0
            weakSaved = a
            let b = try a * a
            weakNode = a.gradFn
            loss = try b.sum()
        }
        XCTAssertNotNil(weakSaved, "saved by MulBackward0 until backward")
        try loss?.backward(retainGraph: true)
        XCTAssertNotNil(weakSaved, "retain_graph keeps saved tensors")
        try loss?.backward()
        XCTAssertNil(weakSaved, "backward without retain_graph frees saved tensors")
        XCTAssertNotNil(weakNode, "nodes stay while the output holds the graph")
        loss = nil
        XCTAssertNil(weakNode, "dropping the output frees the graph")
        XCTAssertEqual(x.grad?.toArray(Float.self), [16, 32])
    }

    // MARK: helpers

    private func walk(_ node: Node?) -> [Any] {
        guard let node else { return [] }
        return [node.name, node.nextFunctions.map { f -> [Any] in
            [f.node.map { walk($0) as Any } ?? NSNull(), f.inputNr]
        }]
    }
}
