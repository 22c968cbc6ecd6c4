import Foundation
import XCTest
@testable import Engine

/// matmul, mm, bmm, addmm, mv, dot, outer against PyTorch: the linear-algebra cases of
/// ops.json and every case of linalg.json (made by make_linalg_fixtures.py: whole autograd
/// graphs of matmul's decomposition, strided operands, zero sizes, integer dtypes, errors).
final class LinearAlgebraTests: XCTestCase {
    static let ops: Set<String> = ["matmul", "mm", "bmm", "addmm", "mv", "dot", "outer", "__matmul__", "__rmatmul__"]

    func testOpsFixtures() throws {
        let cases = try Fixtures.opCases(Self.ops)
        XCTAssertGreaterThan(cases.count, 50)
        for c in cases { try check(c) }
    }

    func testLinalgFixtures() throws {
        guard let raw = try Fixtures.load("linalg.json")["cases"] as? [[String: Any]] else {
            throw FixtureError("linalg.json has no cases")
        }
        XCTAssertGreaterThan(raw.count, 150)
        for c in raw.map(OpCase.init) { try check(c) }
    }

    /// Every linear-algebra entry of the gradcheck registry passes torch.autograd.gradcheck.
    func testGradcheckRegistry() throws {
        XCTAssertGreaterThanOrEqual(GradcheckCase.linearAlgebra.count, 20)
        for entry in GradcheckCase.linearAlgebra {
            let inputs = try entry.makeInputs(Generator(seed: 1234))
            XCTAssertNoThrow(try gradcheck(entry.function, inputs: inputs), entry.name)
        }
    }

    func testOperatorAndFunctionForms() throws {
        let a = try Tensor([1, 2, 3, 4, 5, 6] as [Float], shape: [2, 3])
        let b = try Tensor([1, 0, 0, 1, 1, 1] as [Float], shape: [3, 2])
        XCTAssertEqual(try (a <*> b).toArray(Float.self), [4, 5, 10, 11])
        XCTAssertEqual(try Tensor.matmul(a, b).toArray(Float.self), [4, 5, 10, 11])
        XCTAssertEqual(try Tensor.mm(a, b).toArray(Float.self), [4, 5, 10, 11])
        XCTAssertEqual(try Tensor.addmm(Tensor([1, 1] as [Float]), a, b, beta: 2).toArray(Float.self), [6, 7, 12, 13])
        let v = Tensor([1, 1, 1] as [Float])
        XCTAssertEqual(try Tensor.mv(a, v).toArray(Float.self), [6, 15])
        XCTAssertEqual(try Tensor.dot(v, v).item(), .double(3))
        XCTAssertEqual(try Tensor.outer(v, Tensor([2] as [Float])).shape, [3, 1])
        XCTAssertEqual(try v.ger(v).shape, [3, 3])
        // `<*>` binds like `*`, tighter than `+`: v <*> v + 1 is (v <*> v) + 1.
        XCTAssertEqual(try (v <*> v + 1.0).item(), .double(4))
    }

    /// Larger products through BLAS, with every combination of transposed operands, against
    /// a plain double-precision loop.
    func testBLASProductsMatchPlainLoops() throws {
        let g = Generator(seed: 7)
        for (m, k, n) in [(70, 50, 60), (1, 33, 17), (33, 1, 5), (64, 64, 1)] {
            for (ta, tb) in [(false, false), (true, false), (false, true), (true, true)] {
                for dtype in [DType.float32, .float64] {
                    let a0 = try GradcheckCase.uniform(ta ? [k, m] : [m, k], -1...1, g).detach().to(dtype)
                    let b0 = try GradcheckCase.uniform(tb ? [n, k] : [k, n], -1...1, g).detach().to(dtype)
                    let a = ta ? try a0.t() : a0, b = tb ? try b0.t() : b0
                    let got = try a.mm(b).doubles, av = a.doubles, bv = b.doubles
                    for i in 0..<m {
                        for j in 0..<n {
                            var want = 0.0
                            for p in 0..<k { want += av[i * k + p] * bv[p * n + j] }
                            XCTAssertEqual(got[i * n + j], want, accuracy: dtype == .float32 ? 1e-4 : 1e-12,
                                           "\(m)x\(k)x\(n) ta=\(ta) tb=\(tb) \(dtype)")
                        }
                    }
                    let x = try GradcheckCase.uniform([k], -1...1, g).detach().to(dtype)
                    let mv = try a.mv(x).doubles, xv = x.doubles
                    for i in 0..<m {
                        var want = 0.0
                        for p in 0..<k { want += av[i * k + p] * xv[p] }
                        XCTAssertEqual(mv[i], want, accuracy: dtype == .float32 ? 1e-4 : 1e-12)
                    }
                }
            }
        }
    }

