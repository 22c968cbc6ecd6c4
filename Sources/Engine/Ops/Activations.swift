import Foundation

/// The pointwise activations of `torch.nn.functional` that are not plain math ops: relu6,
/// hardtanh, leaky_relu, prelu, elu, selu, celu, gelu, silu, mish, softplus, softsign and
/// logsigmoid, with their in-place forms. Each is one autograd node with PyTorch's grad_fn
/// name (relu6 is hardtanh, selu is elu, softsign is composed of abs, add and div as PyTorch
/// composes it). Forward and backward run as one fused pass (Activations+Kernels.swift); the
/// backward is built from differentiable tensor ops when a higher-order graph is recorded.
extension Tensor {
    /// `F.hardtanh(input, min_val=-1, max_val=1)`: clamps to [minVal, maxVal] (`HardtanhBackward0`).
    public func hardtanh(minVal: Scalar = -1, maxVal: Scalar = 1) throws -> Tensor {
        try checkHardtanhBounds(minVal, maxVal)
        if !dtype.isFloatingPoint { return try noGrad { try clamp(min: .int(minVal.int64Value), max: .int(maxVal.int64Value)) } }
        return try activation(hardtanhKernel(minVal, maxVal), name: "HardtanhBackward0", kernelName: "hardtanh_cpu")
    }

    /// `F.hardtanh(input, inplace=True)`: `hardtanh_`.
    @discardableResult
    public func hardtanhInPlace(minVal: Scalar = -1, maxVal: Scalar = 1) throws -> Tensor {
        try checkHardtanhBounds(minVal, maxVal)
        if !dtype.isFloatingPoint { return try clampInPlace(min: .int(minVal.int64Value), max: .int(maxVal.int64Value)) }
        return try activationInPlace(hardtanhKernel(minVal, maxVal), name: "HardtanhBackward0", kernelName: "hardtanh_cpu")
    }

    /// `F.relu6(input)`: min(max(x, 0), 6), recorded as hardtanh (`HardtanhBackward0`).
    public func relu6() throws -> Tensor { try hardtanh(minVal: 0, maxVal: 6) }
    /// `F.relu6(input, inplace=True)`.
    @discardableResult
    public func relu6InPlace() throws -> Tensor { try hardtanhInPlace(minVal: 0, maxVal: 6) }

    /// `F.leaky_relu(input, negative_slope=0.01)` (`LeakyReluBackward0`).
    public func leakyRelu(negativeSlope: Double = 0.01) throws -> Tensor {
        try activation(LeakyReluKernel(slope: negativeSlope), name: "LeakyReluBackward0", kernelName: "leaky_relu_cpu")
    }
    /// `F.leaky_relu(input, negative_slope, inplace=True)` (`LeakyReluBackward1`).
    @discardableResult
    public func leakyReluInPlace(negativeSlope: Double = 0.01) throws -> Tensor {
        try activationInPlace(LeakyReluKernel(slope: negativeSlope), name: "LeakyReluBackward1", kernelName: "leaky_relu_cpu")
    }

    /// `F.elu(input, alpha=1.0)`: x for x > 0, else α·(eˣ − 1) (`EluBackward0`).
    public func elu(alpha: Double = 1) throws -> Tensor {
        try activation(EluKernel(negcoef: alpha, poscoef: 1, inputScale: 1), name: "EluBackward0", kernelName: "elu_cpu")
    }
    /// `F.elu(input, alpha, inplace=True)` (`EluBackward1`).
    @discardableResult
    public func eluInPlace(alpha: Double = 1) throws -> Tensor {
        try activationInPlace(EluKernel(negcoef: alpha, poscoef: 1, inputScale: 1), name: "EluBackward1", kernelName: "elu_cpu")
    }

    /// SELU's fixed α and scale (Klambauer et al.), as PyTorch spells them.
    static let seluAlpha = 1.6732632423543772848170429916717, seluScale = 1.0507009873554804934193349852946

