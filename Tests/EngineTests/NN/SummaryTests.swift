import XCTest
@testable import Engine

/// `ModelSummary` against tables printed by the real torchsummary 1.5 package under PyTorch 2.15
/// (expected texts copied from its output; see Tests/BindingsTests/Summary for script goldens).
final class SummaryTests: XCTestCase {
    static let rule = String(repeating: "-", count: 64) + "\n"
    static let double = String(repeating: "=", count: 64) + "\n"
    static let header = rule + "        Layer (type)               Output Shape         Param #\n" + double

    /// A module returning `(x, x)`.
    final class Pair: Module {
        override func forward(_ inputs: [ModuleValue], keywords: [(String, ModuleValue)]) throws -> ModuleValue {
            .tuple([inputs[0], inputs[0]])
        }
    }

    /// A module returning a 0-d tensor.
    final class Scalar0: Module {
        override func forward(_ inputs: [ModuleValue], keywords: [(String, ModuleValue)]) throws -> ModuleValue {
            .tensor(try Tensor.rand([]))
        }
    }

    func testMLPTableAndGeneratorStaysInStep() throws {
        Generator.global.manualSeed(0)
        let model = try Sequential(Linear(64, 128), ReLU(), Linear(128, 10))
        let result = try ModelSummary.summary(model, inputSizes: [[64]])
        XCTAssertNil(result.failure)
        XCTAssertEqual(result.text, Self.header + """
                        Linear-1                  [-1, 128]           8,320
                          ReLU-2                  [-1, 128]               0
                        Linear-3                   [-1, 10]           1,290

            """ + Self.double + """
            Total params: 9,610
            Trainable params: 9,610
            Non-trainable params: 0

            """ + Self.rule + """
            Input size (MB): 0.00
            Forward/backward pass size (MB): 0.00
            Params size (MB): 0.04
            Estimated Total Size (MB): 0.04

            """ + Self.rule)
        // torch.rand(3) after summary() in PyTorch: the inputs drew from the global generator.
        let next = try Tensor.rand([3]).doubles
        for (a, b) in zip(next, [0.6370316743850708, 0.007970094680786133, 0.4017981290817261]) {
            XCTAssertEqual(a, b, accuracy: 1e-7)
        }
        // The hooks are gone afterwards.
        for m in model.modules() { XCTAssertEqual(m.forwardHookCount.hooks, 0) }
    }

    func testBatchSizeFrozenWeightAndTupleOutput() throws {
        Generator.global.manualSeed(0)
        let model = try Sequential(Linear(4, 6), Pair())
        let result = try ModelSummary.summary(model, inputSizes: [[4]], batchSize: 3)
        XCTAssertEqual(result.rows.map(\.name), ["Linear-1", "Pair-2"])
        XCTAssertTrue(result.text.hasPrefix(Self.header + """
                        Linear-1                     [3, 6]              30
                          Pair-2         [[-1, 6], [-1, 6]]               0

            """), result.text)

        let frozen = try Sequential(Linear(4, 6), ReLU())
        _ = try frozen.parameters()[0].setRequiresGrad(false)
        let text = try ModelSummary.summary(frozen, inputSizes: [[4]], batchSize: 5).text
        XCTAssertTrue(text.contains("            Linear-1                     [5, 6]              30\n"))
        XCTAssertTrue(text.contains("Total params: 30\nTrainable params: 0\nNon-trainable params: 30\n"), text)
    }

    func testSizesRoundLikePython() {
        let row = ModelSummary.Row(name: "Conv2d-1", outputShapes: [[-1, 64, 112, 112]], isTupleOutput: false,
                                   parameterCount: 9408, trainable: true, countedTensors: true)
        let text = ModelSummary.render(rows: [row], inputSizes: [[3, 224, 224]], batchSize: -1).text
        XCTAssertTrue(text.contains("""
            Input size (MB): 0.57
            Forward/backward pass size (MB): 6.12
            Params size (MB): 0.04
            Estimated Total Size (MB): 6.74

            """), text)
        XCTAssertTrue(text.contains("            Conv2d-1         [-1, 64, 112, 112]           9,408\n"), text)
        XCTAssertEqual(ModelSummary.grouped(1234567), "1,234,567")
        XCTAssertEqual(ModelSummary.grouped(-1000), "-1,000")
        XCTAssertEqual(ModelSummary.grouped(999), "999")
    }

    func testPackageQuirksFailAfterPrintingRows() throws {
        // No weight or bias anywhere: the package's total stays the int 0 and `.numpy()` fails.
        let relu = try Sequential(ReLU())
        let a = try ModelSummary.summary(relu, inputSizes: [[4]])
        XCTAssertEqual(a.text, Self.header + "              ReLU-1                    [-1, 4]               0\n")
        XCTAssertEqual((a.failure as? ModuleError)?.message, "'int' object has no attribute 'numpy'")
        // Inputs of different ranks: np.prod(input_size) rejects the ragged list.
        let b = ModelSummary.render(rows: [], inputSizes: [[3, 8, 8], [5]], batchSize: -1)
        XCTAssertEqual((b.failure as? TensorError)?.message,
                       "setting an array element with a sequence. The requested array has an inhomogeneous shape after 1 dimensions. The detected shape was (2,) + inhomogeneous part.")
        // A 0-d output cannot take the batch entry.
        let scalar = try Sequential(Linear(4, 1), Scalar0())
        XCTAssertThrowsError(try ModelSummary.summary(scalar, inputSizes: [[4]])) { error in
            XCTAssertEqual((error as? TensorError)?.message, "list assignment index out of range")
        }
        XCTAssertEqual(scalar.modules().map { $0.forwardHookCount.hooks }, [0, 0, 0])
    }
}
