// Checks beyond the torch-made vectors: outputs of the pure-Python reference rng_ref.py
// (itself verified bit-exactly against torch, RNG.md §0) for paths the vectors do not reach
// (multi-block normal fills, exponential, multinomial without replacement, float probs),
// plus seeding, draw accounting and no-draw edge cases.

import Foundation
import XCTest

@testable import Engine

final class RandomReferenceTests: XCTestCase {
    typealias T = RandomTests

    /// FNV-1a over 64-bit words, so a long reference output is pinned by one constant.
    static func fnv(_ words: [UInt64]) -> UInt64 {
        words.reduce(0xCBF2_9CE4_8422_2325) { ($0 ^ $1) &* 0x100_0000_01B3 }
    }

    static func fnv(_ a: [Float]) -> UInt64 { fnv(a.map { UInt64($0.bitPattern) }) }
    static func fnv(_ a: [Double]) -> UInt64 { fnv(a.map(\.bitPattern)) }
    static func fnv(_ a: [Int64]) -> UInt64 { fnv(a.map { UInt64(bitPattern: $0) }) }

    func testLongFillsMatchReference() {
        func g(_ s: UInt64, _ k: RandomKernel = .avx2) -> Generator { Generator(seed: s, kernel: k) }
        XCTAssertEqual(Self.fnv(T.f32(4099) { g(3).fillNormal($0, mean: 0, std: 1) }), 0xD70A_2AF9_2F2D_692D)
        XCTAssertEqual(Self.fnv(T.f64(4099) { g(3).fillNormal($0, mean: 0, std: 1) }), 0xDD4E_E45E_1D16_4061)
        XCTAssertEqual(Self.fnv(T.f32(100) { g(5, .scalar).fillNormal($0, mean: 0, std: 1) }), 0x5C32_A74C_C776_3862)
        XCTAssertEqual(Self.fnv(T.f32(50) { g(7).fillNormal($0, mean: 0.25, std: 1.5) }), 0x0FDC_1A43_D3C7_B4F0)
        XCTAssertEqual(  // a non-contiguous tensor takes the serial path even with n >= 16
            Self.fnv(T.f32(20) { g(7).fillNormal($0, mean: 0.25, std: 1.5, contiguous: false) }),
            0xEC56_55E0_39EA_CA54)
        XCTAssertEqual(Self.fnv(T.f64(9) { g(2, .scalar).fillNormal($0, mean: -3, std: 0.1) }), 0xCCD2_5DF3_86F9_FCD5)
        XCTAssertEqual(Self.fnv(T.f64(1000) { g(9).fillUniform($0, from: -100, to: 3) }), 0x5B2B_A0EF_A29E_B879)
        XCTAssertEqual(Self.fnv(T.f64(1000) { g(9, .scalar).fillUniform($0, from: -100, to: 3) }), 0xAD55_B568_5C63_E55E)
        XCTAssertEqual(Self.fnv(T.f32(1000) { g(9).fillUniform($0, from: -0.3, to: 0.1) }), 0xEC27_4E89_E163_216B)
        XCTAssertEqual(Self.fnv(g(4).randperm(100_000)), 0x19C8_10CF_C426_125B)
    }

    func testExponentialMatchesReference() {
        let f = T.f32(7) { Generator(seed: 11).fillExponential($0, lambda: 2.5) }
        XCTAssertEqual(f.map(\.bitPattern), [
            0x3DAE_FC7F, 0x3F5D_BBD8, 0x3EE4_044A, 0x3EDF_C74C, 0x3EB0_3283, 0x3D89_AE14, 0x3D9D_B10B,
        ])
        let d = T.f64(7) { Generator(seed: 11).fillExponential($0, lambda: 2.5) }
        XCTAssertEqual(d.map(\.bitPattern), [
            0x3FB5_DF8F_E019_44D8, 0x3FEB_B77A_F387_56D7, 0x3FDC_8089_4326_422A, 0x3FDB_F8E9_7C19_18F7,
            0x3FD6_0650_6BDB_415F, 0x3FB1_35C2_8321_9CA1, 0x3FB3_B621_6BCD_B995,
        ])
    }

