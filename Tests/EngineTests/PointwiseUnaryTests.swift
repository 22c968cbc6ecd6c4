import Foundation
import XCTest
@testable import Engine

/// The unary math and piecewise ops against PyTorch's fixtures, plus the properties the
/// fixtures cannot show (vectorised exp accuracy, layouts, threads, in-place rules).
final class PointwiseUnaryTests: XCTestCase {
    static let unaryOps: Set<String> = ["neg", "exp", "sin", "cos", "tan", "tanh", "sigmoid", "abs", "sign", "floor",
                                        "ceil", "round", "relu", "square", "erf", "reciprocal", "sqrt", "rsqrt", "log",
                                        "log1p", "expm1", "log2", "__neg__", "__abs__", "__pos__"]

    func testUnaryOpsMatchPyTorch() throws {
        let ran = try PointwiseFixtures.check(Self.unaryOps)
        XCTAssertGreaterThan(ran, 170)
    }

    func testUnaryInPlaceOpsMatchPyTorch() throws {
        let ran = try PointwiseFixtures.check(["neg_", "exp_", "abs_", "sqrt_", "pow_", "relu_", "sigmoid_"])
        XCTAssertEqual(ran, 7)
    }
}
