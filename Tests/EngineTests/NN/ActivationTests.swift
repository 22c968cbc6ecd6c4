import Foundation
import XCTest
@testable import Engine

/// Runs fixture cases of activations.json / losses.json (made by
/// make_activations_losses_fixtures.py): values, dtypes, grad_fn names, gradients, warnings
/// and error messages.
enum ActivationLossFixtures {
    /// The cases of one fixture file.
    static func cases(_ file: String) throws -> [OpCase] {
        guard let cases = try Fixtures.load(file)["cases"] as? [[String: Any]] else {
            throw FixtureError("\(file) has no cases")
        }
        return cases.map(OpCase.init)
    }

    /// Runs one op case through `call`, which maps (op, inputs) to the Swift API.
    static func run(_ c: OpCase, file: StaticString = #filePath, line: UInt = #line,
                    _ call: ([Tensor]) throws -> Tensor) throws {
        let inputs = try c.inputs()
        var warnings: [String] = []
        Autograd.warningHandler = { warnings.append($0) }
        defer { Autograd.warningHandler = nil }
        if let expected = c.error {
            do {
                _ = try call(inputs)
                XCTFail("\(c.id): expected \(expected.type): \(expected.message)", file: file, line: line)
            } catch let error as TensorError {
                XCTAssertEqual(error.kind.rawValue, expected.type, "\(c.id): exception type", file: file, line: line)
                XCTAssertEqual(error.message, expected.message, "\(c.id): message", file: file, line: line)
            }
            return
        }
        let out = try call(inputs)
        assertMatches(out, c.outputs.first, "\(c.id): output", file: file, line: line)
        XCTAssertEqual(out.gradFn?.name, c.gradFn, "\(c.id): grad_fn", file: file, line: line)
        if let go = c.gradOutput {
            try out.backward(gradient: fixtureTensor(go))
            for (i, expected) in c.grads.enumerated() where i < inputs.count {
                assertMatches(inputs[i].grad, expected, "\(c.id): grad of input \(i)", file: file, line: line)
            }
        }
        let expectedWarnings = c.raw["warnings"] as? [String] ?? []
        XCTAssertEqual(Array(Set(warnings)).sorted(), expectedWarnings.sorted(), "\(c.id): warnings", file: file, line: line)
    }
}

extension OpCase {
    /// Positional argument `index`, else keyword `name` (tensors resolved against `inputs`).
    func value(_ index: Int, _ name: String, _ inputs: [Tensor]) -> Any? {
        if index < args.count { return arg(index, inputs) }
        return kwarg(name, inputs)
    }
    func double(_ index: Int, _ name: String, _ inputs: [Tensor], _ fallback: Double) -> Double {
        guard let v = value(index, name, inputs) else { return fallback }
        if let d = v as? [String: Any], let f = d["float"] { return fixtureDouble(f) }
        return (v as? NSNumber)?.doubleValue ?? fallback
    }
    func int(_ index: Int, _ name: String, _ inputs: [Tensor], _ fallback: Int) -> Int {
        (value(index, name, inputs) as? NSNumber)?.intValue ?? fallback
    }
    func string(_ index: Int, _ name: String, _ inputs: [Tensor], _ fallback: String) -> String {
        value(index, name, inputs) as? String ?? fallback
    }
    func bool(_ index: Int, _ name: String, _ inputs: [Tensor], _ fallback: Bool) -> Bool {
        (value(index, name, inputs) as? NSNumber)?.boolValue ?? fallback
    }
    func tensor(_ index: Int, _ name: String, _ inputs: [Tensor]) -> Tensor? { value(index, name, inputs) as? Tensor }
    func dtype(_ index: Int, _ name: String, _ inputs: [Tensor]) -> DType? {
        guard let d = value(index, name, inputs) as? [String: Any], let n = d["dtype"] as? String else { return nil }
        return fixtureDType(n)
    }
    /// A Python number argument as a Scalar (ints stay ints).
    func scalar(_ index: Int, _ name: String, _ inputs: [Tensor], _ fallback: Scalar) -> Scalar {
        guard let n = value(index, name, inputs) as? NSNumber else { return fallback }
        return .double(n.doubleValue)
    }
}

