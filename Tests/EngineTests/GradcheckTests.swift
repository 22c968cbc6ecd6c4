import Foundation
import XCTest
@testable import Engine

/// gradcheck itself (against torch's results in gradcheck.json and autograd.json), and every
/// op in the gradcheck registry through it.
final class GradcheckTests: XCTestCase {
    override func tearDown() {
        Autograd.warningHandler = nil
        super.tearDown()
    }

    /// The table-driven test: every `GradcheckCase.all` entry, seeded from its name.
    func testEveryRegisteredCasePasses() {
        let cases = GradcheckCase.all
        XCTAssertGreaterThan(cases.count, 0)
        var names = Set<String>()
        for c in cases {
            XCTAssertTrue(names.insert(c.name).inserted, "duplicate gradcheck case name \(c.name)")
            let result = c.run(seed: seed(for: c.name))
            if !result.passed {
                XCTFail("gradcheck \(c.name) failed (max abs error \(result.maxAbsError)): \(result.failure ?? "?")")
            }
        }
    }

    /// gradcheck.json: wrong and right backward formulas (torch.autograd.Function subclasses
    /// in make_fixtures.py, CustomFunctions here), messages, results and both Jacobians.
    func testTorchGradcheckFixtures() throws {
        let cases = try Fixtures.load("gradcheck.json")["cases"] as? [[String: Any]] ?? []
        XCTAssertGreaterThan(cases.count, 10)
        var warnings: [String] = []
        Autograd.warningHandler = { warnings.append($0) }
        for c in cases {
            let id = c["id"] as? String ?? "?"
            guard let function = fixtureFunctions[c["function"] as? String ?? ""] else {
                XCTFail("\(id): unknown function"); continue
            }
            let inputs = try (c["inputs"] as? [[String: Any]] ?? []).map { spec -> Tensor in
                let t = try fixtureTensor(spec)
                return spec["requires_grad"] as? Bool == true ? try t.setRequiresGrad() : t
            }
            let kwargs = c["kwargs"] as? [String: Any] ?? [:]
            let number = { (key: String, fallback: Double) in (kwargs[key] as? NSNumber)?.doubleValue ?? fallback }
            warnings = []
            var result: GradcheckResult?
            do {
                result = try gradcheck(function, inputs: inputs, eps: number("eps", 1e-6), atol: number("atol", 1e-5),
                                       rtol: number("rtol", 1e-3), raiseException: kwargs["raise_exception"] as? Bool ?? true)
                if let error = c["error"] as? [String: Any] {
                    XCTFail("\(id): expected \(error["message"] ?? "")")
                } else {
                    XCTAssertEqual(result?.passed, c["result"] as? Bool, id)
                }
            } catch let e as GradcheckError {
                XCTAssertEqual(e.message, (c["error"] as? [String: Any])?["message"] as? String, id)
                result = e.result
            }
            XCTAssertEqual(warnings, (c["warnings"] as? [String]) ?? [], id)
            for jac in c["jacobians"] as? [[String: Any]] ?? [] {
                let i = jac["output"] as? Int ?? 0, j = jac["input"] as? Int ?? 0
                let numerical = result?.numerical.indices.contains(i) == true ? result?.numerical[i][j] : nil
                let analytical = result?.analytical.indices.contains(i) == true ? result?.analytical[i][j] : nil
                let float32 = (jac["numerical"] as? [String: Any])?["dtype"] as? String == "float32"
                assertMatches(numerical, jac["numerical"] as? [String: Any], "\(id) numerical[\(i)][\(j)]",
                              rtol: float32 ? 1e-6 : 1e-9, atol: float32 ? 1e-6 : 1e-9)
                assertMatches(analytical, jac["analytical"] as? [String: Any], "\(id) analytical[\(i)][\(j)]")
            }
        }
    }

