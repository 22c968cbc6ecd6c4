import Foundation

/// Element kernels of the pointwise activations (Activations.swift): for each activation a
/// forward function and a fused backward function `(grad, x) -> grad·f'(x)`, written with
/// PyTorch's formulas (ATen's Activation.cpp) as generic value types, so that the elementwise
/// loops specialise, inline and vectorise them on every thread.

/// The float math the activation kernels need, for float32 and float64.
protocol ActivationFloat: FloatElement {
    /// eˣ (float32: the vectorisable `vectorExp`).
    static func actExp(_ x: Self) -> Self
    /// eˣ − 1.
    static func actExpm1(_ x: Self) -> Self
    /// log(1 + x).
    static func actLog1p(_ x: Self) -> Self
    /// tanh x.
    static func actTanh(_ x: Self) -> Self
    /// The error function.
    static func actErf(_ x: Self) -> Self
}

extension Float: ActivationFloat {
    @inline(__always) static func actExp(_ x: Float) -> Float { vectorExp(x) }
    @inline(__always) static func actExpm1(_ x: Float) -> Float { Foundation.expm1(x) }
    @inline(__always) static func actLog1p(_ x: Float) -> Float { Foundation.log1p(x) }
    @inline(__always) static func actTanh(_ x: Float) -> Float { Foundation.tanh(x) }
    @inline(__always) static func actErf(_ x: Float) -> Float { Foundation.erf(x) }
}

extension Double: ActivationFloat {
    @inline(__always) static func actExp(_ x: Double) -> Double { Foundation.exp(x) }
    @inline(__always) static func actExpm1(_ x: Double) -> Double { Foundation.expm1(x) }
    @inline(__always) static func actLog1p(_ x: Double) -> Double { Foundation.log1p(x) }
    @inline(__always) static func actTanh(_ x: Double) -> Double { Foundation.tanh(x) }
    @inline(__always) static func actErf(_ x: Double) -> Double { Foundation.erf(x) }
}

/// A pointwise activation as a pair of element functions.
protocol ActivationKernel {
    /// f(x).
    func value<T: ActivationFloat>(_ x: T) -> T
    /// grad · f'(x).
    func gradient<T: ActivationFloat>(_ g: T, _ x: T) -> T
}

/// `ActivationKernel.value` as a `UnaryFunction` of one dtype.
struct ActivationForward<K: ActivationKernel, T: ActivationFloat>: UnaryFunction {
    let kernel: K
    @inline(__always) func callAsFunction(_ x: T) -> T { kernel.value(x) }
}

/// `ActivationKernel.gradient` as a `BinaryFunction` of one dtype.
struct ActivationBackward<K: ActivationKernel, T: ActivationFloat>: BinaryFunction {
    let kernel: K
    @inline(__always) func callAsFunction(_ g: T, _ x: T) -> T { kernel.gradient(g, x) }
}

/// hardtanh (and relu6): clamp to [low, high]; the gradient passes strictly inside.
struct HardtanhKernel: ActivationKernel {
    let low: Double, high: Double
    @inline(__always) func value<T: ActivationFloat>(_ x: T) -> T {
        let lo = T(low), hi = T(high)
        return x < lo ? lo : (x > hi ? hi : x)
    }
    @inline(__always) func gradient<T: ActivationFloat>(_ g: T, _ x: T) -> T {
        (x <= T(low) || x >= T(high)) ? 0 : g
    }
}

/// leaky_relu: x for x > 0, else slope·x.
struct LeakyReluKernel: ActivationKernel {
    let slope: Double
    @inline(__always) func value<T: ActivationFloat>(_ x: T) -> T { x > 0 ? x : x * T(slope) }
    @inline(__always) func gradient<T: ActivationFloat>(_ g: T, _ x: T) -> T { x > 0 ? g : g * T(slope) }
}

/// elu with PyTorch's three coefficients (elu, selu and celu are all this kernel):
/// x ≤ 0 ? negcoef·(e^(x·inputScale) − 1) : poscoef·x.
struct EluKernel: ActivationKernel {
    let negcoef: Double, poscoef: Double, inputScale: Double
    @inline(__always) func value<T: ActivationFloat>(_ x: T) -> T {
        x <= 0 ? T.actExpm1(x * T(inputScale)) * T(negcoef) : x * T(poscoef)
    }
    @inline(__always) func gradient<T: ActivationFloat>(_ g: T, _ x: T) -> T {
        let s = T(inputScale)
        return x <= 0 ? g * s * T(negcoef) * T.actExp(x * s) : g * T(poscoef)
    }
}

