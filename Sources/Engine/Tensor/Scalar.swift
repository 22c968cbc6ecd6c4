/// A Python number as an argument of a tensor op: its kind takes part in type promotion
/// (an int tensor times `2.5` is float32; a float32 tensor times `2` stays float32).
public enum Scalar: Sendable, Equatable, CustomStringConvertible {
    case bool(Bool)
    case int(Int64)
    case double(Double)

    /// The value as a double.
    public var doubleValue: Double {
        switch self {
        case .bool(let b): return b ? 1 : 0
        case .int(let i): return Double(i)
        case .double(let d): return d
        }
    }

    /// The value as an int64 (doubles truncate toward zero, without trapping).
    public var int64Value: Int64 {
        switch self {
        case .bool(let b): return b ? 1 : 0
        case .int(let i): return i
        case .double(let d): return truncatingToInt64(d)
        }
    }

    /// The dtype a tensor made from this value alone would get.
    public var defaultDType: DType {
        switch self {
        case .bool: return .bool
        case .int: return .int64
        case .double: return DType.defaultFloat
        }
    }

    /// True for `.double`.
    public var isFloatingPoint: Bool { if case .double = self { return true } else { return false } }

    /// Python's repr of the number.
    public var description: String {
        switch self {
        case .bool(let b): return b ? "True" : "False"
        case .int(let i): return String(i)
        case .double(let d): return formatPythonFloat(d)
        }
    }
}

extension Scalar: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

/// Python's `repr(float)`: the shortest string that round-trips, `.0` on integral values,
/// exponent form below 1e-4 and from 1e16 on, and `inf`/`nan` spelled as Python spells them.
public func formatPythonFloat(_ d: Double) -> String {
    if d.isNaN { return "nan" }
    if d.isInfinite { return d < 0 ? "-inf" : "inf" }
    if d == 0 { return d.sign == .minus ? "-0.0" : "0.0" }
    let (digits, pointPos, negative) = shortestDigits(d)
    let sign = negative ? "-" : ""
    if pointPos > 16 || pointPos < -3 {
        var mantissa = String(digits.prefix(1))
        if digits.count > 1 { mantissa += "." + digits.dropFirst() }
        let exponent = pointPos - 1
        let e = String(Swift.abs(exponent))
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (e.count < 2 ? "0" + e : e)
    }
    if pointPos <= 0 {
        return sign + "0." + String(repeating: "0", count: -pointPos) + digits
    }
    if pointPos >= digits.count {
        return sign + digits + String(repeating: "0", count: pointPos - digits.count) + ".0"
    }
    let i = digits.index(digits.startIndex, offsetBy: pointPos)
    return sign + digits[..<i] + "." + digits[i...]
}

/// The shortest round-trip decimal digits of a finite nonzero double and the position of the
/// decimal point relative to them (|value| = 0.DIGITS × 10^pointPos).
func shortestDigits(_ d: Double) -> (digits: String, pointPos: Int, negative: Bool) {
    var s = "\(Swift.abs(d))"
    var exponent = 0
    if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
        exponent = Int(s[s.index(after: e)...]) ?? 0
        s = String(s[..<e])
    }
    let parts = s.split(separator: ".", omittingEmptySubsequences: false)
    let intPart = parts.first.map(String.init) ?? ""
    let fracPart = parts.count > 1 ? String(parts[1]) : ""
    var digits = intPart + fracPart
    var pointPos = intPart.count + exponent
    while digits.hasPrefix("0") && digits.count > 1 { digits.removeFirst(); pointPos -= 1 }
    while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
    return (digits, pointPos, d.sign == .minus)
}
