import Foundation
import XCTest
@testable import Engine

/// save → load round trips; the files also go to /tmp/wick-pth-out with a description so that
/// `make_pth_fixtures.py --check /tmp/wick-pth-out` can verify them with real PyTorch.
final class PTHRoundTripTests: XCTestCase {
    static let outDirectory = "/tmp/wick-pth-out"

    func samples() throws -> [String: IOValue] {
        let base = try Tensor([Float](stride(from: 0, to: 12, by: 1)), shape: [3, 4])
        let row = Tensor(storage: base.storage, shape: [4], strides: [1], offset: 4)
        let column = Tensor(storage: base.storage, shape: [3], strides: [4], offset: 2)
        let weight = try Tensor([Float](arrayLiteral: 0.5, -0.25, 1, 2, 3, 4), shape: [2, 3])
        weight.isParameter = true
        weight.leafRequiresGrad = true
        let bias = try Tensor([Float](arrayLiteral: 0.125, -8), shape: [2])
        let state: IOValue = .orderedDict([(.string("weight"), .tensor(try Tensor([Float](arrayLiteral: 1, 2, 3, 4, 5, 6), shape: [2, 3]))),
                                           (.string("bias"), .tensor(bias))])
        let grad = try Tensor([Float](arrayLiteral: 1, -1), shape: [2])
        grad.leafRequiresGrad = true
        return [
            "w_tensor": .tensor(base),
            "w_views": .dict([(.string("base"), .tensor(base)), (.string("row"), .tensor(row)), (.string("col"), .tensor(column))]),
            "w_state": state,
            "w_checkpoint": .dict([(.string("epoch"), .int(3)), (.string("model"), state),
                                   (.string("optimizer"), .dict([(.string("state"), .dict([(.int(0), .dict([(.string("step"), .tensor(Tensor(scalar: .double(1), dtype: .float32)))]))])),
                                                                 (.string("param_groups"), .list([.dict([(.string("lr"), .float(0.01)), (.string("betas"), .tuple([.float(0.9), .float(0.999)])), (.string("params"), .list([.int(0), .int(1)]))])]))])),
                                   (.string("loss"), .float(0.25)), (.string("note"), .string("x é")), (.string("none"), .none), (.string("flag"), .bool(true)),
                                   (.string("big"), .int(1 << 40)), (.string("neg"), .int(-70000)), (.string("min"), .int(Int.min))]),
            "w_dtypes": .list([.tensor(try Tensor([1.5, -2], shape: [2], dtype: .float64)), .tensor(Tensor([Int64(-3), 1 << 40])),
                               .tensor(Tensor([Int32(7), -8])), .tensor(Tensor([true, false, true]))]),
            "w_scalar": .tensor(Tensor(scalar: .double(3.5), dtype: .float32)),
            "w_empty": .tensor(Tensor(zeros: [0, 3])),
            "w_parameter": .tensor(weight),
            "w_requires_grad": .tensor(grad),
        ]
    }

    func testRoundTripAndExportForPyTorchCheck() throws {
        try? FileManager.default.createDirectory(atPath: Self.outDirectory, withIntermediateDirectories: true)
        for (name, value) in try samples() {
            let path = Self.outDirectory + "/" + name + ".pth"
            try Serialization.save(value, to: path)
            var storages: [ObjectIdentifier: Int] = [:]
            let want = PTHDescription.json(value, storages: &storages)
            try Data(want.utf8).write(to: URL(fileURLWithPath: Self.outDirectory + "/" + name + ".json"))
            let loaded = try Serialization.load(from: path)
            var again: [ObjectIdentifier: Int] = [:]
            XCTAssertEqual(PTHDescription.json(loaded, storages: &again), want, name)
        }
        XCTAssertFalse(try FileManager.default.contentsOfDirectory(atPath: Self.outDirectory).contains { $0.contains("wick-tmp") })
    }

    func testSavedArchiveLayoutIsPyTorchs() throws {
        let bytes = try Serialization.archive(.tensor(Tensor([Float](arrayLiteral: 1, 2))), archiveName: "model")
        let entries = try ZipArchive.entries(of: bytes)
        XCTAssertEqual(entries.map(\.name), ["model/data.pkl", "model/.format_version", "model/.storage_alignment", "model/byteorder",
                                             "model/data/0", "model/version", "model/.data/serialization_id"])
        XCTAssertTrue(entries.allSatisfy { $0.dataOffset % 64 == 0 })
    }

    func testSaveErrors() {
        XCTAssertThrowsError(try Serialization.save(.none, to: "/nonexistent-dir-wick/a.pth")) { error in
            XCTAssertEqual((error as? TensorError)?.message, "Parent directory /nonexistent-dir-wick does not exist.")
        }
    }
}
