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
}
