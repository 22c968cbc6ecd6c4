import Foundation
import XCTest
@testable import Engine

/// add, sub, mul, div, neg, their reflected operator forms and in-place forms (with
/// zero_/fill_/copy_) against PyTorch's fixtures: values, type promotion, grad_fn names,
/// gradients and error messages.
final class ArithmeticTests: XCTestCase {
    func testOutOfPlaceArithmeticMatchesPyTorch() throws {
        XCTAssertGreaterThan(try PointwiseFixtures.check(["add", "sub", "mul", "div"]), 120)
    }

    func testOperatorsMatchPyTorch() throws {
        let ops: Set<String> = ["__add__", "__sub__", "__mul__", "__truediv__", "__radd__", "__rsub__", "__rmul__", "__rtruediv__"]
        XCTAssertGreaterThan(try PointwiseFixtures.check(ops), 50)
    }

    func testInPlaceArithmeticMatchesPyTorch() throws {
        XCTAssertGreaterThan(try PointwiseFixtures.check(["add_", "sub_", "mul_", "div_"]), 40)
    }

    func testOverwritesMatchPyTorch() throws {
        XCTAssertEqual(try PointwiseFixtures.check(["zero_", "fill_", "copy_"]), 18)
    }
}
