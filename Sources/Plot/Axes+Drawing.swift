/// How `bar` places each box relative to its x.
public enum BarAlign: String, Sendable {
    /// Centred on x (default).
    case center
    /// Left edge at x.
    case edge
}

extension Axes {
    /// `bar(x, height, width=0.8, bottom=0, align='center', color=, edgecolor=, alpha=, label=)`.
    ///
    /// `width` and `bottom` hold one value (shared) or one per bar.
    @discardableResult
    public func bar(_ x: [Double], _ height: [Double], width: [Double] = [0.8], bottom: [Double] = [0], align: BarAlign = .center,
                    color: Color? = nil, edgeColor: Color? = nil, alpha: Double? = nil, label: String? = nil) throws -> BarSeries {
        try Check.alpha(alpha)
        let n = max(x.count, height.count)
        func spread(_ v: [Double], _ name: String) throws -> [Double] {
            if v.count == n { return v }
            if v.count == 1 { return Array(repeating: v[0], count: n) }
            throw PlotError.value("shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between 'x' with shape \(Check.shape(x.count)) and '\(name)' with shape \(Check.shape(v.count)).")
        }
        let xs = try spread(x, "x"), hs = try spread(height, "height")
        let ws = try spread(width, "width"), bs = try spread(bottom, "bottom")
        let left = align == .center ? zip(xs, ws).map { $0 - $1 / 2 } : xs
        let b = BarSeries(left: left, width: ws, bottom: bs, height: hs, color: color ?? nextPatchColor(),
                          edgeColor: edgeColor, alpha: alpha, label: label)
        series.append(.bars(b))
        return b
    }

    /// `bar(['a', 'b'], heights)`: bars at 0, 1, … with the category names as x tick labels.
    @discardableResult
    public func bar(categories: [String], _ height: [Double], width: [Double] = [0.8], color: Color? = nil,
                    alpha: Double? = nil, label: String? = nil) throws -> BarSeries {
        let positions = (0..<categories.count).map(Double.init)
        let b = try bar(positions, height, width: width, color: color, alpha: alpha, label: label)
        xticks = try Ticks(positions: positions, labels: categories)
        return b
    }

    /// `errorbar(x, y, yerr=, xerr=, fmt=, capsize=, **line properties)`.
    @discardableResult
    public func errorbar(_ x: [Double], _ y: [Double], yerr: ErrorExtent? = nil, xerr: ErrorExtent? = nil, fmt: String? = nil,
                         capSize: Double? = nil, _ properties: LineProperties = LineProperties()) throws -> ErrorbarSeries {
        guard x.count == y.count else {
            throw PlotError.value("x and y must have same first dimension, but have shapes \(Check.shape(x.count)) and \(Check.shape(y.count))")
        }
        for (name, e, ref, refName) in [("yerr", yerr, y, "y"), ("xerr", xerr, x, "x")] {
            guard let e = e else { continue }
            var e2 = e
            if e2.lower.count == 1 { e2.lower = Array(repeating: e2.lower[0], count: ref.count) }
            if e2.upper.count == 1 { e2.upper = Array(repeating: e2.upper[0], count: ref.count) }
            guard e2.lower.count == ref.count, e2.upper.count == ref.count else {
                let shape = e.lower.count == e.upper.count && e.lower != e.upper ? Check.shape(2, e.lower.count) : Check.shape(e.lower.count)
                throw PlotError.value("'\(name)' (shape: \(shape)) must be a scalar or a 1D or (2, n) array-like whose shape matches '\(refName)' (shape: \(Check.shape(ref.count)))")
            }
            if (e2.lower + e2.upper).contains(where: { $0 < 0 }) { throw PlotError.value("'\(name)' must not contain negative values") }
        }
        func filled(_ e: ErrorExtent?, _ n: Int) -> ErrorExtent? {
            guard let e = e else { return nil }
            return ErrorExtent(lower: e.lower.count == 1 ? Array(repeating: e.lower[0], count: n) : e.lower,
                               upper: e.upper.count == 1 ? Array(repeating: e.upper[0], count: n) : e.upper)
        }
        let line = try resolveLine(x: x, y: y, fmt: fmt, properties)
        if let c = capSize, !(c >= 0 && c.isFinite) { throw PlotError.value("capsize must be a non-negative number, not \(Format.number(c))") }
        let s = ErrorbarSeries(line: line, xerr: filled(xerr, x.count), yerr: filled(yerr, y.count), capSize: capSize ?? 0)
        series.append(.errorbar(s))
        return s
    }