    /// Only what a product's backward reads is saved, so changing the other operand in place
    /// is fine, while changing a saved one is the usual error.
    func testSavedOperandsAndVersionCheck() throws {
        let p = try Tensor([1, 2, 3, 4, 5, 6] as [Double], shape: [2, 3]).setRequiresGrad()
        let q = try p * 1.0
        let c = try Tensor([1, 0, 0, 1, 1, 1] as [Double], shape: [3, 2])
        let out = try q.mm(c)
        try q.addInPlace(1.0)
        XCTAssertNoThrow(try out.sum().backward())
        let w = try Tensor([1, 0, 0, 1, 1, 1] as [Double], shape: [2, 3])
        let out2 = try w.mm(p.t())
        try w.mulInPlace(2.0)
        XCTAssertThrowsError(try out2.sum().backward()) { error in
            XCTAssertTrue((error as? TensorError)?.message.hasPrefix("one of the variables needed for gradient computation has been modified by an inplace operation") == true, "\(error)")
        }
    }

    /// Backward formulas are Tensor ops, so a gradient can be differentiated again
    /// (create_graph): checked against central differences of the first gradient.
    func testSecondDerivativeThroughMatmul() throws {
        let c = try Tensor([0.5, -1, 2, 0.25] as [Double], shape: [2, 2])
        let w = try Tensor([1, 2, -3, 0.5] as [Double], shape: [2, 2])
        func h(_ values: [Double], createGraph: Bool) throws -> (value: Double, x: Tensor, h: Tensor) {
            let x = try Tensor(values, shape: [2, 2]).setRequiresGrad()
            let f = try ((x <*> x.t()) * c).sum()
            let g = try Autograd.grad(outputs: [f], inputs: [x], createGraph: createGraph)
            guard let g0 = g.first ?? nil else { throw FixtureError("no gradient") }
            let h = try (g0 * w).sum()
            return (try h.item().doubleValue, x, h)
        }
        let x0: [Double] = [0.3, -0.7, 1.1, 0.4]
        let (_, x, hx) = try h(x0, createGraph: true)
        try hx.backward()
        let analytic = try XCTUnwrap(x.grad).doubles
        for i in 0..<4 {
            var up = x0, down = x0
            up[i] += 1e-6
            down[i] -= 1e-6
            let numeric = (try h(up, createGraph: false).value - h(down, createGraph: false).value) / 2e-6
            XCTAssertEqual(analytic[i], numeric, accuracy: 1e-6)
        }
    }

    func testMatmulResultsAreNotViews() throws {
        let a = try Tensor([Double](repeating: 1, count: 24), shape: [2, 3, 4]).setRequiresGrad()
        let b = try Tensor([Double](repeating: 1, count: 4), shape: [4]).setRequiresGrad()
        for out in [try a.matmul(b), try b.matmul(a.transpose(1, 2)), try b.matmul(b.unsqueeze(1))] {
            XCTAssertNil(out.base)
        }
    }

    func testNumThreads() throws {
        let env = ProcessInfo.processInfo.environment
        if env["OPENBLAS_NUM_THREADS"] == nil && env["OMP_NUM_THREADS"] == nil {
            XCTAssertEqual(Tensor.getNumThreads(), ProcessInfo.processInfo.activeProcessorCount)
        }
        XCTAssertThrowsError(try Tensor.setNumThreads(0)) { error in
            XCTAssertEqual((error as? TensorError)?.message, "set_num_threads expects a positive integer")
        }
    }

