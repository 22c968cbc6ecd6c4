import XCTest
@testable import Engine

/// No argument value reaches a Swift trap: misuse throws a readable error instead.
final class RobustnessTests: XCTestCase {
    func testHugeAllocationsRaiseTheAllocatorError() {
        XCTAssertThrowsError(try Tensor.zeros([1 << 20, 1 << 20])) { error in
            XCTAssertTrue(String(describing: error).contains("DefaultCPUAllocator: can't allocate memory: you tried to allocate 4398046511104 bytes. Error code 12 (Cannot allocate memory)"), "\(error)")
        }
        let column = Tensor(zeros: [1 << 18, 1]), row = Tensor(zeros: [1, 1 << 18])
        XCTAssertThrowsError(try column + row) { error in
            XCTAssertTrue(String(describing: error).contains("DefaultCPUAllocator"), "\(error)")
        }
        XCTAssertThrowsError(try Tensor.zeros([Int.max, 2])) { error in
            XCTAssertTrue(String(describing: error).contains("too many elements"), "\(error)")
        }
        XCTAssertThrowsError(try Tensor.zeros([-1, 2])) { error in
            XCTAssertEqual((error as? TensorError)?.message, "zeros: Dimension size must be non-negative.")
        }
    }

    func testFloatToIntegerConversionsNeverTrap() throws {
        let t = try Tensor([Double.nan, .infinity, -.infinity, 9.3e18, -9.3e18, 1e300, 3.7, -3.7], shape: [8], dtype: .float64)
        XCTAssertEqual(try t.to(.int64).toArray(Int64.self), [Int64.min, Int64.min, Int64.min, Int64.min, Int64.min, Int64.min, 3, -3])
        XCTAssertEqual(try t.to(.int32).toArray(Int32.self), [Int32.min, Int32.min, Int32.min, Int32.min, Int32.min, Int32.min, 3, -3])
    }

    /// Seeded random calls with arbitrary small integers as dims, sizes and indices: each
    /// either works or throws; none may crash the test process.
    func testRandomArgumentsThrowInsteadOfTrapping() throws {
        let generator = Generator(seed: 7)
        func pick(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(generator.nextUInt32() % UInt32(range.count)) }
        let shapes: [[Int]] = [[], [0], [3], [2, 3], [1, 4, 2], [2, 0, 3]]
        var threw = 0, worked = 0
        for _ in 0..<3000 {
            let shape = shapes[pick(0...(shapes.count - 1))]
            let x = try Tensor.randn(shape, generator: generator)
            let d = pick(-5...5), n = pick(-3...6)
            let index = Tensor([Int64(pick(-4...4)), Int64(pick(-4...4))])
            let calls: [() throws -> Any] = [
                { try x.sum(dims: [d]) }, { try x.transpose(d, n) }, { try x.unsqueeze(d) },
                { try x.squeeze(d) }, { try x.narrow(dim: d, start: n, length: pick(-2...4)) },
                { try x.reshape([n, -1]) }, { try x.view([d, n]) }, { try x.expand([n, d]) },
                { try x.split(n, dim: d) }, { try x.chunk(n, dim: d) }, { try x.indexSelect(dim: d, index: index) },
                { try x.gather(dim: d, index: index) }, { try x.cumsum(dim: d) }, { try x.max(dim: d) },
                { try x.argmax(dim: d) }, { try x.flatten(startDim: d, endDim: n) }, { try x.tril(diagonal: d) },
                { try x.flip([d, n]) }, { try x.unflatten(dim: d, sizes: [n, -1]) }, { try x.select(dim: d, index: n) },
                { try x.index([.int(d), .slice(start: n, stop: d, step: pick(-1...3))]) },
                { try x.index([.tensor(index), .ellipsis, .newAxis]) },
                { try x.indexPut([.int(n)], value: .double(1)) },
                { try Tensor.cat([x, x.t()], dim: d) }, { try Tensor.stack([x, x], dim: d) },
                { try x.matmul(x) }, { try x.permute([d, n]) }, { try x.std(dims: [d], correction: Double(n), keepdim: false) },
                { try Tensor.randint(low: Int64(d), high: Int64(n), shape: [2], generator: generator) },
                { try Tensor.arange(start: .int(Int64(d)), end: .int(Int64(n)), step: .int(Int64(pick(-2...2)))) },
            ]
            do { _ = try calls[pick(0...(calls.count - 1))](); worked += 1 } catch { threw += 1 }
        }
        XCTAssertGreaterThan(threw, 100)
        XCTAssertGreaterThan(worked, 100)
    }
}
