import Foundation
import XCTest
@testable import Engine

/// The pointwise family's gradcheck entries, run on their own so a failure names this family
/// (GradcheckTests runs the whole registry too).
final class PointwiseGradcheckTests: XCTestCase {
    func testPointwiseEntriesPass() {
        check(GradcheckCase.pointwise + GradcheckCase.comparisonAndSelection)
    }

    func testArithmeticEntriesPass() {
        check(GradcheckCase.arithmetic)
    }

    private func check(_ cases: [GradcheckCase]) {
        XCTAssertFalse(cases.isEmpty)
        for c in cases {
            let seed = c.name.utf8.reduce(UInt64(14_695_981_039_346_656_037)) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 }
            let result = c.run(seed: seed)
            XCTAssertTrue(result.passed, "gradcheck \(c.name): \(result.failure ?? "?")")
        }
    }
}
