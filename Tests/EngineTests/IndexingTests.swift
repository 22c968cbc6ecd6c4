import Foundation
import XCTest
@testable import Engine

/// Indexing reads and writes, gather/scatter and masked ops against the PyTorch fixtures, and
/// autograd through views written in place (CopySlices).
final class IndexingTests: XCTestCase {
    static let ops: Set<String> = ["__getitem__", "__setitem__", "index_select", "gather", "scatter", "scatter_add",
                                   "masked_fill", "masked_fill_"]

    func testOpsFixtures() throws { try FixtureRunner.run(IndexingTests.ops, from: "ops.json", IndexingTests.call) }

    func testShapeFixtures() throws { try FixtureRunner.run(IndexingTests.ops, from: "shape.json", IndexingTests.call) }

    /// Calls the Swift op that a fixture case calls in Python.
    static func call(_ c: OpCase, _ x: [Tensor]) throws -> [Tensor] {
        let a = c.callArgs(x)
        let o = c.isMethod ? 0 : 1
        func arg(_ i: Int) -> Any? { c.args.indices.contains(i) ? c.args[i] : nil }
        switch c.op {
        case "__getitem__":
            return [try x[0].index(indexItems(c.args.first, x))]
        case "__setitem__":
            let items = indexItems(c.args.first, x)
            // make_fixtures.py's `ar()` inputs are views (`arange(n).reshape(shape)`); it shows
            // when a value that requires grad is written into one.
            let target = c.id == "__setitem__/f32_f64_value" ? try x[0].detach().view(x[0].shape) : x[0]
            if let v = a.resolvedTensor(arg(1)) {
                try target.indexPut(items, value: v)
            } else {
                try target.indexPut(items, value: jsonScalar(arg(1)) ?? 0)
            }
            // PyTorch regenerates a stale view's grad_fn when it is read.
            target.refreshStaleView()
            return [target]
        case "index_select":
            return [try a.tensor(0).indexSelect(dim: a.int(o) ?? 0, index: a.resolvedTensor(arg(o + 1)) ?? x[1])]
        case "gather":
            let index = a.resolvedTensor(arg(o + 1)) ?? a.resolvedTensor(c.kwargs["index"]) ?? x[1]
            return [try a.tensor(0).gather(dim: a.int(o) ?? a.kwInt("dim") ?? 0, index: index)]
        case "scatter", "scatter_add":
            let t = a.tensor(0), d = a.int(o) ?? 0, index = a.resolvedTensor(arg(o + 1)) ?? x[1]
            if c.op == "scatter_add" { return [try t.scatterAdd(dim: d, index: index, src: a.resolvedTensor(arg(o + 2)) ?? x[2])] }
            if let src = a.resolvedTensor(arg(o + 2)) { return [try t.scatter(dim: d, index: index, src: src)] }
            return [try t.scatter(dim: d, index: index, value: jsonScalar(arg(o + 2)) ?? 0)]
        default:
            let mask = a.resolvedTensor(arg(o)) ?? x[1]
            let t = a.tensor(0)
            if c.op == "masked_fill_" {
                if let v = a.resolvedTensor(arg(o + 1)) { return [try t.maskedFillInPlace(mask, value: v)] }
                return [try t.maskedFillInPlace(mask, value: jsonScalar(arg(o + 1)) ?? 0)]
            }
            if let v = a.resolvedTensor(arg(o + 1)) { return [try t.maskedFill(mask, value: v)] }
            return [try t.maskedFill(mask, value: jsonScalar(arg(o + 1)) ?? 0)]
        }
    }