final class ActivationTests: XCTestCase {
    /// Maps an activations.json op case to the Functional API.
    func call(_ c: OpCase, _ x: [Tensor]) throws -> Tensor {
        let input = x[0]
        switch c.op {
        case "relu6": return try Functional.relu6(input)
        case "leaky_relu": return try Functional.leakyRelu(input, negativeSlope: c.double(1, "negative_slope", x, 0.01))
        case "elu": return try Functional.elu(input, alpha: c.double(1, "alpha", x, 1))
        case "selu": return try Functional.selu(input)
        case "celu": return try Functional.celu(input, alpha: c.double(1, "alpha", x, 1))
        case "gelu": return try Functional.gelu(input, approximate: c.string(1, "approximate", x, "none"))
        case "silu": return try Functional.silu(input)
        case "mish": return try Functional.mish(input)
        case "hardtanh":
            return try Functional.hardtanh(input, minVal: c.scalar(1, "min_val", x, -1), maxVal: c.scalar(2, "max_val", x, 1))
        case "softplus":
            return try Functional.softplus(input, beta: c.double(1, "beta", x, 1), threshold: c.double(2, "threshold", x, 20))
        case "softsign": return try Functional.softsign(input)
        case "logsigmoid": return try Functional.logsigmoid(input)
        case "prelu": return try Functional.prelu(input, weight: x[1])
        case "softmax", "log_softmax":
            let d = c.value(1, "dim", x) as? NSNumber
            let dtype = c.dtype(3, "dtype", x)
            return c.op == "softmax" ? try Functional.softmax(input, dim: d?.intValue, dtype: dtype)
                                     : try Functional.logSoftmax(input, dim: d?.intValue, dtype: dtype)
        default: throw FixtureError("no Swift mapping for \(c.op)")
        }
    }

    func testFunctionalCasesMatchPyTorch() throws {
        var count = 0
        for c in try ActivationLossFixtures.cases("activations.json") where !["inplace", "module", "chain"].contains(c.op) {
            try ActivationLossFixtures.run(c) { try call(c, $0) }
            count += 1
        }
        XCTAssertGreaterThan(count, 90)
    }

    func testInPlaceCasesMatchPyTorch() throws {
        var count = 0
        for c in try ActivationLossFixtures.cases("activations.json") where c.op == "inplace" {
            try ActivationLossFixtures.run(c) { x in
                let y = x[0].clone()
                let fn = c.raw["function"] as? String ?? ""
                switch fn {
                case "relu6": try y.relu6InPlace()
                case "leaky_relu": try y.leakyReluInPlace(negativeSlope: c.double(9, "negative_slope", x, 0.01))
                case "elu": try y.eluInPlace(alpha: c.double(9, "alpha", x, 1))
                case "selu": try y.seluInPlace()
                case "celu": try y.celuInPlace(alpha: c.double(9, "alpha", x, 1))
                case "silu": try y.siluInPlace()
                case "mish": try y.mishInPlace()
                case "hardtanh": try y.hardtanhInPlace(minVal: c.scalar(9, "min_val", x, -1), maxVal: c.scalar(9, "max_val", x, 1))
                case "relu": try y.reluInPlace()
                default: throw FixtureError("no in-place mapping for \(fn)")
                }
                return y
            }
            count += 1
        }
        XCTAssertEqual(count, 9)
    }

    func testGradcheckFamily() {
        XCTAssertGreaterThan(GradcheckCase.activations.count, 20)
        for c in GradcheckCase.activations {
            let result = c.run()
            XCTAssertTrue(result.passed, "\(c.name): \(result.failure ?? "")")
        }
    }

    func testSoftmaxIsStableAndSumsToOne() throws {
        let x = try Tensor([1000.0, 1001.0, -1e30, 3.0], shape: [2, 2], dtype: .float32)
        let y = try x.softmax(dim: 1)
        XCTAssertEqual(y.doubles[0] + y.doubles[1], 1, accuracy: 1e-6)
        XCTAssertEqual(y.doubles[2], 0)
        let big = try Tensor.randn([64, 300], generator: Generator(seed: 3)).mul(20.0)
        let sums = try big.softmax(dim: 0).sum(dim: 0).doubles
        XCTAssertEqual(sums.map { Swift.abs($0 - 1) }.max() ?? 1, 0, accuracy: 1e-5)
    }

    func testDoubleBackwardThroughFusedKernels() throws {
        // d/dx of (d/dx sum(silu(x))) via create_graph, against the composed formula.
        let x = try Tensor([-1.5, 0.2, 2.0], shape: [3], dtype: .float64).setRequiresGrad()
        let y = try x.silu().sum()
        let (g) = try Autograd.grad(outputs: [y], inputs: [x], createGraph: true)
        guard let first = g.first ?? nil else { return XCTFail("no gradient") }
        XCTAssertNotNil(first.gradFn)
        let second = try Autograd.grad(outputs: [first.sum()], inputs: [x])
        let s = try x.detach().sigmoid().doubles, v = x.detach().doubles
        for i in 0..<3 {
            let expected = s[i] * (1 - s[i]) * (2 + v[i] * (1 - 2 * s[i]))
            XCTAssertEqual(second[0]?.doubles[i] ?? .nan, expected, accuracy: 1e-12)
        }
    }
}

