import XCTest
@testable import Engine

/// torchvision's resnet18 and vgg11 built by the Engine after the same seed: printed layout,
/// every parameter and buffer, and the eval-mode output (models.json, make_models_fixtures.py).
final class ModelTests: XCTestCase {
    func testResNet18MatchesTorchvision() throws {
        try check("resnet18/num_classes=10") { try ResNet(numClasses: 10) }
    }

    func testVGG11MatchesTorchvision() throws {
        try check("vgg11/num_classes=10") { try VGG(numClasses: 10) }
    }

    func testTransferLearningHeadReplacement() throws {
        Tensor.manualSeed(0)
        let model = try ResNet(numClasses: 1000)
        guard let fc = model.submodule("fc") as? Linear else { return XCTFail("fc is not a Linear") }
        try model.registerModule("fc", Linear(fc.inFeatures, 3))
        let y = try model.eval()(Tensor.randn([1, 3, 32, 32]))
        XCTAssertEqual(y.shape, [1, 3])
    }

    private func check(_ id: String, build: () throws -> Module) throws {
        let cases = try Fixtures.load("models.json")["cases"] as? [[String: Any]] ?? []
        guard let c = cases.first(where: { $0["id"] as? String == id }) else { return XCTFail("no case \(id)") }
        Tensor.manualSeed(0)
        let model = try build()
        XCTAssertEqual(model.description, c["repr"] as? String, id)
        XCTAssertEqual(model.parameters().reduce(0) { $0 + $1.numel }, c["parameter_count"] as? Int)
        try compare(model.namedParameters(), c["parameters"], id)
        try compare(model.namedBuffers(), c["buffers"], id)
        model.eval()
        Tensor.manualSeed(1)
        let shape = c["input_shape"] as? [Int] ?? []
        let y = try noGrad { try model(Tensor.randn(shape)) }
        XCTAssertEqual(y.shape, c["output_shape"] as? [Int])
        let expected = c["output"] as? [Double] ?? []
        let got = y.doubles
        XCTAssertEqual(got.count, expected.count)
        for (g, e) in zip(got, expected) { XCTAssertEqual(g, e, accuracy: 1e-4 + 1e-3 * abs(e), id) }
    }

    private func compare(_ named: [(String, Tensor)], _ spec: Any?, _ id: String) throws {
        let expected = spec as? [[Any]] ?? []
        XCTAssertEqual(named.map { $0.0 }, expected.compactMap { $0.first as? String }, id)
        for ((name, tensor), entry) in zip(named, expected) {
            guard let s = entry.last as? [String: Any] else { continue }
            XCTAssertEqual(tensor.shape, s["shape"] as? [Int], name)
            let values = tensor.doubles
            let sum = values.reduce(0, +), absSum = values.reduce(0) { $0 + abs($1) }
            let eSum = s["sum"] as? Double ?? .nan, eAbs = s["abs_sum"] as? Double ?? .nan
            XCTAssertEqual(absSum, eAbs, accuracy: 1e-4 * max(1, eAbs), "\(id) \(name) abs sum")
            XCTAssertEqual(sum, eSum, accuracy: 1e-4 * max(1, eAbs), "\(id) \(name) sum")
            for (g, e) in zip(values, s["first"] as? [Double] ?? []) {
                XCTAssertEqual(g, e, accuracy: 1e-6 * max(1, abs(e)), "\(id) \(name) first values")
            }
        }
    }
}
