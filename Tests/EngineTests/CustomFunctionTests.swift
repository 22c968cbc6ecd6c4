import Foundation
import XCTest
@testable import Engine

/// `torch.autograd.Function` subclasses as `CustomFunction`s, against the custom_* cases of
/// autograd.json (the Python classes of make_autograd_fixtures.py, written here in Swift).
final class CustomFunctionTests: XCTestCase {
    override func tearDown() {
        probe = []
        super.tearDown()
    }

    func testMyReLU() throws {
        let x = try f32([-1, 2, 0.5]).setRequiresGrad()
        let y = try MyReLU.apply(x)
        try expect("custom_myrelu", "y", y)
        XCTAssertEqual(y.gradFn?.name, try value("custom_myrelu", "name") as? String)
        XCTAssertEqual(y.gradFn?.nextFunctions.map { $0.node?.name ?? "None" }, ["AccumulateGrad"])
        XCTAssertEqual([y.requiresGrad, y.isLeaf], try bools("custom_myrelu", "flags"))
        try (y * y).sum().backward()
        try expect("custom_myrelu", "grad", x.grad)

        let plain = try MyReLU.apply(f32([1, 3]))
        XCTAssertEqual([plain.requiresGrad, plain.gradFn == nil, plain.isLeaf], try bools("custom_no_input_requires_grad", "flags"))
    }

    func testWrongNumberOfGradients() throws {
        let x = try f32([1, 2]).setRequiresGrad()
        let twoIn = try apply("TwoIn", [x, x], { [try $0[0] * $0[1]] }) { g, _ in [g[0]] }
        try expectError("custom_wrong_count") { try twoIn[0].sum().backward() }

        let extraNone = try apply("ExtraNone", [x], { [try $0[0] * 2.0] }) { g, _ in [try g[0].map { try $0 * 2.0 }, nil, nil] }
        try extraNone[0].sum().backward()
        try expect("custom_extra_none_ok", "grad", x.grad)

        let extra = try apply("ExtraGrad", [x], { [try $0[0] * 2.0] }) { g, _ in [try g[0].map { try $0 * 2.0 }, g[0]] }
        try expectError("custom_extra_grad_error") { try extra[0].sum().backward() }

        let badShape = try apply("BadShape", [x], { [try $0[0] * 2.0] }) { _, _ in [try Tensor.ones([3])] }
        try expectError("custom_wrong_shape") { try badShape[0].sum().backward() }
    }

    func testGradientForNonTensorArgument() throws {
        let x = try f32([1, 2]).setRequiresGrad()
        // Scale.apply(x, 2.0): the number is not a tensor; backward returns a gradient for it.
        let out = try FunctionContext.apply(name: "Scale", arguments: [x, nil], forward: { ctx in
            ctx.values["k"] = 2.0
            return [try x * 2.0]
        }, backward: { ctx, g in [try g[0].map { try $0 * .double((ctx.values["k"] as? Double) ?? 0) }, g[0]] })
        XCTAssertEqual(out[0].gradFn?.nextFunctions.count, 1)
        try expectError("custom_non_tensor_grad_error") { try out[0].sum().backward() }
    }

    func testSavedTensorsAreFreedAndVersionChecked() throws {
        let x = try f32([1, 2]).setRequiresGrad()
        let y = try SavesInput.apply(x).sum()
        try y.backward()
        try expectError("custom_saved_backward_twice_error") { try y.backward() }

        let x2 = try f32([1, 2]).setRequiresGrad()
        let y2 = try apply("SavesNothing", [x2], { [try $0[0] * 2.0] }) { g, _ in [try g[0].map { try $0 * 2.0 }] }[0].sum()
        try y2.backward()
        try y2.backward()
        try expect("custom_unsaved_backward_twice_ok", "grad", x2.grad)

        let a = try x * 1.0
        let y3 = try SavesInput.apply(a)
        try a.addInPlace(2.0)
        try expectError("custom_saved_modified_error") { try y3.sum().backward() }

        let y4 = try apply("ExpFn", [x], { ctx, inputs in
            let r = try inputs[0] * 3.0
            ctx.saveForBackward(r)
            return [r]
        }) { g, ctx in
            guard let g = g[0], let r = try ctx.savedTensors()[0] else { return [nil] }
            return [try g * r]
        }
        try y4[0].addInPlace(2.0)
        try expectError("custom_saved_output_modified_error") { try y4[0].sum().backward() }
    }

