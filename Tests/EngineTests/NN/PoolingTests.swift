import XCTest
@testable import Engine

final class PoolingTests: XCTestCase {
    /// Every case of GradcheckCase.pooling passes float64 gradcheck.
    func testGradcheckFamily() {
        XCTAssertFalse(GradcheckCase.pooling.isEmpty)
        for c in GradcheckCase.pooling {
            let r = c.run()
            XCTAssertTrue(r.passed, "\(c.name): \(r.failure ?? "")")
        }
    }

    /// Values, grad_fn graphs, gradients and error texts against PyTorch (layers.json).
    func testFixtures() {
        checkLayerCases(["max_pool1d", "max_pool2d", "avg_pool2d", "adaptive_avg_pool2d"], skipGraph: [])
    }
}
