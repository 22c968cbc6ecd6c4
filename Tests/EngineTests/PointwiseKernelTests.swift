import Foundation
import XCTest
@testable import Engine

/// The elementwise kernels themselves: threaded loops on big tensors give the same values as
/// a plain loop, result layouts follow PyTorch's TensorIterator, the vectorised exp is within
/// an ulp or two of libm, and the fused activation backwards agree with the composite ones.
final class PointwiseKernelTests: XCTestCase {
    /// Values in [−3, 3) from a seeded generator, as a float32 tensor of `shape`.
    private func random(_ shape: [Int], seed: UInt64 = 1) throws -> Tensor {
        let g = Generator(seed: seed)
        let t = Tensor(zeros: shape, dtype: .float32)
        g.fillUniform(UnsafeMutableBufferPointer(start: t.pointer(Float.self), count: t.numel), from: -3, to: 3)
        return t
    }

    /// Checks `actual` against `expected(i)` for every row-major element, exactly.
    private func assertElements(_ actual: Tensor, _ expected: (Int) -> Float, _ context: String,
                                file: StaticString = #filePath, line: UInt = #line) {
        let values = actual.toArray(Float.self)
        var bad = 0
        for i in values.indices where values[i] != expected(i) && !(values[i].isNaN && expected(i).isNaN) {
            bad += 1
            if bad <= 3 { XCTFail("\(context): element \(i) is \(values[i]), expected \(expected(i))", file: file, line: line) }
        }
    }

    func testThreadedBinaryPathsMatchAPlainLoop() throws {
        let n = 300 * 401  // above the grain size, odd so chunks are uneven
        let a = try random([300, 401], seed: 1), b = try random([300, 401], seed: 2), row = try random([401], seed: 3)
        let pa = a.toArray(Float.self), pb = b.toArray(Float.self), pr = row.toArray(Float.self)
        assertElements(try a * b, { pa[$0] * pb[$0] }, "contiguous")
        assertElements(try a + 2.5, { pa[$0] + 2.5 }, "scalar")
        assertElements(try Tensor(scalar: 0.5, dtype: .float32).expand([300, 401]) * b, { 0.5 * pb[$0] }, "expanded scalar")
        assertElements(try a - row, { pa[$0] - pr[$0 % 401] }, "broadcast row")
        assertElements(try a.add(b, alpha: 3), { pa[$0] + 3 * pb[$0] }, "alpha")
        let at = try a.t().contiguous().t()  // same values, column-major layout
        assertElements(try at / b, { pa[$0] / pb[$0] }, "mixed layouts")
        XCTAssertEqual(n, a.numel)
        let c = a.clone()
        try c.mulInPlace(b)
        assertElements(c, { pa[$0] * pb[$0] }, "in place")
        try c.addInPlace(row, alpha: -1)
        assertElements(c, { pa[$0] * pb[$0] - pr[$0 % 401] }, "in place broadcast")
    }

    func testThreadedUnaryAndTernaryPathsMatchAPlainLoop() throws {
        let a = try random([250, 300], seed: 4), b = try random([250, 300], seed: 5)
        let pa = a.toArray(Float.self), pb = b.toArray(Float.self)
        assertElements(try a.relu(), { pa[$0] < 0 ? 0 : pa[$0] }, "relu")
        assertElements(try a.t().relu().t(), { pa[$0] < 0 ? 0 : pa[$0] }, "relu transposed")
        assertElements(try a.sin(), { Foundation.sin(pa[$0]) }, "sin (threaded libm)")
        assertElements(try Tensor.where(a.gt(b), a, b), { Swift.max(pa[$0], pb[$0]) }, "where")
        assertElements(try a.clamp(min: b, max: b.add(1.0)), { Swift.min(Swift.max(pa[$0], pb[$0]), pb[$0] + 1) }, "clamp")
    }

    /// Big loops started from several threads at once: one gets the worker pool, the others
    /// run on their own thread, and every result is right.
    func testConcurrentCallersShareTheWorkerPool() throws {
        let a = try random([200_000], seed: 9), b = try random([200_000], seed: 10)
        let expected = try (a * b).toArray(Float.self)
        let results = UnsafeMutableBufferPointer<Bool>.allocate(capacity: 8)
        defer { results.deallocate() }
        DispatchQueue.concurrentPerform(iterations: 8) { i in
            results[i] = (try? (a * b).toArray(Float.self)) == expected
        }
        XCTAssertEqual(Array(results), [Bool](repeating: true, count: 8))
    }

    func testVectorExpIsWithinTwoUlpsOfLibm() {
        var worst: Float = 0
        var x: Float = -103
        while x < 88.7 {
            let want = Foundation.exp(x), got = vectorExp(x)
            if want.isNormal { worst = Swift.max(worst, Swift.abs(got - want) / want.ulp) }
            x += 0.0137
        }
        XCTAssertLessThanOrEqual(worst, 2)
        XCTAssertEqual(vectorExp(0), 1)
        XCTAssertEqual(vectorExp(89), .infinity)
        XCTAssertEqual(vectorExp(-.infinity), 0)
        XCTAssertEqual(vectorExp(.infinity), .infinity)
        XCTAssertTrue(vectorExp(.nan).isNaN)
        XCTAssertEqual(vectorExp(88.72) / Foundation.exp(Float(88.72)), 1, accuracy: 3e-7)  // just below overflow
        XCTAssertGreaterThan(vectorExp(-100), 0)  // subnormal, not flushed
    }