    func testMultinomialMatchesReference() throws {
        let p: [Double] = [0.1, 0.0, 0.5, 0.2, 0.2, 0.3, 0.3, 0.1, 0.2, 0.1].map { Double(Float($0)) }
        func run(_ k: Int, _ rep: Bool, _ f32: Bool) throws -> [Int64] {
            try Generator(seed: 13).multinomial(
                probabilities: p, rows: 2, categories: 5, samples: k, replacement: rep, dtypeIsFloat32: f32)
        }
        XCTAssertEqual(try run(3, false, true), [2, 3, 4, 3, 1, 2])
        XCTAssertEqual(try run(1, true, false), [2, 3])
        XCTAssertEqual(try run(6, true, false), [3, 2, 2, 4, 4, 3, 1, 0, 0, 2, 3, 0])
        XCTAssertEqual(try run(6, true, true), [3, 2, 2, 4, 4, 3, 1, 0, 0, 2, 3, 0])
        // Without replacement a zero-probability category is never drawn.
        XCTAssertFalse(try run(3, false, false)[0..<3].contains(1))
    }

    func testBernoulliWithProbabilityTensors() throws {
        let probs = (0..<10).map { $0 == 9 ? Float(1) : Float(Double($0) * (1.0 / 9.0)) }
        var out = [Float](repeating: -1, count: 10)
        let g = Generator(seed: 17)
        try probs.withUnsafeBufferPointer { p in try out.withUnsafeMutableBufferPointer { try g.bernoulli(probabilities: p, into: $0) } }
        XCTAssertEqual(out, [0, 0, 0, 1, 1, 1, 1, 1, 1, 1])
        // float64 probabilities: U53 < p, two draws each (bernoulli_distribution<double>).
        let pd = probs.map(Double.init)
        var outD = [Double](repeating: -1, count: 10)
        let h = Generator(seed: 17)
        try pd.withUnsafeBufferPointer { p in try outD.withUnsafeMutableBufferPointer { try h.bernoulli(probabilities: p, into: $0) } }
        let check = Generator(seed: 17)
        XCTAssertEqual(outD, pd.map { Double(check.nextUInt64() & (1 << 53 - 1)) * 0x1p-53 < $0 ? 1 : 0 })
        XCTAssertEqual(h.nextUInt32(), check.nextUInt32())
    }

    func testRandintRangeThresholdAndFullRange() {
        func run(_ lo: Int64, _ hi: Int64) -> [Int64] { T.i64(7) { Generator(seed: 4).fillRandint($0, low: lo, high: hi) } }
        XCTAssertEqual(try run(0, 1 << 28), [110043310, 204849861, 185203048, 199868872, 150565257, 70713084, 158939245])
        XCTAssertEqual(try run(0, 1 << 28 - 1), [126829705, 110043324, 202860991, 204849863, 151115664, 185203061, 117321314])
        XCTAssertEqual(try run(-5, 5), [-5, -1, -4, -2, 4, 1, 4])
        // high == low stands for the 2^64 range: raw draws, as random_(-2**63, None).
        let g = Generator(seed: 0)
        XCTAssertEqual(try run(.min, .min).count, 7)
        XCTAssertEqual(T.i64(2) { Generator(seed: 0).fillRandint($0, low: .min, high: .min) },
                       [Int64(bitPattern: g.nextUInt64()), Int64(bitPattern: g.nextUInt64())])
        XCTAssertEqual(UInt64(bitPattern: T.i64(1) { Generator(seed: 0).fillRandint($0, low: .min, high: .min) }[0]),
                       0x8C7F_0AAC_97C4_AA2F)  // first "random64" vector of seed 0
    }

