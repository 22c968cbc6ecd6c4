import Foundation
import XCTest
@testable import Engine

/// Corrupted and hostile checkpoints must fail with clean errors (never trap or hang).
final class PTHFuzzTests: XCTestCase {
    /// A deterministic xorshift generator.
    struct Rng { var s: UInt64; mutating func next() -> Int { s ^= s << 13; s ^= s >> 7; s ^= s << 17; return Int(s >> 1) } }

    func isClean(_ error: Error) -> Bool { error is TensorError || error is SerializationError }

    func testCorruptedFilesFailCleanly() throws {
        let names = ["checkpoint", "views", "tensor", "nested", "parameter"]
        var rng = Rng(s: 0x1234_5678_9ABC_DEF1)
        var loaded = 0, failed = 0
        let start = Date()
        for name in names {
            let original = try [UInt8](Data(contentsOf: PTHDescription.folder.appendingPathComponent(name + ".pth")))
            for trial in 0..<500 {
                var bytes = original
                switch trial % 4 {
                case 0: bytes = Array(bytes.prefix(rng.next() % bytes.count))
                case 1: for _ in 0..<(1 + rng.next() % 4) { bytes[rng.next() % bytes.count] ^= UInt8(1 + rng.next() % 255) }
                case 2: bytes[rng.next() % bytes.count] = [0x00, 0xFF, 0x7F, 0x80][rng.next() % 4]
                default:
                    let i = rng.next() % bytes.count
                    bytes.replaceSubrange(i..<min(bytes.count, i + 4), with: [0xFF, 0xFF, 0xFF, 0x7F])
                }
                do { _ = try Serialization.load(bytes: bytes); loaded += 1 } catch {
                    failed += 1
                    XCTAssertTrue(isClean(error), "\(name) trial \(trial): \(error)")
                }
            }
        }
        XCTAssertGreaterThan(failed, 1500)
        XCTAssertLessThan(Date().timeIntervalSince(start), 20)
    }

    /// Pickles made of random opcodes (with the hostile ones weighted up) inside a valid archive.
    func testHostilePicklesFailCleanly() throws {
        let ops: [UInt8] = [0x28, 0x74, 0x85, 0x86, 0x87, 0x29, 0x5D, 0x7D, 0x4E, 0x88, 0x89, 0x61, 0x65, 0x73, 0x75,
                            0x4A, 0x4B, 0x4D, 0x47, 0x58, 0x8A, 0x71, 0x72, 0x68, 0x6A, 0x94, 0x51, 0x52, 0x62, 0x63, 0x2E, 0x00, 0x93]
        var rng = Rng(s: 42)
        for _ in 0..<2000 {
            var pickle: [UInt8] = [0x80, 2]
            for _ in 0..<(1 + rng.next() % 60) {
                let op = ops[rng.next() % ops.count]
                pickle.append(op)
                if rng.next() % 2 == 0 { for _ in 0..<(rng.next() % 5) { pickle.append(UInt8(rng.next() % 256)) } }
            }
            let archive = try ZipArchive.write([("a/data.pkl", pickle), ("a/data/0", [UInt8](repeating: 1, count: 16))])
            do { _ = try Serialization.load(bytes: archive) } catch { XCTAssertTrue(isClean(error), "\(error)") }
        }
    }

