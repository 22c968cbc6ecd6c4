/// A line's dash pattern, as matplotlib names them (`'-'`, `'--'`, `'-.'`, `':'`, `'None'`).
public enum LineStyle: String, CaseIterable, Sendable {
    /// `'-'` / `'solid'`.
    case solid = "-"
    /// `'--'` / `'dashed'`.
    case dashed = "--"
    /// `'-.'` / `'dashdot'`.
    case dashDot = "-."
    /// `':'` / `'dotted'`.
    case dotted = ":"
    /// `'None'`, `'none'`, `' '`, `''`: no line.
    case none = "None"

    /// Parses a `linestyle=` value; throws matplotlib's `'foo' is not a valid value for ls.`
    public static func parse(_ s: String) throws -> LineStyle {
        switch s {
        case "-", "solid": return .solid
        case "--", "dashed": return .dashed
        case "-.", "dashdot": return .dashDot
        case ":", "dotted": return .dotted
        case "None", "none", " ", "": return .none
        default: throw PlotError.value("\(pyRepr(s)) is not a valid value for ls.")
        }
    }

    /// gnuplot's `dashtype` for this style (`solid`, or a pattern in line widths).
    var gnuplotDash: String {
        switch self {
        case .solid, .none: return "solid"
        case .dashed: return "(8,5)"
        case .dashDot: return "(10,4,2,4)"
        case .dotted: return "(2,4)"
        }
    }
}

/// A point marker, by its matplotlib code (`'o'`, `'s'`, `'^'`, `'x'`, …).
public enum Marker: String, CaseIterable, Sendable {
    case point = ".", pixel = ",", circle = "o", triangleDown = "v", triangleUp = "^"
    case triangleLeft = "<", triangleRight = ">", triDown = "1", triUp = "2", triLeft = "3", triRight = "4"
    case octagon = "8", square = "s", pentagon = "p", star = "*", hexagon = "h", hexagon2 = "H"
    case plus = "+", x = "x", diamond = "D", thinDiamond = "d", vline = "|", hline = "_"
    case plusFilled = "P", xFilled = "X"

    /// Parses a `marker=` value; `'None'`, `'none'`, `' '` and `''` give nil (no marker).
    public static func parse(_ s: String) throws -> Marker? {
        if ["None", "none", " ", ""].contains(s) { return nil }
        guard let m = Marker(rawValue: s) else { throw PlotError.value("Unrecognized marker style \(pyRepr(s))") }
        return m
    }

    /// gnuplot `pointtype` (cairo/svg/dumb numbering) drawing this marker.
    var gnuplotPointType: Int {
        switch self {
        case .point, .pixel, .circle, .octagon: return 7
        case .triangleUp, .triangleLeft, .triangleRight, .triUp: return 9
        case .triangleDown, .triDown, .triLeft, .triRight: return 11
        case .square: return 5
        case .pentagon, .hexagon, .hexagon2: return 15
        case .star: return 3
        case .plus, .plusFilled, .vline, .hline: return 1
        case .x, .xFilled: return 2
        case .diamond, .thinDiamond: return 13
        }
    }

    /// Size factor relative to gnuplot's point size for the same matplotlib markersize.
    var sizeFactor: Double {
        switch self {
        case .point: return 0.5
        case .pixel: return 0.2
        default: return 1
        }
    }
}

/// A parsed matplotlib format string such as `'r--'`, `'o-'`, `'k:'`, `'C1'` or `'^'`.
public struct FormatString: Equatable, Sendable {
    /// The colour it names, if any.
    public var color: Color?
    /// The line style it names; `.none` when only a marker was given (`'o'` draws points only).
    public var lineStyle: LineStyle
    /// The marker it names, if any.
    public var marker: Marker?

    private static let colorLetters: Set<Character> = ["b", "g", "r", "c", "m", "y", "k", "w"]

    /// Parses `fmt` exactly as matplotlib's `_process_plot_format` does, with its error messages.
    public static func parse(_ fmt: String) throws -> FormatString {
        // A whole colour spec ('red', 'C1', '#ff0000', '0.5'), except an integer like '1' (a marker).
        if let c = try? Color.parse(fmt), Int(fmt) == nil {
            return FormatString(color: c, lineStyle: .solid, marker: nil)
        }
        func bad(_ why: String) -> PlotError { PlotError.value("\(pyRepr(fmt)) is not a valid format string (\(why))") }
        var style: LineStyle?, marker: Marker?, color: Color?
        let chars = Array(fmt)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            let two = i + 1 < chars.count ? String(chars[i...(i + 1)]) : ""
            if two == "--" || two == "-." {
                if style != nil { throw bad("two linestyle symbols") }
                style = try LineStyle.parse(two); i += 2
            } else if c == "-" || c == ":" || c == " " {
                if style != nil { throw bad("two linestyle symbols") }
                style = c == " " ? LineStyle.none : try LineStyle.parse(String(c)); i += 1
            } else if let m = Marker(rawValue: String(c)) {
                if marker != nil { throw bad("two marker symbols") }
                marker = m; i += 1
            } else if colorLetters.contains(c) {
                if color != nil { throw bad("two color symbols") }
                color = try Color.parse(String(c)); i += 1
            } else if c == "C" {
                var j = i + 1
                while j < chars.count, chars[j].isASCII, chars[j].isNumber { j += 1 }
                guard j > i + 1, let n = Int(String(chars[(i + 1)..<j])) else { throw bad("'C' must be followed by a number") }
                color = Color.cycleColor(n); i = j
            } else {
                throw bad("unrecognized character \(pyRepr(String(c)))")
            }
        }
        if style == nil && marker == nil { style = .solid }
        return FormatString(color: color, lineStyle: style ?? .none, marker: marker)
    }
}

/// The keyword arguments shared by line-like calls (`plot`, `errorbar`, `axhline`, `axvline`).
public struct LineProperties: Equatable, Sendable {
    /// `color=` (wins over a colour in the format string).
    public var color: Color?
    /// `linestyle=` / `ls=`.
    public var lineStyle: LineStyle?
    /// `marker=`; `.some(nil)` means explicitly no marker.
    public var marker: Marker??
    /// `linewidth=` / `lw=` in points (matplotlib default 1.5).
    public var lineWidth: Double?
    /// `markersize=` / `ms=` in points (matplotlib default 6).
    public var markerSize: Double?
    /// `alpha=` in 0…1.
    public var alpha: Double?
    /// `label=`; labels starting with `_` are left out of the legend, as in matplotlib.
    public var label: String?

    /// Properties with every field unset (matplotlib's defaults apply).
    public init(color: Color? = nil, lineStyle: LineStyle? = nil, marker: Marker?? = nil, lineWidth: Double? = nil,
                markerSize: Double? = nil, alpha: Double? = nil, label: String? = nil) {
        self.color = color; self.lineStyle = lineStyle; self.marker = marker; self.lineWidth = lineWidth
        self.markerSize = markerSize; self.alpha = alpha; self.label = label
    }
}