    /// `F.selu(input)`: scale·elu(x, α) with the fixed constants (`EluBackward0`).
    public func selu() throws -> Tensor {
        try activation(seluKernel, name: "EluBackward0", kernelName: "elu_cpu")
    }
    /// `F.selu(input, inplace=True)` (`EluBackward1`).
    @discardableResult
    public func seluInPlace() throws -> Tensor { try activationInPlace(seluKernel, name: "EluBackward1", kernelName: "elu_cpu") }

    private var seluKernel: EluKernel {
        EluKernel(negcoef: Tensor.seluAlpha * Tensor.seluScale, poscoef: Tensor.seluScale, inputScale: 1)
    }

    /// `F.celu(input, alpha=1.0)`: max(0, x) + min(0, α·(e^(x/α) − 1)) (`CeluBackward0`).
    public func celu(alpha: Double = 1) throws -> Tensor {
        try activation(celuKernel(alpha), name: "CeluBackward0", kernelName: "elu_cpu")
    }
    /// `F.celu(input, alpha, inplace=True)` (`CeluBackward1`).
    @discardableResult
    public func celuInPlace(alpha: Double = 1) throws -> Tensor {
        try activationInPlace(celuKernel(alpha), name: "CeluBackward1", kernelName: "elu_cpu")
    }

    private func celuKernel(_ alpha: Double) throws -> EluKernel {
        guard alpha != 0 else { throw TensorError.runtime("ZeroDivisionError: alpha cannot be 0 for CELU") }
        return EluKernel(negcoef: alpha, poscoef: 1, inputScale: 1 / alpha)
    }

    /// `F.gelu(input, approximate='none')`: x·Φ(x), or its tanh approximation with
    /// `approximate: "tanh"` (`GeluBackward0`).
    public func gelu(approximate: String = "none") throws -> Tensor {
        switch approximate {
        case "none": return try activation(GeluKernel(), name: "GeluBackward0", kernelName: "GeluKernelImpl")
        case "tanh": return try activation(GeluTanhKernel(), name: "GeluBackward0", kernelName: "GeluKernelImpl")
        default: throw TensorError.runtime("approximate argument must be either none or tanh.")
        }
    }

    /// `F.silu(input)`: x·σ(x) (`SiluBackward0`).
    public func silu() throws -> Tensor { try activation(SiluKernel(), name: "SiluBackward0", kernelName: "silu_cpu") }
    /// `F.silu(input, inplace=True)`.
    @discardableResult
    public func siluInPlace() throws -> Tensor { try activationInPlace(SiluKernel(), name: "SiluBackward0", kernelName: "silu_cpu") }

    /// `F.mish(input)`: x·tanh(softplus(x)) (`MishBackward0`).
    public func mish() throws -> Tensor { try activation(MishKernel(), name: "MishBackward0", kernelName: "mish_cpu") }
    /// `F.mish(input, inplace=True)`.
    @discardableResult
    public func mishInPlace() throws -> Tensor { try activationInPlace(MishKernel(), name: "MishBackward0", kernelName: "mish_cpu") }

    /// `F.softplus(input, beta=1, threshold=20)`: log(1 + e^(βx))/β, linear where βx >
    /// threshold (`SoftplusBackward0`).
    public func softplus(beta: Double = 1, threshold: Double = 20) throws -> Tensor {
        try activation(SoftplusKernel(beta: beta, threshold: threshold), name: "SoftplusBackward0", kernelName: "softplus_cpu")
    }

    /// `F.logsigmoid(input)`: log σ(x), computed stably (`LogSigmoidBackward0`).
    public func logSigmoid() throws -> Tensor {
        try activation(LogSigmoidKernel(), name: "LogSigmoidBackward0", kernelName: "log_sigmoid_cpu")
    }

    /// `F.softsign(input)`: x / (1 + |x|), composed as PyTorch composes it (`DivBackward0`).
    public func softsign() throws -> Tensor { try div(abs().add(1)) }

