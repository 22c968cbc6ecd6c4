import Foundation
import XCTest
@testable import Engine

final class LossTests: XCTestCase {
    /// Maps a losses.json op case to the Functional API.
    func call(_ c: OpCase, _ x: [Tensor]) throws -> Tensor {
        let reduction = c.string(9, "reduction", x, "mean")
        switch c.op {
        case "mse_loss": return try Functional.mseLoss(x[0], x[1], reduction: reduction)
        case "l1_loss": return try Functional.l1Loss(x[0], x[1], reduction: reduction)
        case "smooth_l1_loss":
            return try Functional.smoothL1Loss(x[0], x[1], reduction: reduction, beta: c.double(9, "beta", x, 1))
        case "huber_loss":
            return try Functional.huberLoss(x[0], x[1], reduction: reduction, delta: c.double(9, "delta", x, 1))
        case "cross_entropy":
            return try Functional.crossEntropy(x[0], x[1], weight: c.tensor(9, "weight", x),
                                               ignoreIndex: c.int(9, "ignore_index", x, -100), reduction: reduction,
                                               labelSmoothing: c.double(9, "label_smoothing", x, 0))
        case "nll_loss":
            return try Functional.nllLoss(x[0], x[1], weight: c.tensor(9, "weight", x),
                                          ignoreIndex: c.int(9, "ignore_index", x, -100), reduction: reduction)
        case "binary_cross_entropy":
            return try Functional.binaryCrossEntropy(x[0], x[1], weight: c.tensor(9, "weight", x), reduction: reduction)
        case "binary_cross_entropy_with_logits":
            return try Functional.binaryCrossEntropyWithLogits(x[0], x[1], weight: c.tensor(9, "weight", x),
                                                               reduction: reduction, posWeight: c.tensor(9, "pos_weight", x))
        case "kl_div":
            return try Functional.klDiv(x[0], x[1], reduction: reduction, logTarget: c.bool(9, "log_target", x, false))
        case "cosine_embedding_loss":
            return try Functional.cosineEmbeddingLoss(x[0], x[1], x[2], margin: c.double(9, "margin", x, 0),
                                                      reduction: reduction)
        case "triplet_margin_loss":
            return try Functional.tripletMarginLoss(x[0], x[1], x[2], margin: c.double(9, "margin", x, 1),
                                                    p: c.double(9, "p", x, 2), eps: c.double(9, "eps", x, 1e-6),
                                                    swap: c.bool(9, "swap", x, false), reduction: reduction)
        case "pairwise_distance":
            return try Functional.pairwiseDistance(x[0], x[1], p: c.double(9, "p", x, 2), eps: c.double(9, "eps", x, 1e-6),
                                                   keepdim: c.bool(9, "keepdim", x, false))
        case "cosine_similarity":
            return try Functional.cosineSimilarity(x[0], x[1], dim: c.int(9, "dim", x, 1), eps: c.double(9, "eps", x, 1e-8))
        case "normalize":
            return try Functional.normalize(x[0], p: c.double(9, "p", x, 2), dim: c.int(9, "dim", x, 1),
                                            eps: c.double(9, "eps", x, 1e-12))
        case "one_hot": return try Functional.oneHot(x[0], numClasses: c.int(1, "num_classes", x, -1))
        default: throw FixtureError("no Swift mapping for \(c.op)")
        }
    }

    private func run(_ ops: Set<String>, atLeast: Int) throws {
        var count = 0
        for c in try ActivationLossFixtures.cases("losses.json") where ops.contains(c.op) {
            try ActivationLossFixtures.run(c) { try call(c, $0) }
            count += 1
        }
        XCTAssertGreaterThanOrEqual(count, atLeast)
    }

    func testRegressionLossesMatchPyTorch() throws {
        try run(["mse_loss", "l1_loss", "smooth_l1_loss", "huber_loss"], atLeast: 44)
    }

    func testCrossEntropyAndNLLMatchPyTorch() throws { try run(["cross_entropy", "nll_loss"], atLeast: 60) }

    func testBinaryAndKLMatchPyTorch() throws {
        try run(["binary_cross_entropy", "binary_cross_entropy_with_logits", "kl_div"], atLeast: 30)
    }

    func testEmbeddingLossesAndDistancesMatchPyTorch() throws {
        try run(["cosine_embedding_loss", "triplet_margin_loss", "pairwise_distance", "cosine_similarity", "normalize",
                 "one_hot"], atLeast: 30)
    }

    func testGradcheckFamily() {
        XCTAssertGreaterThan(GradcheckCase.losses.count, 50)
        for c in GradcheckCase.losses {
            let result = c.run()
            XCTAssertTrue(result.passed, "\(c.name): \(result.failure ?? "")")
        }
    }

