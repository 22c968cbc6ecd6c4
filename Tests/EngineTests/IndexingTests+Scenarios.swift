import Foundation
import XCTest
@testable import Engine

extension IndexingTests {
    /// The scenarios of shape.json (Python snippets in make_shape_fixtures.py), in Swift:
    /// results, the first result's grad_fn (from its repr) and error messages.
    func testShapeScenarios() throws {
        let cases = try FixtureRunner.loadCases("shape.json").filter { $0.raw["code"] != nil }
        var scenarios: [String: () throws -> [Tensor]] = [:]
        let grid = try Tensor((0..<12).map(Float.init), shape: [3, 4])
        func onNonLeaf(_ write: @escaping (Tensor) throws -> Void) -> () throws -> [Tensor] {
            return {
                let a = try Tensor((0..<12).map(Float.init), shape: [3, 4]).setRequiresGrad()
                let y = try a * 1.0
                try write(y)
                try (y * grid).sum().backward()
                return [y, a.grad ?? Tensor(zeros: [0])]
            }
        }
        let l02 = Tensor([Int64(0), 2])
        let paths: [String: (Tensor) throws -> Void] = [
            "slice_scalar_fill": { try $0.indexPut([.all], value: 1.0) },
            "ellipsis_scalar_fill": { try $0.indexPut([.ellipsis], value: 1.0) },
            "full_slices_scalar_fill": { try $0.indexPut([.all, .all], value: 1.0) },
            "int_scalar_copyslices": { try $0.indexPut([1], value: 5.0) },
            "int_int_scalar_copyslices": { try $0.indexPut([1, 2], value: 5.0) },
            "list_scalar_index_fill": { try $0.indexPut([.tensor(l02)], value: 1.0) },
            "slice_list_scalar_index_fill": { try $0.indexPut([.all, .tensor(l02)], value: 1.0) },
            "mask_scalar_masked_fill": { try $0.indexPut([.tensor(Tensor([true, false, true]))], value: -1.0) },
            "slice_mask_scalar_masked_fill": { try $0.indexPut([.all, .tensor(Tensor([true, false, false, true]))], value: -1.0) },
            "int_list_scalar_copyslices": { try $0.indexPut([1, .tensor(l02)], value: 7.0) },
            "two_lists_scalar_index_put": { try $0.indexPut([.tensor(Tensor([Int64(0), 1])), .tensor(Tensor([Int64(2), 3]))], value: 7.0) },
            "int32_index_scalar_index_put": { try $0.indexPut([.tensor(Tensor([Int32(0), 2]))], value: 7.0) },
            "mask_tensor_value_index_put": { try $0.indexPut([.tensor(Tensor([true, false, true]))], value: Tensor(scalar: 2.0, dtype: .float32)) },
            "int_int_tensor_copyslices": { try $0.indexPut([1, 2], value: Tensor(scalar: 5.0, dtype: .float32)) },
            "ellipsis_row_copy": { try $0.indexPut([.ellipsis], value: Tensor([Float(1), 2, 3, 4])) },
            "none_scalar_copyslices": { try $0.indexPut([.newAxis], value: 3.0) },
            "zero_d_bool_tensor_copyslices": { try $0.indexPut([.tensor(Tensor(scalar: true))], value: 3.0) },
            "zero_d_int_tensor_copyslices": { try $0.indexPut([.tensor(Tensor(scalar: 1))], value: 3.0) },
        ]
        for (name, write) in paths { scenarios["__setitem__/" + name] = onNonLeaf(write) }
        scenarios["__setitem__/partial_overlap_error"] = {
            let x = Tensor((0..<6).map(Float.init))
            try x.indexPut([.slice(start: 1)], value: x[.slice(stop: -1)])
            return []
        }
        scenarios["__setitem__/index_put_overlap_error"] = {
            let x = Tensor((0..<6).map(Float.init))
            try x.indexPut([.tensor(Tensor([Int64(1), 2]))], value: x[.slice(start: 0, stop: 2)])
            return []
        }
        scenarios["__setitem__/value_grad_through_column"] = {
            let a = try Tensor((0..<6).map(Float.init), shape: [2, 3]).setRequiresGrad()
            let w = try Tensor([Float(10), 20]).setRequiresGrad()
            let y = try a * 1.0
            try y.indexPut([.all, 1], value: w)
            try (y * y).sum().backward()
            return [y, a.grad ?? Tensor(zeros: [0]), w.grad ?? Tensor(zeros: [0])]
        }
        func column() throws -> (a: Tensor, y: Tensor, v: Tensor) {
            let a = try Tensor((1...6).map(Float.init), shape: [2, 3]).setRequiresGrad()
            let y = try a * 1.0
            let v = try y[.all, 1]
            try v.mulInPlace(3.0)
            return (a, y, v)
        }
        scenarios["view_inplace/view_grad_fn"] = {
            let (a, y, v) = try column()
            try (y.sum() + v.sum()).backward()
            return [v, y, a.grad ?? Tensor(zeros: [0])]
        }
        scenarios["view_inplace/base_grad_fn"] = { [try column().y] }
        scenarios["view_inplace/transposed_base"] = {
            let a = try Tensor((1...6).map(Float.init), shape: [2, 3]).setRequiresGrad()
            let y = try (a * 1.0).t()
            try y[.slice(start: 1)].addInPlace(10.0)
            y.refreshStaleView()
            try (y * Tensor((0..<6).map(Float.init), shape: [3, 2])).sum().backward()
            return [y, a.grad ?? Tensor(zeros: [0])]
        }
        scenarios["view_inplace/stale_view_regenerated"] = {
            let a = try Tensor([Float(1), 2, 3]).setRequiresGrad()
            let x = try a * 1.0
            let v = try x[.slice(start: 0, stop: 2)]
            try x.mulInPlace(2.0)
            v.refreshStaleView()
            try v.sum().backward()
            return [v, a.grad ?? Tensor(zeros: [0])]
        }
        scenarios["view_inplace/stale_view_of_no_grad_base"] = {
            let x = try Tensor.zeros([3])
            let s = try x[.slice(start: 0, stop: 2)]
            let w = try Tensor(scalar: 1.0, dtype: .float32).setRequiresGrad()
            try x.indexPut([0], value: w)
            s.refreshStaleView()
            try (s * Tensor([Float(3), 4])).sum().backward()
            return [s, w.grad ?? Tensor(zeros: [0])]
        }
        scenarios["view_inplace/no_grad_write_through"] = {
            let w = try Tensor.zeros([2, 2]).setRequiresGrad()
            try noGrad {
                try w.indexPut([0], value: 1.0)
                // Python's `w[1, :] += 2.`: get the view, add in place, assign it back.
                let row = try w[1, .all]
                try row.addInPlace(2.0)
                try w.indexPut([1, .all], value: row)
            }
            return [w, Tensor([w.isLeaf, w.version.value == 2])]
        }
        func nonLeaf(_ shape: [Int]) throws -> Tensor { try Tensor.zeros(shape).setRequiresGrad() * 1.0 }
        scenarios["view_inplace/split_output_error"] = { try nonLeaf([2, 2]).split(1)[1].mulInPlace(2.0); return [] }
        scenarios["view_inplace/view_of_unbind_error"] = { try nonLeaf([2, 2]).unbind()[0].indexPut([0], value: 1.0); return [] }
        scenarios["view_inplace/chunk_output_error"] = { try nonLeaf([4]).chunk(2)[0].addInPlace(1.0); return [] }
        scenarios["view_inplace/no_grad_view_error"] = {
            let y = try nonLeaf([2, 2])
            let v = try noGrad { try y[0] }
            try v.indexPut([0], value: 3.0)
            return []
        }
        scenarios["view_inplace/no_grad_view_of_view_error"] = {
            let y = try nonLeaf([2, 2])
            let v = try noGrad { try y[0] }
            try v[.slice(start: 0, stop: 1)].mulInPlace(3.0)
            return []
        }
        scenarios["view_inplace/double_backward"] = {
            let x = try Tensor([Float(1), 2, 3]).setRequiresGrad()
            let y = try x * x
            let t = try x[.slice(start: 1)]
            try y[.slice(start: 1)].addInPlace(t * t * t)
            guard let g = try Autograd.grad(outputs: [y.sum()], inputs: [x], createGraph: true).first ?? nil else { return [] }
            try g.sum().backward()
            return [g, x.grad ?? Tensor(zeros: [0])]
        }
        XCTAssertEqual(Set(cases.map { $0.id }), Set(scenarios.keys))
        for c in cases {
            guard let scenario = scenarios[c.id] else { continue }
            do {
                let result = try scenario()
                if let e = c.error { XCTFail("\(c.id): expected \(e.message)"); continue }
                XCTAssertEqual(result.count, c.outputs.count, c.id)
                for (i, (t, spec)) in zip(result, c.outputs).enumerated() { assertMatches(t, spec, "\(c.id) result \(i)") }
                XCTAssertEqual(result.first?.gradFn?.name, c.repr.flatMap(reprGradFn), "\(c.id): grad_fn")
            } catch let e as TensorError {
                XCTAssertEqual(e.message, c.error?.message, c.id)
                XCTAssertEqual(e.kind.rawValue, c.error?.type, c.id)
            }
        }
    }
}

/// The grad_fn name in a tensor's repr (`grad_fn=<CopySlices>`), or nil.
func reprGradFn(_ repr: String) -> String? {
    guard let start = repr.range(of: "grad_fn=<"), let end = repr[start.upperBound...].firstIndex(of: ">") else { return nil }
    return String(repr[start.upperBound..<end])
}