    /// A deliberately wrong backward is caught, with PyTorch's exact message.
    func testWrongBackwardIsCaught() throws {
        let x = try f64([1, 2, 3]).setRequiresGrad()
        XCTAssertThrowsError(try gradcheck({ try WrongSquare.apply($0) }, inputs: [x])) { error in
            XCTAssertEqual((error as? GradcheckError)?.message, """
                Jacobian mismatch for output 0 with respect to input 0,
                numerical:tensor([[2.0000, 0.0000, 0.0000],
                        [0.0000, 4.0000, 0.0000],
                        [0.0000, 0.0000, 6.0000]], dtype=torch.float64)
                analytical:tensor([[2., 0., 0.],
                        [0., 2., 0.],
                        [0., 0., 2.]], dtype=torch.float64)

                """)
        }
        let result = try gradcheck({ try WrongSquare.apply($0) }, inputs: [x], raiseException: false)
        XCTAssertFalse(result.passed)
        XCTAssertEqual(result.maxAbsError, 4, accuracy: 1e-6)
        XCTAssertEqual(result.maxRelError, 2.0 / 3, accuracy: 1e-6)
        XCTAssertEqual(result.numerical.first?.first?.shape, [3, 3])
        let right = try gradcheck({ try RightSquare.apply($0) }, inputs: [x])
        XCTAssertTrue(right.passed)
        XCTAssertNil(right.failure)
        XCTAssertLessThan(right.maxAbsError, 1e-6)
    }

    /// autograd.json: gradcheck's other checks and messages.
    func testOtherGradcheckFailures() throws {
        let x = try f64([1, 2]).setRequiresGrad()
        try expectError("gradcheck_not_multiplied_by_grad_output") {
            try gradcheck({ try closureFunction("NotMulByGrad", $0) { g in [try g.onesLike() * 2.0] } }, inputs: [x])
        }
        try expectError("gradcheck_zero_grad_output_not_zero") {
            try gradcheck({ try closureFunction("ZeroGradNotZero", $0) { g in
                [g.doubles.contains { $0 != 0 } ? try g * 2.0 : try g.onesLike()] } }, inputs: [x])
        }
        var calls = 0.0
        try expectError("gradcheck_not_reentrant") {
            try gradcheck({ try closureFunction("Nondeterministic", $0) { g in
                calls += 1
                return [try g * .double(2 + 1e-3 * calls)] } }, inputs: [x], atol: 1e-2, rtol: 1e-2)
        }
        try expectError("gradcheck_non_differentiable_output") { try gradcheck({ try ($0[0] * 2.0).detach() }, inputs: [x]) }
        let constant = try gradcheck({ _ in try Tensor.ones([2], dtype: .float64) }, inputs: [x])
        XCTAssertEqual(constant.passed, try bool("gradcheck_non_differentiable_constant_ok", "result"))
        try expectError("gradcheck_no_input_requires_grad") { try gradcheck({ try $0[0] * 2.0 }, inputs: [try f64([1, 2])]) }
        let expanded = try f64([1]).expand([3]).setRequiresGrad()
        try expectError("gradcheck_stride_zero_input") { try gradcheck({ try $0[0] * 2.0 }, inputs: [expanded]) }
        try expectError("gradcheck_nonsquare_layout") {
            try gradcheck({ try closureFunction("WrongSum", $0, forward: { try $0.sum() }) { g in
                [try g.expand([3]) * f64([1, 2, 3])] } }, inputs: [try f64([1, 2, 3]).setRequiresGrad()])
        }
    }

    func testGradcheckPassesAndWarns() throws {
        var warnings: [String] = []
        Autograd.warningHandler = { warnings.append($0) }
        let x32 = try f32([1, 2]).setRequiresGrad()
        let r32 = try gradcheck({ try $0[0] * $0[0] }, inputs: [x32], raiseException: false)
        XCTAssertEqual(r32.passed, try bool("gradcheck_float32_warns", "result"))
        XCTAssertEqual(r32.warnings, try fixtureWarnings("gradcheck_float32_warns"))
        XCTAssertEqual(warnings, r32.warnings)

        let x = try f64([1, 2]).setRequiresGrad()
        let u = try f64([3]).setRequiresGrad()
        XCTAssertEqual(try gradcheck({ try $0[0] * 2.0 }, inputs: [x, u]).passed, try bool("gradcheck_second_input_unused_ok", "result"))
        let w = try f64([3, 4], shape: [2, 1]).setRequiresGrad()
        let multi = try gradcheck({ (t: [Tensor]) -> [Tensor] in [try t[0] * t[1], try (t[0] * t[0]).sum(), t[0].detach()] },
                                  inputs: [x, w])
        XCTAssertEqual(multi.passed, try bool("gradcheck_multiple_outputs_ok", "result"))
        XCTAssertEqual(multi.numerical.count, 2, "the detached output is not compared")
        XCTAssertEqual(multi.analytical.first?.map(\.shape), [[2, 4], [2, 4]])
        let t = try f64([1, 2, 3, 4, 5, 6], shape: [2, 3]).t().setRequiresGrad()
        XCTAssertEqual(try gradcheck({ try $0[0] * f64([1, 2]) }, inputs: [t]).passed,
                       try bool("gradcheck_noncontiguous_input_ok", "result"))
        XCTAssertEqual(t.versionNumber, 0, "perturbations do not bump the version")
    }