    func testCrossEntropyGraphIsLogSoftmaxThenNLL() throws {
        let logits = try Tensor([0.5, -1.0, 2.0, 0.1, 0.2, 0.3], shape: [2, 3], dtype: .float32).setRequiresGrad()
        let loss = try Functional.crossEntropy(logits, Tensor([Int64(2), 0], shape: [2]))
        XCTAssertEqual(loss.gradFn?.name, "NllLossBackward0")
        XCTAssertEqual(loss.gradFn?.nextFunctions.first?.node?.name, "LogSoftmaxBackward0")
    }
}

final class LossModuleTests: XCTestCase {
    private func make(_ name: String, _ kw: [String: Any]) throws -> Module {
        let reduction = kw["reduction"] as? String ?? "mean"
        switch name {
        case "MSELoss": return MSELoss(reduction: reduction)
        case "L1Loss": return L1Loss(reduction: reduction)
        case "SmoothL1Loss": return SmoothL1Loss(reduction: reduction, beta: kw.double("beta", 1))
        case "HuberLoss": return HuberLoss(reduction: reduction, delta: kw.double("delta", 1))
        case "CrossEntropyLoss":
            return try CrossEntropyLoss(weight: kw.tensor("weight"), ignoreIndex: kw.int("ignore_index") ?? -100,
                                        reduction: reduction, labelSmoothing: kw.double("label_smoothing", 0))
        case "NLLLoss":
            return try NLLLoss(weight: kw.tensor("weight"), ignoreIndex: kw.int("ignore_index") ?? -100, reduction: reduction)
        case "BCELoss": return try BCELoss(weight: kw.tensor("weight"), reduction: reduction)
        case "BCEWithLogitsLoss":
            return try BCEWithLogitsLoss(weight: kw.tensor("weight"), reduction: reduction, posWeight: kw.tensor("pos_weight"))
        case "KLDivLoss": return KLDivLoss(reduction: reduction, logTarget: kw.bool("log_target"))
        case "CosineEmbeddingLoss": return CosineEmbeddingLoss(margin: kw.double("margin", 0), reduction: reduction)
        case "TripletMarginLoss":
            return TripletMarginLoss(margin: kw.double("margin", 1), p: kw.double("p", 2), eps: kw.double("eps", 1e-6),
                                     swap: kw.bool("swap"), reduction: reduction)
        default: throw FixtureError("no module \(name)")
        }
    }

    func testModulesMatchPyTorch() throws {
        var count = 0
        for c in try ActivationLossFixtures.cases("losses.json") where c.op == "module" {
            try ActivationLossFixtures.runModule(c) { try make(c.raw["module"] as? String ?? "", $0) }
            count += 1
        }
        XCTAssertEqual(count, 22)
    }

    func testWeightIsABufferAndArgumentsAreChecked() throws {
        let loss = try CrossEntropyLoss(weight: Tensor([1.0, 2.0], shape: [2], dtype: .float32))
        XCTAssertEqual(loss.buffers().count, 1)
        XCTAssertEqual(loss.parameters().count, 0)
        XCTAssertThrowsError(try MSELoss().call([.tensor(Tensor([1.0], shape: [1], dtype: .float32))])) { error in
            XCTAssertEqual((error as? TensorError)?.message, "MSELoss.forward() missing 1 required positional argument: 'target'")
        }
        let x = try Tensor([0.5, 1.0], shape: [2], dtype: .float32)
        let value = try MSELoss(reduction: "sum")(x, Tensor([0.0, 0.0], shape: [2], dtype: .float32))
        XCTAssertEqual(value.doubles, [1.25])
        XCTAssertThrowsError(try MSELoss(reduction: "avg")(x, x)) { error in
            XCTAssertEqual((error as? TensorError)?.message, "avg is not a valid value for reduction")
        }
    }
}

extension ActivationLossFixtures {
    /// `[name,[children]]` of a node down to `depth` levels (nil edges left out), in the
    /// layout of the fixtures' "chain".
    static func render(_ node: Node, depth: Int) -> String {
        let children = depth == 0 ? [] : node.nextFunctions.compactMap { $0.node }.map { render($0, depth: depth - 1) }
        return "[\(node.name),[\(children.joined(separator: ","))]]"
    }

    /// The fixture's chain in the same layout.
    static func render(_ chain: Any?) -> String {
        guard let list = chain as? [Any], let name = list.first as? String else { return "nil" }
        let children = (list.count > 1 ? list[1] as? [Any] : nil) ?? []
        return "[\(name),[\(children.map { render($0) }.joined(separator: ","))]]"
    }

    /// Depth of a fixture chain.
    static func depth(_ chain: Any?) -> Int {
        guard let list = chain as? [Any], list.count > 1, let children = list[1] as? [Any], !children.isEmpty else { return 0 }
        return 1 + (children.map { depth($0) }.max() ?? 0)
    }

