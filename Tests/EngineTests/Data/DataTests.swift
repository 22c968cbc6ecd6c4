import XCTest
@testable import Engine

/// The data engine (`Sources/Engine/Data`): datasets, samplers, `random_split` and collation.
/// Expected orders were printed by PyTorch 2.15 (see Tests/BindingsTests/Train/dataloader.py,
/// whose .out holds the same numbers).
final class DataTests: XCTestCase {
    func testTensorDatasetAndSubset() throws {
        let x = try Tensor((0..<6).map(Double.init), shape: [3, 2], dtype: .float32)
        let y = try Tensor([0, 1, 2], shape: [3], dtype: .int64)
        let ds = try TensorDataset([x, y])
        XCTAssertEqual(ds.count, 3)
        let item = try ds.item(at: 1)
        XCTAssertEqual(item.count, 2)
        XCTAssertEqual(item[0].shape, [2])
        XCTAssertEqual(item[0].toArray(Float.self), [2, 3])
        XCTAssertEqual(try item[1].item().int64Value, 1)
        XCTAssertEqual(try ds.item(at: -1)[1].item().int64Value, 2)
        XCTAssertThrowsError(try TensorDataset([x, try Tensor([0, 1], shape: [2], dtype: .int64)])) { e in
            XCTAssertEqual((e as? TensorError)?.message, "Size mismatch between tensors")
        }
        let sub = Subset(ds, indices: [2, 0])
        XCTAssertEqual(sub.count, 2)
        XCTAssertEqual(try sub.item(at: 0)[1].item().int64Value, 2)
        XCTAssertEqual(try sub.item(at: -1)[1].item().int64Value, 0)
        XCTAssertThrowsError(try sub.item(at: 2)) { e in
            XCTAssertEqual((e as? TensorError)?.message, "list index out of range")
        }
    }

    func testShuffledOrderMatchesPyTorchDataLoader() {
        // torch.manual_seed(0); DataLoader(ds10, batch_size=4, shuffle=True): two epochs.
        Generator.global.manualSeed(0)
        _ = Sampling.randomInt64()
        XCTAssertEqual(Sampling.randomPermutation(10), [6, 7, 1, 4, 2, 0, 9, 8, 3, 5])
        _ = Sampling.randomInt64()
        XCTAssertEqual(Sampling.randomPermutation(10), [2, 4, 7, 0, 8, 9, 5, 3, 6, 1])
        Generator.global.manualSeed(7)
        _ = Sampling.randomInt64()
        XCTAssertEqual(Sampling.randomPermutation(10), [3, 2, 7, 8, 6, 1, 5, 9, 0, 4])
        // DataLoader(ds10, batch_size=5, shuffle=True, generator=torch.Generator().manual_seed(3)).
        let g = Generator()
        g.manualSeed(3)
        _ = Sampling.randomInt64(g)
        XCTAssertEqual(Sampling.randomPermutation(10, generator: g), [7, 4, 2, 9, 1, 5, 0, 8, 6, 3])
        _ = Sampling.randomInt64(g)
        XCTAssertEqual(Sampling.randomPermutation(10, generator: g), [1, 2, 0, 5, 9, 4, 8, 3, 6, 7])
        Generator.global.manualSeed(Generator.defaultSeed)
    }

    func testBatches() throws {
        XCTAssertEqual(try Sampling.batches(Array(0..<10), batchSize: 4, dropLast: false), [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]])
        XCTAssertEqual(try Sampling.batches(Array(0..<10), batchSize: 3, dropLast: true), [[0, 1, 2], [3, 4, 5], [6, 7, 8]])
        XCTAssertEqual(Sampling.batchCount(10, batchSize: 3, dropLast: true), 3)
        XCTAssertEqual(Sampling.batchCount(10, batchSize: 3, dropLast: false), 4)
        XCTAssertEqual(Sampling.batchCount(10, batchSize: .max, dropLast: false), 1)
        XCTAssertEqual(try Sampling.batches([4, 2], batchSize: .max, dropLast: false), [[4, 2]])
        XCTAssertThrowsError(try Sampling.randomSplit(count: 2, lengths: [.max, 2]))
        XCTAssertThrowsError(try Sampling.batches([0], batchSize: 0, dropLast: false)) { e in
            XCTAssertEqual((e as? TensorError)?.message, "batch_size should be a positive integer value, but got batch_size=0")
        }
    }

    func testRandomSplit() throws {
        // random_split(range(10), [0.5, 0.3, 0.2], generator=torch.Generator().manual_seed(42))
        XCTAssertEqual(try Sampling.splitLengths(count: 10, fractions: [0.5, 0.3, 0.2]), [5, 3, 2])
        XCTAssertEqual(try Sampling.splitLengths(count: 11, fractions: [0.5, 0.5]), [6, 5])
        XCTAssertNil(try Sampling.splitLengths(count: 10, fractions: [7, 3]))
        let g = Generator()
        g.manualSeed(42)
        XCTAssertEqual(try Sampling.randomSplit(count: 10, lengths: [5, 3, 2], generator: g), [[2, 6, 1, 8, 4], [5, 0, 9], [3, 7]])
        // torch.manual_seed(1); random_split(ds10, [7, 3])
        Generator.global.manualSeed(1)
        XCTAssertEqual(try Sampling.randomSplit(count: 10, lengths: [7, 3]), [[5, 6, 1, 2, 0, 8, 9], [3, 7, 4]])
        Generator.global.manualSeed(Generator.defaultSeed)
        XCTAssertThrowsError(try Sampling.randomSplit(count: 10, lengths: [3, 3])) { e in
            XCTAssertEqual((e as? TensorError)?.message, "Sum of input lengths does not equal the length of the input dataset!")
        }
        XCTAssertThrowsError(try Sampling.splitLengths(count: 10, fractions: [1.5, -0.5])) { e in
            XCTAssertEqual((e as? TensorError)?.message, "Fraction at index 0 is not between 0 and 1")
        }
    }

    func testCollate() throws {
        let a = try Tensor([1, 2], shape: [2], dtype: .float32), b = try Tensor([3, 4], shape: [2], dtype: .float32)
        let s = try Collate.tensors([a, b])
        XCTAssertEqual(s.shape, [2, 2])
        XCTAssertEqual(s.toArray(Float.self), [1, 2, 3, 4])
        let f = try Collate.numbers([.double(2.5), .double(4.5)])
        XCTAssertEqual(f.dtype, .float64)
        let i = try Collate.numbers([.int(1), .int(3)])
        XCTAssertEqual(i.dtype, .int64)
        XCTAssertEqual(i.shape, [2])
    }
}
