import Foundation

/// nll_loss (`NllLossBackward0`, `NllLoss2DBackward0`) over inputs (C), (N, C) and
/// (N, C, d1, …) as ATen's `nll_loss_nd` dispatches them, with `weight`, `ignore_index` and
/// PyTorch's argument checks. The kernel is one pass over the targets; its backward writes
/// one gradient per target.
extension Tensor {
    /// `F.nll_loss(input, target, weight=None, ignore_index=-100, reduction='mean')`: the
    /// negative log-likelihood of class indices `target` under log-probabilities `input`.
    public static func nllLoss(_ input: Tensor, _ target: Tensor, weight: Tensor? = nil, ignoreIndex: Int = -100,
                               reduction: String = "mean") throws -> Tensor {
        try nllLossND(input, target, weight: weight, ignoreIndex: ignoreIndex, reduction: try LossReduction(reduction))
    }

    /// ATen's `nll_loss_nd`: 1-d and 2-d inputs go to nll_loss, 4-d to nll_loss2d, others are
    /// viewed as (N, C, 1, −1) for nll_loss2d.
    static func nllLossND(_ input: Tensor, _ target: Tensor, weight: Tensor?, ignoreIndex: Int,
                          reduction r: LossReduction) throws -> Tensor {
        guard input.dim >= 1 else { throw TensorError.value("Expected 1 or more dimensions (got \(input.dim))") }
        if input.dim != 1 {
            guard target.dim >= 1 else {
                throw TensorError.runtime("0D or 1D target tensor expected, multi-target not supported")
            }
            guard input.shape[0] == target.shape[0] else {
                throw TensorError.value("Expected input batch_size (\(input.shape[0])) to match target batch_size (\(target.shape[0])).")
            }
        }
        if input.dim <= 2 {
            guard target.dim <= 1 else { throw TensorError.runtime("0D or 1D target tensor expected, multi-target not supported") }
            let noBatch = input.dim == 1 && target.dim == 0
            guard noBatch || input.shape[0] == target.shape[0] else {
                throw TensorError.runtime("size mismatch (got input: \(formatShapeList(input.shape)), target: \(formatShapeList(target.shape)))")
            }
            let classes = input.shape[input.dim - 1]
            try checkClassWeight(weight, classes, prefix: "")
            return try nllKernel(input, target, weight: weight, ignoreIndex: ignoreIndex, reduction: r,
                                 name: "NllLossBackward0", batch: input.dim == 1 ? 1 : input.shape[0],
                                 classes: classes, spatial: 1, noneShape: target.shape)
        }
        if input.dim == 4 { return try nllLoss2d(input, target, weight: weight, ignoreIndex: ignoreIndex, reduction: r) }
        let n = input.shape[0], c = input.shape[1]
        let outSize = [n] + input.shape[2...]
        guard Array(target.shape[1...]) == Array(input.shape[2...]) else {
            throw TensorError.runtime("Expected target size \(formatShapeList(outSize)), got \(formatShapeList(target.shape))")
        }
        let flatInput = try input.contiguous().view(input.numel > 0 ? [n, c, 1, -1] : [n, c, 0, 0])
        let flatTarget = try target.contiguous().view(target.numel > 0 ? [n, 1, -1] : [n, 0, 0])
        let out = try nllLoss2d(flatInput, flatTarget, weight: weight, ignoreIndex: ignoreIndex, reduction: r)
        return r == .none ? try out.view(outSize) : out
    }

    /// ATen's `nll_loss2d` on (N, C, H, W) inputs and (N, H, W) targets.
    private static func nllLoss2d(_ input: Tensor, _ target: Tensor, weight: Tensor?, ignoreIndex: Int,
                                  reduction r: LossReduction) throws -> Tensor {
        guard target.dim == 3 else {
            throw TensorError.runtime("only batches of spatial targets supported (3D tensors) but got targets of dimension: \(target.dim)")
        }
        guard input.shape[0] == target.shape[0], input.shape[2] == target.shape[1], input.shape[3] == target.shape[2] else {
            throw TensorError.runtime("size mismatch (got input: \(formatShapeList(input.shape)) , target: \(formatShapeList(target.shape))")
        }
        try checkClassWeight(weight, input.shape[1], prefix: "")
        return try nllKernel(input, target, weight: weight, ignoreIndex: ignoreIndex, reduction: r,
                             name: "NllLoss2DBackward0", batch: input.shape[0], classes: input.shape[1],
                             spatial: input.shape[2] * input.shape[3], noneShape: target.shape)
    }

