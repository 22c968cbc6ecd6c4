import Foundation
import XCTest
@testable import Engine

/// pow, maximum/minimum, remainder/fmod/floor_divide, where, lerp and clamp against PyTorch's
/// fixtures, plus behaviour the fixtures do not pin down.
final class PointwiseBinaryTests: XCTestCase {
    /// pointwise.json (make_pointwise_fixtures.py): clamp ties and NaN bounds, fmod/remainder
    /// by numbers, lerp dtype rules, integer powers, more in-place forms.
    func testExtraPointwiseFixturesMatchPyTorch() throws {
        XCTAssertEqual(try PointwiseFixtures.check(file: "pointwise.json"), 59)
    }

    func testPowMatchesPyTorch() throws {
        XCTAssertGreaterThan(try PointwiseFixtures.check(["pow", "__pow__", "__rpow__"]), 40)
    }

    func testMaximumMinimumMatchPyTorch() throws {
        XCTAssertGreaterThan(try PointwiseFixtures.check(["maximum", "minimum"]), 40)
    }

    func testDivisionFamilyMatchesPyTorch() throws {
        XCTAssertGreaterThan(try PointwiseFixtures.check(["remainder", "fmod", "floor_divide", "__floordiv__", "__mod__",
                                                          "__rfloordiv__", "__rmod__"]), 35)
    }

    func testWhereLerpClampMatchPyTorch() throws {
        XCTAssertGreaterThan(try PointwiseFixtures.check(["where", "lerp", "clamp", "clip", "clamp_"]), 45)
    }

    /// Number arguments are not graph inputs where PyTorch's overload takes a Scalar (one next
    /// function) and are wrapped tensors where it takes a Tensor (a `None` next function).
    func testNextFunctionsOfNumberArguments() throws {
        let x = try Tensor([1, 2] as [Float]).setRequiresGrad()
        let mask = Tensor([true, false])
        func names(_ t: Tensor) -> [String?] { t.gradFn?.nextFunctions.map { $0.node?.name } ?? [] }
        XCTAssertEqual(names(try x + 2.0), ["AccumulateGrad", nil])
        XCTAssertEqual(names(try 2.0 - x), ["AccumulateGrad"])
        XCTAssertEqual(names(try x % 1.5), ["AccumulateGrad"])
        XCTAssertEqual(names(try x.fmod(1.5)), ["AccumulateGrad"])
        XCTAssertEqual(names(try x.floorDivide(2)), ["AccumulateGrad"])
        XCTAssertEqual(names(try x.pow(2)), ["AccumulateGrad"])
        XCTAssertEqual(names(try Tensor.pow(2, x)), ["AccumulateGrad"])
        XCTAssertEqual(names(try Tensor.where(mask, 0.0, x)), [nil, "AccumulateGrad"])
        XCTAssertEqual(names(try x.clamp(min: x)), ["AccumulateGrad", "AccumulateGrad", nil])
        XCTAssertEqual(names(try x.div(2, roundingMode: "floor")), ["AccumulateGrad", nil])
        XCTAssertEqual(names(try Tensor.zeros([2]).copyInPlace(x)), [nil, "AccumulateGrad"])
    }

    /// A number divisor is not saved, so changing the dividend in place later is harmless.
    func testRemainderByANumberSavesNothing() throws {
        let x = try Tensor([1, 2] as [Float]).setRequiresGrad()
        let y = try x * 1.0
        let z = try y % 1.5
        try y.addInPlace(1)
        try z.sum().backward()
        XCTAssertEqual(x.grad?.toArray(Float.self), [1, 1])
    }
}
