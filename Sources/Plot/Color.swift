import Foundation

/// An sRGB colour with optional alpha, as matplotlib's `to_rgba` understands colours.
public struct Color: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// Red, 0…1.
    public var red: Double
    /// Green, 0…1.
    public var green: Double
    /// Blue, 0…1.
    public var blue: Double
    /// Opacity 0…1, or nil when the colour does not set one (the series' `alpha` then applies).
    public var alpha: Double?

    /// Makes a colour from 0…1 components; throws matplotlib's error when one is out of range.
    public init(red: Double, green: Double, blue: Double, alpha: Double? = nil) throws {
        for v in [red, green, blue, alpha ?? 1] where !(v >= 0 && v <= 1) {
            throw PlotError.value("RGBA values should be within 0-1 range")
        }
        self.red = red; self.green = green; self.blue = blue; self.alpha = alpha
    }

    init(hex6 value: UInt32) {
        red = Double((value >> 16) & 0xff) / 255
        green = Double((value >> 8) & 0xff) / 255
        blue = Double(value & 0xff) / 255
        alpha = nil
    }

    /// matplotlib's default property cycle, `C0`…`C9` (the tab10 colours).
    public static let cycle: [Color] = [
        0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd,
        0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf,
    ].map { Color(hex6: $0) }

    /// Black (`'k'`).
    public static let black = Color(hex6: 0x000000)
    /// White (`'w'`).
    public static let white = Color(hex6: 0xffffff)

    /// `C<n>`: the n-th colour of the default cycle (taken modulo 10, as matplotlib does).
    public static func cycleColor(_ n: Int) -> Color {
        let i = ((n % cycle.count) + cycle.count) % cycle.count
        return cycle[i]
    }

    /// Parses a matplotlib colour string: a name (`'red'`, `'tab:blue'`, `'r'`), `'C3'`,
    /// `'#rgb'`, `'#rgba'`, `'#rrggbb'`, `'#rrggbbaa'`, or a grey level such as `'0.5'`.
    public static func parse(_ spec: String) throws -> Color {
        if let c = try? parseOrNil(spec) { return c }
        throw PlotError.value("\(pyRepr(spec)) is not a valid value for color: supported inputs are (r, g, b) and (r, g, b, a) 0-1 float tuples; '#rrggbb', '#rrggbbaa', '#rgb', '#rgba' strings; named color strings; string reprs of 0-1 floats for grayscale values; 'C0', 'C1', ... strings for colors of the color cycle; and pairs combining one of the above with an alpha value")
    }

    private static func parseOrNil(_ spec: String) throws -> Color? {
        // Single-letter names and `C<n>` are case-sensitive in matplotlib; longer names are not.
        let s = spec.count == 1 ? spec : spec.lowercased()
        if s.hasPrefix("#") { return hex(String(s.dropFirst())) }
        if spec.count >= 2, spec.first == "C", spec.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }) {
            return cycleColor(Int(spec.dropFirst()) ?? 0)
        }
        if let hex = namedHex[s], let c = Self.hex(String(hex.dropFirst())) { return c }
        let trimmed = s.trimmingCharacters(in: .whitespaces)
        if let grey = Double(trimmed), grey >= 0, grey <= 1, !trimmed.isEmpty {
            return try Color(red: grey, green: grey, blue: grey)
        }
        return nil
    }

    private static func hex(_ digits: String) -> Color? {
        guard digits.allSatisfy(\.isHexDigit) else { return nil }
        var expanded = digits
        if digits.count == 3 || digits.count == 4 { expanded = String(digits.flatMap { [$0, $0] }) }
        guard expanded.count == 6 || expanded.count == 8, let v = UInt64(expanded, radix: 16) else { return nil }
        if expanded.count == 6 { return Color(hex6: UInt32(v)) }
        var c = Color(hex6: UInt32(v >> 8))
        c.alpha = Double(v & 0xff) / 255
        return c
    }

    /// `v` clamped to 0…1 (NaN → 0), so a hand-edited component can never trap a conversion.
    static func unit(_ v: Double) -> Double { v.isNaN ? 0 : min(max(v, 0), 1) }

    /// `v` as a byte 0…255.
    static func byte(_ v: Double) -> Int { Int((unit(v) * 255).rounded()) }

    /// `0xAARRGGBB` with AA the transparency, for gnuplot's `lc rgb variable`.
    func argb(alpha: Double) -> UInt32 {
        UInt32(Color.byte(1 - Color.unit(alpha))) << 24 | UInt32(Color.byte(red)) << 16
            | UInt32(Color.byte(green)) << 8 | UInt32(Color.byte(blue))
    }

    /// `#rrggbb` (alpha not included).
    public var hex: String {
        String(format: "#%02x%02x%02x", Color.byte(red), Color.byte(green), Color.byte(blue))
    }

    /// `#rrggbb`, or `#rrggbbaa` when an alpha is set.
    public var description: String {
        guard let a = alpha else { return hex }
        return hex + String(format: "%02x", Color.byte(a))
    }

    /// gnuplot's `rgb '#AARRGGBB'` form, where AA is transparency (00 opaque), combining this
    /// colour's alpha with `alpha` from the series (the series alpha wins, like matplotlib).
    func gnuplot(alpha seriesAlpha: Double? = nil) -> String {
        let a = seriesAlpha ?? alpha ?? 1
        let t = Color.byte(1 - Color.unit(a))
        if t == 0 { return "rgb '\(hex)'" }
        return "rgb '#" + String(format: "%02x", t) + hex.dropFirst() + "'"
    }
}

/// Python's `repr` of a string: single quotes unless the text holds one and no double quote.
func pyRepr(_ s: String) -> String {
    let quote: Character = s.contains("'") && !s.contains("\"") ? "\"" : "'"
    var out = String(quote)
    for ch in s.unicodeScalars {
        switch ch {
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if Character(ch) == quote { out += "\\\(quote)" }
            else if ch.value < 0x20 || ch.value == 0x7f { out += String(format: "\\x%02x", ch.value) }
            else { out.unicodeScalars.append(ch) }
        }
    }
    out.append(quote)
    return out
}
