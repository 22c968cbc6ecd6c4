import Foundation

/// The arithmetic kernels behind add, sub, mul and div: float arithmetic as element-function
/// types (so big tensors are split across threads with the loop vectorised), integer and
/// bool arithmetic as closures, and PyTorch's rounding-mode division.

/// a + b.
struct Add<T: Element & BinaryFloatingPoint>: BinaryFunction {
    @inline(__always) func callAsFunction(_ a: T, _ b: T) -> T { a + b }
}

/// a + alpha·b (PyTorch's `add` with `alpha`).
struct AddScaled<T: Element & BinaryFloatingPoint>: BinaryFunction {
    let alpha: T
    @inline(__always) func callAsFunction(_ a: T, _ b: T) -> T { a + alpha * b }
}

/// a · b.
struct Mul<T: Element & BinaryFloatingPoint>: BinaryFunction {
    @inline(__always) func callAsFunction(_ a: T, _ b: T) -> T { a * b }
}

/// a / b.
struct Div<T: Element & BinaryFloatingPoint>: BinaryFunction {
    @inline(__always) func callAsFunction(_ a: T, _ b: T) -> T { a / b }
}

/// a + alpha·b in `dtype` (both already converted).
func addKernel(_ a: Tensor, _ b: Tensor, _ alpha: Scalar, _ dtype: DType) throws -> Tensor {
    switch dtype {
    case .float32:
        if alpha.doubleValue == 1 { return try elementwise(a, b, Add<Float>()) }
        return try elementwise(a, b, AddScaled<Float>(alpha: Float(alpha.doubleValue)))
    case .float64:
        if alpha.doubleValue == 1 { return try elementwise(a, b, Add<Double>()) }
        return try elementwise(a, b, AddScaled<Double>(alpha: alpha.doubleValue))
    case .int64:
        let s = alpha.int64Value
        return try binaryMap(a, b, Int64.self, Int64.self, Int64.self) { $0 &+ s &* $1 }
    case .int32:
        let s = Int32(truncatingIfNeeded: alpha.int64Value)
        return try binaryMap(a, b, Int32.self, Int32.self, Int32.self) { $0 &+ s &* $1 }
    case .bool:
        let s = alpha.doubleValue != 0
        return try binaryMap(a, b, Bool.self, Bool.self, Bool.self) { $0 || (s && $1) }
    }
}

/// a · b in `dtype` (both already converted).
func mulKernel(_ a: Tensor, _ b: Tensor, _ dtype: DType) throws -> Tensor {
    switch dtype {
    case .float32: return try elementwise(a, b, Mul<Float>())
    case .float64: return try elementwise(a, b, Mul<Double>())
    case .int64: return try binaryMap(a, b, Int64.self, Int64.self, Int64.self) { $0 &* $1 }
    case .int32: return try binaryMap(a, b, Int32.self, Int32.self, Int32.self) { $0 &* $1 }
    case .bool: return try binaryMap(a, b, Bool.self, Bool.self, Bool.self) { $0 && $1 }
    }
}

/// a / b in `dtype` with PyTorch's rounding modes; integer division by zero is an error.
func divKernel(_ a: Tensor, _ b: Tensor, _ dtype: DType, _ mode: String?) throws -> Tensor {
    guard mode == nil || mode == "trunc" || mode == "floor" else {
        throw TensorError.runtime("div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '\(mode ?? "")'")
    }
    switch dtype {
    case .float32:
        switch mode {
        case "trunc": return try binaryMap(a, b, Float.self, Float.self, Float.self) { ($0 / $1).rounded(.towardZero) }
        case "floor": return try binaryMap(a, b, Float.self, Float.self, Float.self) { floorDivide($0, $1) }
        default: return try elementwise(a, b, Div<Float>())
        }
    case .float64:
        switch mode {
        case "trunc": return try binaryMap(a, b, Double.self, Double.self, Double.self) { ($0 / $1).rounded(.towardZero) }
        case "floor": return try binaryMap(a, b, Double.self, Double.self, Double.self) { floorDivide($0, $1) }
        default: return try elementwise(a, b, Div<Double>())
        }
    case .int64, .int32, .bool:
        if dtype == .bool {
            throw TensorError.notImplemented("\"div_\(mode ?? "true")_cpu\" not implemented for 'Bool'")
        }
        try checkNoZeroDivisor(b)
        let floor = mode == "floor"
        if dtype == .int64 { return try binaryMap(a, b, Int64.self, Int64.self, Int64.self) { intDivide($0, $1, floor: floor) } }
        return try binaryMap(a, b, Int32.self, Int32.self, Int32.self) { intDivide($0, $1, floor: floor) }
    }
}

/// Integer division and remainder by zero raise, as PyTorch's integer kernels do.
func checkNoZeroDivisor(_ b: Tensor) throws {
    if b.toArray(Int64.self).contains(0) { throw TensorError.runtime("ZeroDivisionError") }
}

/// Truncating or flooring integer division (the divisor is non-zero; `min / -1` wraps).
@inline(__always)
func intDivide<T: FixedWidthInteger>(_ x: T, _ y: T, floor: Bool) -> T {
    let (q, overflow) = x.dividedReportingOverflow(by: y)
    if overflow { return x }
    if floor && (x % y != 0) && ((x < 0) != (y < 0)) { return q &- 1 }
    return q
}

/// Python-style floor division of floats, as PyTorch's `div_floor_floating` computes it.
@inline(__always)
func floorDivide<T: BinaryFloatingPoint>(_ a: T, _ b: T) -> T {
    if b == 0 { return a / b }
    let mod = a.truncatingRemainder(dividingBy: b)
    var div = (a - mod) / b
    if mod != 0 && (b < 0) != (mod < 0) { div -= 1 }
    if div == 0 { return T(signOf: a / b, magnitudeOf: 0) }
    var floored = div.rounded(.down)
    if div - floored > 0.5 { floored += 1 }
    return floored
}