    func testGradModeAndNeedsInputGrad() throws {
        let x = try f32([1, 2]).setRequiresGrad()
        let y = try f32([3, 4])
        let out = try FunctionContext.apply(name: "Probe", arguments: [x, y, nil], forward: { ctx in
            let result = try x * y * 2.0
            probe.append([GradMode.isEnabled] + ctx.needsInputGrad + [result.requiresGrad])
            return [result]
        }, backward: { ctx, g in
            probe.append([GradMode.isEnabled] + ctx.needsInputGrad)
            return [try g[0].map { try $0 * 1.0 }, try g[0].map { try $0 * 2.0 }, nil]
        })
        try out[0].sum().backward(retainGraph: true)
        Autograd.warningHandler = { _ in }
        defer { Autograd.warningHandler = nil }
        try out[0].sum().backward(createGraph: true)
        let forward = try value("custom_grad_mode_and_needs_input_grad", "forward") as? [Any]
        let expectedForward = [forward?.first as? Bool ?? true] + ((forward?.last as? [Bool]) ?? [])
            + [try bool("custom_grad_mode_and_needs_input_grad", "forward_out_requires_grad") ?? true]
        XCTAssertEqual(probe.first, expectedForward)
        let backward = (try value("custom_grad_mode_and_needs_input_grad", "backward") as? [[Any]] ?? [])
            .map { [$0.first as? Bool ?? false] + ($0.last as? [Bool] ?? []) }
        XCTAssertEqual(Array(probe.dropFirst()), backward)
        try expect("custom_grad_mode_and_needs_input_grad", "grad", x.grad)
    }

    func testReturningAnInputMakesAView() throws {
        let x = try f32([1, 2]).setRequiresGrad()
        let y = try apply("Identity", [x], { [$0[0]] }) { g, _ in [try g[0].map { try $0 * 2.0 }] }[0]
        XCTAssertEqual([y === x, y.isLeaf, y.storage === x.storage], try bools("custom_returns_input", "flags"))
        XCTAssertEqual(y.gradFn?.name, try value("custom_returns_input", "name") as? String)
        try y.sum().backward()
        try expect("custom_returns_input", "grad", x.grad)
    }

    func testNonDifferentiableOutputsAndMaterialization() throws {
        let x = try f32([1, 3]).setRequiresGrad()
        var seen: [Tensor?] = []
        let outs = try FunctionContext.apply(name: "TwoOut", arguments: [x], forward: { ctx in
            let a = try x * 2.0, b = try x * 3.0
            ctx.markNonDifferentiable(b)
            return [a, b, try Tensor([1] as [Int64], shape: [])]
        }, backward: { _, g in
            seen = g
            return [try g[0].map { try $0 * 2.0 }]
        })
        XCTAssertEqual(outs.map(\.requiresGrad), try bools("custom_non_differentiable_outputs", "requires_grad"))
        XCTAssertEqual(outs.map { $0.gradFn == nil }, try bools("custom_non_differentiable_outputs", "grad_fn_none"))
        try outs[0].sum().backward()
        try expect("custom_non_differentiable_outputs", "gb", seen.count > 1 ? seen[1] : nil)
        try expect("custom_non_differentiable_outputs", "gi", seen.count > 2 ? seen[2] : nil)
        try expect("custom_non_differentiable_outputs", "grad", x.grad)

        let x2 = try f32([1, 3]).setRequiresGrad()
        var secondIsNil = false
        let pair = try FunctionContext.apply(name: "NoMaterialize", arguments: [x2], forward: { ctx in
            ctx.setMaterializeGrads(false)
            return [try x2 * 2.0, try x2 * 3.0]
        }, backward: { _, g in
            secondIsNil = g[1] == nil
            return [try g[0].map { try $0 * 2.0 }]
        })
        try pair[0].sum().backward()
        XCTAssertEqual(secondIsNil, try bool("custom_set_materialize_grads_false", "gb_none"))
        try expect("custom_set_materialize_grads_false", "grad", x2.grad)
    }