    func testResultLayoutsFollowPyTorch() throws {
        let a = try Tensor((0..<6).map(Float.init), shape: [3, 2]).t()  // [2, 3], strides [1, 2]
        let b = try Tensor((0..<6).map(Float.init), shape: [2, 3])
        XCTAssertEqual(try a.exp().strides, [1, 2])
        XCTAssertEqual(try (a + b).strides, [1, 2])
        XCTAssertEqual(try (b + a).strides, [3, 1])
        XCTAssertEqual(try (a + a).strides, [1, 2])
        XCTAssertEqual(try (a + 1.0).strides, [1, 2])
        XCTAssertEqual(try (a * Tensor(scalar: 2.0, dtype: .float32)).strides, [1, 2])
        XCTAssertEqual(try Tensor.where(a.gt(2), a, 0.0).strides, [1, 2])
        let c = try Tensor((0..<24).map(Float.init), shape: [2, 3, 4]).permute([2, 0, 1])
        XCTAssertEqual(try c.sin().strides, [1, 12, 4])
        XCTAssertEqual(try (c + Tensor.ones([3])).strides, [1, 12, 4])
        XCTAssertEqual(try (Tensor.ones([4, 1]) + Tensor.ones([3])).strides, [3, 1])
        XCTAssertEqual(try (a + b).toArray(Float.self), [0, 3, 6, 4, 7, 10])
    }

    func testFusedActivationBackwardsMatchCompositeFormulas() throws {
        let x = try random([1000], seed: 6).to(.float64)
        let g = try random([1000], seed: 7).to(.float64)
        let s = try x.sigmoid(), t = try x.tanh(), r = try x.relu()
        let sig = try sigmoidBackward(g, s).doubles, sigRef = try g.mul(s.rsub(1)).mul(s).doubles
        let tanh = try tanhBackward(g, t).doubles, tanhRef = try g.mul(t.mul(t).rsub(1)).doubles
        let relu = try thresholdBackward(g, r).doubles, reluRef = try Tensor.where(r.le(0), 0, g).doubles
        XCTAssertEqual(sig, sigRef)
        XCTAssertEqual(tanh, tanhRef)
        XCTAssertEqual(relu, reluRef)
    }

    /// With create_graph, the fused backward kernels give way to differentiable tensor ops:
    /// the gradient of the gradient with respect to grad_output is the local derivative.
    func testFusedBackwardsStayDifferentiableUnderCreateGraph() throws {
        let x = try Tensor([-1.5, 0.25, 2.0] as [Double]).setRequiresGrad()
        let v = x.doubles
        let cases: [(String, (Tensor) throws -> Tensor, (Double) -> Double)] = [
            ("sigmoid", { try $0.sigmoid() }, { let s = 1 / (1 + Foundation.exp(-$0)); return s * (1 - s) }),
            ("tanh", { try $0.tanh() }, { 1 - Foundation.tanh($0) * Foundation.tanh($0) }),
            ("relu", { try $0.relu() }, { $0 > 0 ? 1 : 0 }),
        ]
        for (name, op, derivative) in cases {
            let gradOutput = try Tensor.ones([3], dtype: .float64).setRequiresGrad()
            let g1 = try XCTUnwrap(Autograd.grad(outputs: [op(x)], inputs: [x], gradOutputs: [gradOutput], createGraph: true)[0])
            XCTAssertNotNil(g1.gradFn, name)
            let g2 = try XCTUnwrap(Autograd.grad(outputs: [g1.sum()], inputs: [gradOutput])[0])
            for (got, value) in zip(g2.doubles, v) { XCTAssertEqual(got, derivative(value), accuracy: 1e-12, name) }
        }
    }

    /// The benchmark chain of elementwise.py on a million values: its gradient (fused and
    /// threaded kernels all the way) matches the closed form.
    func testBenchmarkChainGradient() throws {
        let x = try random([1_000_000], seed: 8).setRequiresGrad()
        let y = try ((x * 2.0 + 1.0).relu() * x.sigmoid()).sum()
        try y.backward()
        let xs = x.toArray(Float.self), grad = try XCTUnwrap(x.grad).toArray(Float.self)
        var worst = 0.0
        for i in stride(from: 0, to: xs.count, by: 997) {
            let v = Double(xs[i]), s = 1 / (1 + Foundation.exp(-v)), lin = 2 * v + 1
            let want = (lin > 0 ? 2 * s : 0) + Swift.max(lin, 0) * s * (1 - s)
            worst = Swift.max(worst, Swift.abs(Double(grad[i]) - want) / Swift.max(1, Swift.abs(want)))
        }
        XCTAssertLessThan(worst, 1e-5)
    }
}
