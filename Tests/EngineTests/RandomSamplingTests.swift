import Foundation
import XCTest
@testable import Engine

/// The tensor-level random API against real torch, bit for bit: the applicable entries of
/// rng_vectors.json (shared/spec/RNG.md §13) and the random cases of creation.json, whose
/// "after" draws also pin down how many numbers each call consumed.
final class RandomSamplingTests: XCTestCase {
    override func tearDown() {
        try? Tensor.setDefaultDType(.float32)
        super.tearDown()
    }

    // MARK: rng_vectors.json

    static let vectors: [[String: Any]] = {
        let url = Fixtures.directory.appendingPathComponent("rng_vectors.json")
        guard let text = try? String(contentsOf: url, encoding: .utf8),
              let root = try? ExactJSON.parse(text) as? [String: Any] else { return [] }
        return root["vectors"] as? [[String: Any]] ?? []
    }()

    func testRNGVectors() throws {
        var checked = 0
        for v in RandomSamplingTests.vectors {
            let call = v["call"] as? String ?? ""
            guard let seed = (v["seed"] as? ExactNumber)?.int64 else { continue }
            let id = "\(call) seed \(seed) \(v["capability"] as? String ?? "")"
            if call == "sequence" {
                Tensor.manualSeed(UInt64(seed))
                for (k, step) in (v["steps"] as? [[String: Any]] ?? []).enumerated() {
                    let out = try XCTUnwrap(try vectorCall(step["call"] as? String ?? "", step["args"] as? [String: Any] ?? [:],
                                                           step["dtype"] as? String, Generator.global), "\(id) step \(k)")
                    assertVectorBits(out, step, "\(id) step \(k)")
                }
                checked += 1
                continue
            }
            let generator: Generator
            if v["capability"] as? String == "DEFAULT" {
                generator = Generator(seed: UInt64(seed), kernel: .scalar)
            } else {
                Tensor.manualSeed(UInt64(seed))
                generator = Generator.global
            }
            guard let out = try vectorCall(call, v["args"] as? [String: Any] ?? [:], v["dtype"] as? String, generator) else { continue }
            assertVectorBits(out, v, id)
            checked += 1
        }
        XCTAssertGreaterThanOrEqual(checked, 100)
    }

    /// Runs one rng_vectors.json call through the tensor API; nil for calls of other families.
    private func vectorCall(_ call: String, _ args: [String: Any], _ dtypeName: String?, _ g: Generator) throws -> Tensor? {
        func number(_ key: String) -> Double { creationScalar(args[key])?.doubleValue ?? 0 }
        func int(_ key: String) -> Int64 { creationScalar(args[key])?.int64Value ?? 0 }
        let size = (args["size"] as? [Any] ?? []).compactMap { creationScalar($0).map { Int($0.int64Value) } }
        let dtype: DType = (args["dtype"] as? String ?? dtypeName) == "float64" ? .float64 : .float32
        switch call {
        case "rand": return try Tensor.rand(size, dtype: dtype, generator: g)
        case "randn": return try Tensor.randn(size, dtype: dtype, generator: g)
        case "uniform_": return try Tensor.empty(size, dtype: dtype).uniformInPlace(from: number("a"), to: number("b"), generator: g)
        case "normal_": return try Tensor.empty(size, dtype: dtype).normalInPlace(mean: number("mean"), std: number("std"), generator: g)
        case "randint": return try Tensor.randint(low: int("low"), high: int("high"), shape: size, generator: g)
        case "randperm": return try Tensor.randperm(Int(int("n")), generator: g)
        case "Tensor.random_ (int64, no bounds)": return try Tensor.empty(size, dtype: .int64).randomInPlace(generator: g)
        case "random64": return try Tensor.empty([8], dtype: .int64).randomInPlace(from: Int64.min, to: nil, generator: g)
        case "Tensor.bernoulli_": return try Tensor.empty(size, dtype: dtype).bernoulliInPlace(p: number("p"), generator: g)
        case "nn.Embedding":
            return try Tensor.randn([Int(int("num_embeddings")), Int(int("embedding_dim"))], generator: g)
        case "F.dropout":
            return try Tensor.arange(start: 1, end: 13, dtype: .float32).dropout(p: number("p"), generator: g)
        case "torch.multinomial":
            let probs = try Tensor(literal: creationLiteral(args["probs"] ?? []), dtype: .float32)
            return try probs.multinomial(numSamples: Int(int("num_samples")), replacement: args["replacement"] as? Bool ?? false,
                                         generator: g)
        default: return nil
        }
    }

