import Bindings
import Engine
import Foundation
import Script

/// `%who` (the namespace as a table) and `%gradcheck` (a readable gradient check).
extension Magics {
    /// `%who`: one row per variable: name, type, and shape/dtype for tensors, parameter counts
    /// for modules, the value for the rest (as IPython's `%whos`).
    func who() {
        let rows: [(String, String, String)] = session.perform { [session] in
            session.globals.map { name, value in (name, Magics.typeDescription(value), Magics.info(value)) }
        }
        guard !rows.isEmpty else {
            REPLOutput.out("Interactive namespace is empty.\n")
            return
        }
        let nameWidth = max(8, rows.map { $0.0.count }.max() ?? 0) + 3
        let typeWidth = max(4, rows.map { $0.1.count }.max() ?? 0) + 3
        func pad(_ s: String, _ n: Int) -> String { s.padding(toLength: max(n, s.count), withPad: " ", startingAt: 0) }
        var text = pad("Variable", nameWidth) + pad("Type", typeWidth) + "Data/Info\n"
        text += String(repeating: "-", count: nameWidth + typeWidth + 9) + "\n"
        for (name, type, info) in rows { text += pad(name, nameWidth) + pad(type, typeWidth) + info + "\n" }
        REPLOutput.out(text)
    }

    /// The type column: the class name (`Tensor`, `Linear`, `function`).
    static func typeDescription(_ value: PyObject) -> String {
        ScriptSession.typeName(value)
    }

    /// The Data/Info column.
    static func info(_ value: PyObject) -> String {
        if let t = value as? TensorObject {
            let tensor = t.tensor
            var text = "shape (" + tensor.shape.map(String.init).joined(separator: ", ") + (tensor.shape.count == 1 ? ",)" : ")")
            text += ", " + tensor.dtype.description
            if tensor.requiresGrad { text += ", requires_grad" }
            if tensor.shape.isEmpty, let item = try? tensor.item() { text = "\(item), " + text }
            return text
        }
        if let m = value as? ModuleObject {
            let parameters = m.module.parameters()
            let count = parameters.reduce(0) { $0 + $1.numel }
            let trainable = parameters.filter { $0.requiresGrad }.reduce(0) { $0 + $1.numel }
            var text = "\(grouped(count)) parameter\(count == 1 ? "" : "s") in \(parameters.count) tensor\(parameters.count == 1 ? "" : "s")"
            if trainable != count { text += " (\(grouped(trainable)) trainable)" }
            return text
        }
        if let module = value as? PyModule { return "<module '\(module.name)'>" }
        var text = ScriptSession.repr(value) ?? "<\(ScriptSession.typeName(value)) object>"
        text = text.replacingOccurrences(of: "\n", with: " ")
        return text.count > 60 ? String(text.prefix(57)) + "..." : text
    }

    /// `%gradcheck FN, INPUTS`: `torch.autograd.gradcheck(FN, INPUTS)` with one row per input that
    /// requires grad (largest absolute and relative difference between the backward pass and
    /// central differences), then the verdict.
    func gradcheck(_ argument: String) {
        guard !argument.isEmpty else { usage("%gradcheck"); return }
        SignalFlag.clear()
        defer { SignalFlag.clear() }
        do {
            let report = try session.performThrowing { [session] () throws -> String in
                let value = try session.evaluate(argument)
                guard let items = (value as? PyTuple)?.items, items.count >= 2 else {
                    throw MagicError("%gradcheck needs a function and its inputs: %gradcheck FN, INPUTS")
                }
                let fn = items[0]
                var inputs = Array(items.dropFirst())
                if inputs.count == 1, !(inputs[0] is TensorObject) { inputs = try Runtime.toArray(inputs[0]) }
                return try Magics.gradcheckReport(fn, inputs, label: argument)
            }
            REPLOutput.out(report)
        } catch let e as MagicError {
            REPLOutput.err("UsageError: \(e.message)\n")
        } catch {
            REPLOutput.err(session.describe(error))
        }
    }

    /// Runs the engine's gradcheck on `fn(*inputs)` and words the result per input.
    static func gradcheckReport(_ fn: PyObject, _ inputs: [PyObject], label: String) throws -> String {
        let positions = inputs.indices.filter { inputs[$0] is TensorObject }
        let tensors = positions.compactMap { (inputs[$0] as? TensorObject)?.tensor }
        let call: ([Tensor]) throws -> [Tensor] = { ts in
            var args = inputs
            for (k, p) in positions.enumerated() where k < ts.count { args[p] = TensorObject.wrap(ts[k]) }
            let r = try Runtime.call(fn, args)
            if let t = r as? TensorObject { return [t.tensor] }
            return try Runtime.toArray(r).compactMap { ($0 as? TensorObject)?.tensor }
        }
        let result: GradcheckResult
        do {
            result = try Engine.gradcheck(call, inputs: tensors, raiseException: false)
        } catch let e as TensorError {
            throw TorchErrors.python(e)
        } catch let e as GradcheckError {
            throw PyError.runtime(e.message)
        }
        var text = "gradcheck \(label)\n"
        var differentiable = 0
        for (k, p) in positions.enumerated() where tensors[k].requiresGrad {
            let tensor = tensors[k]
            var maxAbs = 0.0, maxRel = 0.0, close = true
            for output in result.numerical.indices where output < result.analytical.count {
                guard differentiable < result.numerical[output].count, differentiable < result.analytical[output].count else { continue }
                let n = result.numerical[output][differentiable].doubles, a = result.analytical[output][differentiable].doubles
                for (x, y) in zip(n, a) {
                    let diff = abs(x - y)
                    maxAbs = max(maxAbs, diff)
                    if x != 0 { maxRel = max(maxRel, diff / abs(x)) }
                    if !(diff <= 1e-5 + 1e-3 * abs(x)) { close = false }
                }
            }
            differentiable += 1
            let shape = "(" + tensor.shape.map(String.init).joined(separator: ", ") + (tensor.shape.count == 1 ? ",)" : ")")
            text += "  input \(p): shape \(shape) \(tensor.dtype.description)  max abs error \(String(format: "%.2e", maxAbs))"
            text += "  max rel error \(String(format: "%.2e", maxRel))  \(close ? "ok" : "MISMATCH")\n"
            if tensor.dtype != .float64 { text += "    (float32 input: use dtype=torch.float64, eps=1e-6 is below float32 resolution)\n" }
        }
        if differentiable == 0 { text += "  no input requires grad: nothing to check (pass tensors made with requires_grad=True)\n" }
        for w in result.warnings { text += "  warning: \(w)\n" }
        if result.passed {
            text += "passed: the backward pass matches finite differences (atol 1e-05, rtol 0.001)\n"
        } else {
            text += "FAILED: " + (result.failure?.split(separator: "\n").first.map(String.init) ?? "gradients differ") + "\n"
        }
        return text
    }
}

/// A magic used the wrong way (printed as `UsageError: …`).
struct MagicError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
