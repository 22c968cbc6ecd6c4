import XCTest
@testable import Engine

final class ConvolutionTests: XCTestCase {
    /// Every case of GradcheckCase.convolution passes float64 gradcheck.
    func testGradcheckFamily() {
        XCTAssertFalse(GradcheckCase.convolution.isEmpty)
        for c in GradcheckCase.convolution {
            let r = c.run()
            XCTAssertTrue(r.passed, "\(c.name): \(r.failure ?? "")")
        }
    }

    /// Values, grad_fn graphs, gradients and error texts against PyTorch (layers.json).
    func testFixtures() {
        checkLayerCases(["conv1d", "conv2d", "conv_transpose1d", "conv_transpose2d", "pad"], skipGraph: ["pad/circular2d"], float32Atol: 1e-5)
    }

    /// Second derivatives (create_graph): the gradients of sum(f(inputs)²) are themselves
    /// gradchecked, through the differentiable backward of each layer op.
    func testDoubleBackward() throws {
        let cases: [(String, [[Int]], ([Tensor]) throws -> Tensor)] = [
            ("conv2d", [[2, 2, 5, 5], [3, 2, 3, 3]], { try Tensor.conv2d($0[0], $0[1], stride: [2], padding: 1) }),
            ("conv_transpose2d", [[1, 2, 3, 3], [2, 3, 3, 3]], {
                try Tensor.convTranspose2d($0[0], $0[1], stride: [2], padding: [1], outputPadding: [1])
            }),
            ("conv1d/groups_input_only", [[1, 4, 6]], {
                try Tensor.conv1d($0[0], Tensor((0..<24).map { Double($0) / 10 - 1 }, shape: [4, 2, 3], dtype: .float64), groups: 2)
            }),
            ("max_pool2d", [[1, 2, 4, 4]], { try $0[0].maxPool2d(kernelSize: [2]) }),
            ("avg_pool2d", [[1, 2, 5, 5]], { try $0[0].avgPool2d(kernelSize: [3], stride: [2], padding: [1]) }),
            ("adaptive_avg_pool2d", [[1, 2, 5, 4]], { try $0[0].adaptiveAvgPool2d([2, 3]) }),
            ("pad/reflect", [[1, 2, 4]], { try $0[0].pad([2, 1], mode: "reflect") }),
            ("batch_norm", [[4, 3], [3], [3]], {
                try Tensor.batchNorm($0[0], runningMean: nil, runningVar: nil, weight: $0[1], bias: $0[2], training: true)
            }),
            ("layer_norm", [[2, 5], [5]], { try Tensor.layerNorm($0[0], normalizedShape: [5], weight: $0[1]) }),
        ]
        for (name, shapes, f) in cases {
            let g = Generator(seed: 3)
            let inputs = try shapes.map { try GradcheckCase.uniform($0, -1...1, g) }
            let r = try gradcheck({ xs -> [Tensor] in
                let y = try f(xs)
                let grads = try Autograd.grad(outputs: [y.mul(y).sum()], inputs: xs, createGraph: true, allowUnused: true)
                return grads.compactMap { $0 }
            }, inputs: inputs, raiseException: false)
            XCTAssertTrue(r.passed, "\(name): \(r.failure ?? "")")
        }
    }
}
