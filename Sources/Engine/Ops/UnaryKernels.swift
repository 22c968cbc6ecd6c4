import Foundation

/// Element kernels behind the unary ops: a vectorisable float32 `exp` (libm's `expf` is a
/// call per element, which the compiler cannot vectorise), sigmoid, and the fused backward
/// kernels PyTorch has for its activations (`sigmoid_backward`, `tanh_backward`,
/// `threshold_backward`), each one pass over memory.

/// float32 e^x to within one ulp (Cephes' polynomial on x − n·ln2), written with selects and
/// bit arithmetic only so that loops calling it vectorise. NaN propagates; results overflow
/// to +inf past 88.72 and underflow through the subnormals to 0 below −103.97, like `expf`.
@inline(__always)
func vectorExp(_ x: Float) -> Float {
    // Clamp without losing NaN (comparisons with NaN are false, so NaN passes through).
    var v = x > 88.8 ? 88.8 : x
    v = v < -104 ? -104 : v
    // n = round(v / ln2) with the 1.5·2^23 trick; its low bits hold n as an integer.
    let shifter: Float = 12_582_912
    let shifted = v * 1.442_695_04 + shifter
    let n = shifted - shifter
    var r = v - n * 0.693_359_375
    r = r - n * -2.121_944_4e-4
    var p: Float = 1.987_569_15e-4
    p = p * r + 1.398_199_95e-3
    p = p * r + 8.333_451_9e-3
    p = p * r + 4.166_579_6e-2
    p = p * r + 1.666_666_55e-1
    p = p * r + 5.000_000_1e-1
    let y = p * r * r + r + 1
    // Scale by 2^n as 2^(n/2) · 2^(n − n/2): both factors stay normal for n in [−150, 128].
    let k = Int32(bitPattern: shifted.bitPattern &- 0x4B40_0000)
    let k1 = k >> 1, k2 = k &- (k >> 1)
    let s1 = Float(bitPattern: UInt32(bitPattern: (k1 &+ 127) << 23))
    let s2 = Float(bitPattern: UInt32(bitPattern: (k2 &+ 127) << 23))
    return y * s1 * s2
}

/// float32 e^x (`vectorExp`).
struct ExpFloat: UnaryFunction {
    @inline(__always) func callAsFunction(_ x: Float) -> Float { vectorExp(x) }
}

/// float32 logistic function as PyTorch computes it, 1 / (1 + e^−x).
struct SigmoidFloat: UnaryFunction {
    @inline(__always) func callAsFunction(_ x: Float) -> Float { 1 / (1 + vectorExp(-x)) }
}

/// float64 logistic function, 1 / (1 + e^−x).
struct SigmoidDouble: UnaryFunction {
    @inline(__always) func callAsFunction(_ x: Double) -> Double { 1 / (1 + Foundation.exp(-x)) }
}

/// relu as clamp_min(x, 0) computes it, `0 > x ? 0 : x`: NaN and −0.0 pass through.
struct Relu<T: Element & BinaryFloatingPoint>: UnaryFunction {
    @inline(__always) func callAsFunction(_ x: T) -> T { 0 > x ? 0 : x }
}

/// `sigmoid_backward`: grad · (1 − y) · y.
struct SigmoidGradient<T: Element & BinaryFloatingPoint>: BinaryFunction {
    @inline(__always) func callAsFunction(_ g: T, _ y: T) -> T { g * (1 - y) * y }
}

/// `tanh_backward`: grad · (1 − y²).
struct TanhGradient<T: Element & BinaryFloatingPoint>: BinaryFunction {
    @inline(__always) func callAsFunction(_ g: T, _ y: T) -> T { g * (1 - y * y) }
}

/// `threshold_backward(grad, y, 0)`: 0 where y ≤ 0, else the gradient (also where y is NaN).
struct ThresholdGradient<T: Element & BinaryFloatingPoint>: BinaryFunction {
    @inline(__always) func callAsFunction(_ g: T, _ y: T) -> T { y <= 0 ? 0 : g }
}

