/// One thing drawn on an `Axes`, with every style resolved (cycle colours already assigned).
public enum Series: Equatable, Sendable {
    /// `plot`: a polyline and/or markers.
    case line(LineSeries)
    /// `scatter`: points with per-point colours and sizes.
    case scatter(ScatterSeries)
    /// `bar` and `hist`: filled boxes.
    case bars(BarSeries)
    /// `errorbar`: a line with x and/or y error bars.
    case errorbar(ErrorbarSeries)
    /// `fill_between`: the band between two curves.
    case fill(FillSeries)
    /// `axhline` / `axvline`.
    case referenceLine(ReferenceLine)
    /// `imshow`: a heat map.
    case image(ImageSeries)
    /// `contour` / `contourf`.
    case contour(ContourSeries)

    /// The legend label, when the series has one that matplotlib would show (not starting with `_`).
    public var legendLabel: String? {
        let label: String?
        switch self {
        case .line(let s): label = s.label
        case .scatter(let s): label = s.label
        case .bars(let s): label = s.label
        case .errorbar(let s): label = s.line.label
        case .fill(let s): label = s.label
        case .referenceLine(let s): label = s.label
        case .image, .contour: label = nil
        }
        guard let l = label, !l.hasPrefix("_") else { return nil }
        return l
    }
}

/// A line drawn by `plot`.
public struct LineSeries: Equatable, Sendable {
    /// x coordinates (0, 1, … for `plot(y)`).
    public var x: [Double]
    /// y coordinates, same count as `x`.
    public var y: [Double]
    /// Resolved colour.
    public var color: Color
    /// Dash pattern; `.none` draws markers only.
    public var lineStyle: LineStyle
    /// Marker, if any.
    public var marker: Marker?
    /// Line width in points.
    public var lineWidth: Double
    /// Marker size in points.
    public var markerSize: Double
    /// Opacity, if set.
    public var alpha: Double?
    /// Legend label.
    public var label: String?
}

/// How a scatter's points are coloured.
public enum ScatterColors: Equatable, Sendable {
    /// One colour for every point (`c='red'`, `color=`, or the cycle colour).
    case uniform(Color)
    /// Numbers mapped through the colour map (`c=values, cmap=`).
    case mapped([Double])
    /// One explicit colour per point.
    case perPoint([Color])
}

/// Points drawn by `scatter`.
public struct ScatterSeries: Equatable, Sendable {
    /// x coordinates.
    public var x: [Double]
    /// y coordinates.
    public var y: [Double]
    /// Colours.
    public var colors: ScatterColors
    /// Marker areas in points² (matplotlib's `s=`, default 36), one per point.
    public var sizes: [Double]
    /// Marker (default `'o'`).
    public var marker: Marker
    /// Colour map for `.mapped` colours.
    public var colormap: Colormap
    /// Colour limits for `.mapped` colours (nil: data min/max).
    public var vmin: Double?, vmax: Double?
    /// Opacity, if set.
    public var alpha: Double?
    /// Legend label.
    public var label: String?
}

/// Boxes drawn by `bar` or `hist`.
public struct BarSeries: Equatable, Sendable {
    /// Left edge of each box.
    public var left: [Double]
    /// Width of each box.
    public var width: [Double]
    /// Bottom of each box.
    public var bottom: [Double]
    /// Height of each box.
    public var height: [Double]
    /// Fill colour.
    public var color: Color
    /// Edge colour, if drawn.
    public var edgeColor: Color?
    /// Opacity, if set.
    public var alpha: Double?
    /// Legend label.
    public var label: String?
}

/// Lower and upper error extents (both non-negative), one per point.
public struct ErrorExtent: Equatable, Sendable {
    /// Distance below (or left of) each point.
    public var lower: [Double]
    /// Distance above (or right of) each point.
    public var upper: [Double]

    /// Makes an extent; `upper` defaults to `lower` (symmetric bars).
    public init(lower: [Double], upper: [Double]? = nil) {
        self.lower = lower
        self.upper = upper ?? lower
    }
}