    /// `F.prelu(input, weight)`: x for x > 0, else weight·x, with one weight for all
    /// channels or one per channel (dimension 1) (`PreluKernelBackward0`).
    public func prelu(_ weight: Tensor) throws -> Tensor {
        guard dtype == weight.dtype else {
            throw TensorError.runtime("prelu: Type promoting not supported. Got \(dtype.scalarTypeName) and \(weight.dtype.scalarTypeName)")
        }
        if weight.numel != 1 {
            guard dim > 0 else { throw TensorError.runtime("Not allow zero-dim input tensor.") }
            let channels = dim > 1 ? shape[1] : 1
            guard channels == weight.numel else {
                throw TensorError.runtime("Mismatch of parameter numbers and input channel size. Found parameter numbers = \(weight.numel) and channel size = \(channels).")
            }
        }
        guard weight.dim <= 1 else {
            throw TensorError.runtime("prelu: Expected `weight` to be a scalar or 1D tensor, but got: ndim = \(weight.dim)")
        }
        var w = weight
        if dim != weight.dim {
            var target = [Int](repeating: 1, count: dim)
            if dim > 1 { target[1] = weight.numel }
            w = try weight.reshape(target)
        }
        return try preluKernel(w)
    }

    private func preluKernel(_ w: Tensor) throws -> Tensor {
        let out: Tensor
        switch dtype {
        case .float32: out = try binaryMap(self, w, Float.self, Float.self, Float.self) { $0 > 0 ? $0 : $1 * $0 }
        case .float64: out = try binaryMap(self, w, Double.self, Double.self, Double.self) { $0 > 0 ? $0 : $1 * $0 }
        default: throw TensorError.notImplemented("\"prelu_cpu\" not implemented for '\(dtype.scalarTypeName)'")
        }
        recordOp("PreluKernelBackward0", inputs: [self, w], outputs: [out], saving: [self, w]) { g, saved in
            let (x, w) = (saved[0], saved[1])
            let positive = try x.gt(0)
            return [try Tensor.where(positive, g[0], w.mul(g[0])), try Tensor.where(positive, 0.0, x.mul(g[0]))]
        }
        return out
    }

    private func checkHardtanhBounds(_ minVal: Scalar, _ maxVal: Scalar) throws {
        if minVal.doubleValue > maxVal.doubleValue { throw TensorError.value("min_val cannot be greater than max_val") }
    }

    private func hardtanhKernel(_ minVal: Scalar, _ maxVal: Scalar) -> HardtanhKernel {
        HardtanhKernel(low: minVal.doubleValue, high: maxVal.doubleValue)
    }
}

// MARK: - Recording

extension Tensor {
    /// Applies a pointwise activation to a float tensor and records its node (saving the
    /// input, from which the backward kernel works).
    func activation<K: ActivationKernel & ComposedGradient>(_ kernel: K, name: String, kernelName: String) throws -> Tensor {
        guard dtype.isFloatingPoint else {
            throw TensorError.notImplemented("\"\(kernelName)\" not implemented for '\(dtype.scalarTypeName)'")
        }
        let out = activationValues(kernel)
        recordOp(name, inputs: [self], outputs: [out], saving: [self]) { g, saved in
            [try activationBackward(kernel, g[0], saved[0])]
        }
        return out
    }

    /// The in-place form of `activation`: writes the result into this tensor (a copy of the
    /// input is kept for backward).
    func activationInPlace<K: ActivationKernel & ComposedGradient>(_ kernel: K, name: String, kernelName: String) throws -> Tensor {
        guard dtype.isFloatingPoint else {
            throw TensorError.notImplemented("\"\(kernelName)\" not implemented for '\(dtype.scalarTypeName)'")
        }
        try checkInPlace()
        try checkNoInternalOverlap()
        let original = needsGrad([self, base]) ? contiguousCopy() : nil
        copyElements(from: activationValues(kernel))
        bumpVersion()
        try recordInPlace(name, others: [], saving: original.map { [$0] } ?? []) { g, saved in
            [try activationBackward(kernel, g[0], saved[0])]
        }
        return self
    }
}