    /// `fill_between(x, y1, y2=0, color=, alpha=, label=)`; `y1`/`y2` may hold one value (broadcast).
    @discardableResult
    public func fillBetween(_ x: [Double], _ y1: [Double], _ y2: [Double] = [0], color: Color? = nil,
                            alpha: Double? = nil, label: String? = nil) throws -> FillSeries {
        try Check.alpha(alpha)
        func spread(_ v: [Double], _ name: String) throws -> [Double] {
            if v.count == x.count { return v }
            if v.count == 1 { return Array(repeating: v[0], count: x.count) }
            throw PlotError.value("'x' has size \(x.count), but '\(name)' has an unequal size of \(v.count)")
        }
        let f = FillSeries(x: x, y1: try spread(y1, "y1"), y2: try spread(y2, "y2"), color: color ?? nextPatchColor(),
                           alpha: alpha, label: label)
        series.append(.fill(f))
        return f
    }

    /// `axhline(y=0, xmin=0, xmax=1, **line properties)`: a horizontal line across the axes
    /// (colour `C0` unless given; the cycle does not advance, as in matplotlib).
    @discardableResult
    public func axhline(_ y: Double = 0, xmin: Double = 0, xmax: Double = 1, _ properties: LineProperties = LineProperties()) throws -> ReferenceLine {
        try referenceLine(.horizontal, y, xmin, xmax, properties)
    }

    /// `axvline(x=0, ymin=0, ymax=1, **line properties)`: a vertical line across the axes.
    @discardableResult
    public func axvline(_ x: Double = 0, ymin: Double = 0, ymax: Double = 1, _ properties: LineProperties = LineProperties()) throws -> ReferenceLine {
        try referenceLine(.vertical, x, ymin, ymax, properties)
    }

    private func referenceLine(_ o: ReferenceLine.Orientation, _ v: Double, _ a: Double, _ b: Double, _ p: LineProperties) throws -> ReferenceLine {
        try Check.finite(v, o == .horizontal ? "y" : "x")
        try Check.finite(a, "line start"); try Check.finite(b, "line end")
        try Check.alpha(p.alpha)
        let r = ReferenceLine(orientation: o, value: v, from: a, to: b, color: p.color ?? Color.cycleColor(0),
                              lineStyle: p.lineStyle ?? .solid, lineWidth: p.lineWidth ?? 1.5, alpha: p.alpha, label: p.label)
        series.append(.referenceLine(r))
        return r
    }

    /// `imshow(matrix, cmap=, vmin=, vmax=, alpha=, extent=, origin=)`: a heat map, row 0 at the
    /// top unless `originLower`, pixel centres at 0, 1, … unless `extent` is given.
    @discardableResult
    public func imshow(_ values: [[Double]], cmap: Colormap = .viridis, vmin: Double? = nil, vmax: Double? = nil,
                       alpha: Double? = nil, extent: ImageExtent? = nil, originLower: Bool = false) throws -> ImageSeries {
        try Check.alpha(alpha)
        let (rows, cols) = try Check.rectangular(values, name: "image")
        try Self.checkImageSize(rows, cols)
        let im = ImageSeries(values: values, colors: nil, colormap: cmap, vmin: vmin, vmax: vmax, alpha: alpha,
                             extent: extent, originLower: originLower)
        series.append(.image(im))
        return im
    }

