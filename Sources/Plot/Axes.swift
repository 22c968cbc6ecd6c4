/// Where an `Axes` sits in its figure: cell `index` (1-based, row-major) of an `nrows` × `ncols` grid.
public struct SubplotSpec: Equatable, Hashable, Sendable {
    /// Grid rows.
    public var nrows: Int
    /// Grid columns.
    public var ncols: Int
    /// 1-based cell number, counting along rows.
    public var index: Int

    /// Validates like matplotlib's `subplot(nrows, ncols, index)`.
    public init(_ nrows: Int, _ ncols: Int, _ index: Int) throws {
        guard nrows > 0 else { throw PlotError.value("Number of rows must be a positive integer, not \(nrows)") }
        guard ncols > 0 else { throw PlotError.value("Number of columns must be a positive integer, not \(ncols)") }
        guard nrows <= 1000, ncols <= 1000 else { throw PlotError.value("subplot grid \(nrows)x\(ncols) is too large (at most 1000 rows and columns)") }
        guard index >= 1, index <= nrows * ncols else {
            throw PlotError.value("num must be an integer with 1 <= num <= \(nrows * ncols), not \(index)")
        }
        self.nrows = nrows; self.ncols = ncols; self.index = index
    }

    /// The one full-figure cell, `(1, 1, 1)`.
    public static let single = SubplotSpec(unchecked: 1, 1, 1)

    private init(unchecked nrows: Int, _ ncols: Int, _ index: Int) {
        self.nrows = nrows; self.ncols = ncols; self.index = index
    }

    /// Zero-based row of the cell.
    public var row: Int { (index - 1) / ncols }
    /// Zero-based column of the cell.
    public var column: Int { (index - 1) % ncols }
}

/// One plotting area: its series, text and decoration (matplotlib's `Axes`).
///
/// Drawing methods validate their inputs with matplotlib's error messages, resolve styles (the
/// colour cycle included) and append a `Series`; nothing is rendered until the figure is saved.
public final class Axes {
    /// Position in the figure's grid.
    public let spec: SubplotSpec
    /// Everything drawn, in drawing order (settable, for `Line2D.set_data`, `set_label`, …).
    public var series: [Series] = []
    /// `text` and `annotate` items.
    public var annotations: [TextAnnotation] = []
    /// `axis('on'/'off')`: false hides the frame, ticks, tick labels, axis labels and grid.
    public var axisVisible = true
    /// `set_aspect`: true for `'equal'`, false for `'auto'`, nil for automatic (equal under `imshow`).
    public var equalAspect: Bool?
    /// `invert_xaxis()`: the x axis runs from high to low.
    public var xInverted = false
    /// `invert_yaxis()`: the y axis runs from high to low (flips `imshow`'s top-down rows back).
    public var yInverted = false
    /// `xticks(rotation=)` in degrees, counter-clockwise.
    public var xtickRotation: Double?
    /// `set_title`.
    public var title: String?
    /// `set_xlabel`.
    public var xlabel: String?
    /// `set_ylabel`.
    public var ylabel: String?
    /// `set_xlim` (either end may stay automatic).
    public var xlim = AxisLimits()
    /// `set_ylim`.
    public var ylim = AxisLimits()
    /// `set_xscale`.
    public var xscale: Scale = .linear
    /// `set_yscale`.
    public var yscale: Scale = .linear
    /// The legend, once `legend()` was called.
    public var legend: Legend?
    /// `grid(True)`.
    public var gridVisible = false
    /// `set_xticks` (positions and optional labels).
    public var xticks: Ticks?
    /// `set_yticks`.
    public var yticks: Ticks?
    /// The colour bar drawn beside this axes (`colorbar()`), if any.
    public var colorbar: Colorbar?

    var lineCycle = 0
    var patchCycle = 0

    /// A fresh, empty axes at `spec`.
    public init(spec: SubplotSpec) {
        self.spec = spec
    }

    /// The next colour of the line cycle (`plot`, `hist`, `errorbar` advance it).
    public func nextLineColor() -> Color {
        defer { lineCycle += 1 }
        return Color.cycleColor(lineCycle)
    }

    /// The next colour of the patch cycle (`bar`, `scatter`, `fill_between` advance it).
    public func nextPatchColor() -> Color {
        defer { patchCycle += 1 }
        return Color.cycleColor(patchCycle)
    }

    /// `cla()`: removes everything drawn and resets decoration and the colour cycles.
    public func clear() {
        series = []; annotations = []; title = nil; xlabel = nil; ylabel = nil
        xlim = AxisLimits(); ylim = AxisLimits(); xscale = .linear; yscale = .linear
        legend = nil; gridVisible = false; xticks = nil; yticks = nil; colorbar = nil; axisVisible = true
        equalAspect = nil; xInverted = false; yInverted = false; xtickRotation = nil
        lineCycle = 0; patchCycle = 0
    }

