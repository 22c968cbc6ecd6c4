import Foundation
import XCTest
@testable import Engine

/// Shape ops against the PyTorch fixtures (ops.json): values, dtypes, strides, contiguity,
/// grad_fn names, gradients and error messages.
final class ShapeTests: XCTestCase {
    /// Fixture cases this family does not implement (dtype reinterpretation).
    static let unsupported: Set<String> = ["view/dtype_int32_to_float32_bits", "__getitem__/mask_uint8_deprecated"]

    /// Every shape op that ops.json and shape.json exercise.
    static let ops: Set<String> = ["view", "reshape", "flatten", "unflatten", "squeeze", "unsqueeze", "permute",
                                   "transpose", "t", "T", "mT", "expand", "expand_as", "contiguous", "clone", "repeat",
                                   "flip", "tril", "triu", "cat", "stack", "split", "chunk", "unbind", "narrow", "select"]

    func testOpsFixtures() throws { try FixtureRunner.run(ShapeTests.ops, from: "ops.json", ShapeTests.call) }

    func testShapeFixtures() throws { try FixtureRunner.run(ShapeTests.ops, from: "shape.json", ShapeTests.call) }

    /// Calls the Swift op that a fixture case calls in Python.
    static func call(_ c: OpCase, _ x: [Tensor]) throws -> [Tensor] {
        let a = c.callArgs(x)
        let o = c.isMethod ? 0 : 1
        switch c.op {
        case "view": return [try x[0].view(a.sizes())]
        case "reshape": return [try a.tensor(0).reshape(c.isMethod ? a.sizes() : a.ints(1))]
        case "flatten":
            return [try a.tensor(0).flatten(startDim: a.int(o) ?? a.kwInt("start_dim") ?? 0,
                                            endDim: a.int(o + 1) ?? a.kwInt("end_dim") ?? -1)]
        case "unflatten": return [try a.tensor(0).unflatten(dim: a.int(o) ?? 0, sizes: a.ints(o + 1))]
        case "squeeze":
            let t = a.tensor(0)
            if let dims = a.intList(o) { return [try t.squeeze(dims: dims)] }
            if let d = a.int(o) { return [try t.squeeze(d)] }
            return [try t.squeeze()]
        case "unsqueeze": return [try a.tensor(0).unsqueeze(a.int(o) ?? 0)]
        case "permute": return [try a.tensor(0).permute(c.isMethod ? a.sizes() : a.ints(1))]
        case "transpose": return [try a.tensor(0).transpose(a.int(o) ?? 0, a.int(o + 1) ?? 0)]
        case "t": return [try a.tensor(0).t()]
        case "T": return [try x[0].T]
        case "mT": return [try x[0].mT]
        case "expand": return [try x[0].expand(a.sizes())]
        case "expand_as": return [try x[0].expandAs(x[1])]
        case "contiguous": return [x[0].contiguous()]
        case "clone": return [a.tensor(0).clone()]
        case "repeat": return [try x[0].repeat(a.sizes())]
        case "flip": return [try a.tensor(0).flip(c.isMethod ? a.sizes() : a.intList(1) ?? a.kwInts("dims") ?? [])]
        case "tril", "triu":
            let d = a.int(o) ?? a.kwInt("diagonal") ?? 0
            return [c.op == "tril" ? try a.tensor(0).tril(diagonal: d) : try a.tensor(0).triu(diagonal: d)]
        case "cat", "stack":
            let list = a.tensorList(0)
            let d = a.int(1) ?? a.kwInt("dim") ?? 0
            return [c.op == "cat" ? try Tensor.cat(list, dim: d) : try Tensor.stack(list, dim: d)]
        case "split":
            let d = a.int(o + 1) ?? a.kwInt("dim") ?? 0
            if let sizes = a.intList(o) { return try a.tensor(0).split(sizes: sizes, dim: d) }
            return try a.tensor(0).split(a.int(o) ?? 0, dim: d)
        case "chunk": return try a.tensor(0).chunk(a.int(o) ?? 0, dim: a.int(o + 1) ?? a.kwInt("dim") ?? 0)
        case "unbind": return try a.tensor(0).unbind(dim: a.int(o) ?? 0)
        case "narrow":
            return [try a.tensor(0).narrow(dim: a.int(o) ?? 0, start: a.int(o + 1) ?? 0, length: a.int(o + 2) ?? 0)]
        case "select": return [try a.tensor(0).select(dim: a.int(o) ?? 0, index: a.int(o + 1) ?? 0)]
        default: throw FixtureError("no Swift call for \(c.op)")
        }
    }

