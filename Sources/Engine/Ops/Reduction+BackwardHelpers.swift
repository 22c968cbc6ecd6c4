import Foundation

/// The pieces the reduction backward formulas are built from, beyond arithmetic and views:
/// constant masks and signs (piecewise constant, so treating them as constants is exact for
/// higher derivatives too) and a few differentiable pointwise steps that record the node
/// PyTorch records for them (`ExpBackward0`, `PowBackward0`, `AbsBackward0`, and the masked
/// writes), so that `create_graph=True` differentiates the formulas again.
extension Tensor {
    // MARK: Constant masks (bool tensors, never tracked)

    /// `self == other` elementwise (broadcasting), as a bool tensor; both of `self`'s dtype.
    func equalMask(_ other: Tensor) throws -> Tensor {
        let b = other.dtype == dtype ? other : other.contiguousCopy(dtype: dtype)
        switch dtype {
        case .float32: return try binaryMap(self, b, Float.self, Float.self, Bool.self) { $0 == $1 }
        case .float64: return try binaryMap(self, b, Double.self, Double.self, Bool.self) { $0 == $1 }
        case .int64: return try binaryMap(self, b, Int64.self, Int64.self, Bool.self) { $0 == $1 }
        case .int32: return try binaryMap(self, b, Int32.self, Int32.self, Bool.self) { $0 == $1 }
        case .bool: return try binaryMap(self, b, Bool.self, Bool.self, Bool.self) { $0 == $1 }
        }
    }

    /// `isnan()` as a bool tensor (all false for non-floating dtypes).
    func nanMask() -> Tensor {
        switch dtype {
        case .float32: return unaryMap(self, Float.self, Bool.self) { $0.isNaN }
        case .float64: return unaryMap(self, Double.self, Bool.self) { $0.isNaN }
        default: return Tensor(zeros: shape, dtype: .bool)
        }
    }

    /// `self == 0` as a bool tensor.
    func zeroMask() -> Tensor {
        switch dtype {
        case .float32: return unaryMap(self, Float.self, Bool.self) { $0 == 0 }
        case .float64: return unaryMap(self, Double.self, Bool.self) { $0 == 0 }
        case .int64: return unaryMap(self, Int64.self, Bool.self) { $0 == 0 }
        case .int32: return unaryMap(self, Int32.self, Bool.self) { $0 == 0 }
        case .bool: return unaryMap(self, Bool.self, Bool.self) { !$0 }
        }
    }

    /// Elementwise `a || b` of two bool tensors of one shape.
    func orMask(_ other: Tensor) throws -> Tensor {
        try binaryMap(self, other, Bool.self, Bool.self, Bool.self) { $0 || $1 }
    }

    /// Number of true elements of a bool tensor.
    func countTrue() -> Int {
        toArray(Bool.self).reduce(0) { $0 + ($1 ? 1 : 0) }
    }