    /// `plot(x, y, fmt, **kwargs)` for one series (`x` nil means `0..<y.count`).
    ///
    /// Throws matplotlib's `x and y must have same first dimension, …` on a length mismatch.
    @discardableResult
    public func plot(_ x: [Double]?, _ y: [Double], fmt: String? = nil, _ properties: LineProperties = LineProperties()) throws -> LineSeries {
        let xs = x ?? (0..<y.count).map(Double.init)
        guard xs.count == y.count else {
            throw PlotError.value("x and y must have same first dimension, but have shapes \(Check.shape(xs.count)) and \(Check.shape(y.count))")
        }
        let line = try resolveLine(x: xs, y: y, fmt: fmt, properties)
        series.append(.line(line))
        return line
    }

    /// Applies `fmt` then keyword properties (keywords win), taking the cycle colour if none is set.
    func resolveLine(x: [Double], y: [Double], fmt: String?, _ p: LineProperties, defaultStyle: LineStyle = .solid) throws -> LineSeries {
        try Check.alpha(p.alpha)
        for v in [p.lineWidth, p.markerSize].compactMap({ $0 }) where !(v >= 0 && v.isFinite) {
            throw PlotError.value("line widths and marker sizes must be non-negative finite numbers, not \(Format.number(v))")
        }
        var style = defaultStyle, marker: Marker?, color: Color?
        if let f = fmt {
            let parsed = try FormatString.parse(f)
            style = parsed.lineStyle; marker = parsed.marker; color = parsed.color
        }
        if let m = p.marker {
            marker = m
            if fmt == nil, p.lineStyle == nil { style = .solid }
        }
        if let s = p.lineStyle { style = s }
        let c = p.color ?? color ?? nextLineColor()
        return LineSeries(x: x, y: y, color: c, lineStyle: style, marker: marker, lineWidth: p.lineWidth ?? 1.5,
                          markerSize: p.markerSize ?? 6, alpha: p.alpha, label: p.label)
    }

    /// `scatter(x, y, c=, s=, marker=, cmap=, vmin=, vmax=, alpha=, label=)`.
    ///
    /// `sizes` has one entry (all points) or one per point, in points² (default 36).
    @discardableResult
    public func scatter(_ x: [Double], _ y: [Double], colors: ScatterColors? = nil, sizes: [Double]? = nil,
                        marker: Marker = .circle, cmap: Colormap = .viridis, vmin: Double? = nil, vmax: Double? = nil,
                        alpha: Double? = nil, label: String? = nil) throws -> ScatterSeries {
        guard x.count == y.count else { throw PlotError.value("x and y must be the same size") }
        try Check.alpha(alpha)
        let n = x.count
        var s = sizes ?? [36]
        if s.count == 1 { s = Array(repeating: s[0], count: n) }
        guard s.count == n else { throw PlotError.value("s (size \(s.count)) cannot be broadcast to match x and y (size \(n))") }
        let resolved: ScatterColors
        switch colors {
        case nil: resolved = .uniform(nextPatchColor())
        case .uniform(let c)?: resolved = .uniform(c)
        case .mapped(let v)?:
            guard v.count == n else {
                throw PlotError.value("'c' argument has \(v.count) elements, which is inconsistent with 'x' and 'y' with size \(n).")
            }
            resolved = .mapped(v)
        case .perPoint(let cs)?:
            guard cs.count == n else {
                throw PlotError.value("'c' argument has \(cs.count) elements, which is inconsistent with 'x' and 'y' with size \(n).")
            }
            resolved = .perPoint(cs)
        }
        let sc = ScatterSeries(x: x, y: y, colors: resolved, sizes: s, marker: marker, colormap: cmap,
                               vmin: vmin, vmax: vmax, alpha: alpha, label: label)
        series.append(.scatter(sc))
        return sc
    }

    /// `hist(data, bins=, range=, density=, color=, alpha=, label=)`: counts like `numpy.histogram`
    /// (matplotlib's default 10 bins), draws them as touching bars and returns counts and edges.
    @discardableResult
    public func hist(_ data: [Double], bins: HistogramBins = .count(10), range: (Double, Double)? = nil, density: Bool = false,
                     color: Color? = nil, alpha: Double? = nil, label: String? = nil) throws -> Histogram {
        try Check.alpha(alpha)
        let h = try Histogram(data, bins: bins, range: range, density: density)
        let c = color ?? nextLineColor()
        let n = h.counts.count
        let widths = (0..<n).map { h.edges[$0 + 1] - h.edges[$0] }
        series.append(.bars(BarSeries(left: Array(h.edges.prefix(n)), width: widths, bottom: Array(repeating: 0, count: n),
                                      height: h.counts, color: c, edgeColor: nil, alpha: alpha, label: label)))
        return h
    }
}
