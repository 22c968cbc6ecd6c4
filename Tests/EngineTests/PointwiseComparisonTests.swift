import Foundation
import XCTest
@testable import Engine

/// Comparisons, float classifiers, closeness tests, logical and bitwise ops against PyTorch's
/// fixtures.
final class PointwiseComparisonTests: XCTestCase {
    func testComparisonsMatchPyTorch() throws {
        let ops: Set<String> = ["eq", "ne", "lt", "le", "gt", "ge", "__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__"]
        XCTAssertGreaterThan(try PointwiseFixtures.check(ops), 90)
    }

    func testClassifiersAndClosenessMatchPyTorch() throws {
        XCTAssertGreaterThan(try PointwiseFixtures.check(["isnan", "isinf", "isfinite", "allclose", "equal"]), 40)
    }

    func testLogicalAndBitwiseMatchPyTorch() throws {
        let ops: Set<String> = ["logical_and", "logical_or", "logical_xor", "logical_not", "__invert__", "__and__", "__or__", "__xor__"]
        XCTAssertGreaterThan(try PointwiseFixtures.check(ops), 25)
    }
}
