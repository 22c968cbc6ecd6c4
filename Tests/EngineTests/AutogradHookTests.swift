import XCTest
@testable import Engine

/// retain_grad and hooks (tensor hooks, grad_fn pre- and post-hooks) against PyTorch 2.15:
/// the hook_* and retain_grad_* cases of autograd.json.
final class AutogradHookTests: XCTestCase {
    func testRetainGradOnNonLeaf() throws {
        let x = try f32([1, 2]).setRequiresGrad()
        let y = try x * 2.0
        try y.retainGrad()
        try x.retainGrad()
        let z = try y * y
        XCTAssertEqual([x.retainsGrad, y.retainsGrad, z.retainsGrad], try bools("retain_grad_nonleaf", "retains"))
        try z.sum().backward()
        try expect("retain_grad_nonleaf", "y_grad", y.grad)
        try expect("retain_grad_nonleaf", "x_grad", x.grad)
        XCTAssertNil(z.grad)
        try expectError("retain_grad_no_requires_grad_error") { try f32([1, 2]).retainGrad() }
    }

    func testLeafHookModifiesGradientAndCanBeRemoved() throws {
        let x = try f32([1, 2]).setRequiresGrad()
        let id = try x.registerHook { g in try g * 10.0 }
        try (x * 3.0).sum().backward()
        try expect("hook_leaf_modifies_and_removal", "hooked", x.grad?.clone())
        x.removeHook(id)
        x.grad = nil
        try (x * 3.0).sum().backward()
        try expect("hook_leaf_modifies_and_removal", "removed", x.grad)
    }

    func testNonLeafHookModifiesGradient() throws {
        let x = try f32([1, 2]).setRequiresGrad()
        let y = try x * 2.0
        try y.registerHook { g in try g + 1.0 }
        try y.retainGrad()
        try (y * y).sum().backward()
        try expect("hook_nonleaf_modifies", "y_grad", y.grad)
        try expect("hook_nonleaf_modifies", "x_grad", x.grad)
        try expectError("hook_no_requires_grad_error") { try f32([1, 2]).registerHook { $0 } }
    }

    func testHookExecutionOrder() throws {
        var order: [String] = []
        let x = try f32([1, 2]).setRequiresGrad()
        let w = try f32([3, 4]).setRequiresGrad()
        try x.registerHook { _ in order.append("x"); return nil }
        try w.registerHook { _ in order.append("w"); return nil }
        let y = try x * w
        try y.registerHook { _ in order.append("y1"); return nil }
        try y.registerHook { _ in order.append("y2"); return nil }
        let z = try y.sum()
        try z.registerHook { _ in order.append("z"); return nil }
        y.gradFn?.registerPrehook { _ in order.append("y.grad_fn pre"); return nil }
        y.gradFn?.registerHook { _, _ in order.append("y.grad_fn post"); return nil }
        z.gradFn?.registerHook { _, _ in order.append("z.grad_fn post"); return nil }
        try z.backward()
        XCTAssertEqual(order, try strings("hook_execution_order", "order"))

        order = []
        let leaves = try ["a", "b", "c"].enumerated().map { i, name -> Tensor in
            let t = try f32([Double(i + 1)]).setRequiresGrad()
            try t.registerHook { _ in order.append(name); return nil }
            return t
        }
        try (leaves[0] * leaves[1] * leaves[2]).sum().backward()
        order.append("|")
        try (leaves[0] + leaves[1] + leaves[2]).sum().backward()
        let expected = try strings("hook_order_three_leaves", "order")
        XCTAssertEqual(order, Array(expected.prefix(order.count)))
    }

    func testHooksOnAutogradGradAndShapeChecks() throws {
        let x = try f32([1, 2]).setRequiresGrad()
        try x.registerHook { g in try g * 2.0 }
        let g = try Autograd.grad(outputs: [try (x * 3.0).sum()], inputs: [x])
        try expect("hook_on_autograd_grad_leaf", "grad", g[0])
        XCTAssertNil(x.grad)

        let y = try f32([1, 2]).setRequiresGrad() * 2.0
        try y.registerHook(name: "<lambda>") { g in try g.sum() }
        try expectError("hook_changes_shape_error") { try y.sum().backward() }
        let y2 = try f32([1, 2]).setRequiresGrad() * 2.0
        try y2.registerHook(name: "to_double") { g in try g.to(.float64) }
        try expectError("hook_changes_dtype_error") { try y2.sum().backward() }
    }

    func testPostHookReplacesInputGradients() throws {
        let x = try f32([1, 2]).setRequiresGrad()
        let y = try x * 3.0
        y.gradFn?.registerHook { gi, _ in [try gi[0].map { try $0 * 0.0 + 7.0 }, gi[1]] }
        try y.sum().backward()
        try expect("post_hook_replaces_grad_inputs", "grad", x.grad)
    }
}