    /// Compares with the entry's "bits" (float32/float64 patterns), "values_hex" (uint64) or
    /// integer "values".
    private func assertVectorBits(_ t: Tensor, _ v: [String: Any], _ id: String) {
        if let size = v["size"] as? [Any] {
            XCTAssertEqual(t.shape, size.compactMap { ($0 as? ExactNumber)?.int64 }.map { Int($0) }, "\(id): shape")
        }
        if let hex = v["values_hex"] as? [String] {
            XCTAssertEqual(t.toArray(Int64.self).map { String(UInt64(bitPattern: $0), radix: 16) },
                           hex.map { String(UInt64($0, radix: 16) ?? 0, radix: 16) }, id)
        } else if let bits = v["bits"] as? [String] {
            let got = t.dtype == .float32 ? t.toArray(Float.self).map { UInt64($0.bitPattern) } : t.toArray(Double.self).map { $0.bitPattern }
            XCTAssertEqual(got, bits.map { UInt64($0, radix: 16) ?? 0 }, id)
        } else {
            let want = (v["values"] as? [Any] ?? []).compactMap { ($0 as? ExactNumber)?.int64 }
            XCTAssertEqual(t.toArray(Int64.self), want, id)
        }
    }

    // MARK: creation.json

    func testCreationRandomCases() throws {
        let cases = CreationFixture.cases(kind: "random")
        XCTAssertGreaterThan(cases.count, 120)
        var missing: [String] = []
        for c in cases {
            let id = c["id"] as? String ?? "?"
            guard let run = RandomSamplingTests.calls[id] else { missing.append(id); continue }
            let inputs = try CreationFixture.inputs(c)
            Tensor.manualSeed(UInt64((c["seed"] as? ExactNumber)?.int64 ?? 0))
            do {
                let outs = try run(inputs)
                if let e = c["error"] as? [String: Any] {
                    XCTFail("\(id): expected \(e["message"] ?? ""), got a result")
                    continue
                }
                let expected = (c["output"] as? [[String: Any]]) ?? [c["output"] as? [String: Any] ?? [:]]
                XCTAssertEqual(outs.count, expected.count, "\(id): outputs")
                for (k, (o, e)) in zip(outs, expected).enumerated() { assertCreationExact(o, e, "\(id) output \(k)") }
                let after = c["after"] as? [[String: Any]] ?? []
                assertCreationExact(try Tensor.rand([2]), after.first, "\(id) rand(2) after")
                assertCreationExact(try Tensor.randn([1], dtype: .float64), after.last, "\(id) randn(1) after")
                if let grads = c["grads"] as? [Any] {
                    let out = try XCTUnwrap(outs.first)
                    XCTAssertEqual(out.gradFn?.name, c["grad_fn"] as? String, "\(id): grad_fn")
                    try out.backward(gradient: try out.onesLike())
                    for (k, (input, g)) in zip(inputs, grads).enumerated() {
                        assertCreationExact(input.grad, g as? [String: Any], "\(id) grad \(k)")
                    }
                }
            } catch let error as TensorError {
                guard let e = c["error"] as? [String: Any] else { XCTFail("\(id): unexpected \(error)"); continue }
                XCTAssertEqual(error.kind.rawValue, e["type"] as? String, "\(id): error type")
                XCTAssertEqual(error.message, e["message"] as? String, "\(id): error message")
            }
        }
        XCTAssertEqual(missing, [], "cases without a Swift call")
    }

