import XCTest
@testable import Engine

final class EmbeddingTests: XCTestCase {
    /// Every case of GradcheckCase.embedding passes float64 gradcheck.
    func testGradcheckFamily() {
        XCTAssertFalse(GradcheckCase.embedding.isEmpty)
        for c in GradcheckCase.embedding {
            let r = c.run()
            XCTAssertTrue(r.passed, "\(c.name): \(r.failure ?? "")")
        }
    }

    /// Values, grad_fn graphs, gradients and error texts against PyTorch (layers.json).
    func testFixtures() {
        checkLayerCases(["embedding"], skipGraph: [])
    }
}