/// Whether a backward formula must be built from differentiable tensor ops (higher-order
/// gradients are being recorded), rather than run as one fused kernel.
@inline(__always)
func recordsGraph(_ tensors: Tensor...) -> Bool { needsGrad(tensors) }

/// `sigmoid_backward(grad, y)` in one pass.
func sigmoidBackward(_ g: Tensor, _ y: Tensor) throws -> Tensor {
    if recordsGraph(g, y) || g.dtype != y.dtype { return try g.mul(y.rsub(1)).mul(y) }
    if y.dtype == .float32 { return try elementwise(g, y, SigmoidGradient<Float>()) }
    return try elementwise(g, y, SigmoidGradient<Double>())
}

/// `tanh_backward(grad, y)` in one pass.
func tanhBackward(_ g: Tensor, _ y: Tensor) throws -> Tensor {
    if recordsGraph(g, y) || g.dtype != y.dtype { return try g.mul(y.mul(y).rsub(1)) }
    if y.dtype == .float32 { return try elementwise(g, y, TanhGradient<Float>()) }
    return try elementwise(g, y, TanhGradient<Double>())
}

/// `threshold_backward(grad, y, 0)` in one pass (relu's backward).
func thresholdBackward(_ g: Tensor, _ y: Tensor) throws -> Tensor {
    if recordsGraph(g, y) || g.dtype != y.dtype { return try Tensor.where(y.le(0), 0, g) }
    if y.dtype == .float32 { return try elementwise(g, y, ThresholdGradient<Float>()) }
    return try elementwise(g, y, ThresholdGradient<Double>())
}

extension Tensor {
    /// This tensor, or for integer and bool tensors a copy in the default float dtype, as
    /// PyTorch promotes them for float-only ops.
    var promotedToFloat: Tensor { dtype.isFloatingPoint ? self : contiguousCopy(dtype: DType.defaultFloat) }

    /// Applies a floating-point closure elementwise (integer and bool tensors promote to the
    /// default float dtype). `threaded` splits big tensors across cores: worth it for libm calls.
    @inline(__always)
    func floatMap(threaded: Bool = false, _ f32: (Float) -> Float, _ f64: (Double) -> Double) -> Tensor {
        let x = promotedToFloat
        if x.dtype == .float32 { return unaryMap(x, Float.self, Float.self, threaded: threaded, f32) }
        return unaryMap(x, Double.self, Double.self, threaded: threaded, f64)
    }

    /// Applies element-function types (threaded, vectorised) to a floating-point tensor
    /// (integer and bool tensors promote to the default float dtype).
    @inline(__always)
    func floatMap<F: UnaryFunction, D: UnaryFunction>(_ f32: F, _ f64: D) -> Tensor
        where F.Input == Float, F.Output == Float, D.Input == Double, D.Output == Double {
        let x = promotedToFloat
        return x.dtype == .float32 ? elementwise(x, f32) : elementwise(x, f64)
    }

    /// Applies a dtype-preserving function elementwise to a float, int64 or int32 tensor (bool
    /// tensors are read as int64; ops that refuse bools check first).
    @inline(__always)
    func numericMap(_ f32: (Float) -> Float, _ f64: (Double) -> Double,
                    _ i64: (Int64) -> Int64, _ i32: (Int32) -> Int32) -> Tensor {
        switch dtype {
        case .float32: return unaryMap(self, Float.self, Float.self, f32)
        case .float64: return unaryMap(self, Double.self, Double.self, f64)
        case .int64: return unaryMap(self, Int64.self, Int64.self, i64)
        case .int32: return unaryMap(self, Int32.self, Int32.self, i32)
        case .bool: return unaryMap(contiguousCopy(dtype: .int64), Int64.self, Int64.self, i64)
        }
    }

    /// PyTorch's "not implemented for 'Bool'" error of kernel `kernel`.
    func rejectBool(_ kernel: String) throws {
        if dtype == .bool { throw TensorError.notImplemented("\"\(kernel)\" not implemented for 'Bool'") }
    }
}