    /// The `chain/*` scenarios of ops.json, written out in Swift.
    func testChains() throws {
        let cases = Dictionary(try FixtureRunner.loadCases("ops.json").filter { $0.op.hasPrefix("chain/") }.map { ($0.op, $0) },
                               uniquingKeysWith: { a, _ in a })
        func expect(_ id: String, _ tensors: [Tensor], line: UInt = #line) {
            guard let c = cases[id] else { return XCTFail("missing fixture \(id)", line: line) }
            XCTAssertEqual(c.outputs.count, tensors.count, id, line: line)
            for (t, spec) in zip(tensors, c.outputs) { assertMatches(t, spec, id, line: line) }
        }
        func flags(_ b: [Bool]) -> Tensor { Tensor(b) }
        func ints(_ v: [Int]) -> Tensor { Tensor(v.map(Int64.init)) }
        let x6 = try Tensor((0..<6).map(Float.init), shape: [2, 3])
        do {
            let x = try x6.clone().setRequiresGrad()
            let y = try x.t(), z = y.contiguous()
            expect("chain/transpose_contiguous", [y, z, flags([y.isContiguous, z.isContiguous]), ints(y.strides), ints(z.strides)])
        }
        XCTAssertThrowsError(try x6.t().view([6])) { e in
            XCTAssertEqual((e as? TensorError)?.message, cases["chain/transpose_view_error"]?.error?.message)
        }
        let r = try x6.t().reshape([6])
        expect("chain/transpose_reshape_copies", [r, flags([r.isContiguous, r.storage === x6.storage])])
        let x3 = try Tensor([Float(0), 1, 2], shape: [3, 1])
        let e = try x3.expand([3, 4])
        expect("chain/expand_strides", [e, ints(e.strides), flags([e.isContiguous])])
        let x12 = try Tensor((0..<12).map(Float.init), shape: [3, 4])
        let n = try x12.narrow(dim: 1, start: 1, length: 2)
        expect("chain/narrow_dim1_not_contiguous", [n, ints(n.strides), ints([n.isContiguous ? 1 : 0, n.storageOffset])])
        let s = try x3.t()
        expect("chain/size1_dims_contiguous", [s, flags([s.isContiguous]), ints(s.strides)])
        let leaf = try Tensor((1...6).map(Float.init)).setRequiresGrad()
        let v = try leaf.view([2, 3]).t()[.slice(start: 1)]
        try (v * Tensor([Float(1), 2, 3, 4], shape: [2, 2])).sum().backward()
        expect("chain/view_grad_flows", [v, leaf.grad ?? Tensor(zeros: [0])])
    }

    /// Views share storage and the version counter; copies do not.
    func testViewsShareStorageAndCopiesDoNot() throws {
        let x = try Tensor((0..<12).map(Double.init), shape: [3, 4])
        for v in [try x.view([12]), try x.t(), try x.narrow(dim: 1, start: 1, length: 2), try x[1], try x.split(2)[1],
                  try x.unbind(dim: 1)[2], try x.unflatten(dim: 1, sizes: [2, 2]), try x.flatten(), try x.chunk(2)[0]] {
            XCTAssertTrue(v.storage === x.storage && v.version === x.version && v.base === x)
        }
        for c in [try x.repeat([1, 1]), try x.flip([0]), try x.tril(), try Tensor.cat([x]), try Tensor.stack([x]),
                  try x.t().flatten(), try x.indexSelect(dim: 0, index: Tensor([Int64(0)]))] {
            XCTAssertFalse(c.storage === x.storage)
            XCTAssertNil(c.base)
        }
    }

