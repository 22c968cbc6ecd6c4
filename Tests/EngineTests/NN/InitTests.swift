import XCTest
@testable import Engine

/// Runs the nn.init function named in a fixture on `t`.
private func runInit(_ fn: String, _ t: Tensor, _ kw: [String: Any]) throws {
    func d(_ k: String, _ dflt: Double) -> Double { (kw[k] as? NSNumber)?.doubleValue ?? dflt }
    func s(_ k: String, _ dflt: String) -> String { kw[k] as? String ?? dflt }
    switch fn {
    case "uniform_": try Init.uniform_(t, a: d("a", 0), b: d("b", 1))
    case "normal_": try Init.normal_(t, mean: d("mean", 0), std: d("std", 1))
    case "constant_": try Init.constant_(t, .double(d("val", 0)))
    case "ones_": try Init.ones_(t)
    case "zeros_": try Init.zeros_(t)
    case "eye_": try Init.eye_(t)
    case "xavier_uniform_": try Init.xavierUniform_(t, gain: d("gain", 1))
    case "xavier_normal_": try Init.xavierNormal_(t, gain: d("gain", 1))
    case "kaiming_uniform_":
        try Init.kaimingUniform_(t, a: .double(d("a", 0)), mode: s("mode", "fan_in"), nonlinearity: s("nonlinearity", "leaky_relu"))
    case "kaiming_normal_":
        try Init.kaimingNormal_(t, a: .double(d("a", 0)), mode: s("mode", "fan_in"), nonlinearity: s("nonlinearity", "leaky_relu"))
    case "trunc_normal_": try Init.truncNormal_(t, mean: d("mean", 0), std: d("std", 1), a: d("a", -2), b: d("b", 2))
    case "orthogonal_": try Init.orthogonal_(t, gain: d("gain", 1))
    default: throw FixtureError("unknown init \(fn)")
    }
}

final class InitTests: XCTestCase {
    func testInitFunctionsDrawLikePyTorch() throws {
        let cases = try NNCore.ofKind("init")
        XCTAssertEqual(cases.count, 44)
        for (id, c) in cases {
            let fn = c["fn"] as? String ?? ""
            let dtype = fixtureDType(c["dtype"] as? String)
            Tensor.manualSeed(c["seed"] as? Int ?? 0)
            let t = try Tensor(zeros: c["shape"] as? [Int] ?? [], dtype: dtype).setRequiresGrad()
            try runInit(fn, t, c["kwargs"] as? [String: Any] ?? [:])
            // QR in double precision differs from LAPACK's float32 QR by rounding.
            let orth = fn == "orthogonal_" && dtype == .float32
            assertMatches(t, c["output"] as? [String: Any], id, rtol: orth ? 1e-4 : nil, atol: orth ? 1e-5 : nil)
            XCTAssertNil(t.gradFn, id)
            // The next draws tell that the generator advanced exactly as PyTorch's did.
            let after = try Tensor.rand([3], dtype: .float64)
            assertMatches(after, ["shape": [3], "dtype": "float64", "values": c["rng_after"] ?? []], "\(id): generator position")
        }
    }

    func testCalculateGain() throws {
        let gains = try XCTUnwrap(NNCore.get("gain")["gains"] as? [[String: Any]])
        for g in gains {
            let name = g["name"] as? String ?? ""
            var param: Scalar?
            if let i = g["param"] as? Int { param = .int(Int64(i)) } else if let x = g["param"] as? Double { param = .double(x) }
            let value = try Init.calculateGain(name, param: param)
            XCTAssertEqual(value, fixtureDouble(g["value"] ?? 0), accuracy: 1e-15, name)
        }
        try assertFixtureError("gain/bad") { _ = try Init.calculateGain("swish") }
        try assertFixtureError("gain/bool") { _ = try Init.calculateGain("leaky_relu", param: .bool(true)) }
    }