    func testInsideOutRandpermMatchesReference() {
        XCTAssertEqual(Generator(seed: 0).randpermInsideOut(10), [8, 2, 6, 3, 5, 1, 0, 9, 7, 4])
        XCTAssertEqual(Generator(seed: 0).randpermInsideOut(1), [0])
        XCTAssertEqual(Generator(seed: 0).randpermInsideOut(-3), [])
    }

    func testSeedsWrapAndOnlyLow32BitsReachTheEngine() {
        let g = Generator()
        XCTAssertEqual(g.initialSeed, Generator.defaultSeed)
        g.manualSeed(Int64(-5))
        XCTAssertEqual(g.initialSeed, UInt64.max - 4)
        XCTAssertEqual(g.nextUInt64(), 0x6DEE_49E6_94A9_2539)
        XCTAssertEqual(Generator(seed: 1 << 32 + 3).nextUInt64(), 0x8D01_176A_121B_0698)
        XCTAssertEqual(Generator(seed: 1 << 63 + 11).nextUInt64(), 0x2E26_2799_117C_8EBF)
        g.manualSeed(42)  // an Int literal resolves to the Int overload
        XCTAssertEqual(g.nextUInt32(), Generator(seed: 42).nextUInt32())
        XCTAssertTrue(Generator.global === Generator.global)
    }

    func testRandpermOfZeroAndOneConsumesNoDraws() {
        let g = Generator(seed: 21)
        XCTAssertEqual(g.randperm(0), [])
        XCTAssertEqual(g.randperm(1), [0])
        XCTAssertEqual(g.randperm(-4), [])
        XCTAssertEqual(g.getState(), Generator(seed: 21).getState())
    }

    func testDropoutEdgeCasesConsumeNoDraws() {
        let g = Generator(seed: 5)
        XCTAssertEqual(g.dropoutMask(count: 4, p: 0), [1, 1, 1, 1])
        XCTAssertEqual(g.dropoutMask(count: 4, p: 1), [0, 0, 0, 0])
        XCTAssertEqual(g.dropoutMask(count: 0, p: 0.5), [])
        XCTAssertEqual(g.getState(), Generator(seed: 5).getState())
        XCTAssertEqual(Set(g.dropoutMask(count: 50, p: 0.2)), [0, 1 / Float(0.8)])
    }

    func testDrawAccountingExample() {
        // RNG.md §10: rand(3); randn(20); randint(0,10,(5,)); randn(3); randn(1, float64) = 52 draws.
        let g = Generator(seed: 77)
        _ = T.f32(3) { g.fillUniform($0, from: 0, to: 1) }
        _ = T.f32(20) { g.fillNormal($0, mean: 0, std: 1) }
        _ = T.i64(5) { g.fillRandint($0, low: 0, high: 10) }
        _ = T.f32(3) { g.fillNormal($0, mean: 0, std: 1) }
        XCTAssertNotNil(g.cachedNormal)
        _ = T.f64(1) { g.fillNormal($0, mean: 0, std: 1) }  // served from the cache
        XCTAssertNil(g.cachedNormal)
        let ref = Generator(seed: 77)
        for _ in 0..<52 { _ = ref.nextUInt32() }
        XCTAssertEqual(g.getState(), ref.getState())
    }

    func testFastLogAndSinCosAreAccurate() {
        // Not a bit-exactness check (the vectors are), just that the Cephes port is sane.
        var x: Float = 0x1p-24
        while x <= 1 {
            let exact = Foundation.log(Double(x))
            XCTAssertEqual(Double(FastMathAVX2.log(x)), exact, accuracy: 1e-6 * max(1, abs(exact)))
            x *= 1.37
        }
        for i in 0..<1000 {
            let t = Float(i) * (FastMathAVX2.twoPi / 1000)
            let (s, c) = FastMathAVX2.sincos(t)
            XCTAssertEqual(Double(s), Foundation.sin(Double(t)), accuracy: 1e-6)
            XCTAssertEqual(Double(c), Foundation.cos(Double(t)), accuracy: 1e-6)
        }
    }
}