    /// `sgn()` as a constant of this dtype: -1, 0 or 1, and 0 for NaN, as PyTorch's sign.
    func signValues() -> Tensor {
        switch dtype {
        case .float32: return unaryMap(self, Float.self, Float.self) { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) }
        default: return unaryMap(contiguousData(.float64), Double.self, Double.self) { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) }
        }
    }

    // MARK: Differentiable steps of backward formulas

    /// An op's own output inside its backward formula. Saved outputs come back without their
    /// grad_fn (the core saves them as plain aliases, to avoid a reference cycle), so under
    /// `create_graph` (grad mode on while the formula runs) the output is recomputed from the
    /// saved input, and second derivatives flow through it as they do in PyTorch.
    static func outputForBackward(_ saved: Tensor, of input: Tensor, _ recompute: () throws -> Tensor) rethrows -> Tensor {
        GradMode.enabled && input.requiresGrad ? try recompute() : saved
    }

    /// Keeps the elements where `mask` is `keep` and writes 0 elsewhere (`masked_fill(mask, 0)`
    /// with keep = false, `zeros.index_put_(mask, self)` with keep = true). `mask` is a bool
    /// tensor broadcastable to this shape; the node is named `name`.
    func backwardMasked(_ mask: Tensor, keep: Bool, name: String) throws -> Tensor {
        let out: Tensor
        switch dtype {
        case .float32: out = try binaryMap(self, mask, Float.self, Bool.self, Float.self) { $1 == keep ? $0 : 0 }
        default: out = try binaryMap(contiguousData(.float64), mask, Double.self, Bool.self, Double.self) { $1 == keep ? $0 : 0 }
        }
        recordOp(name, inputs: [self], outputs: [out]) { g, _ in
            [try g[0].backwardMasked(mask, keep: keep, name: name)]
        }
        return out
    }

    /// `exp()` of a floating tensor (`ExpBackward0`: the gradient is grad · result).
    func backwardExp() throws -> Tensor {
        let out: Tensor
        switch dtype {
        case .float32: out = unaryMap(self, Float.self, Float.self) { Foundation.exp($0) }
        default: out = unaryMap(contiguousData(.float64), Double.self, Double.self) { Foundation.exp($0) }
        }
        recordOp("ExpBackward0", inputs: [self], outputs: [out], saving: [self, out]) { g, saved in
            [try g[0].mul(Tensor.outputForBackward(saved[1], of: saved[0]) { try saved[0].backwardExp() })]
        }
        return out
    }

    /// `pow(exponent)` with a Python float exponent (`PowBackward0`, whose gradient is
    /// grad · (exponent · self^(exponent − 1)), and zeros for exponent 0).
    func backwardPow(_ exponent: Double) throws -> Tensor {
        let out: Tensor
        switch dtype {
        case .float32: out = unaryMap(self, Float.self, Float.self) { Foundation.pow($0, Float(exponent)) }
        default: out = unaryMap(contiguousData(.float64), Double.self, Double.self) { Foundation.pow($0, exponent) }
        }
        recordOp("PowBackward0", inputs: [self], outputs: [out], saving: [self]) { g, saved in
            if exponent == 0 { return [try saved[0].zerosLike()] }
            return [try g[0].mul(saved[0].backwardPow(exponent - 1).mul(.double(exponent)))]
        }
        return out
    }

    /// `abs()` (`AbsBackward0`: the gradient is grad · sgn(self)).
    func backwardAbs() throws -> Tensor {
        let out: Tensor
        switch dtype {
        case .float32: out = unaryMap(self, Float.self, Float.self) { Swift.abs($0) }
        default: out = unaryMap(contiguousData(.float64), Double.self, Double.self) { Swift.abs($0) }
        }
        recordOp("AbsBackward0", inputs: [self], outputs: [out], saving: [self]) { g, saved in
            [try g[0].mul(saved[0].signValues())]
        }
        return out
    }

    /// A bool mask of `shape` that is true at `indices` (int64, of the reduced shape) along
    /// `dim`: the positions `zeros(shape).scatter(dim, indices, ·)` writes.
    static func indexMask(shape: [Int], indices: Tensor, dim d: Int) -> Tensor {
        let mask = Tensor(zeros: shape, dtype: .bool)
        let m = mask.storage.pointer(Bool.self)
        let idx = indices.toArray(Int64.self)
        let outer = shape.isEmpty ? 1 : shape[..<d].reduce(1, *)
        let size = shape.isEmpty ? 1 : shape[d]
        let inner = shape.isEmpty ? 1 : shape[(d + 1)...].reduce(1, *)
        guard idx.count == outer * inner else { return mask }
        for o in 0..<outer {
            for i in 0..<inner {
                let k = Int(truncatingIfNeeded: idx[o * inner + i])
                if k >= 0 && k < size { m[(o * size + k) * inner + i] = true }
            }
        }
        return mask
    }
}
