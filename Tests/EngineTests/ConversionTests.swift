import Foundation
import XCTest
@testable import Engine

/// dtype and device conversions, `item`, and the default dtype, against creation.json.
final class ConversionTests: XCTestCase {
    func testConversionFixtures() throws {
        let ops: Set<String> = ["to", "item", "device", "set_default_dtype"]
        let cases = CreationFixture.cases(kind: "op").filter { ops.contains($0["op"] as? String ?? "") }
        XCTAssertGreaterThanOrEqual(cases.count, 14)
        for c in cases {
            let id = c["id"] as? String ?? "?"
            let inputs = try CreationFixture.inputs(c)
            let argument = (c["args"] as? [Any] ?? []).last
            checkCreationFixture(id, c) {
                switch id {
                case "to/f32_to_int64", "to/f64_out_of_range_int64": return try inputs[0].to(.int64)
                case "to/f32_to_int32", "to/f32_out_of_range_int32", "to/int64_to_int32_wraps": return try inputs[0].to(.int32)
                case "to/f32_to_bool": return try inputs[0].to(.bool)
                case "to/int64_to_f32": return try inputs[0].float()
                case _ where id.hasPrefix("item/"): return Tensor(scalar: try inputs[0].item())
                case _ where id.hasPrefix("device/"): return try Tensor.zeros([1]).to(device: argument as? String ?? "")
                case "set_default_dtype/int64_error":
                    try Tensor.setDefaultDType(.int64)
                    return try Tensor.zeros([])
                default: throw FixtureError("no Swift call for \(id)")
                }
            }
        }
    }

    func testToAndAutograd() throws {
        let x = try Tensor([1.5, -2.25, 3], shape: [3], dtype: .float32).setRequiresGrad()
        XCTAssertTrue(try x.to(.float32) === x)
        XCTAssertTrue(try x.float() === x)
        XCTAssertTrue(try x.type(.float32) === x)
        let copy = try x.to(.float32, copy: true)
        XCTAssertFalse(copy === x)
        XCTAssertEqual(copy.gradFn?.name, "ToCopyBackward0")
        let d = try x.double()
        XCTAssertEqual(d.dtype, .float64)
        XCTAssertEqual(d.gradFn?.name, "ToCopyBackward0")
        try (try d * 3.0).sum().backward()
        XCTAssertEqual(x.grad?.dtype, .float32)
        XCTAssertEqual(x.grad?.doubles, [3, 3, 3])
        let asDouble = try x.typeAs(try Tensor.zeros([1], dtype: .float64))
        XCTAssertEqual(asDouble.dtype, .float64)
        XCTAssertEqual(asDouble.gradFn?.name, "ToCopyBackward0")
        for t in [try x.long(), try x.int(), try x.bool()] {
            XCTAssertFalse(t.requiresGrad)
            XCTAssertNil(t.gradFn)
        }
        XCTAssertEqual(try x.long().toArray(Int64.self), [1, -2, 3])
        XCTAssertEqual(try x.bool().toArray(Bool.self), [true, true, true])
        XCTAssertThrowsError(try x.half()) { XCTAssertEqual(($0 as? TensorError)?.kind, .notImplemented) }
        let transposed = try Tensor([1.9, 2.9, 3.9, 4.9], shape: [2, 2], dtype: .float64).t()
        XCTAssertEqual(try transposed.int().toArray(Int32.self), [1, 3, 2, 4])
    }

    func testDevices() throws {
        XCTAssertEqual(try Device("cpu"), .cpu)
        XCTAssertEqual(try Device("cpu:0"), .cpu)
        XCTAssertEqual(Device.cpu.description, "cpu")
        let x = try Tensor.ones([2])
        XCTAssertTrue(x.to(device: .cpu) === x)
        XCTAssertTrue(try x.to(device: "cpu") === x)
        XCTAssertTrue(x.cpu() === x)
        XCTAssertEqual(x.device, .cpu)
        for name in ["cuda", "cuda:0", "mps"] {
            XCTAssertThrowsError(try Device(name)) { error in
                XCTAssertEqual((error as? TensorError)?.kind, .runtime)
                XCTAssertTrue((error as? TensorError)?.message.contains("wick runs on the CPU only") == true, "\(error)")
            }
        }
        XCTAssertThrowsError(try x.cuda())
        XCTAssertThrowsError(try Device("cuda:99999999999999999999")) {
            XCTAssertEqual(($0 as? TensorError)?.message,
                           "Could not parse device index '99999999999999999999' in device string 'cuda:99999999999999999999'")
        }
    }

    func testItem() throws {
        XCTAssertEqual(try Tensor(literal: [2.5]).item(), .double(2.5))
        XCTAssertEqual(try Tensor(literal: [[7]]).item(), .int(7))
        XCTAssertEqual(try Tensor(literal: true).item(), .bool(true))
        XCTAssertEqual(try Tensor(literal: [3], dtype: .int32).item(), .int(3))
    }
}

/// The gradcheck registry entries of this family (until `GradcheckCase.all` lists them).
final class CreationGradcheckTests: XCTestCase {
    func testRegistryEntriesPass() {
        let cases = GradcheckCase.conversion + GradcheckCase.randomSampling
        XCTAssertEqual(cases.count, 8)
        for c in cases {
            let result = c.run(seed: 1)
            XCTAssertTrue(result.passed, "\(c.name): \(result.failure ?? "")")
        }
    }
}