    func testInitErrorsAndWarnings() throws {
        for (id, c) in try NNCore.ofKind("init_error") where c["shape"] != nil {
            let t = Tensor(zeros: c["shape"] as? [Int] ?? [])
            try assertFixtureError(id) { try runInit(c["fn"] as? String ?? "", t, c["kwargs"] as? [String: Any] ?? [:]) }
        }
        var warnings: [String] = []
        let saved = Autograd.warningHandler
        Autograd.warningHandler = { warnings.append($0) }
        defer { Autograd.warningHandler = saved }
        let empty = Tensor(zeros: [0, 3])
        try Init.kaimingUniform_(empty)
        XCTAssertEqual(warnings, try NNCore.get("init_warning/zero")["messages"] as? [String])
        XCTAssertThrowsError(try Init.xavierUniform_(Tensor(zeros: [0, 0]))) {
            XCTAssertEqual(pythonError($0).1, "float division by zero")
        }
        XCTAssertThrowsError(try Init.truncNormal_(Tensor(zeros: [2]), std: 0)) {
            XCTAssertEqual(pythonError($0).0, "ZeroDivisionError")
        }
    }

    func testOrthogonalIsOrthogonal() throws {
        Tensor.manualSeed(3)
        let t = Tensor(zeros: [6, 4], dtype: .float64)
        try Init.orthogonal_(t)
        let gram = try t.t().matmul(t).doubles
        for i in 0..<4 { for j in 0..<4 { XCTAssertEqual(gram[i * 4 + j], i == j ? 1 : 0, accuracy: 1e-12) } }
    }
}

final class NNUtilsTests: XCTestCase {
    private func parameters(_ grads: [Any]) throws -> [Tensor] {
        try grads.map { g in
            guard let spec = g as? [String: Any] else { return try Tensor.parameter(Tensor(zeros: [1])) }
            let p = try Tensor.parameter(Tensor(zeros: spec["shape"] as? [Int] ?? [], dtype: fixtureDType(spec["dtype"] as? String)))
            p.grad = try fixtureTensor(spec)
            return p
        }
    }

    func testClipGradNorm() throws {
        let cases = try NNCore.ofKind("clip_norm")
        XCTAssertEqual(cases.count, 30)
        for (id, c) in cases {
            let ps = try parameters(c["grads"] as? [Any] ?? [])
            let total = try NNUtils.clipGradNorm_(ps, maxNorm: c["max_norm"] as? Double ?? 0,
                                                  normType: fixtureDouble(c["norm_type"] ?? 2))
            assertMatches(total, c["total"] as? [String: Any], "\(id) total")
            for (i, want) in (c["after"] as? [Any] ?? []).enumerated() {
                assertMatches(ps[i].grad, want as? [String: Any], "\(id) grad \(i)")
            }
        }
        let c = try NNCore.get("clip_norm/nonfinite")
        let ps = try parameters(c["grads"] as? [Any] ?? [])
        try assertFixtureError("clip_norm/nonfinite") { try NNUtils.clipGradNorm_(ps, maxNorm: 1, errorIfNonfinite: true) }
    }

    func testClipGradValue() throws {
        for (id, c) in try NNCore.ofKind("clip_value") {
            let ps = try parameters(c["grads"] as? [Any] ?? [])
            try NNUtils.clipGradValue_(ps, clipValue: c["clip"] as? Double ?? 0)
            for (i, want) in (c["after"] as? [Any] ?? []).enumerated() {
                assertMatches(ps[i].grad, want as? [String: Any], "\(id) grad \(i)")
            }
        }
    }

    func testParametersVector() throws {
        let c = try NNCore.get("to_vector")
        let ps = try (c["params"] as? [[String: Any]] ?? []).map { try Tensor.parameter(fixtureTensor($0)) }
        let v = try NNUtils.parametersToVector(ps)
        assertMatches(v, c["vector"] as? [String: Any], "to_vector")
        XCTAssertEqual(v.gradFn?.name, c["grad_fn"] as? String)
        let c2 = try NNCore.get("from_vector")
        let vec = try fixtureTensor(try XCTUnwrap(c2["vector"] as? [String: Any]))
        try NNUtils.vectorToParameters(vec, ps)
        for (i, want) in (c2["params"] as? [[String: Any]] ?? []).enumerated() {
            assertMatches(ps[i], want, "from_vector \(i)")
            XCTAssertTrue(ps[i].isParameter)
        }
        try assertFixtureError("from_vector/short") { try NNUtils.vectorToParameters(Tensor(zeros: [5]), try Linear(3, 2).parameters()) }
        try assertFixtureError("to_vector/empty") { _ = try NNUtils.parametersToVector([]) }
    }
}
