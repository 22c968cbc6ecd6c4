// Bit-exact checks of the PyTorch CPU generator against the vectors real torch wrote
// (shared/spec/rng_vectors.json, copied to Tests/Fixtures), plus state and edge cases.

import Foundation
import XCTest

@testable import Engine

final class RandomTests: XCTestCase {
    /// Fixture copy first, then $WICK_SHARED, then a `shared/spec` beside some ancestor folder.
    static let vectors: [JSON] = {
        let here = URL(fileURLWithPath: #filePath)
        var candidates = [here.deletingLastPathComponent().appendingPathComponent("../Fixtures/rng_vectors.json")]
        if let shared = ProcessInfo.processInfo.environment["WICK_SHARED"] {
            candidates.append(URL(fileURLWithPath: shared).appendingPathComponent("spec/rng_vectors.json"))
        }
        var dir = here.deletingLastPathComponent()
        while dir.path != "/" {
            candidates.append(dir.appendingPathComponent("shared/spec/rng_vectors.json"))
            dir = dir.deletingLastPathComponent()
        }
        for url in candidates {
            if let data = try? Data(contentsOf: url), let root = try? JSONDecoder().decode(JSON.self, from: data) {
                return root["vectors"]?.array ?? []
            }
        }
        return []
    }()

    // MARK: - Producing outputs

    static func f32(_ n: Int, _ body: (UnsafeMutableBufferPointer<Float>) -> Void) -> [Float] {
        var a = [Float](repeating: 0, count: n)
        a.withUnsafeMutableBufferPointer { body($0) }
        return a
    }

    static func f64(_ n: Int, _ body: (UnsafeMutableBufferPointer<Double>) -> Void) -> [Double] {
        var a = [Double](repeating: 0, count: n)
        a.withUnsafeMutableBufferPointer { body($0) }
        return a
    }

    static func i64(_ n: Int, _ body: (UnsafeMutableBufferPointer<Int64>) -> Void) -> [Int64] {
        var a = [Int64](repeating: 0, count: n)
        a.withUnsafeMutableBufferPointer { body($0) }
        return a
    }

    /// `torch.nn.init.calculate_gain("leaky_relu", a)`.
    static func leakyGain(_ a: Double) -> Double { (2.0 / (1 + a * a)).squareRoot() }

    /// `kaiming_uniform_` bound: sqrt(3) * gain / sqrt(fan), computed as Python does.
    static func kaimingBound(fan: Int, a: Double) -> Double {
        3.0.squareRoot() * (leakyGain(a) / Double(fan).squareRoot())
    }

    /// The (weight, bias) of Linear/Conv default init: kaiming_uniform_(a=√5), then the bias.
    static func defaultInit(_ g: Generator, weightCount: Int, fanIn: Int, biasCount: Int) -> ([Float], [Float]) {
        let wb = kaimingBound(fan: fanIn, a: 5.0.squareRoot())
        let w = f32(weightCount) { g.fillUniform($0, from: -wb, to: wb) }
        let bb = 1 / Double(fanIn).squareRoot()
        let b = f32(biasCount) { g.fillUniform($0, from: -bb, to: bb) }
        return (w, b)
    }

    /// Runs one call of an entry (or sequence step) on `g` and returns its output.
    static func produce(_ e: JSON, _ g: Generator) throws -> Output? {
        let call = e["call"]?.string ?? ""
        let args = e["args"] ?? .null
        let n = (e["size"]?.array ?? []).reduce(1) { $0 * Int($1.int!) }
        let isF64 = e["dtype"]?.string == "float64"
        func real(_ fill: (Generator) -> ([Float], [Double])) -> Output {
            let (a, b) = fill(g)
            return isF64 ? .f64(b.map(\.bitPattern)) : .f32(a.map(\.bitPattern))
        }
        switch call {
        case "rand", "uniform_":
            let lo = args["a"]?.double ?? 0, hi = args["b"]?.double ?? 1
            return real { g in isF64
                ? ([], f64(n) { g.fillUniform($0, from: lo, to: hi) })
                : (f32(n) { g.fillUniform($0, from: lo, to: hi) }, []) }
        case "randn", "normal_", "nn.Embedding":
            let m = args["mean"]?.double ?? 0, s = args["std"]?.double ?? 1
            return real { g in isF64
                ? ([], f64(n) { g.fillNormal($0, mean: m, std: s) })
                : (f32(n) { g.fillNormal($0, mean: m, std: s) }, []) }
        case "randint":
            return .i64(i64(n) { g.fillRandint($0, low: args["low"]!.int!, high: args["high"]!.int!) })
        case "randperm":
            return .i64(g.randperm(Int(args["n"]!.int!)))
        case "Tensor.random_ (int64, no bounds)":
            return .i64(i64(n) { g.fillRandom($0) })
        case "Tensor.bernoulli_":
            return .f32(f32(n) { g.fillBernoulli($0, p: args["p"]!.double!) }.map(\.bitPattern))
        case "F.dropout":
            let noise = g.dropoutMask(count: n, p: args["p"]!.double!)
            return .f32((0..<n).map { (Float($0 + 1) * noise[$0]).bitPattern })  // x = arange(1, 13)
        case "torch.multinomial":
            let p = args["probs"]!.array.map { $0.double! }
            return .i64(try g.multinomial(
                probabilities: p, rows: 1, categories: p.count, samples: Int(args["num_samples"]!.int!),
                replacement: args["replacement"]!.bool!, dtypeIsFloat32: true))
        case "nn.init.xavier_uniform_", "nn.init.xavier_normal_", "nn.init.kaiming_uniform_",
            "nn.init.kaiming_normal_":
            let shape = args["shape"]!.array.map { Int($0.int!) }  // [out, in]: fan_in = in
            let (fanIn, fanOut) = (shape[1], shape[0])
            let xavierStd = 1.0 * (2.0 / Double(fanIn + fanOut)).squareRoot()
            let kaimingStd = leakyGain(0) / Double(fanIn).squareRoot()
            switch call {
            case "nn.init.xavier_uniform_":
                let a = 3.0.squareRoot() * xavierStd
                return .f32(f32(n) { g.fillUniform($0, from: -a, to: a) }.map(\.bitPattern))
            case "nn.init.xavier_normal_":
                return .f32(f32(n) { g.fillNormal($0, mean: 0, std: xavierStd) }.map(\.bitPattern))
            case "nn.init.kaiming_uniform_":
                let b = 3.0.squareRoot() * kaimingStd
                return .f32(f32(n) { g.fillUniform($0, from: -b, to: b) }.map(\.bitPattern))
            default:
                return .f32(f32(n) { g.fillNormal($0, mean: 0, std: kaimingStd) }.map(\.bitPattern))
            }
        default:
            return nil
        }
    }

    /// The expected output of an entry (or of its `weight`/`bias` object).
    static func expected(_ e: JSON) -> Output {
        switch e["dtype"]?.string {
        case "float32": return .f32(e["bits"]!.array.map { UInt32($0.string!, radix: 16)! })
        case "float64": return .f64(e["bits"]!.array.map { UInt64($0.string!, radix: 16)! })
        default: return .i64(e["values"]!.array.map { $0.int! })
        }
    }

    /// Checks one vector entry bit for bit; returns false if the call kind is unknown.
    @discardableResult
    func check(_ v: JSON) -> Bool {
        let call = v["call"]!.string!
        let seed = UInt64(bitPattern: v["seed"]!.int!)
        let kernel: RandomKernel = v["capability"]?.string == "DEFAULT" ? .scalar : .avx2
        let g = Generator(seed: seed, kernel: kernel)
        let tag = "\(call) seed=\(seed) kernel=\(kernel)"
        switch call {
        case "random64":
            let want = v["values_hex"]!.array.map { UInt64($0.string!, radix: 16)! }
            XCTAssertEqual(want.map { _ in g.nextUInt64() }, want, tag)
            let halves = v["random32_pairs_hex"]!.array.flatMap { $0.array.map { UInt32($0.string!, radix: 16)! } }
            let h = Generator(seed: seed)
            XCTAssertEqual(halves.map { _ in h.nextUInt32() }, halves, tag)
        case "sequence":
            for (i, step) in v["steps"]!.array.enumerated() {
                XCTAssertEqual(try Self.produce(step, g), Self.expected(step), "\(tag) step \(i)")
            }
        case "DataLoader":
            let mask: UInt64 = 0x7FFF_FFFF_FFFF_FFFF
            for (i, epoch) in v["epochs"]!.array.enumerated() {
                let want = epoch.array.map { $0.array.map { $0.int! } }
                let n = want.reduce(0) { $0 + $1.count }
                let batch = Int(v["args"]!["batch_size"]!.int!)
                _ = g.nextUInt64() & mask  // base_seed, drawn when the iterator is created
                let perm = Generator(seed: g.nextUInt64() & mask).randperm(n)  // sampler seed
                let got = stride(from: 0, to: n, by: batch).map { Array(perm[$0..<min($0 + batch, n)]) }
                XCTAssertEqual(got, want, "\(tag) epoch \(i)")
            }
            XCTAssertEqual(.f32(Self.f32(2) { g.fillUniform($0, from: 0, to: 1) }.map(\.bitPattern)),
                           Self.expected(v["rand2_after"]!), tag)
        case "nn.Linear", "nn.Conv2d":
            let a = v["args"]!
            let (w, b): ([Float], [Float])
            if call == "nn.Linear" {
                let (fi, fo) = (Int(a["in_features"]!.int!), Int(a["out_features"]!.int!))
                (w, b) = Self.defaultInit(g, weightCount: fi * fo, fanIn: fi, biasCount: fo)
            } else {
                let (ci, co) = (Int(a["in_channels"]!.int!), Int(a["out_channels"]!.int!))
                let k = Int(a["kernel_size"]!.int!)
                (w, b) = Self.defaultInit(g, weightCount: co * ci * k * k, fanIn: ci * k * k, biasCount: co)
            }
            XCTAssertEqual(.f32(w.map(\.bitPattern)), Self.expected(v["weight"]!), tag + " weight")
            XCTAssertEqual(.f32(b.map(\.bitPattern)), Self.expected(v["bias"]!), tag + " bias")
        default:
            guard let got = try? Self.produce(v, g) else { return false }
            XCTAssertEqual(got, Self.expected(v), tag)
        }
        return true
    }

    // MARK: - Vector tests

    func testVectorsFileIsFound() {
        XCTAssertEqual(Self.vectors.count, 142, "rng_vectors.json missing or changed")
    }

    func testEveryVectorBitExact() {
        var counts: [String: Int] = [:]
        for v in Self.vectors {
            let key = (v["call"]?.string ?? "?") + (v["capability"]?.string.map { " [\($0)]" } ?? "")
            XCTAssertTrue(check(v), "unhandled vector kind \(key)")
            counts[key, default: 0] += 1
        }
        let summary = counts.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
        print("RandomTests: checked \(counts.values.reduce(0, +)) vectors (\(summary))")
    }

    func testScalarKernelVectorsAreCovered() {
        XCTAssertEqual(Self.vectors.filter { $0["capability"]?.string == "DEFAULT" }.count, 6)
    }

    // MARK: - State, seeding and edge cases

    static func word<T: FixedWidthInteger>(_ b: [UInt8], _ at: Int, _: T.Type) -> T {
        (0..<MemoryLayout<T>.size).reduce(T.zero) { $0 | T(b[at + $1]) << (8 * $1) }
    }

    func testFreshStateLayout() {
        let seed: UInt64 = 0xABCD_0000_1234_5678
        let b = Generator(seed: seed).getState()
        XCTAssertEqual(b.count, 5056)
        XCTAssertEqual(Self.word(b, 0, UInt64.self), seed)
        XCTAssertEqual(Self.word(b, 8, Int32.self), 1)  // left
        XCTAssertEqual(Self.word(b, 12, Int32.self), 1)  // seeded
        XCTAssertEqual(Self.word(b, 16, UInt64.self), 0)  // next
        XCTAssertEqual(Self.word(b, 24, UInt64.self), 0x1234_5678)  // mt[0]: low 32 bits only
        let mt1: UInt32 = 1_812_433_253 &* (0x1234_5678 ^ (0x1234_5678 >> 30)) &+ 1
        XCTAssertEqual(Self.word(b, 32, UInt64.self), UInt64(mt1))
        XCTAssertEqual(Array(b[5016...]), [UInt8](repeating: 0, count: 40))  // no caches
    }

    func testStateAfterDrawsMatchesReferenceBytes() {
        let g = Generator(seed: 5)
        _ = Self.f32(3) { g.fillNormal($0, mean: 0, std: 1) }  // 8 draws, leaves a cached sample
        let b = g.getState()
        // From rng_ref.get_rng_state after randn(3) on seed 5: left 617, seeded 1, next 8.
        XCTAssertEqual(b[8..<24].map { String(format: "%02x", $0) }.joined(), "69020000010000000800000000000000")
        XCTAssertEqual(Self.word(b, 5024, UInt64.self), 0x3FE5_5C5B_EC8C_072C)
        XCTAssertEqual(Self.word(b, 5040, Int32.self), 1)
    }

    func testStateRoundTripKeepsCachedNormalAndStream() throws {
        for warmup in [0, 3, 623, 624, 625, 1248] {
            let g = Generator(seed: 99)
            for _ in 0..<warmup { _ = g.nextUInt32() }
            _ = Self.f64(1) { g.fillNormal($0, mean: 0, std: 1) }  // caches one sample
            let state = g.getState()
            let h = Generator(seed: 1)
            try h.setState(state)
            XCTAssertEqual(h.getState(), state)
            XCTAssertEqual(h.initialSeed, 99)
            let a = Self.f64(5) { g.fillNormal($0, mean: 2, std: 3) }
            let b = Self.f64(5) { h.fillNormal($0, mean: 2, std: 3) }
            XCTAssertEqual(a.map(\.bitPattern), b.map(\.bitPattern), "warmup \(warmup)")
            XCTAssertEqual((0..<700).map { _ in g.nextUInt32() }, (0..<700).map { _ in h.nextUInt32() })
        }
    }

    func testManualSeedClearsCachedNormal() {
        let g = Generator(seed: 3)
        _ = Self.f32(1) { g.fillNormal($0, mean: 0, std: 1) }
        XCTAssertEqual(Self.word(g.getState(), 5040, Int32.self), 1)
        g.manualSeed(3)
        XCTAssertEqual(Self.word(g.getState(), 5040, Int32.self), 0)
        XCTAssertNil(g.cachedNormal)
        let a = Self.f32(1) { g.fillNormal($0, mean: 0, std: 1) }
        let b = Self.f32(1) { Generator(seed: 3).fillNormal($0, mean: 0, std: 1) }
        XCTAssertEqual(a.map(\.bitPattern), b.map(\.bitPattern))
    }

    func testSetStateRejectsBadInputWithoutTrapping() throws {
        let g = Generator(seed: 8)
        let good = g.getState()
        for size in [0, 1, 24, 5047, 5049, 5055, 5057, 10_000] {
            XCTAssertThrowsError(try g.setState([UInt8](repeating: 1, count: size))) {
                XCTAssertTrue($0 is RandomStateError)
                XCTAssertFalse(($0 as? RandomStateError)?.message.isEmpty ?? true)
            }
        }
        func corrupt(_ offset: Int, _ v: UInt32) -> [UInt8] {
            var b = good
            for i in 0..<4 { b[offset + i] = UInt8(truncatingIfNeeded: v >> (8 * i)) }
            return b
        }
        // left must be 1...624, seeded nonzero, next (as uint32) at most 624, as PyTorch checks.
        for (offset, value) in [(8, 0), (8, 625), (8, UInt32.max), (12, 0), (16, 625)] as [(Int, UInt32)] {
            XCTAssertThrowsError(try g.setState(corrupt(offset, value)), "offset \(offset)")
        }
        XCTAssertEqual(g.getState(), good, "a rejected state leaves the generator untouched")
        let noise = Generator(seed: 2024)  // deterministic, cheap garbage
        for trial in 0..<200 {
            let size = trial % 2 == 0 ? 5056 : 5048
            var bytes = (0..<size).map { _ in UInt8(truncatingIfNeeded: noise.nextUInt32()) }
            if trial % 4 < 2 {  // make half of them pass validation
                let header: [UInt8] = [UInt8(trial % 200 + 1), 0, 0, 0, 1, 0, 0, 0]  // left, seeded
                bytes.replaceSubrange(8..<24, with: header + [UInt8](repeating: 0, count: 8))
                bytes[16] = UInt8(trial % 251)
            }
            if (try? g.setState(bytes)) != nil { for _ in 0..<1300 { _ = g.nextUInt32() } }
        }
        try g.setState(good)
        XCTAssertEqual(g.getState(), good)
    }

    func testLegacyStateSizeIsAccepted() throws {
        let g = Generator(seed: 4)
        _ = g.nextUInt32()
        var b = Array(g.getState()[0..<5048])
        func put(_ v: UInt64, _ at: Int) { for i in 0..<8 { b[at + i] = UInt8(truncatingIfNeeded: v >> (8 * i)) } }
        put(0.25.bitPattern, 5016)  // legacy normal_x
        put(2.0.bitPattern, 5032)  // legacy normal_rho
        put(1, 5040)  // normal_is_valid
        let h = Generator()
        try h.setState(b)
        XCTAssertEqual(h.cachedNormal, 2.0 * sin(2.0 * Double.pi * 0.25))  // PyTorch rebuilds rho·sin(2πx)
        XCTAssertEqual(h.initialSeed, 4)
        XCTAssertEqual((0..<1000).map { _ in h.nextUInt32() }, (0..<1000).map { _ in g.nextUInt32() })
    }
}

extension RandomTests {
    /// A minimal JSON tree; integers stay exact Int64 (JSONSerialization could round them).
    enum JSON: Decodable {
        case int(Int64), double(Double), bool(Bool), string(String), array([JSON]), object([String: JSON]), null

        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() { self = .null }
            else if let v = try? c.decode(Int64.self) { self = .int(v) }
            else if let v = try? c.decode(Double.self) { self = .double(v) }
            else if let v = try? c.decode(Bool.self) { self = .bool(v) }
            else if let v = try? c.decode(String.self) { self = .string(v) }
            else if let v = try? c.decode([JSON].self) { self = .array(v) }
            else { self = .object(try c.decode([String: JSON].self)) }
        }

        subscript(key: String) -> JSON? { if case .object(let o) = self { return o[key] } else { return nil } }
        var int: Int64? { if case .int(let v) = self { return v } else { return nil } }
        var double: Double? {
            switch self { case .double(let v): return v; case .int(let v): return Double(v); default: return nil }
        }
        var string: String? { if case .string(let v) = self { return v } else { return nil } }
        var array: [JSON] { if case .array(let v) = self { return v } else { return [] } }
        var bool: Bool? { if case .bool(let v) = self { return v } else { return nil } }
    }

    /// A produced tensor, compared with an entry by raw bits.
    enum Output: Equatable {
        case f32([UInt32]), f64([UInt64]), i64([Int64])
    }
}