extension ActivationLossFixtures {
    /// Runs a module case: repr, output, grad_fn, input and parameter gradients, warnings.
    static func runModule(_ c: OpCase, _ make: ([String: Any]) throws -> Module,
                          file: StaticString = #filePath, line: UInt = #line) throws {
        var warnings: [String] = []
        Autograd.warningHandler = { warnings.append($0) }
        defer { Autograd.warningHandler = nil }
        let module = try make(c.kwargs)
        XCTAssertEqual(module.description, c.repr, "\(c.id): repr", file: file, line: line)
        let inputs = try c.inputs()
        let args = c.raw["clone_inputs"] as? Bool == true ? inputs.map { $0.clone() } : inputs
        guard case .tensor(let out) = try module.call(args.map { .tensor($0) }) else {
            return XCTFail("\(c.id): no tensor returned", file: file, line: line)
        }
        assertMatches(out, c.outputs.first, "\(c.id): output", file: file, line: line)
        XCTAssertEqual(out.gradFn?.name, c.gradFn, "\(c.id): grad_fn", file: file, line: line)
        if let go = c.gradOutput {
            try out.backward(gradient: fixtureTensor(go))
            for (i, expected) in c.grads.enumerated() where i < inputs.count {
                assertMatches(inputs[i].grad, expected, "\(c.id): grad of input \(i)", file: file, line: line)
            }
            for (name, expected) in c.raw["param_grads"] as? [String: [String: Any]] ?? [:] {
                assertMatches(module.parameter(name)?.grad, expected, "\(c.id): grad of \(name)", file: file, line: line)
            }
        }
        XCTAssertEqual(Array(Set(warnings)).sorted(), (c.raw["warnings"] as? [String] ?? []).sorted(),
                       "\(c.id): warnings", file: file, line: line)
    }
}

/// Keyword-argument readers for module cases.
extension Dictionary where Key == String, Value == Any {
    func scalar(_ k: String, _ d: Scalar) -> Scalar { (self[k] as? NSNumber).map { .double($0.doubleValue) } ?? d }
    func double(_ k: String, _ d: Double) -> Double { (self[k] as? NSNumber)?.doubleValue ?? d }
    func bool(_ k: String) -> Bool { (self[k] as? NSNumber)?.boolValue ?? false }
    func int(_ k: String) -> Int? { (self[k] as? NSNumber)?.intValue }
    func tensor(_ k: String) throws -> Tensor? {
        guard let spec = (self[k] as? [String: Any])?["tensor"] as? [String: Any] else { return nil }
        return try fixtureTensor(spec)
    }
}

final class ActivationModuleTests: XCTestCase {
    private func make(_ name: String, _ kw: [String: Any]) throws -> Module {
        let inplace = kw.bool("inplace")
        switch name {
        case "ReLU": return ReLU(inplace: inplace)
        case "ReLU6": return ReLU6(inplace: inplace)
        case "LeakyReLU": return LeakyReLU(negativeSlope: kw.scalar("negative_slope", 0.01), inplace: inplace)
        case "ELU": return ELU(alpha: kw.scalar("alpha", 1.0), inplace: inplace)
        case "SELU": return SELU(inplace: inplace)
        case "CELU": return CELU(alpha: kw.scalar("alpha", 1.0), inplace: inplace)
        case "GELU": return GELU(approximate: kw["approximate"] as? String ?? "none")
        case "SiLU": return SiLU(inplace: inplace)
        case "Mish": return Mish(inplace: inplace)
        case "Sigmoid": return Sigmoid()
        case "Tanh": return Tanh()
        case "Hardtanh": return Hardtanh(minVal: kw.scalar("min_val", -1.0), maxVal: kw.scalar("max_val", 1.0), inplace: inplace)
        case "Softplus": return Softplus(beta: kw.scalar("beta", 1.0), threshold: kw.scalar("threshold", 20.0))
        case "Softsign": return Softsign()
        case "Softmax": return Softmax(dim: kw.int("dim"))
        case "LogSoftmax": return LogSoftmax(dim: kw.int("dim"))
        case "PReLU": return try PReLU(numParameters: kw.int("num_parameters") ?? 1, init: kw.double("init", 0.25))
        default: throw FixtureError("no module \(name)")
        }
    }

    func testModulesMatchPyTorch() throws {
        var count = 0
        for c in try ActivationLossFixtures.cases("activations.json") where c.op == "module" {
            try ActivationLossFixtures.runModule(c) { try make(c.raw["module"] as? String ?? "", $0) }
            count += 1
        }
        XCTAssertEqual(count, 32)
    }

    func testForwardArgumentErrors() throws {
        XCTAssertThrowsError(try ReLU().call([.none])) { error in
            XCTAssertEqual((error as? TensorError)?.message, "relu(): argument 'input' (position 1) must be Tensor, not NoneType")
        }
        XCTAssertThrowsError(try GELU().call([])) { error in
            XCTAssertEqual((error as? TensorError)?.message, "GELU.forward() missing 1 required positional argument: 'input'")
        }
        let m = try PReLU(numParameters: 3)
        XCTAssertEqual(m.parameters().count, 1)
        XCTAssertEqual(m.weight?.doubles, [0.25, 0.25, 0.25])
    }
}

extension ActivationTests {
    func testGraphsMatchPyTorch() throws {
        let count = try ActivationLossFixtures.checkChains("activations.json") { try self.call($0, $1) }
        XCTAssertEqual(count, 3)
    }
}