    // MARK: - Running a fixture case

    private func check(_ c: OpCase) throws {
        let inputs = try linalgInputs(c)
        let result: Tensor
        do {
            result = try apply(c, inputs)
        } catch let error as TensorError {
            guard let expected = c.error else { return XCTFail("\(c.id): unexpected error \(error)") }
            XCTAssertEqual(error.kind.rawValue, expected.type, "\(c.id): error type")
            XCTAssertEqual(error.message, expected.message, "\(c.id): error message")
            return
        }
        if let expected = c.error { return XCTFail("\(c.id): expected \(expected.type): \(expected.message)") }
        assertMatches(result, c.outputs.first, c.id)
        XCTAssertEqual(result.gradFn?.name, c.gradFn, "\(c.id): grad_fn")
        if let graph = c.raw["graph"] as? String { XCTAssertEqual(graphString(result.gradFn), graph, "\(c.id): graph") }
        guard let gradOutput = c.gradOutput else { return }
        try result.backward(gradient: try fixtureTensor(gradOutput))
        for (i, expected) in c.grads.enumerated() where i < inputs.count {
            assertMatches(inputs[i].grad, expected, "\(c.id): grad of input \(i)")
        }
    }

    private func apply(_ c: OpCase, _ inputs: [Tensor]) throws -> Tensor {
        // Method cases of ops.json: self is inputs[0] and args start after it; function cases
        // (and every linalg.json case) pass the inputs in order.
        var operands = inputs
        if !c.args.isEmpty { operands = (c.isMethod ? [inputs[0]] : []) + c.args.indices.compactMap { c.arg($0, inputs) as? Tensor } }
        func scalar(_ name: String) -> Scalar {
            guard let v = c.kwargs[name] else { return 1 }
            return .double(fixtureDouble(v))
        }
        func operand(_ i: Int) throws -> Tensor {
            guard operands.indices.contains(i) else { throw FixtureError("\(c.id): missing operand \(i)") }
            return operands[i]
        }
        switch c.op {
        case "matmul", "__matmul__": return try operand(0) <*> operand(1)
        case "__rmatmul__": return try operand(1) <*> operand(0)
        case "mm": return try operand(0).mm(operand(1))
        case "bmm": return try operand(0).bmm(operand(1))
        case "mv": return try operand(0).mv(operand(1))
        case "dot": return try operand(0).dot(operand(1))
        case "outer": return try operand(0).outer(operand(1))
        case "addmm": return try operand(0).addmm(operand(1), operand(2), beta: scalar("beta"), alpha: scalar("alpha"))
        default: throw FixtureError("\(c.id): unknown op \(c.op)")
        }
    }
}

/// Inputs of a fixture case; strided ones ("storage", "strides", "offset") are rebuilt as the
/// same strided leaf over the given storage.
private func linalgInputs(_ c: OpCase) throws -> [Tensor] {
    let specs = c.raw["inputs"] as? [[String: Any]] ?? []
    return try specs.map { spec in
        var t = try fixtureTensor(spec)
        if let storage = spec["storage"] as? [Any], let strides = spec["strides"] as? [Int] {
            var flat = spec
            flat["shape"] = [storage.count]
            flat["values"] = storage
            let base = try fixtureTensor(flat)
            t = Tensor(storage: base.storage, shape: t.shape, strides: strides, offset: spec["offset"] as? Int ?? 0)
        }
        if spec["requires_grad"] as? Bool == true { try t.setRequiresGrad() }
        return t
    }
}

/// The graph below a grad_fn as make_linalg_fixtures.py writes it: `Name(child, child)`.
private func graphString(_ node: Node?) -> String {
    guard let node else { return "None" }
    let children = node.nextFunctions.map { graphString($0.node) }
    return children.isEmpty ? node.name : "\(node.name)(\(children.joined(separator: ", ")))"
}