    /// The Swift spelling of each creation.json random case (the Python is the case's "code").
    static let calls: [String: ([Tensor]) throws -> [Tensor]] = {
        typealias T = Tensor
        func G(_ seed: UInt64) -> Generator { Generator(seed: seed) }
        func one(_ f: @escaping ([Tensor]) throws -> Tensor) -> ([Tensor]) throws -> [Tensor] { { [try f($0)] } }
        func empty(_ shape: [Int], _ dtype: DType = .float32) throws -> Tensor { try T.empty(shape, dtype: dtype) }
        var c: [String: ([Tensor]) throws -> [Tensor]] = [:]
        c["rand/f32_5"] = one { _ in try T.rand([5]) }
        c["rand/f64_2x3"] = one { _ in try T.rand([2, 3], dtype: .float64) }
        c["rand/0d"] = one { _ in try T.rand([]) }
        c["rand/empty"] = one { _ in try T.rand([0, 3]) }
        c["rand/int_dtype_error"] = one { _ in try T.rand([3], dtype: .int64) }
        c["rand/generator"] = one { _ in try T.rand([4], generator: G(7)) }
        c["randn/f32_3"] = one { _ in try T.randn([3]) }
        c["randn/f32_17"] = one { _ in try T.randn([17]) }
        c["randn/f32_33"] = one { _ in try T.randn([33]) }
        c["randn/f64_4x4"] = one { _ in try T.randn([4, 4], dtype: .float64) }
        c["randn/f64_5"] = one { _ in try T.randn([5], dtype: .float64) }
        c["randn/0d"] = one { _ in try T.randn([]) }
        c["randn/bool_error"] = one { _ in try T.randn([3], dtype: .bool) }
        c["randn/generator"] = one { _ in try T.randn([20], generator: G(9)) }
        c["rand_like/f64"] = one { try $0[0].randLike() }
        c["randn_like/f32_20"] = one { try $0[0].randnLike() }
        c["randint_like/int64"] = one { try $0[0].randintLike(high: 5) }
        c["normal_/transposed"] = one { _ in try empty([4, 5]).t().normalInPlace() }
        c["normal_/transposed_f64"] = one { _ in try empty([3, 6], .float64).t().normalInPlace(mean: 2, std: 0.5) }
        c["normal_/strided_slice"] = one { _ in
            try T.zeros([6, 8]).makeView(shape: [6, 4], strides: [8, 2]).normalInPlace(mean: 1, std: 2)
        }
        c["normal_/contiguous_20"] = one { _ in try empty([20]).normalInPlace(mean: -1, std: 3) }
        c["normal_/nan_mean"] = one { _ in try empty([3]).normalInPlace(mean: .nan, std: 1) }
        c["normal_/negative_std_error"] = one { _ in try empty([3]).normalInPlace(mean: 0, std: -1) }
        c["normal_/int_error"] = one { _ in try empty([3], .int64).normalInPlace() }
        c["uniform_/transposed"] = one { _ in try empty([3, 4]).t().uniformInPlace(from: -1, to: 2) }
        c["uniform_/f32_7"] = one { _ in try empty([7]).uniformInPlace(from: -3, to: 5) }
        c["uniform_/f64_3"] = one { _ in try empty([3], .float64).uniformInPlace(from: 0.5, to: 0.75) }
        c["uniform_/equal_bounds"] = one { _ in try empty([3]).uniformInPlace(from: 1, to: 1) }
        c["uniform_/reversed_error"] = one { _ in try empty([3]).uniformInPlace(from: 2, to: 1) }
        c["uniform_/from_out_of_range_error"] = one { _ in try empty([3]).uniformInPlace(from: -1e39, to: 1) }
        c["uniform_/range_too_wide_error"] = one { _ in try empty([3]).uniformInPlace(from: -3e38, to: 3e38) }
        c["uniform_/expanded_error"] = one { _ in try T.ones([3]).expand([2, 3]).uniformInPlace() }
        c["exponential_/f32"] = one { _ in try empty([5]).exponentialInPlace(lambda: 1.5) }
        c["exponential_/f64_transposed"] = one { _ in try empty([2, 3], .float64).t().exponentialInPlace(lambda: 0.5) }
        c["exponential_/lambda_error"] = one { _ in try empty([3]).exponentialInPlace(lambda: 0) }
        c["exponential_/int_error"] = one { _ in try empty([3], .int64).exponentialInPlace() }
        c["bernoulli_/f32_12"] = one { _ in try empty([12]).bernoulliInPlace(p: 0.3) }
        c["bernoulli_/f64_5"] = one { _ in try empty([5], .float64).bernoulliInPlace(p: 0.7) }
        c["bernoulli_/int64"] = one { _ in try empty([6], .int64).bernoulliInPlace(p: 0.5) }
        c["bernoulli_/bool"] = one { _ in try empty([6], .bool).bernoulliInPlace(p: 0.5) }
        c["bernoulli_/transposed"] = one { _ in try empty([2, 5]).t().bernoulliInPlace(p: 0.5) }
        c["bernoulli_/tensor_p_broadcast"] = one { try empty([2, 3]).bernoulliInPlace($0[0]) }
        c["bernoulli_/tensor_p_f64"] = one { try empty([4]).bernoulliInPlace($0[0]) }
        c["bernoulli_/p_error"] = one { _ in try empty([3]).bernoulliInPlace(p: 1.5) }
        c["bernoulli/probs_f32"] = one { try $0[0].bernoulli() }
        c["bernoulli/probs_f64"] = one { try $0[0].bernoulli() }
        c["bernoulli/probs_transposed"] = one { try $0[0].t().bernoulli() }
        c["bernoulli/probs_range_error"] = one { try $0[0].bernoulli() }
        c["bernoulli/probs_int_error"] = one { try $0[0].bernoulli() }
        c["random_/int64"] = one { _ in try empty([4], .int64).randomInPlace() }
        c["random_/int32"] = one { _ in try empty([4], .int32).randomInPlace() }
        c["random_/f32"] = one { _ in try empty([4]).randomInPlace() }
        c["random_/f64"] = one { _ in try empty([4], .float64).randomInPlace() }
        c["random_/bool"] = one { _ in try empty([6], .bool).randomInPlace() }
        c["random_/f32_0_10"] = one { _ in try empty([5]).randomInPlace(from: 0, to: 10) }
        c["random_/int32_to"] = one { _ in try empty([5], .int32).randomInPlace(to: 10) }
        c["random_/f32_big_range"] = one { _ in try empty([4]).randomInPlace(from: -(1 << 25), to: 5) }
        c["random_/f32_huge_range"] = one { _ in try empty([4]).randomInPlace(from: 0, to: 1 << 40) }
        c["random_/int32_29bit"] = one { _ in try empty([4], .int32).randomInPlace(from: 0, to: 1 << 29) }
        c["random_/int32_full"] = one { _ in try empty([3], .int32).randomInPlace(from: -(1 << 31), to: 1 << 31) }
        c["random_/f32_from_only"] = one { _ in try empty([3]).randomInPlace(from: 5, to: nil) }
        c["random_/int64_full_64"] = one { _ in try empty([3], .int64).randomInPlace(from: Int64.min, to: nil) }
        c["random_/int32_from_only"] = one { _ in try empty([3], .int32).randomInPlace(from: 5, to: nil) }
        c["random_/int64_from_only"] = one { _ in try empty([3], .int64).randomInPlace(from: 1 << 60, to: nil) }
        c["random_/transposed"] = one { _ in try empty([2, 3], .int64).t().randomInPlace(from: 0, to: 100) }
        c["random_/equal_error"] = one { _ in try empty([3]).randomInPlace(from: 5, to: 5) }
        c["random_/int32_bound_error"] = one { _ in try empty([3], .int32).randomInPlace(from: 0, to: 1 << 40) }
        c["random_/bool_bound_error"] = one { _ in try empty([3], .bool).randomInPlace(from: 0, to: 3) }
        c["randint/int64_10"] = one { _ in try T.randint(high: 10, shape: [10]) }
        c["randint/high_only"] = one { _ in try T.randint(high: 3, shape: [5]) }
        c["randint/int32"] = one { _ in try T.randint(low: -5, high: 5, shape: [2, 3], dtype: .int32) }
        c["randint/int32_29bit"] = one { _ in try T.randint(high: 1 << 29, shape: [4], dtype: .int32) }
        c["randint/f32_30bit"] = one { _ in try T.randint(high: 1 << 30, shape: [4], dtype: .float32) }
        c["randint/bool"] = one { _ in try T.randint(high: 2, shape: [6], dtype: .bool) }
        c["randint/f64_wide"] = one { _ in try T.randint(low: -(1 << 40), high: 1 << 40, shape: [3], dtype: .float64) }
        c["randint/generator"] = one { _ in try T.randint(high: 5, shape: [4], generator: G(3)) }
        c["randint/equal_error"] = one { _ in try T.randint(low: 5, high: 5, shape: [3]) }
        c["randint/reversed_error"] = one { _ in try T.randint(low: 5, high: 2, shape: [3]) }
        c["randint/int32_bound_error"] = one { _ in try T.randint(high: 1 << 40, shape: [3], dtype: .int32) }
        c["randint/bool_bound_error"] = one { _ in try T.randint(low: -1, high: 2, shape: [2], dtype: .bool) }
        c["randperm/10"] = one { _ in try T.randperm(10) }
        c["randperm/1"] = one { _ in try T.randperm(1) }
        c["randperm/0"] = one { _ in try T.randperm(0) }
        c["randperm/f32_20"] = one { _ in try T.randperm(20, dtype: .float32) }
        c["randperm/int32_7"] = one { _ in try T.randperm(7, dtype: .int32) }
        c["randperm/f64_100"] = one { _ in try T.randperm(100, dtype: .float64) }
        c["randperm/generator"] = one { _ in try T.randperm(6, generator: G(4)) }
        c["randperm/negative_error"] = one { _ in try T.randperm(-1) }
        c["randperm/bool_error"] = one { _ in try T.randperm(5, dtype: .bool) }
        c["randperm/f32_too_big_error"] = one { _ in try T.randperm((1 << 24) + 2, dtype: .float32) }
        for id in ["tensor_tensor", "tensor_tensor_large", "tensor_tensor_mixed_dtype", "grad_tensor_tensor",
                   "negative_std_tensor_error", "broadcast_error"] {
            c["normal/" + id] = one { try T.normal(mean: $0[0], std: $0[1]) }
        }
        c["normal/tensor_float"] = one { try T.normal(mean: $0[0], std: 2) }
        c["normal/tensor_float_small"] = one { try T.normal(mean: $0[0], std: 0.5) }
        c["normal/grad_tensor_float"] = one { try T.normal(mean: $0[0], std: 1) }
        c["normal/negative_std_error"] = one { try T.normal(mean: $0[0], std: -1) }
        c["normal/float_tensor"] = one { try T.normal(mean: 1.5, std: $0[0]) }
        c["normal/float_tensor_small"] = one { try T.normal(mean: -0.5, std: $0[0]) }
        c["normal/grad_float_tensor"] = one { try T.normal(mean: 0, std: $0[0]) }
        c["normal/float_float"] = one { _ in try T.normal(mean: 2, std: 3, shape: [3]) }
        c["normal/float_float_f64_20"] = one { _ in try T.normal(mean: 2, std: 3, shape: [20], dtype: .float64) }
        c["normal/float_float_generator"] = one { _ in try T.normal(mean: 0, std: 1, shape: [5], generator: G(2)) }
        let multinomial: [(String, Int, Bool)] = [
            ("no_replacement_3_of_5", 3, false), ("replacement_2d", 6, true), ("no_replacement_2d", 2, false),
            ("f64_one", 1, false), ("replacement_one", 1, true), ("too_many_error", 3, false),
            ("zero_samples_error", 0, false), ("int_error", 1, false), ("0d_error", 1, false), ("zero_sum_error", 1, false),
            ("zero_sum_replacement_error", 2, true), ("negative_error", 1, false), ("negative_replacement_error", 2, true),
            ("inf_replacement_error", 2, true), ("empty_rows", 2, false)]
        for (id, n, replacement) in multinomial {
            c["multinomial/" + id] = one { try $0[0].multinomial(numSamples: n, replacement: replacement) }
        }
        c["multinomial/transposed_no_replacement"] = one { try $0[0].t().multinomial(numSamples: 2) }
        c["multinomial/transposed_one"] = one { try $0[0].t().multinomial(numSamples: 1) }
        c["multinomial/transposed_replacement"] = one { try $0[0].t().multinomial(numSamples: 5, replacement: true) }
        c["multinomial/generator"] = one { try $0[0].multinomial(numSamples: 4, replacement: true, generator: G(5)) }
        c["dropout/f32_3x4"] = one { try $0[0].dropout(p: 0.3) }
        c["dropout/f64_10"] = one { try $0[0].dropout(p: 0.5) }
        c["dropout/p1"] = one { try $0[0].dropout(p: 1) }
        c["dropout/p0"] = one { try $0[0].dropout(p: 0) }
        c["dropout/eval"] = one { try $0[0].dropout(p: 0.5, training: false) }
        c["dropout/transposed"] = one { try $0[0].t().dropout(p: 0.4) }
        c["dropout/grad"] = one { try $0[0].dropout(p: 0.25) }
        c["dropout/inplace"] = one { try $0[0].clone().dropoutInPlace(p: 0.5) }
        c["dropout/p_error"] = one { try $0[0].dropout(p: 1.5) }
        c["dropout/int_error"] = one { try $0[0].dropout(p: 0.5) }
        c["sequence/mixed"] = { _ in
            [try T.rand([3]), try T.randn([5]), try T.randint(high: 10, shape: [3]), try T.randperm(4),
             try T.normal(mean: 0, std: T.ones([3])), try empty([4]).bernoulliInPlace(p: 0.5),
             try T.randn([1], dtype: .float64), try T.randn([18]), try T.rand([2], dtype: .float64)]
        }
        c["sequence/generator"] = { _ in
            let g = G(11)
            return [try T.rand([3], generator: g), try T.randn([5], generator: g), try T.randint(high: 5, shape: [4], generator: g),
                    try T.randperm(6, generator: g), try T.randn([1], dtype: .float64, generator: g)]
        }
        c["sequence/default_f64"] = { _ in
            try T.setDefaultDType(.float64)
            defer { try? T.setDefaultDType(.float32) }
            return [try T.rand([2]), try T.randn([3])]
        }
        return c
    }()