    /// `imshow` of an RGB(A) image: one colour per pixel (the bindings turn 0…1 floats or 0…255
    /// integers into `Color`s).
    @discardableResult
    public func imshow(colors: [[Color]], alpha: Double? = nil, extent: ImageExtent? = nil, originLower: Bool = false) throws -> ImageSeries {
        try Check.alpha(alpha)
        guard let first = colors.first, !first.isEmpty else { throw PlotError.type("Invalid shape (\(colors.count), 0, 3) for image data") }
        guard colors.allSatisfy({ $0.count == first.count }) else {
            throw PlotError.value("setting an array element with a sequence. The requested array has an inhomogeneous shape after 1 dimensions. The detected shape was (\(colors.count),) + inhomogeneous part.")
        }
        try Self.checkImageSize(colors.count, first.count)
        let im = ImageSeries(values: [], colors: colors, colormap: .viridis, vmin: nil, vmax: nil, alpha: alpha,
                             extent: extent, originLower: originLower)
        series.append(.image(im))
        return im
    }

    private static func checkImageSize(_ rows: Int, _ cols: Int) throws {
        guard rows.multipliedReportingOverflow(by: cols).partialValue <= 4_000_000, rows <= 4_000_000, cols <= 4_000_000 else {
            throw PlotError.value("image of shape \(Check.shape(rows, cols)) is too large to draw (at most 4000000 pixels)")
        }
    }

    /// `contour(X, Y, Z, levels=)` or, with `filled`, `contourf`. `x`/`y` are 1-D coordinates
    /// (columns/rows) or full meshgrid matrices; nil means column and row indices.
    @discardableResult
    public func contour(x: GridCoordinates? = nil, y: GridCoordinates? = nil, z: [[Double]], levels: ContourLevels = .count(7),
                        filled: Bool = false, cmap: Colormap = .viridis, color: Color? = nil, lineWidth: Double = 1.5,
                        alpha: Double? = nil) throws -> ContourSeries {
        try Check.alpha(alpha)
        let c = try ContourSeries.make(x: x, y: y, z: z, levels: levels, filled: filled, cmap: cmap, color: color,
                                       lineWidth: lineWidth, alpha: alpha)
        series.append(.contour(c))
        return c
    }

    /// `text(x, y, s, color=, fontsize=, ha=)` in data (or axes-fraction) coordinates.
    public func text(_ x: Double, _ y: Double, _ s: String, color: Color = .black, fontSize: Double = 10,
                     horizontalAlignment: String = "left", coordinates: TextAnnotation.Coordinates = .data) throws {
        try addText(s, x, y, nil, color, fontSize, horizontalAlignment, coordinates)
    }

    /// `annotate(s, xy, xytext=, arrowprops=)`: text at `xytext` (default `xy`), with an arrow to
    /// `xy` when `arrow` is true (any `arrowprops` given).
    public func annotate(_ s: String, xy: (Double, Double), xytext: (Double, Double)? = nil, arrow: Bool = false,
                         color: Color = .black, fontSize: Double = 10) throws {
        let at = xytext ?? xy
        try addText(s, at.0, at.1, arrow ? (xy.0, xy.1) : nil, color, fontSize, "left", .data)
    }

    private func addText(_ s: String, _ x: Double, _ y: Double, _ to: (Double, Double)?, _ color: Color, _ size: Double,
                         _ ha: String, _ coords: TextAnnotation.Coordinates) throws {
        for v in [x, y, to?.0 ?? 0, to?.1 ?? 0] { try Check.finite(v, "text position") }
        guard size > 0, size.isFinite else { throw PlotError.value("fontsize must be a positive number, not \(Format.number(size))") }
        guard ["left", "center", "right"].contains(ha) else {
            throw PlotError.value("\(pyRepr(ha)) is not a valid value for horizontalalignment; supported values are 'center', 'right', 'left'")
        }
        annotations.append(TextAnnotation(text: s, x: x, y: y, coordinates: coords, arrowTo: to.map { (x: $0.0, y: $0.1) },
                                          color: color, fontSize: size, horizontalAlignment: ha))
    }
}