    func testMarkDirty() throws {
        let x = try f32([1, 2]).setRequiresGrad()
        let increment = { (input: Tensor) throws -> Tensor in
            try FunctionContext.apply(name: "Inc", arguments: [input], forward: { ctx in
                _ = try input.addInPlace(1.0)
                ctx.markDirty(input)
                return [input]
            }, backward: { _, g in [try g[0].map { try $0 * 3.0 }] })[0]
        }
        XCTAssertThrowsError(try increment(x)) { error in
            XCTAssertEqual((error as? TensorError)?.message, "a leaf Variable that requires grad has been used in an in-place operation.")
        }
        let a = try x * 1.0
        let b = try increment(a)
        XCTAssertTrue(a === b)
        XCTAssertEqual(a.versionNumber, 2)
        XCTAssertEqual(a.gradFn?.name, "IncBackward")
        try b.sum().backward()
        XCTAssertEqual(x.grad?.toArray(Float.self), [3, 3])
    }

    // MARK: helpers

    /// A custom function from closures: forward sees the inputs, backward gets the output
    /// gradients and the context.
    private func apply(_ name: String, _ inputs: [Tensor], _ forward: @escaping ([Tensor]) throws -> [Tensor],
                       _ backward: @escaping ([Tensor?], FunctionContext) throws -> [Tensor?]) throws -> [Tensor] {
        try FunctionContext.apply(name: name, arguments: inputs, forward: { _ in try forward(inputs) },
                                  backward: { ctx, g in try backward(g, ctx) })
    }

    private func apply(_ name: String, _ inputs: [Tensor], _ forward: @escaping (FunctionContext, [Tensor]) throws -> [Tensor],
                       _ backward: @escaping ([Tensor?], FunctionContext) throws -> [Tensor?]) throws -> [Tensor] {
        try FunctionContext.apply(name: name, arguments: inputs, forward: { ctx in try forward(ctx, inputs) },
                                  backward: { ctx, g in try backward(g, ctx) })
    }
}

/// What the Probe function saw: grad mode and needs_input_grad, in forward then backward.
nonisolated(unsafe) private var probe: [[Bool]] = []

/// `MyReLU` of PyTorch's tutorial: saves its input, passes gradients where it was positive.
enum MyReLU: CustomFunction {
    static func forward(_ ctx: FunctionContext, _ inputs: [Tensor]) throws -> [Tensor] {
        ctx.saveForBackward(inputs[0])
        return [try Tensor(inputs[0].doubles.map { Swift.max($0, 0) }, shape: inputs[0].shape, dtype: inputs[0].dtype)]
    }

    static func backward(_ ctx: FunctionContext, _ gradOutputs: [Tensor?]) throws -> [Tensor?] {
        guard let g = gradOutputs[0], let x = try ctx.savedTensors()[0] else { return [nil] }
        let mask = try Tensor(x.doubles.map { $0 > 0 ? 1 : 0 }, shape: x.shape, dtype: x.dtype)
        return [try g * mask]
    }
}

/// Saves its input; gradient g·x.
enum SavesInput: CustomFunction {
    static func forward(_ ctx: FunctionContext, _ inputs: [Tensor]) throws -> [Tensor] {
        ctx.saveForBackward(inputs[0])
        return [try inputs[0] * 2.0]
    }

    static func backward(_ ctx: FunctionContext, _ gradOutputs: [Tensor?]) throws -> [Tensor?] {
        guard let g = gradOutputs[0], let x = try ctx.savedTensors()[0] else { return [nil] }
        return [try g * x]
    }
}