    func testErrorsOnBadArguments() throws {
        let x = try Tensor([Float](repeating: 1, count: 6), shape: [2, 3])
        assertError(try x.view([-2, -1, -1]), "invalid shape dimension -2 at index 0 of shape [-2, -1, -1]")
        assertError(try x.view([-1, -1, -2]), "only one dimension can be inferred")
        assertError(try x.expand([-1, 2, 3]), "The expanded size of the tensor (-1) isn't allowed in a leading, non-existing dimension 0")
        assertError(try x.squeeze(dims: [1, 1]), "dim 1 appears multiple times in the list of dims")
        assertError(try x.flip([0, -2]), "dim 0 appears multiple times in the list of dims")
        assertError(try x.unflatten(dim: 1, sizes: []), "unflatten: sizes must be non-empty")
        assertError(try x.repeat([-1, 2]), "Trying to create tensor with negative dimension -2: [-2, 6]")
        assertError(try x.split(0), "split_size can only be 0 if dimension size is 0, but got dimension size of 2")
        assertError(try x.split(-1), "split expects split_size be non-negative, but got split_size=-1")
        assertError(try x.split(sizes: [2, -1, 1], dim: 1), "split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes=[2, -1, 1]")
        assertError(try x.chunk(-1), "chunk expects `chunks` to be greater than 0, got: -1")
        assertError(try Tensor(zeros: []).chunk(1), "chunk expects at least a 1-dimensional tensor")
        assertError(try Tensor(zeros: []).unbind(), "Dimension specified as 0 but tensor has no dimensions", .index)
        assertError(try x.narrow(dim: 1, start: -4, length: 1), "start out of range (expected to be in range of [-3, 3], but got -4)", .index)
        assertError(try x.narrow(dim: 1, start: 1, length: -1), "narrow(): length must be non-negative.")
        assertError(try Tensor.stack([]), "stack expects a non-empty TensorList")
        assertError(try Tensor.cat([x, Tensor(zeros: [])]), "zero-dimensional tensor (at position 1) cannot be concatenated")
        assertError(try Tensor(zeros: [3]).mT, "tensor.mT is only supported on matrices or batches of matrices. Got 1-D tensor.")
        assertError(try x.select(dim: 0, index: 2), "select(): index 2 out of range for tensor of size [2, 3] at dimension 0", .index)
        assertError(try Tensor(zeros: []).select(dim: 0, index: 0), "select() cannot be applied to a 0-dim tensor.", .index)
        // Huge arguments are errors, never traps.
        XCTAssertEqual(try x.tril(diagonal: Int.max).doubles, x.doubles)
        XCTAssertEqual(try x.triu(diagonal: Int.min).doubles, x.doubles)
        XCTAssertEqual(try x.slice(dim: 1, start: Int.min, end: Int.max, step: Int.max).shape, [2, 1])
        assertError(try x.repeat([Int.max, 2]), "Trying to create tensor of size [9223372036854775807, 6]: too many elements")
        XCTAssertEqual(try x.chunk(Int.max).count, 2)
        XCTAssertEqual(try x.slice(dim: 1, start: 0, end: nil, step: Int.max).view([2, 1, 1]).shape, [2, 1, 1])
        assertError(try Tensor(zeros: [0]).chunk(Int.max), "chunk of an empty dimension into more than 2**20 chunks is not supported by wick yet", .notImplemented)
    }

    /// `.T` warns once per process, as TORCH_WARN_ONCE does.
    func testTWarnsOnce() throws {
        var warnings: [String] = []
        Autograd.warningHandler = { warnings.append($0) }
        defer { Autograd.warningHandler = nil }
        Tensor.warnedTOnNot2d = false
        Tensor.warnedTOn0d = false
        let cases = try FixtureRunner.loadCases("ops.json") + FixtureRunner.loadCases("shape.json")
        let expected3d = cases.first { $0.id == "T/3d" }?.raw["warnings"] as? [String]
        let expected0d = cases.first { $0.id == "T/0d" }?.raw["warnings"] as? [String]
        _ = try Tensor(zeros: [2, 3]).T
        XCTAssertEqual(warnings, [])
        _ = try Tensor(zeros: [2, 3, 4]).T
        _ = try Tensor(zeros: [3]).T
        XCTAssertEqual(warnings, expected3d)
        _ = try Tensor(zeros: []).T
        _ = try Tensor(zeros: []).T
        XCTAssertEqual(warnings, (expected3d ?? []) + (expected0d ?? []))
    }