/// gelu with `approximate='none'`: x·Φ(x).
struct GeluKernel: ActivationKernel {
    @inline(__always) func value<T: ActivationFloat>(_ x: T) -> T {
        x * 0.5 * (1 + T.actErf(x * T(0.70710678118654752440)))
    }
    @inline(__always) func gradient<T: ActivationFloat>(_ g: T, _ x: T) -> T {
        let cdf = 0.5 * (1 + T.actErf(x * T(0.70710678118654752440)))
        let pdf = T.actExp(-0.5 * x * x) * T(0.39894228040143267794)
        return g * (cdf + x * pdf)
    }
}

/// gelu with `approximate='tanh'`: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).
struct GeluTanhKernel: ActivationKernel {
    static let beta = 0.79788456080286535588, kappa = 0.044715
    @inline(__always) func value<T: ActivationFloat>(_ x: T) -> T {
        let inner = T(Self.beta) * (x + T(Self.kappa) * x * x * x)
        return 0.5 * x * (1 + T.actTanh(inner))
    }
    @inline(__always) func gradient<T: ActivationFloat>(_ g: T, _ x: T) -> T {
        let xSquared = x * x
        let inner = T(Self.beta) * (x + T(Self.kappa) * xSquared * x)
        let t = T.actTanh(inner)
        let left = 0.5 * x, right = 1 + t
        let innerDerivative = T(Self.beta) * (1 + 3 * T(Self.kappa) * xSquared)
        return g * (0.5 * right + left * (1 - t * t) * innerDerivative)
    }
}

/// silu: x·σ(x).
struct SiluKernel: ActivationKernel {
    @inline(__always) func value<T: ActivationFloat>(_ x: T) -> T { x / (1 + T.actExp(-x)) }
    @inline(__always) func gradient<T: ActivationFloat>(_ g: T, _ x: T) -> T {
        let s = 1 / (1 + T.actExp(-x))
        return g * s * (1 + x * (1 - s))
    }
}

/// mish: x·tanh(softplus(x)).
struct MishKernel: ActivationKernel {
    @inline(__always) func value<T: ActivationFloat>(_ x: T) -> T { x * T.actTanh(T.actLog1p(T.actExp(x))) }
    @inline(__always) func gradient<T: ActivationFloat>(_ g: T, _ x: T) -> T {
        let s = 1 / (1 + T.actExp(-x))
        let t = T.actTanh(T.actLog1p(T.actExp(x)))
        return g * (t + x * s * (1 - t * t))
    }
}

/// softplus: log(1 + e^(βx))/β, or x where βx > threshold.
struct SoftplusKernel: ActivationKernel {
    let beta: Double, threshold: Double
    @inline(__always) func value<T: ActivationFloat>(_ x: T) -> T {
        let b = T(beta)
        return x * b > T(threshold) ? x : T.actLog1p(T.actExp(x * b)) / b
    }
    @inline(__always) func gradient<T: ActivationFloat>(_ g: T, _ x: T) -> T {
        let b = T(beta)
        if x * b > T(threshold) { return g }
        let z = T.actExp(x * b)
        return g * z / (z + 1)
    }
}

/// logsigmoid: min(0, x) − log1p(e^−|x|), stable for large |x|.
struct LogSigmoidKernel: ActivationKernel {
    @inline(__always) func value<T: ActivationFloat>(_ x: T) -> T {
        let low: T = x < 0 ? x : 0
        return low - T.actLog1p(T.actExp(-Swift.abs(x)))
    }
    @inline(__always) func gradient<T: ActivationFloat>(_ g: T, _ x: T) -> T {
        let negative = x < 0
        let z = T.actExp(-Swift.abs(x))
        return g * ((negative ? 1 : 0) - (negative ? 1 : -1) * (z / (1 + z)))
    }
}

extension Tensor {
    /// Runs `kernel` forward over this float tensor.
    func activationValues<K: ActivationKernel>(_ kernel: K) -> Tensor {
        dtype == .float32 ? elementwise(self, ActivationForward<K, Float>(kernel: kernel))
                          : elementwise(self, ActivationForward<K, Double>(kernel: kernel))
    }

    /// grad · f'(x) in one pass, with this tensor as the gradient and `x` the saved input.
    func activationGradient<K: ActivationKernel>(_ kernel: K, input x: Tensor) throws -> Tensor {
        dtype == .float32 ? try elementwise(self, x, ActivationBackward<K, Float>(kernel: kernel))
                          : try elementwise(self, x, ActivationBackward<K, Double>(kernel: kernel))
    }
}
