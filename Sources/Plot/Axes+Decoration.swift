/// An axis scale (`xscale`/`yscale`).
public enum Scale: String, Sendable {
    /// `'linear'`.
    case linear
    /// `'log'` (base 10).
    case log

    /// Parses a scale name: `'linear'` and `'log'` are drawn; matplotlib's other scales raise
    /// NotImplementedError; anything else raises matplotlib's ValueError.
    public static func parse(_ name: String) throws -> Scale {
        if let s = Scale(rawValue: name) { return s }
        if ["asinh", "function", "functionlog", "logit", "mercator", "symlog"].contains(name) {
            throw PlotError.notImplemented("the \(pyRepr(name)) axis scale is not supported by Wick's plots (use 'linear' or 'log')")
        }
        throw PlotError.value("\(pyRepr(name)) is not a valid value for scale.")
    }
}

/// Axis limits; a nil end stays automatic (`xlim(left=0)`).
public struct AxisLimits: Equatable, Sendable {
    /// The low end (left or bottom), or nil for automatic.
    public var lower: Double?
    /// The high end, or nil for automatic.
    public var upper: Double?

    /// Limits with either end optional; throws on NaN/inf like matplotlib.
    public init(lower: Double? = nil, upper: Double? = nil) throws {
        for v in [lower, upper].compactMap({ $0 }) where !v.isFinite {
            throw PlotError.value("Axis limits cannot be NaN or Inf")
        }
        self.lower = lower; self.upper = upper
    }

    /// Automatic limits.
    public init() {}
}

/// Tick positions, with optional labels (`xticks(ticks, labels)`).
public struct Ticks: Equatable, Sendable {
    /// Tick positions in data coordinates.
    public var positions: [Double]
    /// Labels, one per position, or nil for numbers.
    public var labels: [String]?

    /// Validates the label count with matplotlib's message.
    public init(positions: [Double], labels: [String]? = nil) throws {
        if let l = labels, l.count != positions.count {
            throw PlotError.value("The number of FixedLocator locations (\(positions.count)), usually from a call to set_ticks, does not match the number of labels (\(l.count)).")
        }
        for p in positions where !p.isFinite { throw PlotError.value("tick locations must be finite, not \(Format.number(p))") }
        self.positions = positions; self.labels = labels
    }
}

/// A legend and where it goes.
public struct Legend: Equatable, Sendable {
    /// matplotlib's location names, in its code order (`loc=0` is `'best'`).
    public static let locations = ["best", "upper right", "upper left", "lower left", "lower right", "right",
                                   "center left", "center right", "lower center", "upper center", "center"]
    /// The location name.
    public var location: String
    /// Explicit entries (`legend(['a', 'b'])`) replacing the series labels, in series order.
    public var labels: [String]?

    /// A legend at `location` (a name or `nil` for `'best'`).
    public init(location: String? = nil, labels: [String]? = nil) throws {
        let loc = location ?? "best"
        guard Legend.locations.contains(loc) else { throw PlotError.value("\(pyRepr(loc)) is not a valid value for loc.") }
        self.location = loc; self.labels = labels
    }

    /// A legend at matplotlib's numeric location code 0…10.
    public init(code: Int, labels: [String]? = nil) throws {
        guard code >= 0, code < Legend.locations.count else { throw PlotError.value("\(code) is not a valid value for loc.") }
        self.location = Legend.locations[code]; self.labels = labels
    }
}

/// A colour bar for the axes' last colour-mapped series.
public struct Colorbar: Equatable, Sendable {
    /// `label=` on the bar.
    public var label: String?
}

extension Axes {
    /// `set_xscale(name)`.
    public func setXScale(_ name: String) throws { xscale = try Scale.parse(name) }
    /// `set_yscale(name)`.
    public func setYScale(_ name: String) throws { yscale = try Scale.parse(name) }
    /// `set_xlim(left, right)`; a nil end keeps its current setting.
    public func setXLim(_ lower: Double?, _ upper: Double?) throws {
        xlim = try AxisLimits(lower: lower ?? xlim.lower, upper: upper ?? xlim.upper)
    }
    /// `set_ylim(bottom, top)`; a nil end keeps its current setting.
    public func setYLim(_ lower: Double?, _ upper: Double?) throws {
        ylim = try AxisLimits(lower: lower ?? ylim.lower, upper: upper ?? ylim.upper)
    }
    /// `set_xticks(ticks, labels)`.
    public func setXTicks(_ positions: [Double], labels: [String]? = nil) throws {
        xticks = try Ticks(positions: positions, labels: labels)
    }
    /// `set_yticks(ticks, labels)`.
    public func setYTicks(_ positions: [Double], labels: [String]? = nil) throws {
        yticks = try Ticks(positions: positions, labels: labels)
    }
    /// `grid(visible)`: nil toggles, like `ax.grid()` with no argument after `grid(True)`.
    public func grid(_ visible: Bool? = nil) { gridVisible = visible ?? !gridVisible }
    /// `legend(loc=, labels)`: shows a legend of the labelled series.
    public func showLegend(location: String? = nil, labels: [String]? = nil) throws {
        legend = try Legend(location: location, labels: labels)
    }

    /// The limits as they will be drawn — `get_xlim()` / `get_ylim()`: explicit limits where set,
    /// else matplotlib's autoscaling (data limits plus 5% margins; none for images and contours,
    /// none below a bar's base; `(0, 1)` for an empty axes; reversed for images and inverted axes).
    public func viewLimits() throws -> (x: (lower: Double, upper: Double), y: (lower: Double, upper: Double)) {
        var r = AxesRenderer(axes: self, scale: RenderScale.of(.png, dpi: 100), data: DataWriter(), format: .png)
        let (x, y) = try r.limits()
        return ((x.0, x.1), (y.0, y.1))
    }

    /// Whether this axes holds a colour-mapped series (`imshow`, `contourf`, `scatter(c=values)`).
    public var hasMappable: Bool {
        series.contains {
            switch $0 {
            case .image(let im): return im.colors == nil
            case .contour: return true
            case .scatter(let s): if case .mapped = s.colors { return true } else { return false }
            default: return false
            }
        }
    }
}