    func testRegistryRunReportsErrorsAsFailures() {
        let broken = GradcheckCase("broken", shapes: [[2]]) { (_: [Tensor]) -> Tensor in throw TensorError.notImplemented("x is not supported by wick yet") }
        let result = broken.run(seed: 1)
        XCTAssertFalse(result.passed)
        XCTAssertEqual(result.failure, "NotImplementedError: x is not supported by wick yet")
        let loose = GradcheckCase("mul", shapes: [[3], [3]]) { try $0[0] * $0[1] }.with(atol: 1e-3)
        XCTAssertEqual(loose.atol, 1e-3)
        XCTAssertTrue(loose.run(seed: 2).passed)
    }

    // MARK: helpers

    /// A stable seed per case name (FNV-1a), so a failure reproduces with the same inputs.
    private func seed(for name: String) -> UInt64 {
        name.utf8.reduce(14_695_981_039_346_656_037) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 }
    }

    /// The torch.autograd.Function classes of make_fixtures.py's gradcheck section.
    private let fixtureFunctions: [String: ([Tensor]) throws -> [Tensor]] = [
        "WrongSquare": { try WrongSquare.apply($0) },
        "RightSquare": { try RightSquare.apply($0) },
        "WrongMulSecond": { inputs in
            try FunctionContext.apply(name: "WrongMulSecond", arguments: inputs, forward: { ctx in
                ctx.saveForBackward(inputs)
                return [try inputs[0] * inputs[1]]
            }, backward: { ctx, g in
                let saved = try ctx.savedTensors()
                guard let g = g[0], let x = saved[0], let y = saved[1] else { return [nil, nil] }
                return [try g * y, try g * x * 3.0]
            })
        },
        "WrongTwoOutputs": { inputs in
            try FunctionContext.apply(name: "WrongTwoOutputs", arguments: inputs, forward: { ctx in
                let x = inputs[0]
                return [try x * 2.0, try Tensor(x.doubles.map { Foundation.exp($0) }, shape: x.shape, dtype: x.dtype)]
            }, backward: { _, g in
                guard let g0 = g[0], let g1 = g[1] else { return [nil] }
                return [try g0 * 2.0 + g1]
            })
        },
    ]
}

/// y = x·x with backward 2·g (missing the factor x).
enum WrongSquare: CustomFunction {
    static func forward(_ ctx: FunctionContext, _ inputs: [Tensor]) throws -> [Tensor] {
        ctx.saveForBackward(inputs[0])
        return [try inputs[0] * inputs[0]]
    }

    static func backward(_ ctx: FunctionContext, _ gradOutputs: [Tensor?]) throws -> [Tensor?] {
        [try gradOutputs[0].map { try $0 * 2.0 }]
    }
}

/// y = x·x with the right backward 2·x·g.
enum RightSquare: CustomFunction {
    static func forward(_ ctx: FunctionContext, _ inputs: [Tensor]) throws -> [Tensor] {
        ctx.saveForBackward(inputs[0])
        return [try inputs[0] * inputs[0]]
    }

    static func backward(_ ctx: FunctionContext, _ gradOutputs: [Tensor?]) throws -> [Tensor?] {
        guard let g = gradOutputs[0], let x = try ctx.savedTensors()[0] else { return [nil] }
        return [try x * 2.0 * g]
    }
}

/// A one-input custom function with the given forward (default x·2) and backward.
private func closureFunction(_ name: String, _ inputs: [Tensor], forward: @escaping (Tensor) throws -> Tensor = { try $0 * 2.0 },
                             _ backward: @escaping (Tensor) throws -> [Tensor?]) throws -> Tensor {
    let out = try FunctionContext.apply(name: name, arguments: inputs, forward: { _ in [try forward(inputs[0])] },
                                        backward: { _, g in try g[0].map(backward) ?? [nil] })
    return out[0]
}
