import Foundation

/// One unary op as a table entry: its kernel, its grad_fn name and its backward formula,
/// shared by the method (`x.exp()`) and the in-place form (`x.expInPlace()`).
struct UnaryOp {
    /// What the backward formula reads besides the gradient.
    enum Saves { case nothing, input, result }

    let gradFn: String
    let saves: Saves
    /// The elementwise kernel (no autograd).
    let forward: (Tensor) throws -> Tensor
    /// The input's gradient from the output's gradient and the saved tensor (the gradient
    /// itself when nothing is saved), written with tensor ops so that higher-order gradients
    /// work.
    let backward: (_ grad: Tensor, _ saved: Tensor) throws -> Tensor
}

extension Tensor {
    /// Runs `op` out of place and records its node.
    func apply(_ op: UnaryOp) throws -> Tensor {
        let out = try op.forward(self)
        let saving: [Tensor] = op.saves == .input ? [self] : (op.saves == .result ? [out] : [])
        recordOp(op.gradFn, inputs: [self], outputs: [out], saving: saving) { g, saved in
            [try op.backward(g[0], saved.first ?? g[0])]
        }
        return out
    }

    /// Runs `op` in place (`exp_()`): the result must fit this tensor's dtype.
    @discardableResult
    func applyInPlace(_ op: UnaryOp) throws -> Tensor {
        try checkInPlace()
        try checkNoInternalOverlap()
        // Backward formulas that read the input need its value from before the change.
        let original = op.saves == .input && needsGrad([self]) ? contiguousCopy() : nil
        let out = try noGrad { try op.forward(self) }
        try checkInPlaceResult(out.dtype)
        copyElements(from: out)
        bumpVersion()
        let saving: [Tensor] = op.saves == .input ? original.map { [$0] } ?? [] : (op.saves == .result ? [self] : [])
        try recordInPlace(op.gradFn, others: [], saving: saving) { g, saved in [try op.backward(g[0], saved.first ?? g[0])] }
        return self
    }
}

/// The float-only math ops: integer and bool inputs give the default float dtype. The
/// formulas are PyTorch's (derivatives.yaml), in its order of operations.
extension UnaryOp {
    static let sqrt = UnaryOp(gradFn: "SqrtBackward0", saves: .result,
                              forward: { $0.floatMap({ $0.squareRoot() }, { $0.squareRoot() }) },
                              backward: { g, y in try g.div(y.mul(2)) })
    static let rsqrt = UnaryOp(gradFn: "RsqrtBackward0", saves: .result,
                               forward: { $0.floatMap({ 1 / $0.squareRoot() }, { 1 / $0.squareRoot() }) },
                               backward: { g, y in try g.mul(-0.5).mul(y.pow(3)) })
    static let exp = UnaryOp(gradFn: "ExpBackward0", saves: .result,
                             forward: { $0.floatMap(ExpFloat(), UnaryClosure { Foundation.exp($0) }) },
                             backward: { g, y in try g.mul(y) })
    static let log = UnaryOp(gradFn: "LogBackward0", saves: .input,
                             forward: { $0.floatMap(threaded: true, { Foundation.log($0) }, { Foundation.log($0) }) },
                             backward: { g, x in try g.div(x) })
    static let log1p = UnaryOp(gradFn: "Log1PBackward0", saves: .input,
                               forward: { $0.floatMap(threaded: true, { Foundation.log1p($0) }, { Foundation.log1p($0) }) },
                               backward: { g, x in try g.div(x.add(1)) })
    static let expm1 = UnaryOp(gradFn: "Expm1Backward0", saves: .result,
                               forward: { $0.floatMap(threaded: true, { Foundation.expm1($0) }, { Foundation.expm1($0) }) },
                               backward: { g, y in try g.mul(y.add(1)) })
    static let log2 = UnaryOp(gradFn: "Log2Backward0", saves: .input,
                              forward: { $0.floatMap(threaded: true, { Foundation.log2($0) }, { Foundation.log2($0) }) },
                              backward: { g, x in try g.div(x.mul(0.6931471805599453)) })
    static let sin = UnaryOp(gradFn: "SinBackward0", saves: .input,
                             forward: { $0.floatMap(threaded: true, { Foundation.sin($0) }, { Foundation.sin($0) }) },
                             backward: { g, x in try g.mul(x.cos()) })
    static let cos = UnaryOp(gradFn: "CosBackward0", saves: .input,
                             forward: { $0.floatMap(threaded: true, { Foundation.cos($0) }, { Foundation.cos($0) }) },
                             backward: { g, x in try g.mul(x.sin().neg()) })
    static let tan = UnaryOp(gradFn: "TanBackward0", saves: .result,
                             forward: { $0.floatMap(threaded: true, { Foundation.tan($0) }, { Foundation.tan($0) }) },
                             backward: { g, y in try g.mul(y.pow(2).add(1)) })
    static let tanh = UnaryOp(gradFn: "TanhBackward0", saves: .result,
                              forward: { $0.floatMap(threaded: true, { Foundation.tanh($0) }, { Foundation.tanh($0) }) },
                              backward: { g, y in try tanhBackward(g, y) })
    static let sigmoid = UnaryOp(gradFn: "SigmoidBackward0", saves: .result,
                                 forward: { $0.floatMap(SigmoidFloat(), SigmoidDouble()) },
                                 backward: { g, y in try sigmoidBackward(g, y) })
    static let erf = UnaryOp(gradFn: "ErfBackward0", saves: .input,
                             forward: { $0.floatMap(threaded: true, { Foundation.erf($0) }, { Foundation.erf($0) }) },
                             backward: { g, x in try x.pow(2).neg().exp().mul(1.1283791670955126).mul(g) })
    static let reciprocal = UnaryOp(gradFn: "ReciprocalBackward0", saves: .result,
                                    forward: { $0.floatMap({ 1 / $0 }, { 1 / $0 }) },
                                    backward: { g, y in try g.neg().mul(y.mul(y)) })
}

