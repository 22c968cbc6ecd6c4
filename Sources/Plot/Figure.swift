import Foundation

/// A figure size in inches (`figsize=(w, h)`, matplotlib default 6.4 × 4.8).
public struct FigureSize: Equatable, Sendable {
    /// Width in inches.
    public var width: Double
    /// Height in inches.
    public var height: Double

    /// matplotlib's default, 6.4 × 4.8 inches.
    public static let standard = FigureSize(checked: 6.4, 4.8)

    private init(checked w: Double, _ h: Double) { width = w; height = h }

    /// Validates like matplotlib: `figure size must be positive finite not (-1, 2)`.
    public init(width: Double, height: Double) throws {
        guard width > 0, height > 0, width.isFinite, height.isFinite else {
            throw PlotError.value("figure size must be positive finite not (\(Format.python(width)), \(Format.python(height)))")
        }
        self.width = width; self.height = height
    }
}

/// A matplotlib figure: size, resolution, a super-title and its axes (subplots).
public final class Figure {
    /// The figure number (`plt.figure(num)`), 1 for the first.
    public let number: Int
    /// Size in inches.
    public var size: FigureSize
    /// Dots per inch (default 100): a PNG is `size × dpi` pixels.
    public private(set) var dpi: Double
    /// `suptitle`.
    public var suptitle: String?
    /// The axes, in creation order.
    public private(set) var axes: [Axes] = []
    /// The current axes (`gca` without creating one).
    public private(set) var currentAxes: Axes?

    /// A figure with no axes; throws on a bad size or dpi.
    public init(number: Int = 1, size: FigureSize = .standard, dpi: Double = 100) throws {
        self.number = number
        self.size = size
        self.dpi = 100
        try setDPI(dpi)
    }

    /// A default-size, 100 dpi figure (needs no validation).
    init(standardNumber: Int) {
        number = standardNumber
        size = .standard
        dpi = 100
    }

    /// Sets the resolution; it must be a positive finite number.
    public func setDPI(_ dpi: Double) throws {
        guard dpi > 0, dpi.isFinite, dpi <= 10_000 else { throw PlotError.value("dpi must be a positive number up to 10000, not \(Format.python(dpi))") }
        self.dpi = dpi
    }

    /// The current axes, creating a single full-figure one (`subplot(1, 1, 1)`) when there is none.
    public func gca() -> Axes {
        if let a = currentAxes { return a }
        let a = Axes(spec: .single)
        axes.append(a)
        currentAxes = a
        return a
    }

    /// `add_subplot(nrows, ncols, index)`: returns the existing axes at that exact position, or a new one;
    /// either way it becomes current.
    @discardableResult
    public func addSubplot(_ nrows: Int, _ ncols: Int, _ index: Int) throws -> Axes {
        let spec = try SubplotSpec(nrows, ncols, index)
        if let existing = axes.first(where: { $0.spec == spec }) {
            currentAxes = existing
            return existing
        }
        let a = Axes(spec: spec)
        axes.append(a)
        currentAxes = a
        return a
    }

    /// `fig.subplots(nrows, ncols)`: a full grid of new axes, row by row; the last becomes current.
    public func subplots(nrows: Int = 1, ncols: Int = 1) throws -> [[Axes]] {
        _ = try SubplotSpec(nrows, ncols, 1)
        guard nrows * ncols <= 400 else { throw PlotError.value("subplots(\(nrows), \(ncols)) makes too many axes (at most 400)") }
        var grid: [[Axes]] = []
        for r in 0..<nrows {
            var row: [Axes] = []
            for c in 0..<ncols {
                let a = Axes(spec: try SubplotSpec(nrows, ncols, r * ncols + c + 1))
                axes.append(a)
                row.append(a)
            }
            grid.append(row)
        }
        currentAxes = grid.first?.first
        return grid
    }

    /// Makes `axes` current (`plt.sca`); it must belong to this figure.
    public func setCurrentAxes(_ a: Axes) throws {
        guard axes.contains(where: { $0 === a }) else { throw PlotError.value("Axes should be in the figure") }
        currentAxes = a
    }

    /// `clf()`: removes every axes and the super-title.
    public func clear() {
        axes = []
        currentAxes = nil
        suptitle = nil
    }

    /// `colorbar(label=)`: adds a colour bar for the colour-mapped series of `axes` (default: the
    /// current axes, else the last axes that has one); matplotlib's RuntimeError when there is none.
    public func colorbar(for target: Axes? = nil, label: String? = nil) throws {
        let candidates = target.map { [$0] } ?? ([currentAxes].compactMap { $0 } + axes.reversed())
        guard let a = candidates.first(where: { $0.hasMappable }) else {
            throw PlotError(.runtime, "No mappable was found to use for colorbar creation. First define a mappable such as an image (with imshow) or a contour set (with contourf).")
        }
        a.colorbar = Colorbar(label: label)
    }

    /// Pixel size of a raster rendering at `dpi` (default the figure's), checked against limits.
    public func pixelSize(dpi: Double? = nil) throws -> (width: Int, height: Int) {
        let d = dpi ?? self.dpi
        guard d > 0, d.isFinite else { throw PlotError.value("dpi must be a positive number, not \(Format.python(d))") }
        let w = (size.width * d).rounded(), h = (size.height * d).rounded()
        guard w < 32768, h < 32768 else {
            throw PlotError.value("Image size of \(Format.gp(w))x\(Format.gp(h)) pixels is too large. It must be less than 2^15 in each direction.")
        }
        return (max(Int(w), 1), max(Int(h), 1))
    }
}

extension Format {
    /// A number as Python would print the value the user most likely passed (`2`, `6.4`).
    static func python(_ v: Double) -> String {
        if v.isFinite, v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return number(v)
    }
}
