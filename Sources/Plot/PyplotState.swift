/// What `plt.close(...)` closes.
public enum CloseTarget {
    /// `close()`: the current figure.
    case current
    /// `close('all')`.
    case all
    /// `close(fig)`.
    case figure(Figure)
    /// `close(num)`.
    case number(Int)
}

/// The state behind `matplotlib.pyplot`: open figures, the current figure and its current axes.
///
/// The bindings keep one per interpreter and forward `plt.*` calls here and to `gca()`.
public final class PyplotState {
    /// Open figures, in creation order.
    public private(set) var figures: [Figure] = []
    /// The current figure, if any is open.
    public private(set) var current: Figure?

    /// No figures open.
    public init() {}

    /// `figure(num=, figsize=, dpi=)`: activates figure `num` if open, else opens a new one
    /// (numbered one above the highest open number when `num` is nil).
    @discardableResult
    public func figure(num: Int? = nil, figsize: FigureSize? = nil, dpi: Double? = nil) throws -> Figure {
        if let n = num, let f = figures.first(where: { $0.number == n }) {
            current = f
            return f
        }
        let n = num ?? ((figures.map(\.number).max() ?? 0) + 1)
        let f = try Figure(number: n, size: figsize ?? .standard, dpi: dpi ?? 100)
        figures.append(f)
        current = f
        return f
    }

    /// `subplots(nrows, ncols, figsize=)`: a new figure and its grid of axes (row-major).
    public func subplots(nrows: Int = 1, ncols: Int = 1, figsize: FigureSize? = nil, dpi: Double? = nil) throws -> (Figure, [[Axes]]) {
        _ = try SubplotSpec(nrows, ncols, 1)
        let f = try figure(figsize: figsize, dpi: dpi)
        return (f, try f.subplots(nrows: nrows, ncols: ncols))
    }

    /// `subplot(nrows, ncols, index)` on the current figure.
    @discardableResult
    public func subplot(_ nrows: Int, _ ncols: Int, _ index: Int) throws -> Axes {
        try gcf().addSubplot(nrows, ncols, index)
    }

    /// `gcf()`: the current figure, opening one if none is.
    public func gcf() -> Figure {
        if let f = current { return f }
        let n = (figures.map(\.number).max() ?? 0) + 1
        let f = Figure(standardNumber: n)
        figures.append(f)
        current = f
        return f
    }

    /// `gca()`: the current axes of the current figure, creating both as needed.
    public func gca() -> Axes { gcf().gca() }

    /// `sca(ax)`: makes `ax` and its figure current.
    public func sca(_ ax: Axes) throws {
        guard let f = figures.first(where: { $0.axes.contains { $0 === ax } }) else {
            throw PlotError.value("Axes should be in an open figure")
        }
        try f.setCurrentAxes(ax)
        current = f
    }

    /// `close(...)`; closing the current figure makes the last remaining one current.
    public func close(_ target: CloseTarget = .current) {
        switch target {
        case .current: if let f = current { figures.removeAll { $0 === f } }
        case .all: figures = []
        case .figure(let f): figures.removeAll { $0 === f }
        case .number(let n): figures.removeAll { $0.number == n }
        }
        if let c = current, !figures.contains(where: { $0 === c }) { current = figures.last }
    }

    /// `clf()`: clears the current figure.
    public func clf() { gcf().clear() }

    /// `cla()`: clears the current axes.
    public func cla() { gca().clear() }

    /// `savefig(path, dpi=)` on the current figure (an empty figure if none is open).
    @discardableResult
    public func savefig(_ path: String, dpi: Double? = nil) throws -> SavedFigure {
        try gcf().savefig(path, dpi: dpi)
    }

    /// `show()`: draws every open figure for the terminal (per `options`) and closes them all.
    /// Returns the text to print (empty for `WICK_PLOT=none` or without gnuplot).
    public func show(options: ShowOptions = .fromEnvironment()) throws -> String {
        defer { close(.all) }
        var out = ""
        for f in figures { out += try f.terminalRendering(options) }
        return out
    }
}
