import Engine
import Script

/// `torch.nn.utils` for scripts: gradient clipping and parameter flattening over `NNUtils`
/// (Engine/NN/Utils.swift). `parameters` may be a tensor or any iterable of tensors (a list,
/// or the generator `model.parameters()` returns).
enum NNUtilsBindings {
    /// Every `torch.nn.utils` function.
    static func definitions() -> [(String, PyObject)] {
        typealias F = FunctionalBindings
        return [
            F.define("clip_grad_norm_", "parameters, max_norm, norm_type=, error_if_nonfinite=, foreach=") { a in
                wrapResult(try NNUtils.clipGradNorm_(try tensors(a, 0, single: true), maxNorm: try a.double(1, 0),
                                                     normType: try normType(a, 2), errorIfNonfinite: try a.bool(3, false)))
            },
            F.define("clip_grad_norm", "parameters, max_norm, norm_type=, error_if_nonfinite=, foreach=") { a in
                Autograd.warn("`torch.nn.utils.clip_grad_norm` is now deprecated in favor of `torch.nn.utils.clip_grad_norm_`.")
                return wrapResult(try NNUtils.clipGradNorm_(try tensors(a, 0, single: true), maxNorm: try a.double(1, 0),
                                                            normType: try normType(a, 2), errorIfNonfinite: try a.bool(3, false)))
            },
            F.define("get_total_norm", "tensors, norm_type=, error_if_nonfinite=, foreach=") { a in
                wrapResult(try NNUtils.totalNorm(try tensors(a, 0, single: true), normType: try normType(a, 1),
                                                 errorIfNonfinite: try a.bool(2, false)))
            },
            F.define("clip_grads_with_norm_", "parameters, max_norm, total_norm, foreach=") { a in
                let grads = try tensors(a, 0, single: true).compactMap { $0.grad }
                let maxNorm = try a.double(1, 0), total = try a.tensor(2)
                guard !grads.isEmpty else { return PyNone.shared }
                try noGrad {
                    let coefficient = try (total + .double(1e-6)).reciprocal().mul(.double(maxNorm)).clamp(max: .double(1))
                    for g in grads { try g.mulInPlace(coefficient) }
                }
                return PyNone.shared
            },
            F.define("clip_grad_value_", "parameters, clip_value, foreach=") { a in
                try NNUtils.clipGradValue_(try tensors(a, 0, single: true), clipValue: try a.double(1, 0))
                return PyNone.shared
            },
            F.define("parameters_to_vector", "parameters") { a in
                wrapResult(try NNUtils.parametersToVector(try tensors(a, 0, single: false)))
            },
            F.define("vector_to_parameters", "vec, parameters") { a in
                guard let vec = a.raw(0) as? TensorObject else {
                    throw PyError.type("expected torch.Tensor, but got: \(pythonTypeName(a.raw(0) ?? PyNone.shared))")
                }
                try NNUtils.vectorToParameters(vec.tensor, try tensors(a, 1, single: false))
                return PyNone.shared
            },
        ]
    }

    /// The tensors of an iterable argument (a single tensor counts as one when `single`).
    static func tensors(_ a: BoundArguments, _ i: Int, single: Bool) throws -> [Tensor] {
        let o = a.raw(i) ?? PyNone.shared
        if single, let t = o as? TensorObject { return [t.tensor] }
        var out: [Tensor] = []
        try Runtime.forEach(o) { item in
            guard let t = item as? TensorObject else {
                throw PyError.type("\(a.site.function)(): expected an iterable of Tensors, but found an element of type \(pythonTypeName(item))")
            }
            out.append(t.tensor)
            return true
        }
        return out
    }

    /// A `norm_type` argument: a float, or `inf`/`'inf'` (PyTorch accepts the string too).
    static func normType(_ a: BoundArguments, _ i: Int) throws -> Double {
        if let s = a.value(i) as? PyStr {
            guard let v = Double(s.value.lowercased() == "inf" ? "inf" : s.value) else {
                throw PyError.value("could not convert string to float: '\(s.value)'")
            }
            return v
        }
        return try a.double(i, 2)
    }
}