    /// Runs every "chain" case of `file`: the whole grad_fn graph a few levels deep.
    static func checkChains(_ file: String, _ call: (OpCase, [Tensor]) throws -> Tensor) throws -> Int {
        var count = 0
        for c in try cases(file) where c.op == "chain" {
            var shim = c.raw
            shim["op"] = c.raw["function"]
            let opCase = OpCase(raw: shim)
            let prior = Autograd.warningHandler
            Autograd.warningHandler = { _ in }
            defer { Autograd.warningHandler = prior }
            let out = try call(opCase, try opCase.inputs())
            guard let fn = out.gradFn else { XCTFail("\(c.id): no grad_fn"); continue }
            let expected = c.raw["chain"]
            let levels = depth(expected)
            XCTAssertEqual(render(fn, depth: levels), render(expected), "\(c.id): grad_fn graph")
            count += 1
        }
        return count
    }
}

extension LossTests {
    func testGraphsMatchPyTorch() throws {
        let count = try ActivationLossFixtures.checkChains("losses.json") { try self.call($0, $1) }
        XCTAssertEqual(count, 34)
    }
}

/// Second derivatives through the fused nodes (create_graph): the derivative of
/// ⟨∇f(x), w⟩ from double backward against central differences of first-order gradients.
final class ActivationLossDoubleBackwardTests: XCTestCase {
    private func check(_ name: String, _ shape: [Int], _ f: (Tensor) throws -> Tensor,
                       file: StaticString = #filePath, line: UInt = #line) throws {
        let g = Generator(seed: 7)
        let x0 = try GradcheckCase.uniform(shape, -1.5...1.5, g)
        let w = try GradcheckCase.uniform(shape, -1...1, g).detach()
        func directional(_ x: Tensor, createGraph: Bool) throws -> (Tensor, Tensor) {
            let leaf = createGraph ? x : try x.detach().setRequiresGrad()
            guard let grad = try Autograd.grad(outputs: [f(leaf).sum()], inputs: [leaf], createGraph: createGraph).first ?? nil else {
                throw FixtureError("\(name): no gradient")
            }
            return (leaf, try grad.mul(w).sum())
        }
        let (leaf, value) = try directional(x0, createGraph: true)
        guard let second = try Autograd.grad(outputs: [value], inputs: [leaf]).first ?? nil else {
            return XCTFail("\(name): no second derivative", file: file, line: line)
        }
        let base = x0.detach().doubles, eps = 1e-6
        for i in base.indices {
            var plus = base, minus = base
            plus[i] += eps
            minus[i] -= eps
            let fp = try directional(Tensor(plus, shape: shape, dtype: .float64), createGraph: false).1.doubles[0]
            let fm = try directional(Tensor(minus, shape: shape, dtype: .float64), createGraph: false).1.doubles[0]
            XCTAssertEqual(second.doubles[i], (fp - fm) / (2 * eps), accuracy: 1e-5, "\(name) element \(i)", file: file, line: line)
        }
    }

    func testSecondDerivatives() throws {
        let labels = try Tensor([Int64(2), 0, 1], shape: [3])
        try check("cross_entropy", [3, 4]) { try Functional.crossEntropy($0, labels) }
        try check("cross_entropy/smoothing", [3, 4]) { try Functional.crossEntropy($0, labels, labelSmoothing: 0.2) }
        try check("softmax", [3, 4]) { try $0.softmax(dim: 1).mul($0) }
        try check("log_softmax", [2, 3, 2]) { try $0.logSoftmax(dim: 1).pow(2) }
        for (name, op) in [("gelu", { try $0.gelu() }), ("gelu/tanh", { try $0.gelu(approximate: "tanh") }),
                           ("elu", { try $0.elu(alpha: 0.7) }), ("silu", { try $0.silu() }), ("mish", { try $0.mish() }),
                           ("softplus", { try $0.softplus(beta: 2, threshold: 1) }), ("logsigmoid", { try $0.logSigmoid() }),
                           ("leaky_relu", { try $0.leakyRelu(negativeSlope: 0.1).pow(2) })] as [(String, (Tensor) throws -> Tensor)] {
            try check(name, [5], op)
        }
        let target = try Tensor([0.2, 0.9, 0.5, 0.1], shape: [4], dtype: .float64)
        try check("mse_loss", [4]) { try Functional.mseLoss($0.pow(3), target) }
        try check("bce_with_logits", [4]) { try Functional.binaryCrossEntropyWithLogits($0, target) }
        try check("bce", [4]) { try Functional.binaryCrossEntropy($0.sigmoid(), target) }
        try check("huber", [4]) { try Functional.huberLoss($0.pow(3), target, delta: 0.5) }
    }
}
