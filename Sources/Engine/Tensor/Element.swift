import Foundation

/// A Swift type that can be the element of a tensor's storage.
public protocol Element {
    /// The dtype whose storage holds this type.
    static var dtype: DType { get }
    /// Converts as a C cast does (float to int truncates toward zero).
    init(fromDouble value: Double)
    /// Converts as a C cast does (wrapping for narrower integers).
    init(fromInt64 value: Int64)
    /// This value as a double.
    var asDouble: Double { get }
    /// This value as an int64 (floats truncate toward zero; NaN and out-of-range values give
    /// Int64.min, as x86 does).
    var asInt64: Int64 { get }
    static var zero: Self { get }
    static var one: Self { get }
}

/// Converts a double to Int64 without trapping: x86's `cvttsd2si` gives Int64.min for NaN and
/// out-of-range values, and PyTorch inherits that.
@inline(__always) func truncatingToInt64(_ value: Double) -> Int64 {
    guard value.isFinite, value >= -0x1p63, value < 0x1p63 else { return Int64.min }
    return Int64(value)
}

extension Float: Element {
    public static var dtype: DType { .float32 }
    @inline(__always) public init(fromDouble value: Double) { self = Float(value) }
    @inline(__always) public init(fromInt64 value: Int64) { self = Float(value) }
    @inline(__always) public var asDouble: Double { Double(self) }
    @inline(__always) public var asInt64: Int64 { truncatingToInt64(Double(self)) }
    public static var one: Float { 1 }
}

extension Double: Element {
    public static var dtype: DType { .float64 }
    @inline(__always) public init(fromDouble value: Double) { self = value }
    @inline(__always) public init(fromInt64 value: Int64) { self = Double(value) }
    @inline(__always) public var asDouble: Double { self }
    @inline(__always) public var asInt64: Int64 { truncatingToInt64(self) }
    public static var one: Double { 1 }
}

extension Int64: Element {
    public static var dtype: DType { .int64 }
    @inline(__always) public init(fromDouble value: Double) { self = truncatingToInt64(value) }
    @inline(__always) public init(fromInt64 value: Int64) { self = value }
    @inline(__always) public var asDouble: Double { Double(self) }
    @inline(__always) public var asInt64: Int64 { self }
    public static var one: Int64 { 1 }
}

extension Int32: Element {
    public static var dtype: DType { .int32 }
    /// x86's `cvttsd2si` into 32 bits: Int32.min for NaN and out-of-range values.
    @inline(__always) public init(fromDouble value: Double) {
        guard value.isFinite, value > -2147483649.0, value < 2147483648.0 else { self = Int32.min; return }
        self = Int32(value)
    }
    @inline(__always) public init(fromInt64 value: Int64) { self = Int32(truncatingIfNeeded: value) }
    @inline(__always) public var asDouble: Double { Double(self) }
    @inline(__always) public var asInt64: Int64 { Int64(self) }
    public static var one: Int32 { 1 }
}

extension Bool: Element {
    public static var dtype: DType { .bool }
    @inline(__always) public init(fromDouble value: Double) { self = value != 0 }
    @inline(__always) public init(fromInt64 value: Int64) { self = value != 0 }
    @inline(__always) public var asDouble: Double { self ? 1 : 0 }
    @inline(__always) public var asInt64: Int64 { self ? 1 : 0 }
    public static var zero: Bool { false }
    public static var one: Bool { true }
}

/// Elements with floating-point math: the types of float32 and float64 tensors.
public protocol FloatElement: Element, BinaryFloatingPoint {
    static func exp(_ x: Self) -> Self
    static func log(_ x: Self) -> Self
}

extension Float: FloatElement {
    @inline(__always) public static func exp(_ x: Float) -> Float { Foundation.exp(x) }
    @inline(__always) public static func log(_ x: Float) -> Float { Foundation.log(x) }
}

extension Double: FloatElement {
    @inline(__always) public static func exp(_ x: Double) -> Double { Foundation.exp(x) }
    @inline(__always) public static func log(_ x: Double) -> Double { Foundation.log(x) }
}