    func testSmallCasesByHand() throws {
        let x = try Tensor([Float(1), 2, 3, 4, 5, 6], shape: [2, 3])
        XCTAssertEqual(try x.tril(diagonal: -1).toArray(Float.self), [0, 0, 0, 4, 0, 0])
        XCTAssertEqual(try x.triu(diagonal: 1).toArray(Float.self), [0, 2, 3, 0, 0, 6])
        XCTAssertEqual(try x.flip([1]).toArray(Float.self), [3, 2, 1, 6, 5, 4])
        XCTAssertEqual(try x.t().flip([0, 1]).toArray(Float.self), [6, 3, 5, 2, 4, 1])
        XCTAssertEqual(try x.repeat([2, 1, 2]).shape, [2, 2, 6])
        XCTAssertEqual(try x.repeat([1, 2]).toArray(Float.self), [1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6])
        XCTAssertEqual(try x.t().repeat([1, 2]).toArray(Float.self), [1, 4, 1, 4, 2, 5, 2, 5, 3, 6, 3, 6])
        XCTAssertEqual(try Tensor.cat([x, Tensor([Int64(7), 8, 9], shape: [1, 3])]).dtype, .float32)
        XCTAssertEqual(try Tensor(zeros: [0]).chunk(3).map { $0.shape }, [[0], [0], [0]])
        XCTAssertEqual(try Tensor(zeros: [0]).chunk(3).first?.gradFn?.name, nil)
        let w = try Tensor(zeros: [0, 2]).setRequiresGrad()
        XCTAssertEqual(try w.chunk(2)[0].gradFn?.name, "SplitWithSizesBackward0")
        XCTAssertEqual(try x.flatten(startDim: 1, endDim: 1) === x, true)
        XCTAssertNil(try Tensor(scalar: 1.0).T.gradFn)
    }
}

/// Checks that `body` throws PyTorch's message (and exception type).
func assertError<T>(_ body: @autoclosure () throws -> T, _ message: String, _ kind: TensorError.Kind = .runtime,
                    file: StaticString = #filePath, line: UInt = #line) {
    do {
        _ = try body()
        XCTFail("expected error: \(message)", file: file, line: line)
    } catch let e as TensorError {
        XCTAssertEqual(e.message, message, file: file, line: line)
        XCTAssertEqual(e.kind, kind, file: file, line: line)
    } catch {
        XCTFail("unexpected error \(error)", file: file, line: line)
    }
}

/// Runs fixture cases of some ops through a Swift call and checks everything the fixture
/// recorded: outputs, contiguity, strides, grad_fn, gradients, errors.
enum FixtureRunner {
    static func run(_ ops: Set<String>, from name: String, file: StaticString = #filePath, line: UInt = #line,
                    _ call: (OpCase, [Tensor]) throws -> [Tensor]) throws {
        let cases = try loadCases(name).filter { ops.contains($0.op) && !ShapeTests.unsupported.contains($0.id) }
        XCTAssertFalse(cases.isEmpty, "no fixture cases for \(ops)", file: file, line: line)
        for c in cases { try check(c, file: file, line: line, call) }
    }

    /// The cases of a fixture file (ops.json or shape.json), parsed once.
    static func loadCases(_ name: String) throws -> [OpCase] {
        if let cached = cache[name] { return cached }
        let cases = (try Fixtures.load(name)["cases"] as? [[String: Any]] ?? []).map(OpCase.init)
        cache[name] = cases
        return cases
    }
    nonisolated(unsafe) static var cache: [String: [OpCase]] = [:]