    // MARK: State, seeds and autograd of the in-place fills

    func testSeedAndState() throws {
        let g = Tensor.manualSeed(-1)
        XCTAssertTrue(g === Generator.global)
        XCTAssertEqual(Tensor.initialSeed(), UInt64.max)
        Tensor.manualSeed(0)
        _ = try Tensor.randn([3])  // leaves a cached normal behind
        let state = Tensor.getRNGState()
        XCTAssertEqual(state.count, 5056)
        let first = try Tensor.randn([5]).doubles
        try Tensor.setRNGState(state)
        XCTAssertEqual(try Tensor.randn([5]).doubles, first)
        XCTAssertThrowsError(try Tensor.setRNGState([UInt8](repeating: 0, count: 10))) {
            XCTAssertEqual(($0 as? TensorError)?.message,
                           "Expected a CPUGeneratorImplState of size 5056 but found the input RNG state size to be 10")
        }
        XCTAssertThrowsError(try Tensor.setRNGState([UInt8](repeating: 0, count: 5056))) {
            XCTAssertEqual(($0 as? TensorError)?.message, "Invalid mt19937 state")
        }
        let s = Tensor.seed()
        XCTAssertEqual(Tensor.initialSeed(), s)
        Tensor.manualSeed(0)
    }

    func testInPlaceAutogradRules() throws {
        let leaf = try Tensor.ones([3]).setRequiresGrad()
        XCTAssertThrowsError(try leaf.uniformInPlace()) {
            XCTAssertEqual(($0 as? TensorError)?.message, "a leaf Variable that requires grad is being used in an in-place operation.")
        }
        try noGrad { _ = try leaf.normalInPlace() }  // nn.init's way
        XCTAssertEqual(leaf.version.value, 1)
        let names: [(String, (Tensor) throws -> Tensor)] = [
            ("UniformBackward0", { try $0.uniformInPlace() }), ("NormalBackward0", { try $0.normalInPlace() }),
            ("BernoulliBackward2", { try $0.bernoulliInPlace(p: 0.5) }), ("RandomBackward0", { try $0.randomInPlace(from: 0, to: 5) }),
            ("RandomBackward0", { try $0.randomInPlace(from: 3, to: nil) }), ("RandomBackward1", { try $0.randomInPlace(to: 5) }),
            ("RandomBackward2", { try $0.randomInPlace() }),
            ("ExponentialBackward0", { try $0.exponentialInPlace() }),
            ("BernoulliBackward1", { try $0.bernoulliInPlace(try Tensor.full([3], 0.5)) }),
        ]
        for (name, fill) in names {
            let x = try Tensor.ones([3]).setRequiresGrad()
            let y = try x * 2.0
            try fill(y)
            XCTAssertEqual(y.gradFn?.name, name)
            try y.sum().backward()
            XCTAssertEqual(x.grad?.doubles, [0, 0, 0], name)
        }
        let p = try Tensor.full([2], 0.5).setRequiresGrad()
        XCTAssertEqual(try p.bernoulli().gradFn?.name, "BernoulliBackward0")
    }

    func testDropoutModes() throws {
        let x = try Tensor.ones([4]).setRequiresGrad()
        XCTAssertTrue(try x.dropout(p: 0) === x)
        XCTAssertTrue(try x.dropout(p: 0.5, training: false) === x)
        XCTAssertEqual(try x.dropout(p: 1).gradFn?.name, "MulBackward0")
        XCTAssertThrowsError(try x.dropoutInPlace(p: 0.5))
        XCTAssertThrowsError(try x.dropout(p: -0.1)) {
            XCTAssertEqual($0 as? TensorError, .value("dropout probability has to be between 0 and 1, but got -0.1"))
        }
        // A fixed generator gives a fixed mask: the way gradcheck checks dropout.
        let a = try x.dropout(p: 0.5, generator: Generator(seed: 3)).doubles
        XCTAssertEqual(try x.dropout(p: 0.5, generator: Generator(seed: 3)).doubles, a)
    }
}
