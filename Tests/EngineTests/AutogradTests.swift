import XCTest
@testable import Engine

final class AutogradTests: XCTestCase {
    func testAddMulBackwardAccumulatesIntoLeaves() throws {
        let x = try Tensor([1.0, 2.0, 3.0] as [Float], shape: [3]).setRequiresGrad()
        let w = try Tensor([0.5] as [Float], shape: [1]).setRequiresGrad()
        let y = try (x * w + 1.0).sum()
        XCTAssertEqual(y.gradFn?.name, "SumBackward0")
        XCTAssertEqual(y.gradFn?.nextFunctions.first?.node?.name, "AddBackward0")
        try y.backward()
        XCTAssertEqual(x.grad?.toArray(Float.self), [0.5, 0.5, 0.5])
        XCTAssertEqual(w.grad?.toArray(Float.self), [6])
        let y2 = try (x * w).sum()
        try y2.backward()
        XCTAssertEqual(w.grad?.toArray(Float.self), [12])
    }

    func testBackwardTwiceWithoutRetainGraphFails() throws {
        let x = try Tensor([1.0, 2.0] as [Double], shape: [2]).setRequiresGrad()
        let y = try (x * x).sum()
        try y.backward()
        XCTAssertThrowsError(try y.backward()) { error in
            XCTAssertTrue((error as? TensorError)?.message.hasPrefix("Trying to backward through the graph a second time") == true)
        }
    }

    func testNonScalarBackwardNeedsGradient() throws {
        let x = try Tensor([1.0, 2.0] as [Float], shape: [2]).setRequiresGrad()
        let y = try x * 2.0
        XCTAssertThrowsError(try y.backward()) { error in
            XCTAssertEqual((error as? TensorError)?.message, "grad can be implicitly created only for scalar outputs")
        }
    }

    func testBroadcastingGradientsAreSummed() throws {
        let a = try Tensor([Float](repeating: 1, count: 6), shape: [2, 3]).setRequiresGrad()
        let b = try Tensor([1, 2, 3] as [Float], shape: [3]).setRequiresGrad()
        try (a * b).sum().backward()
        XCTAssertEqual(b.grad?.shape, [3])
        XCTAssertEqual(b.grad?.toArray(Float.self), [2, 2, 2])
        XCTAssertEqual(a.grad?.toArray(Float.self), [1, 2, 3, 1, 2, 3])
    }
}
