/// The gradcheck registry of the reductions: float64 inputs of several shapes (0-d,
/// broadcasting products, dims tuples, keepdim), one line per case.
extension GradcheckCase {
    /// sum, mean, var, std, prod, max, min, amax, amin, logsumexp, norm, cumsum.
    static let reductions: [GradcheckCase] = [
        GradcheckCase("sum/0d", shapes: [[]]) { try $0[0].sum() },
        GradcheckCase("sum/dtype", shapes: [[3, 2]]) { try $0[0].sum(dims: [0], dtype: .float64) },
        GradcheckCase("sum/nonadjacent", shapes: [[2, 3, 4]]) { try $0[0].sum(dims: [0, 2], keepdim: true) },
        GradcheckCase("sum/broadcast", shapes: [[2, 1], [3]]) { try ($0[0] * $0[1]).sum(dim: 0) },
        GradcheckCase("mean/all", shapes: [[2, 3]]) { try $0[0].mean() },
        GradcheckCase("mean/dims", shapes: [[2, 3, 4]]) { try $0[0].mean(dims: [0, 2]) },
        GradcheckCase("mean/keepdim", shapes: [[3, 4]]) { try $0[0].mean(dim: -1, keepdim: true) },
        GradcheckCase("mean/0d", shapes: [[]]) { try $0[0].mean() },
        GradcheckCase("var/all", shapes: [[2, 3]]) { try $0[0].var() },
        GradcheckCase("var/dim", shapes: [[3, 4]]) { try $0[0].var(dims: [1], unbiased: false) },
        GradcheckCase("var/dims_keepdim", shapes: [[2, 3, 4]]) { try $0[0].var(dims: [0, 2], correction: 2, keepdim: true) },
        GradcheckCase("var/broadcast", shapes: [[2, 1], [3]]) { try ($0[0] + $0[1]).var(dims: [0]) },
        GradcheckCase("std/all", shapes: [[5]]) { try $0[0].std() },
        GradcheckCase("std/dim", shapes: [[3, 4]]) { try $0[0].std(dims: [0], correction: 0) },
        GradcheckCase("std/dims_keepdim", shapes: [[2, 3, 4]]) { try $0[0].std(dims: [-1, 0], keepdim: true) },
        GradcheckCase("prod/all", shapes: [[2, 3]], range: 0.5...1.5) { try $0[0].prod() },
        GradcheckCase("prod/dim", shapes: [[3, 4]], range: -1.5...1.5) { try $0[0].prod(dim: 1) },
        GradcheckCase("prod/keepdim", shapes: [[3, 4]]) { try $0[0].prod(dim: 0, keepdim: true) },
        GradcheckCase("prod/0d", shapes: [[]]) { try $0[0].prod() },
        GradcheckCase("prod/one_zero", inputs: { g in [try withZero(uniform([2, 3], 0.5...1.5, g), at: 1)] }) {
            try $0[0].prod(dim: 1)
        },
        GradcheckCase("prod/one_zero_all", inputs: { g in [try withZero(uniform([4], 0.5...1.5, g), at: 2)] }) {
            try $0[0].prod()
        },
        GradcheckCase("max/all", shapes: [[3, 4]]) { try $0[0].max() },
        GradcheckCase("min/all", shapes: [[5]]) { try $0[0].min() },
        GradcheckCase("max/dim", shapes: [[3, 4]]) { try $0[0].max(dim: 1).values },
        GradcheckCase("min/dim_keepdim", shapes: [[3, 4]]) { try $0[0].min(dim: 0, keepdim: true).values },
        GradcheckCase("max/0d", shapes: [[]]) { try $0[0].max(dim: 0).values },
        GradcheckCase("amax/dims", shapes: [[2, 3, 4]]) { try $0[0].amax(dims: [0, 2]) },
        GradcheckCase("amin/all", shapes: [[3, 4]]) { try $0[0].amin() },
        GradcheckCase("amax/keepdim", shapes: [[3, 4]]) { try $0[0].amax(dim: -1, keepdim: true) },
        GradcheckCase("logsumexp/dim", shapes: [[3, 4]]) { try $0[0].logsumexp(dim: 1) },
        GradcheckCase("logsumexp/dims_keepdim", shapes: [[2, 3, 4]]) { try $0[0].logsumexp(dims: [0, 2], keepdim: true) },
        GradcheckCase("logsumexp/0d", shapes: [[]]) { try $0[0].logsumexp(dim: 0) },
        GradcheckCase("logsumexp/broadcast", shapes: [[2, 1], [3]]) { try ($0[0] * $0[1]).logsumexp(dim: 0) },
        GradcheckCase("norm/p2", shapes: [[2, 3]]) { try $0[0].norm() },
        GradcheckCase("norm/p2_dim", shapes: [[3, 4]]) { try $0[0].norm(dim: 1, keepdim: true) },
        GradcheckCase("norm/p1", shapes: [[2, 3]], range: 0.1...1) { try $0[0].norm(p: 1, dims: [0]) },
        GradcheckCase("norm/inf", shapes: [[3, 4]]) { try $0[0].norm(p: .double(.infinity), dim: 1) },
        GradcheckCase("norm/neg_inf", shapes: [[5]]) { try $0[0].norm(p: .double(-.infinity)) },
        GradcheckCase("norm/p3", shapes: [[2, 3]]) { try $0[0].norm(p: 3, dims: [1]) },
        GradcheckCase("norm/p1_5", shapes: [[4]], range: 0.2...1) { try $0[0].norm(p: 1.5) },
        GradcheckCase("norm/p0_5", shapes: [[2, 3]], range: 0.2...1) { try $0[0].norm(p: 0.5, dims: [0, 1]) },
        GradcheckCase("norm/p_neg1", shapes: [[4]], range: 0.2...1) { try $0[0].norm(p: -1) },
        GradcheckCase("norm/fro", shapes: [[2, 3, 4]]) { try $0[0].norm(p: "fro", dims: [1, 2]) },
        GradcheckCase("norm/0d", shapes: [[]]) { try $0[0].norm() },
        GradcheckCase("cumsum/dim0", shapes: [[3, 4]]) { try $0[0].cumsum(dim: 0) },
        GradcheckCase("cumsum/dim_last", shapes: [[2, 3, 4]]) { try $0[0].cumsum(dim: -1) },
        GradcheckCase("cumsum/0d", shapes: [[]]) { try $0[0].cumsum(dim: 0) },
        GradcheckCase("cumsum/broadcast", shapes: [[2, 1], [3]]) { try ($0[0] + $0[1]).cumsum(dim: 1) },
    ]

    /// `x` with element `index` (row-major) set to exactly 0, for prod's zero-safe backward.
    private static func withZero(_ x: Tensor, at index: Int) -> Tensor {
        if index < x.numel { x.pointer(Double.self)[index] = 0 }
        return x
    }
}