    /// The `__setitem__/*` and autograd scenarios of ops.json, written out in Swift.
    func testSetItemScenarios() throws {
        let cases = Dictionary(try FixtureRunner.loadCases("ops.json").map { ($0.op, $0) }, uniquingKeysWith: { a, _ in a })
        func expect(_ id: String, _ tensors: [Tensor], line: UInt = #line) {
            guard let c = cases[id] else { return XCTFail("missing fixture \(id)", line: line) }
            XCTAssertEqual(c.outputs.count, tensors.count, id, line: line)
            for (t, spec) in zip(tensors, c.outputs) { assertMatches(t, spec, id, line: line) }
        }
        do {
            let x = try Tensor([Float(1), 2, 3, 4]).setRequiresGrad()
            let y = try x * 2.0
            try y.indexPut([.slice(start: 1, stop: 3)], value: 0)
            try y.backward(gradient: Tensor([Float(1), 1, 1, 1]))
            expect("__setitem__/nonleaf_grad", [y, x.grad ?? Tensor(zeros: [0])])
        }
        do {
            let x = try Tensor([Float(1), 2, 3]).setRequiresGrad()
            let v = try Tensor(scalar: 5.0, dtype: .float32).setRequiresGrad()
            let y = x.clone()
            try y.indexPut([0], value: v * 2.0)
            try (y * Tensor([Float(1), 2, 3])).sum().backward()
            expect("__setitem__/nonleaf_grad_value_too",
                   [y, x.grad ?? Tensor(zeros: [0]), v.grad ?? Tensor(zeros: [0]), Tensor([y.gradFn?.name == "CopySlices"])])
        }
        do {
            let x = try Tensor.zeros([2, 3])
            let v = try x[.all, 1]
            try v.indexPut([0], value: 5.0)
            try v.addInPlace(1.0)
            expect("__setitem__/view_write_visible_in_base", [x, v])
        }
        do {
            let x = try Tensor.zeros([3])
            let v0 = x.version.value
            try x.addInPlace(1.0)
            try x.mulInPlace(2.0)
            try x.indexPut([0], value: 5.0)
            expect("autograd/version_counter_values", [Tensor([Int64(v0), Int64(x.version.value)])])
        }
        let leaf = try Tensor([Float(1), 2, 3]).setRequiresGrad()
        XCTAssertThrowsError(try leaf[.slice(start: 0, stop: 2)].mulInPlace(2.0)) { e in
            XCTAssertEqual((e as? TensorError)?.message, cases["autograd/inplace_on_view_of_leaf_error"]?.error?.message)
        }
    }

    /// The brief's examples: a write through a view sends gradient around the written part
    /// and into the value.
    func testCopySlicesGradients() throws {
        let x = try Tensor([Double(1), 2, 3, 4]).setRequiresGrad()
        let y = try x * 1.0
        try y.indexPut([0], value: 0)
        XCTAssertEqual(y.gradFn?.name, "CopySlices")
        XCTAssertEqual(y.gradFn?.nextFunctions.map { $0.node?.name }, ["MulBackward0"])
        try y.sum().backward()
        XCTAssertEqual(x.grad?.doubles, [0, 1, 1, 1])

        let a = try Tensor((0..<6).map(Double.init), shape: [2, 3]).setRequiresGrad()
        let w = try Tensor([Double(10), 20]).setRequiresGrad()
        let b = try a * 1.0
        try b.indexPut([.all, 1], value: w)
        XCTAssertEqual(b.gradFn?.nextFunctions.map { $0.node?.name }, ["MulBackward0", "AccumulateGrad"])
        try (b * b).sum().backward()
        XCTAssertEqual(w.grad?.doubles, [20, 40])
        XCTAssertEqual(a.grad?.doubles, [0, 0, 4, 6, 0, 10])

        // An in-place op on a view: the view's grad_fn is AsStridedBackward0 over CopySlices.
        let p = try Tensor((1...6).map(Double.init), shape: [2, 3]).setRequiresGrad()
        let q = try p * 1.0
        let column = try q[.all, 1]
        try column.mulInPlace(3.0)
        XCTAssertEqual(column.gradFn?.name, "AsStridedBackward0")
        XCTAssertEqual(column.gradFn?.nextFunctions.first?.node?.name, "CopySlices")
        XCTAssertEqual(q.gradFn?.name, "CopySlices")
        XCTAssertEqual(q.doubles, [1, 6, 3, 4, 15, 6])
        try (q.sum() + column.sum()).backward()
        XCTAssertEqual(p.grad?.doubles, [1, 6, 1, 1, 6, 1])
    }

    /// CopySlices on a base laid out transposed (dense but not row-major) and through a view
    /// of a view.
    func testCopySlicesOnPermutedBase() throws {
        let r = try Tensor((0..<6).map(Double.init), shape: [3, 2]).t().contiguous().t().detach().setRequiresGrad()
        let base = r.clone()
        XCTAssertFalse(base.isContiguous)
        XCTAssertNil(base.base)
        let w = try Tensor([Double(7), 8]).setRequiresGrad()
        try base.indexPut([1], value: w)
        XCTAssertEqual(base.gradFn?.name, "CopySlices")
        XCTAssertEqual(base.doubles, [0, 1, 7, 8, 4, 5])
        let c = try Tensor((1...6).map(Double.init), shape: [3, 2])
        try (base * c).sum().backward()
        XCTAssertEqual(w.grad?.doubles, [3, 4])
        XCTAssertEqual(r.grad?.doubles, [1, 2, 0, 0, 5, 6])

        let a = try Tensor((0..<12).map(Double.init), shape: [3, 4]).setRequiresGrad()
        let z = try a * 1.0
        let inner = try z[1][.slice(start: 1, stop: 3)]
        try inner.mulInPlace(10.0)
        XCTAssertEqual(z.doubles, [0, 1, 2, 3, 4, 50, 60, 7, 8, 9, 10, 11])
        try z.sum().backward()
        XCTAssertEqual(a.grad?.doubles, [1, 1, 1, 1, 1, 10, 10, 1, 1, 1, 1, 1])
    }