/// A line with error bars (`errorbar`).
public struct ErrorbarSeries: Equatable, Sendable {
    /// The line and markers through the points (line style `.none` for `fmt='o'`).
    public var line: LineSeries
    /// Horizontal error extents.
    public var xerr: ErrorExtent?
    /// Vertical error extents.
    public var yerr: ErrorExtent?
    /// Cap length in points (matplotlib default 0).
    public var capSize: Double
}

/// The band between two curves (`fill_between`).
public struct FillSeries: Equatable, Sendable {
    /// x coordinates.
    public var x: [Double]
    /// Lower curve (or first curve).
    public var y1: [Double]
    /// Upper curve (or second curve; 0 by default).
    public var y2: [Double]
    /// Fill colour.
    public var color: Color
    /// Opacity, if set.
    public var alpha: Double?
    /// Legend label.
    public var label: String?
}

/// `axhline(y)` or `axvline(x)` spanning a fraction of the axes.
public struct ReferenceLine: Equatable, Sendable {
    /// Horizontal (`axhline`) or vertical (`axvline`).
    public enum Orientation: Sendable { case horizontal, vertical }
    /// Which kind of line.
    public var orientation: Orientation
    /// The y (horizontal) or x (vertical) data coordinate.
    public var value: Double
    /// Start and end as fractions of the axes (0…1).
    public var from: Double, to: Double
    /// Colour.
    public var color: Color
    /// Dash pattern.
    public var lineStyle: LineStyle
    /// Width in points.
    public var lineWidth: Double
    /// Opacity, if set.
    public var alpha: Double?
    /// Legend label.
    public var label: String?
}

/// A matrix drawn as a heat map (`imshow`): row 0 at the top, like matplotlib's `origin='upper'`.
public struct ImageSeries: Equatable, Sendable {
    /// The values, row-major; every row the same length (unused when `colors` is set).
    public var values: [[Double]]
    /// True-colour pixels (`imshow` of an (H, W, 3) or (H, W, 4) array), row-major, if given.
    public var colors: [[Color]]?
    /// Colour map.
    public var colormap: Colormap
    /// Colour limits (nil: the finite data min/max).
    public var vmin: Double?, vmax: Double?
    /// Opacity, if set.
    public var alpha: Double?
    /// `extent=(left, right, bottom, top)` in data coordinates; nil puts pixel centres at 0, 1, 2, …
    public var extent: ImageExtent?
    /// `origin='lower'`: row 0 at the bottom instead of the top.
    public var originLower: Bool

    /// Rows and columns of the image.
    var shape: (rows: Int, cols: Int) {
        if let c = colors { return (c.count, c.first?.count ?? 0) }
        return (values.count, values.first?.count ?? 0)
    }
}

/// The data rectangle an image covers (`imshow(extent=...)`).
public struct ImageExtent: Equatable, Sendable {
    /// x of the left edge of the first column (may exceed `right`).
    public var left: Double
    /// x of the right edge of the last column.
    public var right: Double
    /// y of the bottom edge.
    public var bottom: Double
    /// y of the top edge.
    public var top: Double

    /// An extent; all four values must be finite and the spans non-zero.
    public init(left: Double, right: Double, bottom: Double, top: Double) throws {
        guard [left, right, bottom, top].allSatisfy(\.isFinite), left != right, bottom != top else {
            throw PlotError.value("extent must be four finite numbers with left != right and bottom != top")
        }
        self.left = left; self.right = right; self.bottom = bottom; self.top = top
    }
}

/// Contour lines or filled contours of `z` over the grid `x`, `y` (all the same shape).
public struct ContourSeries: Equatable, Sendable {
    /// x coordinate of each grid point (rows × cols).
    public var x: [[Double]]
    /// y coordinate of each grid point (rows × cols).
    public var y: [[Double]]
    /// Height at each grid point (rows × cols).
    public var z: [[Double]]
    /// The contour levels, increasing.
    public var levels: [Double]
    /// `contourf` (filled bands) rather than `contour` (lines).
    public var filled: Bool
    /// Colour map (used unless `colors` is set).
    public var colormap: Colormap
    /// One colour for every level (`colors='k'`), if given.
    public var color: Color?
    /// Line width in points, for lines.
    public var lineWidth: Double
    /// Opacity, if set.
    public var alpha: Double?
}

