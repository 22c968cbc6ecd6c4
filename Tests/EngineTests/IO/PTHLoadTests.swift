import Foundation
import XCTest
@testable import Engine

/// Loading files written by real PyTorch 2.15 (`Tests/Fixtures/make_pth_fixtures.py`).
final class PTHLoadTests: XCTestCase {
    func testEveryFixtureLoadsAsPyTorchDid() throws {
        let values = try XCTUnwrap(PTHDescription.expected()["values"] as? [String: Any])
        XCTAssertGreaterThanOrEqual(values.count, 10)
        for (name, expected) in values.sorted(by: { $0.key < $1.key }) {
            let loaded = try Serialization.load(from: PTHDescription.folder.appendingPathComponent(name + ".pth").path)
            var storages: [ObjectIdentifier: Int] = [:]
            PTHDescription.assertMatches(loaded, expected, storages: &storages, path: name)
        }
    }

    func testViewsShareOneStorage() throws {
        let loaded = try Serialization.load(from: PTHDescription.folder.appendingPathComponent("views.pth").path)
        guard case .dict(let pairs) = loaded, case .tensor(let base) = pairs[0].value, case .tensor(let row) = pairs[1].value else {
            return XCTFail("views.pth should load as a dict of tensors")
        }
        XCTAssertTrue(base.storage === row.storage)
        XCTAssertEqual(row.storageOffset, 4)
        base.storage.pointer(Float.self)[5] = 42
        XCTAssertEqual(PTHDescription.values(row), [4, 42, 6, 7])
    }

    func testErrorTextsMatchPyTorch() throws {
        let errors = try XCTUnwrap(PTHDescription.expected()["errors"] as? [String: [String: String]])
        for name in ["malicious", "truncated", "tiny"] {
            let want = try XCTUnwrap(errors[name])
            XCTAssertThrowsError(try Serialization.load(from: PTHDescription.folder.appendingPathComponent(name + ".pth").path)) { error in
                switch error {
                case let e as SerializationError:
                    XCTAssertEqual(e.kind.rawValue, want["type"], name)
                    XCTAssertEqual(e.message, want["message"], name)
                case let e as TensorError:
                    XCTAssertEqual(e.kind.rawValue, want["type"], name)
                    XCTAssertEqual(e.message, want["message"], name)
                default: XCTFail("\(name): unexpected \(error)")
                }
            }
        }
        let missing = PTHDescription.folder.appendingPathComponent("does_not_exist.pth").path
        XCTAssertThrowsError(try Serialization.load(from: missing)) { error in
            XCTAssertEqual((error as? SerializationError)?.kind, .fileNotFound)
            // The fixture recorded the generator's absolute path; the text around it must match.
            XCTAssertTrue(errors["missing"]?["message"]?.hasPrefix("[Errno 2] No such file or directory: '") ?? false)
            XCTAssertEqual((error as? SerializationError)?.message, "[Errno 2] No such file or directory: '\(missing)'")
        }
    }

    func testUnknownGlobalIsRefusedWithPyTorchsText() throws {
        // A pickle calling builtins.eval: GLOBAL, string, TUPLE1, REDUCE, STOP.
        var pickle: [UInt8] = [0x80, 2, 0x63] + Array("builtins\neval\n".utf8)
        pickle += [0x58, 4, 0, 0, 0] + Array("1+1\n".utf8).prefix(4) + [0x85, 0x52, 0x2E]
        let archive = try ZipArchive.write([("a/data.pkl", pickle), ("a/byteorder", Array("little".utf8))])
        XCTAssertThrowsError(try Serialization.load(bytes: archive)) { error in
            let message = (error as? SerializationError)?.message ?? ""
            XCTAssertTrue(message.hasPrefix("Weights only load failed. This file can still be loaded, to do so you have two options"), message)
            XCTAssertTrue(message.contains("WeightsUnpickler error: Unsupported global: GLOBAL builtins.eval was not an allowed global by default. Please use `torch.serialization.add_safe_globals([eval])`"), message)
        }
    }

    func testCRCMismatchIsReported() throws {
        let path = PTHDescription.folder.appendingPathComponent("tensor.pth").path
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let entries = try ZipArchive.entries(of: bytes)
        let storage = try XCTUnwrap(entries.first { $0.name.hasSuffix("/data/0") })
        bytes[storage.dataOffset] ^= 0x55
        XCTAssertThrowsError(try Serialization.load(bytes: bytes)) { error in
            XCTAssertEqual((error as? TensorError)?.message, "PytorchStreamReader failed reading file data/0: CRC-32 check failed")
        }
    }
}