extension Tensor {
    /// `torch.sqrt`: √x (NaN below 0).
    public func sqrt() throws -> Tensor { try apply(.sqrt) }
    /// `torch.rsqrt`: 1/√x.
    public func rsqrt() throws -> Tensor { try apply(.rsqrt) }
    /// `torch.exp`: eˣ.
    public func exp() throws -> Tensor { try apply(.exp) }
    /// `torch.log`: natural logarithm (−inf at 0, NaN below).
    public func log() throws -> Tensor { try apply(.log) }
    /// `torch.log1p`: log(1 + x), accurate near 0.
    public func log1p() throws -> Tensor { try apply(.log1p) }
    /// `torch.expm1`: eˣ − 1, accurate near 0.
    public func expm1() throws -> Tensor { try apply(.expm1) }
    /// `torch.log2`: base-2 logarithm.
    public func log2() throws -> Tensor { try apply(.log2) }
    /// `torch.sin`.
    public func sin() throws -> Tensor { try apply(.sin) }
    /// `torch.cos`.
    public func cos() throws -> Tensor { try apply(.cos) }
    /// `torch.tan`.
    public func tan() throws -> Tensor { try apply(.tan) }
    /// `torch.tanh`.
    public func tanh() throws -> Tensor { try apply(.tanh) }
    /// `torch.sigmoid`: 1 / (1 + e⁻ˣ).
    public func sigmoid() throws -> Tensor { try apply(.sigmoid) }
    /// `torch.erf`: the Gauss error function.
    public func erf() throws -> Tensor { try apply(.erf) }
    /// `torch.reciprocal`: 1/x.
    public func reciprocal() throws -> Tensor { try apply(.reciprocal) }

    /// `sqrt_()`.
    @discardableResult public func sqrtInPlace() throws -> Tensor { try applyInPlace(.sqrt) }
    /// `rsqrt_()`.
    @discardableResult public func rsqrtInPlace() throws -> Tensor { try applyInPlace(.rsqrt) }
    /// `exp_()`.
    @discardableResult public func expInPlace() throws -> Tensor { try applyInPlace(.exp) }
    /// `log_()`.
    @discardableResult public func logInPlace() throws -> Tensor { try applyInPlace(.log) }
    /// `log1p_()`.
    @discardableResult public func log1pInPlace() throws -> Tensor { try applyInPlace(.log1p) }
    /// `expm1_()`.
    @discardableResult public func expm1InPlace() throws -> Tensor { try applyInPlace(.expm1) }
    /// `log2_()`.
    @discardableResult public func log2InPlace() throws -> Tensor { try applyInPlace(.log2) }
    /// `sin_()`.
    @discardableResult public func sinInPlace() throws -> Tensor { try applyInPlace(.sin) }
    /// `cos_()`.
    @discardableResult public func cosInPlace() throws -> Tensor { try applyInPlace(.cos) }
    /// `tan_()`.
    @discardableResult public func tanInPlace() throws -> Tensor { try applyInPlace(.tan) }
    /// `tanh_()`.
    @discardableResult public func tanhInPlace() throws -> Tensor { try applyInPlace(.tanh) }
    /// `sigmoid_()`.
    @discardableResult public func sigmoidInPlace() throws -> Tensor { try applyInPlace(.sigmoid) }
    /// `erf_()`.
    @discardableResult public func erfInPlace() throws -> Tensor { try applyInPlace(.erf) }
    /// `reciprocal_()`.
    @discardableResult public func reciprocalInPlace() throws -> Tensor { try applyInPlace(.reciprocal) }
}