    /// Writes under no_grad go through to the base; outputs of split may not be written with
    /// grad mode on; views made under no_grad of a tensor that requires grad neither.
    func testViewWriteRules() throws {
        let w = try Tensor([Float](repeating: 0, count: 4), shape: [2, 2]).setRequiresGrad()
        try noGrad {
            try w.indexPut([0], value: 1)
            try w[1, .all].addInPlace(2.0)
        }
        XCTAssertEqual(w.toArray(Float.self), [1, 1, 2, 2])
        XCTAssertTrue(w.isLeaf)
        XCTAssertEqual(w.version.value, 2)

        let y = try w * 1.0
        let parts = try y.split(1)
        assertError(try parts[1].mulInPlace(2.0), "Output 1 of Split is a view and is being modified inplace. This view is the output of a function that returns multiple views. Such functions do not allow the output views to be modified inplace. You should replace the inplace operation by an out-of-place one.")
        assertError(try y.unbind()[0].indexPut([0], value: 1), "Output 0 of Select is a view and is being modified inplace. This view is the output of a function that returns multiple views. Such functions do not allow the output views to be modified inplace. You should replace the inplace operation by an out-of-place one.")
        try noGrad { _ = try parts[0].mulInPlace(2.0) }
        let v = try noGrad { try y[0] }
        assertError(try v.mulInPlace(2.0), "A view was created in no_grad mode and is being modified inplace with grad mode enabled. Given that this use case is ambiguous and error-prone, it is forbidden. You can clarify your code by moving both the view and the inplace either both inside the no_grad block (if you don't want the inplace to be tracked) or both outside (if you want the inplace to be tracked).")
    }

    /// A view made before its base was changed in place gets AsStridedBackward0 over the base's
    /// new grad_fn (PyTorch regenerates it lazily).
    func testStaleViewIsRegenerated() throws {
        let a = try Tensor([Double(1), 2, 3]).setRequiresGrad()
        let x = try a * 1.0
        let v = try x[.slice(start: 0, stop: 2)]
        try x.mulInPlace(2.0)
        v.refreshStaleView()
        XCTAssertEqual(v.gradFn?.name, "AsStridedBackward0")
        XCTAssertEqual(v.gradFn?.nextFunctions.first?.node?.name, "MulBackward0")
        try v.sum().backward()
        XCTAssertEqual(a.grad?.doubles, [2, 2, 0])
    }

