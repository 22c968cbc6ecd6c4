import Foundation

/// The dtype-preserving unary ops: abs, sign, relu, floor, ceil, round, square, neg. Integer
/// tensors keep their dtype (floor/ceil/round of integers are copies); the gradients of the
/// step functions are zero.
extension UnaryOp {
    static let abs = UnaryOp(gradFn: "AbsBackward0", saves: .input, forward: { x in
        try x.rejectBool("abs_cpu")
        return x.numericMap({ Swift.abs($0) }, { Swift.abs($0) }, { $0 < 0 ? 0 &- $0 : $0 }, { $0 < 0 ? 0 &- $0 : $0 })
    }, backward: { g, x in try g.mul(x.sign()) })

    static let sign = UnaryOp(gradFn: "SignBackward0", saves: .nothing, forward: { x in
        if x.dtype == .bool { return x.contiguousCopy() }
        return x.numericMap({ signum($0) }, { signum($0) }, { signum($0) }, { signum($0) })
    }, backward: { g, _ in try g.zerosLike() })

    static let relu = UnaryOp(gradFn: "ReluBackward0", saves: .result, forward: { x in
        if x.dtype == .bool { throw TensorError.notImplemented("Boolean inputs not supported for relu") }
        switch x.dtype {
        case .float32: return elementwise(x, Relu<Float>())
        case .float64: return elementwise(x, Relu<Double>())
        default: return x.numericMap({ $0 }, { $0 }, { Swift.max($0, 0) }, { Swift.max($0, 0) })
        }
    }, backward: { g, y in try thresholdBackward(g, y) })

    static let floor = rounding("FloorBackward0", kernel: "floor_vml_cpu", .down)
    static let ceil = rounding("CeilBackward0", kernel: "ceil_vml_cpu", .up)
    static let round = rounding("RoundBackward0", kernel: "round_vml_cpu", .toNearestOrEven)

    /// floor/ceil/round: floats round with `rule`, integers are copied, bools refused.
    private static func rounding(_ name: String, kernel: String, _ rule: FloatingPointRoundingRule) -> UnaryOp {
        UnaryOp(gradFn: name, saves: .nothing, forward: { x in
            try x.rejectBool(kernel)
            if !x.dtype.isFloatingPoint { return x.contiguousCopy() }
            return x.floatMap({ $0.rounded(rule) }, { $0.rounded(rule) })
        }, backward: { g, _ in try g.zerosLike() })
    }

    /// `round(decimals=)`: nearbyint(x·10^d)/10^d (for negative d, nearbyint(x/10^−d)·10^−d),
    /// computed in the tensor's own precision as PyTorch does.
    static func round(decimals: Int) -> UnaryOp {
        UnaryOp(gradFn: "RoundBackward1", saves: .nothing, forward: { x in
            guard x.dtype.isFloatingPoint else {
                throw TensorError.notImplemented("\"round_cpu\" not implemented for '\(x.dtype.scalarTypeName)'")
            }
            let negative = decimals < 0
            let scale = Foundation.pow(10.0, Double(decimals.magnitude))
            let f = Float(scale)
            return x.floatMap({ negative ? ($0 / f).rounded(.toNearestOrEven) * f : ($0 * f).rounded(.toNearestOrEven) / f },
                              { negative ? ($0 / scale).rounded(.toNearestOrEven) * scale : ($0 * scale).rounded(.toNearestOrEven) / scale })
        }, backward: { g, _ in try g.zerosLike() })
    }

    static let neg = UnaryOp(gradFn: "NegBackward0", saves: .nothing, forward: { x in
        try noGrad { try x.neg() }
    }, backward: { g, _ in try g.neg() })
}

/// −1, 0 or 1 as `(0 < x) − (x < 0)`: 0 for ±0 and NaN, as PyTorch's sign.
@inline(__always)
private func signum<T: Comparable & ExpressibleByIntegerLiteral & AdditiveArithmetic>(_ x: T) -> T {
    (0 < x ? 1 : 0) - (x < 0 ? 1 : 0)
}

extension Tensor {
    /// `torch.abs`: |x| (integers wrap at their minimum, as in C).
    public func abs() throws -> Tensor { try apply(.abs) }
    /// `torch.sign`: −1, 0 or 1 (0 for NaN); bools stay bools.
    public func sign() throws -> Tensor { try apply(.sign) }
    /// `torch.relu`: max(x, 0), with NaN passed through.
    public func relu() throws -> Tensor { try apply(.relu) }
    /// `torch.floor`.
    public func floor() throws -> Tensor { try apply(.floor) }
    /// `torch.ceil`.
    public func ceil() throws -> Tensor { try apply(.ceil) }
    /// `torch.round(decimals=)`: rounds half to even; `decimals` rounds to that many decimal
    /// places (negative: to tens, hundreds, …).
    public func round(decimals: Int? = nil) throws -> Tensor {
        try apply(decimals.map { UnaryOp.round(decimals: $0) } ?? .round)
    }
    /// `torch.square`: x² (recorded as `pow(x, 2)`, as PyTorch does).
    public func square() throws -> Tensor { try pow(2) }

    /// `abs_()`.
    @discardableResult public func absInPlace() throws -> Tensor { try applyInPlace(.abs) }
    /// `sign_()`.
    @discardableResult public func signInPlace() throws -> Tensor { try applyInPlace(.sign) }
    /// `relu_()`.
    @discardableResult public func reluInPlace() throws -> Tensor { try applyInPlace(.relu) }
    /// `floor_()`.
    @discardableResult public func floorInPlace() throws -> Tensor { try applyInPlace(.floor) }
    /// `ceil_()`.
    @discardableResult public func ceilInPlace() throws -> Tensor { try applyInPlace(.ceil) }
    /// `round_(decimals=)`.
    @discardableResult public func roundInPlace(decimals: Int? = nil) throws -> Tensor {
        try applyInPlace(decimals.map { UnaryOp.round(decimals: $0) } ?? .round)
    }
    /// `neg_()`.
    @discardableResult public func negInPlace() throws -> Tensor { try applyInPlace(.neg) }
    /// `square_()`: x² in place (recorded as `pow_(2)`).
    @discardableResult public func squareInPlace() throws -> Tensor { try powInPlace(2) }
}