    /// PyTorch's check that a class weight has one entry per class.
    static func checkClassWeight(_ weight: Tensor?, _ classes: Int, prefix: String) throws {
        guard let weight, !(weight.dim == 1 && weight.numel == classes) else { return }
        throw TensorError.runtime("\(prefix)weight tensor should be defined either for all \(classes) classes or no classes but got weight tensor of shape: \(formatShapeList(weight.shape))")
    }

    /// The fused kernel on input viewed as (batch, classes, spatial) and target (batch, spatial).
    private static func nllKernel(_ input: Tensor, _ target: Tensor, weight: Tensor?, ignoreIndex: Int,
                                  reduction r: LossReduction, name: String, batch: Int, classes: Int, spatial: Int,
                                  noneShape: [Int]) throws -> Tensor {
        guard target.dtype == .int64 else {
            throw TensorError.runtime("expected target dtype to be Long or Byte, but got \(target.dtype.scalarTypeName)")
        }
        guard input.dtype.isFloatingPoint else {
            throw TensorError.notImplemented("\"nll_loss_out_frame\" not implemented for '\(input.dtype.scalarTypeName)'")
        }
        let targets = target.contiguousData()
        let count = batch * spatial
        let t = targets.pointer(Int64.self)
        // Per-target weights (0 for ignored targets), checked first so that no index is wild.
        var weights = [Double](repeating: 0, count: count)
        let classWeights = weight.map { $0.contiguousData(.float64) }
        let wp = classWeights?.pointer(Double.self)
        for i in 0..<count {
            let k = t[i]
            if k == Int64(ignoreIndex) { continue }
            guard k >= 0 && k < Int64(classes) else { throw TensorError.index("Target \(k) is out of bounds.") }
            weights[i] = wp.map { $0[Int(k)] } ?? 1
        }
        let x = input.contiguousData()
        let losses: [Double] = input.dtype == .float32
            ? nllValues(x.pointer(Float.self), t, weights, classes: classes, spatial: spatial)
            : nllValues(x.pointer(Double.self), t, weights, classes: classes, spatial: spatial)
        let totalWeight = r == .mean ? weights.reduce(0, +) : 1
        let out: Tensor
        switch r {
        case .none: out = try Tensor(losses, shape: noneShape, dtype: input.dtype)
        case .sum: out = Tensor(scalar: .double(losses.reduce(0, +)), dtype: input.dtype)
        case .mean: out = Tensor(scalar: .double(losses.reduce(0, +) / totalWeight), dtype: input.dtype)
        }
        let shape = input.shape, dtype = input.dtype
        recordOp(name, inputs: [input], outputs: [out]) { g, _ in
            [try nllGradient(g[0], targets: targets, weights: weights, totalWeight: totalWeight, reduction: r,
                             shape: shape, dtype: dtype, classes: classes, spatial: spatial)]
        }
        return out
    }

    /// −w·x[target] for every target position.
    private static func nllValues<T: ActivationFloat>(_ x: UnsafeMutablePointer<T>, _ t: UnsafeMutablePointer<Int64>,
                                                      _ weights: [Double], classes: Int, spatial: Int) -> [Double] {
        var out = [Double](repeating: 0, count: weights.count)
        for i in 0..<weights.count where weights[i] != 0 {
            let n = i / spatial, s = i - n * spatial
            out[i] = -weights[i] * Double(x[(n * classes + Int(t[i])) * spatial + s])
        }
        return out
    }

    /// The input gradient: −w·g (over the total weight for mean) at each target, 0 elsewhere.
    private static func nllGradient(_ g: Tensor, targets: Tensor, weights: [Double], totalWeight: Double,
                                    reduction r: LossReduction, shape: [Int], dtype: DType, classes: Int,
                                    spatial: Int) throws -> Tensor {
        let coefficients = Tensor(zeros: shape, dtype: dtype)
        let t = targets.pointer(Int64.self)
        let fused = !recordsGraph(g) && g.dtype == dtype
        let gValues = fused ? g.contiguousData(.float64).toArray(Double.self) : []
        let divisor = r == .mean ? totalWeight : 1
        for i in 0..<weights.count where weights[i] != 0 {
            let n = i / spatial, s = i - n * spatial
            var value = -weights[i] / divisor
            if fused { value *= r == .none ? gValues[i] : gValues[0] }
            coefficients.setContiguous((n * classes + Int(t[i])) * spatial + s, .double(value))
        }
        if fused { return coefficients }
        if r != .none { return try coefficients.mul(g) }
        var gridShape = [Int](repeating: 1, count: shape.count)
        if shape.count > 1 { gridShape[0] = shape[0] }
        if shape.count > 2 { for d in 2..<shape.count { gridShape[d] = shape[d] } }
        return try coefficients.mul(g.reshape(gridShape))
    }
}
