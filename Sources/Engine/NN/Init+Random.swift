import Foundation

/// The nn.init functions with an algorithm of their own: `trunc_normal_` (PyTorch 2.15's
/// resampling scheme) and `orthogonal_` (QR of a normal matrix).
extension Init {
    /// `trunc_normal_(tensor, mean=0, std=1, a=-2, b=2)`: N(mean, std²) restricted to [a, b],
    /// drawn as PyTorch 2.15 draws it. When [a, b] holds more than 30 % of the mass: a normal
    /// fill, then fresh normal draws (for the whole tensor) replace the values outside until
    /// none is; otherwise rejection sampling from U(a, b) against the normal's log-density.
    @discardableResult
    public static func truncNormal_(_ tensor: Tensor, mean: Double = 0, std: Double = 1, a: Double = -2, b: Double = 2,
                                    generator: Generator = Generator.global) throws -> Tensor {
        guard std != 0 else { throw TensorError(.zeroDivision, "float division by zero") }
        func normCDF(_ x: Double) -> Double { (1 + erf(x / 2.0.squareRoot())) / 2 }
        if mean < a - 2 * std || mean > b + 2 * std {
            Autograd.warn("mean is more than 2 std from [a, b] in nn.init.trunc_normal_. The distribution of values may be incorrect.")
        }
        let p = normCDF((b - mean) / std) - normCDF((a - mean) / std)
        return try noGrad {
            if p > 0.3 {
                let lo = roundedTo(tensor.dtype, a), hi = roundedTo(tensor.dtype, b)
                try tensor.normalInPlace(mean: mean, std: std, generator: generator)
                var result = tensor.doubles
                var replaced = false
                while true {
                    let outside = result.map { $0 < lo || $0 > hi }
                    guard outside.contains(true) else { break }
                    let fresh = try Tensor(zeros: tensor.shape, dtype: tensor.dtype)
                        .normalInPlace(mean: mean, std: std, generator: generator).doubles
                    for i in result.indices where outside[i] { result[i] = fresh[i] }
                    replaced = true
                }
                if replaced { try tensor.copyInPlace(Tensor(result, shape: tensor.shape, dtype: tensor.dtype)) }
                return tensor
            }
            let mode = Swift.max(a, Swift.min(mean, b))
            let logPeak = -0.5 * ((mode - mean) / std) * ((mode - mean) / std)
            let candidates = Tensor(zeros: tensor.shape, dtype: tensor.dtype)
            let acceptBuffer = Tensor(zeros: tensor.shape, dtype: tensor.dtype)
            func logDensity(_ t: Tensor) throws {
                try t.subInPlace(.double(mean)).divInPlace(.double(std)).powInPlace(.int(2))
                    .mulInPlace(.double(-0.5)).subInPlace(.double(logPeak))
            }
            func accept() throws -> [Bool] {
                try acceptBuffer.uniformInPlace(generator: generator).logInPlace().gt(candidates).toArray(Bool.self)
            }
            try tensor.uniformInPlace(from: a, to: b, generator: generator)
            try candidates.copyInPlace(tensor)
            try logDensity(candidates)
            var pending = try accept()
            guard pending.contains(true) else { return tensor }
            var result = tensor.doubles
            while true {
                try candidates.uniformInPlace(from: a, to: b, generator: generator)
                let drawn = candidates.doubles
                for i in result.indices where pending[i] { result[i] = drawn[i] }
                try logDensity(candidates)
                let again = try accept()
                for i in pending.indices where pending[i] { pending[i] = again[i] }
                if !pending.contains(true) { break }
            }
            try tensor.copyInPlace(Tensor(result, shape: tensor.shape, dtype: tensor.dtype))
            return tensor
        }
    }

    /// `orthogonal_(tensor, gain=1)`: the tensor viewed as rows × (numel/rows) becomes a
    /// (semi-)orthogonal matrix: Q of the QR decomposition of a standard-normal matrix (drawn
    /// with one `normal_`), its columns' signs fixed by R's diagonal, times `gain`.
    @discardableResult
    public static func orthogonal_(_ tensor: Tensor, gain: Double = 1,
                                   generator: Generator = Generator.global) throws -> Tensor {
        guard tensor.dim >= 2 else { throw TensorError.value("Only tensors with 2 or more dimensions are supported") }
        if tensor.numel == 0 { return tensor }
        let rows = tensor.shape[0], cols = tensor.numel / rows
        let flattened = try Tensor(zeros: [rows, cols], dtype: tensor.dtype).normalInPlace(generator: generator)
        let values = flattened.doubles
        // Work on the tall orientation m × n (m ≥ n), as PyTorch transposes a wide matrix.
        let transposed = rows < cols
        let m = transposed ? cols : rows, n = transposed ? rows : cols
        var a = [Double](repeating: 0, count: m * n)
        for i in 0..<rows {
            for j in 0..<cols {
                if transposed { a[j * n + i] = values[i * cols + j] } else { a[i * n + j] = values[i * cols + j] }
            }
        }
        let q = householderQ(&a, m, n)
        var out = [Double](repeating: 0, count: rows * cols)
        for i in 0..<m {
            for j in 0..<n {
                if transposed { out[j * cols + i] = q[i * n + j] } else { out[i * cols + j] = q[i * n + j] }
            }
        }
        try noGrad {
            try tensor.copyInPlace(Tensor(out, shape: tensor.shape, dtype: tensor.dtype))
            try tensor.mulInPlace(.double(gain))
        }
        return tensor
    }

    /// Thin Q (m × n, row-major) of the Householder QR of `a` (m × n, m ≥ n; overwritten by R),
    /// with each column multiplied by the sign of R's diagonal entry (0 for a zero entry), so
    /// the factorisation is the one with a non-negative diagonal, as PyTorch normalises it.
    private static func householderQ(_ a: inout [Double], _ m: Int, _ n: Int) -> [Double] {
        var reflectors: [[Double]] = []
        for k in 0..<n {
            var v = (k..<m).map { a[$0 * n + k] }
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            let alpha = v[0] >= 0 ? -norm : norm
            v[0] -= alpha
            let vnorm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            if vnorm > 0 { for i in v.indices { v[i] /= vnorm } }
            for j in k..<n {
                var dot = 0.0
                for i in k..<m { dot += v[i - k] * a[i * n + j] }
                for i in k..<m { a[i * n + j] -= 2 * dot * v[i - k] }
            }
            reflectors.append(v)
        }
        var q = [Double](repeating: 0, count: m * n)
        for i in 0..<n { q[i * n + i] = 1 }
        for k in stride(from: n - 1, through: 0, by: -1) {
            let v = reflectors[k]
            for j in 0..<n {
                var dot = 0.0
                for i in k..<m { dot += v[i - k] * q[i * n + j] }
                for i in k..<m { q[i * n + j] -= 2 * dot * v[i - k] }
            }
        }
        for j in 0..<n {
            let d = a[j * n + j]
            let sign: Double = d > 0 ? 1 : (d < 0 ? -1 : 0)
            for i in 0..<m { q[i * n + j] *= sign }
        }
        return q
    }

    /// `x` as the tensor dtype stores it (`tensor.new_tensor(x).item()`).
    private static func roundedTo(_ dtype: DType, _ x: Double) -> Double {
        dtype == .float32 ? Double(Float(x)) : x
    }
}
