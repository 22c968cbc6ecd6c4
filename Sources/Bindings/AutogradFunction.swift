import Engine
import Script

/// `torch.autograd.Function`: script subclasses with `@staticmethod forward(ctx, …)` and
/// `backward(ctx, …)`, run through the engine's `FunctionContext.apply`, and
/// `torch.autograd.gradcheck`.
enum AutogradFunction {
    /// The `ctx` object: saved tensors, `needs_input_grad`, and any attributes the script sets.
    final class ContextObject: PyObject {
        var context: FunctionContext?
        init() { super.init(cls: AutogradFunction.contextClass, withAttributes: true) }
    }

    static func contextOf(_ o: PyObject) throws -> FunctionContext {
        guard let c = (o as? ContextObject)?.context else { throw PyError.runtime("ctx is only valid inside forward/backward") }
        return c
    }

    static let contextClass: PyClass = {
        let c = PyClass(name: "FunctionCtx", bases: [Builtin.objectType], module: "torch.autograd.function")
        c.method("save_for_backward", "self, *tensors") { a in
            let ctx = try contextOf(a[0])
            ctx.saveForBackward(try a.rest.map { item -> Tensor? in
                if item is PyNone { return nil }
                guard let t = item as? TensorObject else {
                    throw PyError.type("save_for_backward can only save variables, but argument 0 is of type \(pythonTypeName(item))")
                }
                return t.tensor
            })
            return PyNone.shared
        }
        c.property("saved_tensors") { o in
            PyTuple(try contextOf(o).savedTensors().map { TensorObject.wrapOptional($0) })
        }
        c.property("needs_input_grad") { o in PyTuple(try contextOf(o).needsInputGrad.map { PyBool.make($0) }) }
        c.method("mark_non_differentiable", "self, *args") { a in
            let ctx = try contextOf(a[0])
            for item in a.rest { if let t = item as? TensorObject { ctx.markNonDifferentiable(t.tensor) } }
            return PyNone.shared
        }
        c.method("mark_dirty", "self, *args") { a in
            let ctx = try contextOf(a[0])
            for item in a.rest { if let t = item as? TensorObject { ctx.markDirty(t.tensor) } }
            return PyNone.shared
        }
        c.method("set_materialize_grads", "self, value") { a in
            try contextOf(a[0]).setMaterializeGrads(try Runtime.truthy(a[1]))
            return PyNone.shared
        }
        return c
    }()

    /// The class `torch.autograd.Function`.
    static let functionClass: PyClass = {
        let c = PyClass(name: "Function", bases: [Builtin.objectType], module: "torch.autograd.function")
        let apply = PyNativeFunction(name: "apply", parameters: "") { a in
            guard let cls = a.rest.first as? PyClass else { throw PyError.type("apply() must be called on a Function subclass") }
            return try bridge { try run(cls, Array(a.rest.dropFirst())) }
        }
        c.setAttribute("apply", PyMethodWrapper(apply, classMethod: true))
        let forward = PyNativeFunction(name: "forward", parameters: "") { _ in
            throw PyError.notImplemented("You must implement the forward function for custom autograd.Function.")
        }
        c.setAttribute("forward", PyMethodWrapper(forward, classMethod: false))
        let backward = PyNativeFunction(name: "backward", parameters: "") { _ in
            throw PyError.notImplemented("You must implement either the backward or vjp method for your custom autograd.Function to use it with backward mode AD.")
        }
        c.setAttribute("backward", PyMethodWrapper(backward, classMethod: false))
        return c
    }()

    /// `Cls.apply(*args)`.
    static func run(_ cls: PyClass, _ args: [PyObject]) throws -> PyObject {
        let forwardFn = try Runtime.getAttribute(cls, "forward")
        let backwardFn = try Runtime.getAttribute(cls, "backward")
        let ctxObject = ContextObject()
        var single = false
        let outputs = try FunctionContext.apply(
            name: cls.name, arguments: args.map { ($0 as? TensorObject)?.tensor },
            forward: { ctx in
                ctxObject.context = ctx
                let result = try Runtime.call(forwardFn, [ctxObject] + args)
                if let t = result as? TensorObject { single = true; return [t.tensor] }
                guard let tuple = result as? PyTuple else {
                    throw PyError.type("\(cls.name).forward must return a Tensor or a tuple of Tensors, not \(pythonTypeName(result))")
                }
                return try tuple.items.map { item in
                    guard let t = item as? TensorObject else {
                        throw PyError.notImplemented("\(cls.name).forward returning non-tensor outputs is not supported by wick")
                    }
                    return t.tensor
                }
            },
            backward: { ctx, grads in
                ctxObject.context = ctx
                let result = try Runtime.call(backwardFn, [ctxObject] + grads.map { TensorObject.wrapOptional($0) })
                let items = result is PyTuple ? (result as? PyTuple)?.items ?? [] : [result]
                return try items.map { item in
                    if item is PyNone { return nil }
                    guard let t = item as? TensorObject else {
                        throw PyError.type("expected Tensor or None as gradient, got \(pythonTypeName(item))")
                    }
                    return t.tensor
                }
            })
        return single && outputs.count == 1 ? TensorObject.wrap(outputs[0]) : TensorObject.wrapTuple(outputs)
    }

    /// Installs `Function`, `gradcheck`, `gradgradcheck` in `torch.autograd`.
    static func install(_ m: PyModule) {
        m["Function"] = functionClass
        m.function("gradcheck", "func, inputs, *, eps=, atol=, rtol=, raise_exception=, nondet_tol=, check_undefined_grad=, check_grad_dtypes=, check_batched_grad=, check_batched_forward_grad=, check_forward_ad=, check_backward_ad=, fast_mode=, masked=") { a in
            let site = ArgumentSite("gradcheck", isMethod: false)
            let fn = a[0]
            let inputObjects: [PyObject] = a[1] is TensorObject ? [a[1]] : try Runtime.toArray(a[1])
            let tensorPositions = inputObjects.indices.filter { inputObjects[$0] is TensorObject }
            let tensors = tensorPositions.compactMap { (inputObjects[$0] as? TensorObject)?.tensor }
            let eps = try a.optional(2).map { try Args.double($0, site, "eps", 2) } ?? 1e-6
            let atol = try a.optional(3).map { try Args.double($0, site, "atol", 3) } ?? 1e-5
            let rtol = try a.optional(4).map { try Args.double($0, site, "rtol", 4) } ?? 1e-3
            let raise = try a.optional(5).map { try Runtime.truthy($0) } ?? true
            let nondet = try a.optional(6).map { try Args.double($0, site, "nondet_tol", 6) } ?? 0
            if let fast = a.optional(14), try Runtime.truthy(fast) { throw TorchErrors.unsupported("torch.autograd.gradcheck(fast_mode=True)") }
            let call: ([Tensor]) throws -> [Tensor] = { ts in
                var args = inputObjects
                for (k, p) in tensorPositions.enumerated() where k < ts.count { args[p] = TensorObject.wrap(ts[k]) }
                let r = try Runtime.call(fn, args)
                if let t = r as? TensorObject { return [t.tensor] }
                return try Runtime.toArray(r).compactMap { ($0 as? TensorObject)?.tensor }
            }
            let result = try gradcheck(call, inputs: tensors, eps: eps, atol: atol, rtol: rtol, raiseException: raise, nondetTol: nondet)
            return PyBool.make(result.passed)
        }
        m.function("gradgradcheck", "") { _ in throw TorchErrors.unsupported("torch.autograd.gradgradcheck") }
    }
}