    func testDeepNestingAndHugeLengthsFailCleanly() throws {
        func load(_ pickle: [UInt8]) throws -> IOValue {
            try Serialization.load(bytes: try ZipArchive.write([("a/data.pkl", pickle)]))
        }
        // 200 000 nested tuples.
        let deep: [UInt8] = [0x80, 2, 0x29] + [UInt8](repeating: 0x85, count: 200_000) + [0x2E]
        XCTAssertThrowsError(try load(deep)) { XCTAssertEqual(($0 as? TensorError)?.message, "maximum recursion depth exceeded while loading a checkpoint") }
        // 100 000 nested lists built through the memo (l = [l_prev] repeated).
        var lists: [UInt8] = [0x80, 2, 0x5D, 0x71, 0]
        for _ in 0..<100_000 { lists += [0x5D, 0x68, 0, 0x61, 0x71, 0] }
        lists.append(0x2E)
        XCTAssertThrowsError(try load(lists)) { XCTAssertEqual(($0 as? TensorError)?.message, "maximum recursion depth exceeded while loading a checkpoint") }
        // A list that contains itself.
        XCTAssertThrowsError(try load([0x80, 2, 0x5D, 0x71, 0, 0x68, 0, 0x61, 0x2E]))
        // A string claiming 2 GiB.
        XCTAssertThrowsError(try load([0x80, 2, 0x58, 0xFF, 0xFF, 0xFF, 0x7F, 0x41, 0x2E])) { XCTAssertEqual(($0 as? SerializationError)?.kind, .eof) }
        // Exponential sharing: t = (t, t) 64 times.
        var shared: [UInt8] = [0x80, 2, 0x4E, 0x71, 0]
        for _ in 0..<64 { shared += [0x68, 0, 0x68, 0, 0x86, 0x71, 0] }
        shared.append(0x2E)
        XCTAssertThrowsError(try load(shared))
        // A storage claiming more elements than its record holds, and a view past its storage.
        let tensorPickle: (Int, Int) -> [UInt8] = { numel, size in
            var p: [UInt8] = [0x80, 2, 0x63] + Array("torch._utils\n_rebuild_tensor_v2\n".utf8) + [0x28, 0x28, 0x58, 7, 0, 0, 0] + Array("storage".utf8)
            p += [0x63] + Array("torch\nFloatStorage\n".utf8) + [0x58, 1, 0, 0, 0, 0x30, 0x58, 3, 0, 0, 0] + Array("cpu".utf8)
            p += [0x4A] + (0..<4).map { UInt8(truncatingIfNeeded: numel >> (8 * $0)) } + [0x74, 0x51, 0x4B, 0]
            p += [0x4A] + (0..<4).map { UInt8(truncatingIfNeeded: size >> (8 * $0)) } + [0x85, 0x4B, 1, 0x85, 0x89]
            p += [0x63] + Array("collections\nOrderedDict\n".utf8) + [0x29, 0x52, 0x74, 0x52, 0x2E]
            return p
        }
        let store = [UInt8](repeating: 0, count: 16)
        XCTAssertNoThrow(try Serialization.load(bytes: try ZipArchive.write([("a/data.pkl", tensorPickle(4, 4)), ("a/data/0", store)])))
        XCTAssertThrowsError(try Serialization.load(bytes: try ZipArchive.write([("a/data.pkl", tensorPickle(0x7FFF_FFFF, 4)), ("a/data/0", store)])))
        XCTAssertThrowsError(try Serialization.load(bytes: try ZipArchive.write([("a/data.pkl", tensorPickle(4, 5)), ("a/data/0", store)]))) {
            XCTAssertEqual(($0 as? TensorError)?.message, "setStorage: sizes [5], strides [1], storage offset 0, and itemsize 4 requiring a storage size of 20 are out of bounds for storage of size 16")
        }
        XCTAssertThrowsError(try Serialization.load(bytes: try ZipArchive.write([("a/data.pkl", tensorPickle(4, -1)), ("a/data/0", store)]))) {
            XCTAssertEqual(($0 as? TensorError)?.message, "Trying to create tensor with negative dimension -1: [-1]")
        }
        // A storage record missing from the archive.
        XCTAssertThrowsError(try Serialization.load(bytes: try ZipArchive.write([("a/data.pkl", tensorPickle(4, 4))]))) {
            XCTAssertEqual(($0 as? TensorError)?.message, "PytorchStreamReader failed locating file data/0: file not found")
        }
        // Bool bytes other than 0/1 load as True.
        var boolPickle = tensorPickle(4, 4)
        if let r = boolPickle.firstRange(of: Array("FloatStorage".utf8)) { boolPickle.replaceSubrange(r, with: Array("BoolStorage".utf8)) }
        guard case .tensor(let flags) = try Serialization.load(bytes: try ZipArchive.write([("a/data.pkl", boolPickle), ("a/data/0", [0, 7, 1, 255])])) else {
            return XCTFail("expected a tensor")
        }
        XCTAssertEqual(flags.dtype, .bool)
        XCTAssertEqual(PTHDescription.values(flags), [0, 1, 1, 1])
    }
}
