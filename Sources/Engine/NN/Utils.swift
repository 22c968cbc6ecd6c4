/// `torch.nn.utils`: gradient clipping and flattening parameters into one vector.
public enum NNUtils {
    /// `clip_grad_norm_(parameters, max_norm, norm_type=2.0, error_if_nonfinite=False)`: scales
    /// every gradient by min(1, max_norm / (total_norm + 1e-6)) and returns the total norm —
    /// the `norm_type`-norm of the per-gradient norms, computed as PyTorch does (per dtype
    /// group, stacked, `linalg.vector_norm`). Parameters without a gradient are skipped; with
    /// none at all the result is `tensor(0.)`.
    @discardableResult
    public static func clipGradNorm_(_ parameters: [Tensor], maxNorm: Double, normType: Double = 2,
                                     errorIfNonfinite: Bool = false) throws -> Tensor {
        try noGrad {
            let grads = parameters.compactMap { $0.grad }
            let total = try totalNorm(grads, normType: normType, errorIfNonfinite: errorIfNonfinite)
            guard !grads.isEmpty else { return total }
            let coefficient = try (total + .double(1e-6)).reciprocal().mul(.double(maxNorm)).clamp(max: .double(1))
            for g in grads { try g.mulInPlace(coefficient) }
            return total
        }
    }

    /// PyTorch's `_get_total_norm`: the norm of the stacked per-tensor norms.
    public static func totalNorm(_ tensors: [Tensor], normType: Double = 2, errorIfNonfinite: Bool = false) throws -> Tensor {
        try noGrad {
            guard !tensors.isEmpty else { return Tensor(scalar: .double(0)) }
            // Grouped by dtype in order of first appearance, as _group_tensors_by_device_and_dtype.
            var order: [DType] = []
            for t in tensors where !order.contains(t.dtype) { order.append(t.dtype) }
            var norms: [Tensor] = []
            for dtype in order {
                for t in tensors where t.dtype == dtype { norms.append(try t.norm(p: .double(normType))) }
            }
            let total = try Tensor.stack(norms).norm(p: .double(normType))
            if errorIfNonfinite, let v = try? total.item().doubleValue, v.isNaN || v.isInfinite {
                throw TensorError.runtime("The total norm of order \(formatPythonFloat(normType)) for gradients from `parameters` is non-finite, so it cannot be clipped. To disable this error and scale the gradients by the non-finite norm anyway, set `error_if_nonfinite=False`")
            }
            return total
        }
    }

    /// `clip_grad_value_(parameters, clip_value)`: clamps every gradient to [-clip, clip] in place.
    public static func clipGradValue_(_ parameters: [Tensor], clipValue: Double) throws {
        try noGrad {
            for p in parameters {
                guard let g = p.grad else { continue }
                try g.clampInPlace(min: .double(-clipValue), max: .double(clipValue))
            }
        }
    }

    /// `parameters_to_vector(parameters)`: every parameter flattened (`view(-1)`) and
    /// concatenated (grad_fn CatBackward0 when they require grad).
    public static func parametersToVector(_ parameters: [Tensor]) throws -> Tensor {
        guard !parameters.isEmpty else { throw TensorError.value("torch.cat(): expected a non-empty list of Tensors") }
        return try Tensor.cat(parameters.map { try $0.view([-1]) })
    }

    /// `vector_to_parameters(vec, parameters)`: makes each parameter's data the next slice of
    /// `vec`, viewed to its shape (`param.data = vec[p:p+n].view_as(param).data`).
    public static func vectorToParameters(_ vector: Tensor, _ parameters: [Tensor]) throws {
        var pointer = 0
        for p in parameters {
            let n = p.numel
            let chunk = try vector.slice(dim: 0, start: pointer, end: pointer + n).view(p.shape)
            try p.setData(chunk.data)
            pointer += n
        }
    }
}