    func testAdvancedIndexingByHand() throws {
        let x = try Tensor((0..<24).map(Double.init), shape: [2, 3, 4])
        let m = try Tensor([true, false, true, false, true, true], shape: [2, 3])
        XCTAssertEqual(try x[.tensor(m), 0].doubles, [0, 8, 16, 20])
        XCTAssertEqual(try x[1, .tensor(Tensor([Int64(0), 2])), .tensor(Tensor([Int64(1), 3]))].doubles, [13, 23])
        XCTAssertEqual(try x[.tensor(Tensor([Int64(1), 0])), .slice(start: 1, stop: 3), .tensor(Tensor([Int64(1), 3]))].shape, [2, 2])
        XCTAssertEqual(try x[.all, .tensor(Tensor([Int64(0), 1])), .newAxis, .tensor(Tensor([Int64(2), 3]))].shape, [2, 2, 1])
        XCTAssertEqual(try x[.tensor(Tensor([Int64(0), 1])), .newAxis, .tensor(Tensor([Int64(0), 1]))].shape, [2, 1, 4])
        XCTAssertEqual(try x[false, .ellipsis, 0].shape, [0, 2, 3])
        XCTAssertEqual(try x[.all, .all].gradFn?.name, nil)
        XCTAssertEqual(try Tensor(zeros: [])[.newAxis, .newAxis].shape, [1, 1])
        assertError(try x[.slice(step: 0)], "slice step cannot be zero", .value)
        assertError(try x[.ellipsis, .ellipsis, .ellipsis, .tensor(Tensor([Int64(0)]))], "too many indices for tensor of dimension 3", .index)
        assertError(try x.indexPut([.ellipsis, .ellipsis, .ellipsis, .tensor(Tensor([Int64(0)]))], value: 1),
                    "too many indices for tensor of dimension 3", .index)
        assertError(try x[.ellipsis, .ellipsis, 0], "too many indices for tensor of dimension 3", .index)
        assertError(try Tensor(zeros: [])[.all], "slice() cannot be applied to a 0-dim tensor.", .index)
        assertError(try Tensor(zeros: [3])[.newAxis, 5], "index 5 is out of bounds for dimension 1 with size 3", .index)
        assertError(try Tensor(zeros: [3, 4])[.all, .tensor(Tensor([Int64(-5)]))], "index -5 is out of bounds for dimension 0 with size 4", .index)
        assertError(try Tensor(zeros: [3, 4])[.tensor(Tensor([true, true, false]) ), .tensor(Tensor([true, false, true]))],
                    "The shape of the mask [3] at index 0 does not match the shape of the indexed tensor [3, 4] at index 1", .index)
        let grad = try Tensor((0..<6).map(Double.init), shape: [2, 3]).setRequiresGrad()
        try grad[.tensor(Tensor([Int64(1), 1, 0])), .tensor(Tensor([Int64(2), 2, -3]))].sum().backward()
        XCTAssertEqual(grad.grad?.doubles, [1, 0, 0, 0, 0, 2])
        // Gradients and values that are views with a storage offset.
        let picked = try grad[.tensor(Tensor([Int64(1), 0]))]
        try (Tensor.cat([grad[0], picked.flatten()]) * Tensor((1...9).map(Double.init))).sum().backward()
        XCTAssertEqual(grad.grad?.doubles, [9, 10, 12, 4, 5, 8])
        let target = try Tensor.zeros([3, 2], dtype: .float64)
        let source = try Tensor((0..<6).map(Double.init), shape: [3, 2])
        try target.indexPut([.tensor(Tensor([Int64(2), 0]))], value: source[.slice(start: 1)])
        XCTAssertEqual(target.doubles, [4, 5, 0, 0, 2, 3])
    }

    func testWritesByHand() throws {
        let x = try Tensor.zeros([3, 4])
        try x.indexPut([.tensor(Tensor([Int64(0), 2])), .all], value: 1)
        XCTAssertEqual(x.doubles, [1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1])
        try x.indexPut([.all, .tensor(Tensor([true, false, false, true]))], value: 7)
        XCTAssertEqual(x.doubles, [7, 1, 1, 7, 7, 0, 0, 7, 7, 1, 1, 7])
        try x.indexPut([.ellipsis], value: Tensor([Float(1), 2, 3, 4]))
        XCTAssertEqual(x.doubles, [1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4])
        try x.indexPut([false], value: 9)
        XCTAssertEqual(x.version.value, 3)
        try x.indexPut([true], value: Tensor([Float(5), 6, 7, 8]))
        XCTAssertEqual(x.doubles, [5, 6, 7, 8, 5, 6, 7, 8, 5, 6, 7, 8])
        let i = Tensor([Int64(1), 2, 3])
        try i.indexPut([0], value: 2.7)
        XCTAssertEqual(i.toArray(Int64.self), [2, 2, 3])
        assertError(try i.indexPut([0], value: .double(.nan)), "value cannot be converted to type int64_t without overflow")
        let s = Tensor((0..<6).map(Float.init))
        assertError(try s.indexPut([.slice(start: 1)], value: s[.slice(stop: -1)]),
                    "unsupported operation: some elements of the input tensor and the written-to tensor refer to a single memory location. Please clone() the tensor before performing the operation.")
        assertError(try s.indexPut([.tensor(Tensor([Int64(0)]))], value: Tensor([Double(1)])),
                    "Index put requires the source and destination dtypes match, got Float for the destination and Double for the source.")
        let y = try Tensor([Float](repeating: 0, count: 6), shape: [2, 3])
        let idx = Tensor([Int64(0), 0, 1])
        try y.indexPutInPlace(indices: [nil, idx], values: Tensor([Float(1), 2, 3]), accumulate: true)
        XCTAssertEqual(y.toArray(Float.self), [3, 3, 0, 3, 3, 0])
    }