/// Text placed by `text` or `annotate`, with an optional arrow.
public struct TextAnnotation: Equatable, Sendable {
    /// Where the coordinates are measured.
    public enum Coordinates: String, Sendable {
        /// Data coordinates (default).
        case data
        /// Fractions of the axes, 0…1 (`transform=ax.transAxes`, `xycoords='axes fraction'`).
        case axesFraction = "axes fraction"
    }
    /// The text.
    public var text: String
    /// Text position.
    public var x: Double, y: Double
    /// Coordinates of the text position.
    public var coordinates: Coordinates
    /// The point an arrow is drawn to (`annotate` with `arrowprops`), in data coordinates.
    public var arrowTo: (x: Double, y: Double)?
    /// Text colour.
    public var color: Color
    /// Font size in points (matplotlib default 10).
    public var fontSize: Double
    /// `ha`: `left` (default for text), `center` or `right`.
    public var horizontalAlignment: String

    /// Equality (tuples are not `Equatable`).
    public static func == (a: TextAnnotation, b: TextAnnotation) -> Bool {
        a.text == b.text && a.x == b.x && a.y == b.y && a.coordinates == b.coordinates
            && a.arrowTo?.x == b.arrowTo?.x && a.arrowTo?.y == b.arrowTo?.y && a.color == b.color
            && a.fontSize == b.fontSize && a.horizontalAlignment == b.horizontalAlignment
    }
}

extension Series {
    /// Throws a ValueError when a series has inconsistent lengths or shapes.
    ///
    /// The drawing methods of `Axes` never build such a series, but `Axes.series` is public and
    /// settable (for `Line2D.set_data` and friends), so the renderer checks every series before
    /// it indexes into one.
    func validate() throws {
        func same(_ counts: [Int], _ what: String) throws {
            guard Set(counts).count <= 1 else {
                throw PlotError.value("\(what) data have inconsistent lengths \(counts.map(String.init).joined(separator: ", "))")
            }
        }
        switch self {
        case .line(let l):
            try same([l.x.count, l.y.count], "line")
        case .scatter(let s):
            var counts = [s.x.count, s.y.count, s.sizes.count]
            switch s.colors {
            case .uniform: break
            case .mapped(let v): counts.append(v.count)
            case .perPoint(let c): counts.append(c.count)
            }
            try same(counts, "scatter")
        case .bars(let b):
            try same([b.left.count, b.width.count, b.bottom.count, b.height.count], "bar")
        case .errorbar(let e):
            var counts = [e.line.x.count, e.line.y.count]
            for extent in [e.xerr, e.yerr].compactMap({ $0 }) { counts += [extent.lower.count, extent.upper.count] }
            try same(counts, "errorbar")
        case .fill(let f):
            try same([f.x.count, f.y1.count, f.y2.count], "fill_between")
        case .referenceLine:
            break
        case .image(let im):
            if let c = im.colors {
                guard let first = c.first, !first.isEmpty, c.allSatisfy({ $0.count == first.count }) else {
                    throw PlotError.type("Invalid shape for RGB image data")
                }
            } else {
                _ = try Check.rectangular(im.values, name: "image")
            }
        case .contour(let c):
            let (rows, cols) = try Check.rectangular(c.z, name: "contour")
            guard rows >= 2, cols >= 2 else {
                throw PlotError.type("Input z must be at least a (2, 2) shaped array, but has shape \(Check.shape(rows, cols))")
            }
            for grid in [c.x, c.y] where grid.count != rows || grid.contains(where: { $0.count != cols }) {
                throw PlotError.value("contour grid coordinates must have the shape of z \(Check.shape(rows, cols))")
            }
            guard !c.levels.isEmpty else { throw PlotError.value("contour needs at least one level") }
        }
    }
}
