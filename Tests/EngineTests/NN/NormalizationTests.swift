import XCTest
@testable import Engine

final class NormalizationTests: XCTestCase {
    /// Every case of GradcheckCase.normalization passes float64 gradcheck.
    func testGradcheckFamily() {
        XCTAssertFalse(GradcheckCase.normalization.isEmpty)
        for c in GradcheckCase.normalization {
            let r = c.run()
            XCTAssertTrue(r.passed, "\(c.name): \(r.failure ?? "")")
        }
    }

    /// Values, grad_fn graphs, gradients and error texts against PyTorch (layers.json).
    func testFixtures() {
        checkLayerCases(["batch_norm", "layer_norm"], skipGraph: [])
    }
}