    static func check(_ c: OpCase, file: StaticString, line: UInt, _ call: (OpCase, [Tensor]) throws -> [Tensor]) throws {
        var inputs = try c.inputs()
        // make_shape_fixtures.py's "noncontiguous" cases pass a transposed tensor as input 0.
        if c.id.contains("noncontiguous"), let first = inputs.first, first.dim == 2 {
            let transposed = try first.t().contiguous().t().detach()
            inputs[0] = first.requiresGrad ? try transposed.setRequiresGrad() : transposed
        }
        let outs: [Tensor]
        do {
            outs = try call(c, inputs)
        } catch let e as TensorError {
            guard let expected = c.error else { return XCTFail("\(c.id): unexpected error \(e)", file: file, line: line) }
            XCTAssertEqual(e.kind.rawValue, expected.type, "\(c.id)", file: file, line: line)
            XCTAssertEqual(e.message, expected.message, "\(c.id)", file: file, line: line)
            return
        }
        if let expected = c.error { return XCTFail("\(c.id): expected \(expected.message)", file: file, line: line) }
        let specs = c.outputs
        XCTAssertEqual(outs.count, specs.count, "\(c.id): number of outputs", file: file, line: line)
        let contiguous = (c.raw["output_contiguous"] as? [Bool]) ?? (c.raw["output_contiguous"] as? Bool).map { [$0] }
        let strides = (c.raw["output_stride"] as? [[Int]]) ?? (c.raw["output_stride"] as? [Int]).map { [$0] }
        for (i, (out, spec)) in zip(outs, specs).enumerated() {
            assertMatches(out, spec, "\(c.id) output \(i)", file: file, line: line)
            if let contiguous, i < contiguous.count {
                XCTAssertEqual(out.isContiguous, contiguous[i], "\(c.id): is_contiguous of output \(i)", file: file, line: line)
            }
            if let strides, i < strides.count {
                XCTAssertEqual(out.strides, strides[i], "\(c.id): strides of output \(i)", file: file, line: line)
            }
        }
        XCTAssertEqual(outs.first?.gradFn?.name, c.gradFn, "\(c.id): grad_fn", file: file, line: line)
        guard let go = c.gradOutput,
              let target = outs.first(where: { $0.dtype.isFloatingPoint && $0.requiresGrad }) else { return }
        try target.backward(gradient: fixtureTensor(go))
        for (i, expected) in c.grads.enumerated() where i < inputs.count {
            assertMatches(inputs[i].isLeaf ? inputs[i].grad : nil, expected, "\(c.id): grad of input \(i)", file: file, line: line)
        }
    }
}

/// The positional arguments of a fixture call (without self for methods), decoded from JSON.
struct CallArgs {
    let values: [Any]
    let kwargs: [String: Any]
    let inputs: [Tensor]
    let selfTensor: Tensor?

    /// `self` for methods, else the first argument.
    func tensor(_ i: Int) -> Tensor {
        if let selfTensor, i == 0 { return selfTensor }
        return resolvedTensor(values.indices.contains(i) ? values[i] : nil) ?? Tensor(zeros: [0])
    }
    func resolvedTensor(_ v: Any?) -> Tensor? {
        guard let d = v as? [String: Any], let k = d["t"] as? Int, inputs.indices.contains(k) else { return nil }
        return inputs[k]
    }
    func int(_ i: Int) -> Int? { values.indices.contains(i) ? jsonInt(values[i]) : nil }
    func ints(_ i: Int) -> [Int] { intList(i) ?? [] }
    func intList(_ i: Int) -> [Int]? {
        guard values.indices.contains(i), let list = values[i] as? [Any] else { return nil }
        return list.compactMap(jsonInt)
    }
    /// Sizes given as varargs (`view(2, 3)`) or one list (`view((2, 3))`).
    func sizes() -> [Int] { values.count == 1 && values[0] is [Any] ? ints(0) : values.compactMap(jsonInt) }
    func tensorList(_ i: Int) -> [Tensor] {
        guard values.indices.contains(i), let list = values[i] as? [Any] else { return [] }
        return list.compactMap(resolvedTensor)
    }
    func kwInt(_ name: String) -> Int? { kwargs[name].flatMap(jsonInt) }
    func kwInts(_ name: String) -> [Int]? { (kwargs[name] as? [Any])?.compactMap(jsonInt) }
}

extension OpCase {
    /// Arguments with `self` split off for method calls.
    func callArgs(_ inputs: [Tensor]) -> CallArgs {
        CallArgs(values: args, kwargs: kwargs, inputs: inputs, selfTensor: isMethod ? inputs.first : nil)
    }
}

/// True for a JSON `true`/`false` (not the numbers 1 and 0).
func jsonIsBool(_ v: Any?) -> Bool {
    guard let n = v as? NSNumber else { return false }
    return String(cString: n.objCType) == "c"
}

/// A JSON integer (not a bool, not a float).
func jsonInt(_ v: Any?) -> Int? {
    guard let n = v as? NSNumber, !jsonIsBool(n), String(cString: n.objCType) != "d", String(cString: n.objCType) != "f" else { return nil }
    return n.intValue
}

/// A JSON number or bool as a Python number; `{"float": "-inf"}` for non-finite floats.
func jsonScalar(_ v: Any?) -> Scalar? {
    if let d = v as? [String: Any], let f = d["float"] { return .double(fixtureDouble(f)) }
    guard let n = v as? NSNumber else { return nil }
    if jsonIsBool(n) { return .bool(n.boolValue) }
    if let i = jsonInt(n) { return .int(Int64(i)) }
    return .double(n.doubleValue)
}