    func testScatterAndGatherByHand() throws {
        let x = try Tensor([Double](repeating: 0, count: 6), shape: [2, 3]).setRequiresGrad()
        let src = try Tensor([Double(1), 2, 3, 4, 5, 6], shape: [2, 3]).setRequiresGrad()
        let index = try Tensor([Int64(0), 1, 0, 1, 0, 1], shape: [2, 3])
        let added = try x.scatterAdd(dim: 0, index: index, src: src)
        XCTAssertEqual(added.doubles, [1, 5, 3, 4, 2, 6])
        XCTAssertEqual(added.gradFn?.name, "ScatterAddBackward0")
        let scattered = try x.scatter(dim: 1, index: Tensor([Int64(2), 0], shape: [2, 1]), value: 9)
        XCTAssertEqual(scattered.doubles, [0, 0, 9, 9, 0, 0])
        XCTAssertEqual(scattered.gradFn?.name, "ScatterBackward1")
        try (added * Tensor([Double(1), 2, 3, 4, 5, 6], shape: [2, 3])).sum().backward()
        XCTAssertEqual(src.grad?.doubles, [1, 5, 3, 4, 2, 6])
        assertError(try x.scatter(dim: 0, index: Tensor([Int64(5)], shape: [1, 1]), value: 1), "index 5 is out of bounds for dimension 0 with size 2")
        assertError(try x.scatter(dim: 0, index: Tensor([Int64(0), 0, 0, 0], shape: [1, 4]), src: src),
                    "Expected index [1, 4] to be no larger than self [2, 3] apart from dimension 0 and to be no larger size than src [2, 3]")
        assertError(try x.gather(dim: 1, index: Tensor([Int64(0), 1, 1], shape: [3, 1])),
                    "Size does not match at dimension 0 expected index [3, 1] to be no larger than self [2, 3] apart from dimension 1")
        assertError(try x.gather(dim: 1, index: Tensor([Int64(-1)], shape: [1, 1])), "index -1 is out of bounds for dimension 1 with size 3")
        XCTAssertEqual(try x.gather(dim: 1, index: Tensor(zeros: [0], dtype: .int64)).shape, [0])
        XCTAssertEqual(try Tensor(scalar: 5.0).indexSelect(dim: 0, index: Tensor([Int64(0)])).shape, [])
        assertError(try Tensor(scalar: 5.0).indexSelect(dim: 0, index: Tensor([Int64(0), 0])),
                    "index_select(): Index to scalar can have only 1 value, got 2 value(s)")
    }

    /// Gradients through CopySlices are differentiable again (create_graph).
    func testCopySlicesDoubleBackward() throws {
        let x = try Tensor([Double(1), 2, 3]).setRequiresGrad()
        let y = try x * x
        let tail = try x[.slice(start: 1)]
        try y[.slice(start: 1)].addInPlace(tail * tail * tail)
        guard let g = try Autograd.grad(outputs: [y.sum()], inputs: [x], createGraph: true).first, let g1 = g else {
            return XCTFail("no gradient")
        }
        XCTAssertEqual(g1.doubles, [2, 16, 33])
        try g1.sum().backward()
        XCTAssertEqual(x.grad?.doubles, [2, 14, 20])
    }
}

/// A Python index expression from a fixture: ints, bools, slices, None, Ellipsis, tensors,
/// lists (which become int64 or bool tensors) and tuples of these.
func indexItems(_ v: Any?, _ inputs: [Tensor]) -> [TensorIndex] {
    if let d = v as? [String: Any], let items = d["tuple"] as? [Any] {
        return items.map { indexItem($0, inputs) }
    }
    return [indexItem(v, inputs)]
}

func indexItem(_ v: Any?, _ inputs: [Tensor]) -> TensorIndex {
    if let d = v as? [String: Any] {
        if let k = d["t"] as? Int, inputs.indices.contains(k) { return .tensor(inputs[k]) }
        if let s = d["slice"] as? [Any] {
            return .slice(start: s.count > 0 ? jsonInt(s[0]) : nil, stop: s.count > 1 ? jsonInt(s[1]) : nil,
                          step: s.count > 2 ? jsonInt(s[2]) : nil)
        }
        if d["none"] != nil { return .newAxis }
        return .ellipsis
    }
    if let list = v as? [Any] {
        if list.allSatisfy(jsonIsBool) { return .tensor(Tensor(list.map { ($0 as? Bool) ?? false })) }
        return .tensor(Tensor(list.map { Int64(jsonInt($0) ?? 0) }))
    }
    if jsonIsBool(v) { return .bool((v as? Bool) ?? false) }
    return .int(jsonInt(v) ?? 0)
}