/// grad · f'(x): the fused kernel, or differentiable tensor ops while a graph of the backward
/// itself is recorded.
func activationBackward<K: ActivationKernel & ComposedGradient>(_ kernel: K, _ g: Tensor, _ x: Tensor) throws -> Tensor {
    if recordsGraph(g, x) || g.dtype != x.dtype { return try kernel.composedGradient(g, x) }
    return try g.activationGradient(kernel, input: x)
}

/// The gradient of an activation written with differentiable tensor ops (for double backward).
protocol ComposedGradient {
    func composedGradient(_ g: Tensor, _ x: Tensor) throws -> Tensor
}

extension HardtanhKernel: ComposedGradient {
    func composedGradient(_ g: Tensor, _ x: Tensor) throws -> Tensor {
        try Tensor.where(x.le(.double(low)).logicalOr(x.ge(.double(high))), 0.0, g)
    }
}

extension LeakyReluKernel: ComposedGradient {
    func composedGradient(_ g: Tensor, _ x: Tensor) throws -> Tensor {
        try Tensor.where(x.gt(0), g, g.mul(.double(slope)))
    }
}

extension EluKernel: ComposedGradient {
    func composedGradient(_ g: Tensor, _ x: Tensor) throws -> Tensor {
        let negative = try g.mul(x.mul(.double(inputScale)).exp()).mul(.double(inputScale * negcoef))
        return try Tensor.where(x.le(0), negative, g.mul(.double(poscoef)))
    }
}

extension GeluKernel: ComposedGradient {
    func composedGradient(_ g: Tensor, _ x: Tensor) throws -> Tensor {
        let cdf = try x.mul(0.70710678118654752440).erf().add(1).mul(0.5)
        let pdf = try x.mul(x).mul(-0.5).exp().mul(0.39894228040143267794)
        return try g.mul(cdf.add(x.mul(pdf)))
    }
}

extension GeluTanhKernel: ComposedGradient {
    func composedGradient(_ g: Tensor, _ x: Tensor) throws -> Tensor {
        let xSquared = try x.mul(x)
        let t = try x.add(xSquared.mul(x).mul(.double(Self.kappa))).mul(.double(Self.beta)).tanh()
        let innerDerivative = try xSquared.mul(.double(3 * Self.kappa)).add(1).mul(.double(Self.beta))
        let right = try x.mul(0.5).mul(t.mul(t).rsub(1)).mul(innerDerivative)
        return try g.mul(t.add(1).mul(0.5).add(right))
    }
}

extension SiluKernel: ComposedGradient {
    func composedGradient(_ g: Tensor, _ x: Tensor) throws -> Tensor {
        let s = try x.sigmoid()
        return try g.mul(s).mul(x.mul(s.rsub(1)).add(1))
    }
}

extension MishKernel: ComposedGradient {
    func composedGradient(_ g: Tensor, _ x: Tensor) throws -> Tensor {
        let s = try x.sigmoid(), t = try x.exp().log1p().tanh()
        return try g.mul(t.add(x.mul(s).mul(t.mul(t).rsub(1))))
    }
}

extension SoftplusKernel: ComposedGradient {
    func composedGradient(_ g: Tensor, _ x: Tensor) throws -> Tensor {
        let scaled = try x.mul(.double(beta))
        let z = try scaled.exp()
        return try Tensor.where(scaled.gt(.double(threshold)), g, g.mul(z).div(z.add(1)))
    }
}

extension LogSigmoidKernel: ComposedGradient {
    func composedGradient(_ g: Tensor, _ x: Tensor) throws -> Tensor { try g.mul(x.neg().sigmoid()) }
}
