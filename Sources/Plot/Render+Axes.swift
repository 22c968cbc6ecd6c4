import Foundation

/// Finite data bounds seen so far on one axis direction.
struct Extent {
    var lo = Double.infinity
    var hi = -Double.infinity
    var isEmpty: Bool { lo > hi }

    mutating func add(_ v: Double, positiveOnly: Bool) {
        guard v.isFinite, !positiveOnly || v > 0 else { return }
        lo = min(lo, v); hi = max(hi, v)
    }
}

/// Renders one `Axes`: decoration, ranges, legend and the `plot` command.
struct AxesRenderer {
    let axes: Axes
    let scale: RenderScale
    var data: DataWriter
    let format: OutputFormat

    var setup = ""
    var clauses: [String] = []
    var xExtent = Extent(), yExtent = Extent()
    var points: [(Double, Double)] = []
    var sticky = false
    var stickyBottom: Double?
    var invertY = false
    var squarePixels = false
    var capSize: Double?
    var mappable: (cmap: Colormap, lo: Double, hi: Double)?
    var labelNumber = 0, arrowNumber = 0
    var legendIndex = 0

    init(axes: Axes, scale: RenderScale, data: DataWriter, format: OutputFormat) {
        self.axes = axes; self.scale = scale; self.data = data; self.format = format
    }

    /// The x and y limits as drawn (matplotlib's `get_xlim()` / `get_ylim()` after autoscaling).
    mutating func limits() throws -> ((Double, Double), (Double, Double)) {
        for series in axes.series { try add(series) }
        return (range(xExtent, axes.xlim, log: axes.xscale == .log, reversed: axes.xInverted, stickyLow: nil),
                range(yExtent, axes.ylim, log: axes.yscale == .log, reversed: invertY != axes.yInverted, stickyLow: stickyBottom))
    }

    mutating func render() throws -> String {
        for series in axes.series { try add(series) }
        for t in axes.annotations { addText(t) }
        var s = ""
        if axes.axisVisible {
            s += "set border 15 lw \(GP.width(0.8, scale: scale.line)) lc rgb 'black'\n"
            s += "set tics out nomirror scale 0.5\n"
        } else {
            s += "unset border\nunset xtics\nunset ytics\n"
        }
        s += "set style fill solid 1.0 noborder\n"
        s += "set key noautotitle\n"
        if let t = axes.title { s += "set title \(GnuplotText.quote(t))\(GP.plain) font ',\(Format.gp(GP.round4(scale.font * 1.2)))'\n" }
        let x = range(xExtent, axes.xlim, log: axes.xscale == .log, reversed: axes.xInverted, stickyLow: nil)
        let y = range(yExtent, axes.ylim, log: axes.yscale == .log, reversed: invertY != axes.yInverted, stickyLow: stickyBottom)
        if axes.axisVisible {
            if let t = axes.xlabel { s += "set xlabel \(GnuplotText.quote(t))\(GP.plain)\n" }
            if let t = axes.ylabel { s += "set ylabel \(GnuplotText.quote(t))\(GP.plain)\n" }
            if axes.xscale == .log { s += "set logscale x 10\n" + (axes.xticks == nil ? decadeTics("x", x) : "") }
            if axes.yscale == .log { s += "set logscale y 10\n" + (axes.yticks == nil ? decadeTics("y", y) : "") }
            s += tics("x", axes.xticks) + tics("y", axes.yticks)
            if let r = axes.xtickRotation, r.isFinite, r != 0 {
                s += "set xtics rotate by \(Format.gp(GP.round4(r))) \(r > 0 ? "right" : "left")\n"
            }
            if axes.gridVisible {
                s += "set grid xtics ytics back lc rgb '#b0b0b0' lw \(GP.width(0.8, scale: scale.line)) dt solid\n"
            }
        } else {
            if axes.xscale == .log { s += "set logscale x 10\n" }
            if axes.yscale == .log { s += "set logscale y 10\n" }
        }
        s += "set xrange [\(Format.gp(x.0)):\(Format.gp(x.1))]\n"
        s += "set yrange [\(Format.gp(y.0)):\(Format.gp(y.1))]\n"
        if axes.equalAspect ?? squarePixels { s += "set size ratio -1\n" }
        if let m = mappable {
            s += m.cmap.gnuplotPalette()
            s += "set cbrange [\(Format.gp(m.lo)):\(Format.gp(m.hi))]\n"
        }
        if let cb = axes.colorbar, mappable != nil {
            s += "set colorbox\n"
            if let l = cb.label { s += "set cblabel \(GnuplotText.quote(l))\(GP.plain)\n" }
        } else {
            s += "unset colorbox\n"
        }
        s += legendCommand()
        if let c = capSize { s += "set errorbars \(Format.gp(GP.round4(c / 4)))\n" }
        s += setup
        if clauses.isEmpty {
            s += "plot NaN notitle\n"
        } else {
            s += "plot " + clauses.joined(separator: ", \\\n     ") + "\n"
        }
        return s
    }

    // MARK: decoration

    private func tics(_ axis: String, _ t: Ticks?) -> String {
        guard let t = t else { return "" }
        if t.positions.isEmpty { return "unset \(axis)tics\n" }
        let items = t.positions.enumerated().map { i, p -> String in
            // gnuplot uses explicit tick labels as printf formats: a literal % must be doubled.
            if let l = t.labels?[i] { return "\(GnuplotText.quote(l.replacingOccurrences(of: "%", with: "%%"))) \(Format.gp(p))" }
            return Format.gp(p)
        }
        return "set \(axis)tics (\(items.joined(separator: ", ")))\n"
    }

    /// matplotlib's autoscaling: data limits plus 5% margins (none for images/contours, none below a
    /// bar's base), a degenerate range widened like `nonsingular`, user limits taking precedence.
    private func range(_ e: Extent, _ user: AxisLimits, log: Bool, reversed: Bool, stickyLow: Double?) -> (Double, Double) {
        var lo: Double, hi: Double
        if e.isEmpty {
            (lo, hi) = log ? (1, 10) : (0, 1)
        } else {
            (lo, hi) = (e.lo, e.hi)
            func fwd(_ v: Double) -> Double { log ? log10(v) : v }
            func back(_ v: Double) -> Double { log ? pow(10, v) : v }
            var a = fwd(lo), b = fwd(hi)
            if a == b {
                let d = a == 0 ? 0.05 : abs(a) * 0.05
                a -= d; b += d
            }
            if !sticky {
                let m = (b - a) * 0.05
                if stickyLow.map({ fwd($0) == a }) != true { a -= m }
                b += m
            }
            (lo, hi) = (back(a), back(b))
        }
        if reversed { swap(&lo, &hi) }
        if let l = user.lower { lo = l }
        if let u = user.upper { hi = u }
        if lo == hi { hi = lo + (lo == 0 ? 1 : abs(lo) * 0.1) }
        return (lo, hi)
    }

    /// Log-axis ticks at powers of ten labelled like matplotlib (`10⁻²`, `10⁰`, `10³`), with minor
    /// ticks between; at most about 12 labelled decades.
    private func decadeTics(_ axis: String, _ r: (Double, Double)) -> String {
        let (a, b) = (min(r.0, r.1), max(r.0, r.1))
        guard a > 0, b.isFinite else { return "" }
        let first = Int(ceil(log10(a) - 1e-9)), last = Int(floor(log10(b) + 1e-9))
        guard last >= first, last - first < 400 else { return "" }
        let step = max(1, (last - first) / 12 + 1)
        let items = Swift.stride(from: first, through: last, by: step).map { e -> String in
            "'10\(AxesRenderer.superscript(e))' 1e\(e)"
        }
        return "set \(axis)tics (\(items.joined(separator: ", ")))\nset m\(axis)tics 10\n"
    }

    static func superscript(_ n: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        return String(String(n).map { $0 == "-" ? "⁻" : digits[Int(String($0)) ?? 0] })
    }

    private static let keyPositions: [String: String] = [
        "upper right": "right top", "upper left": "left top", "lower left": "left bottom", "lower right": "right bottom",
        "right": "right center", "center left": "left center", "center right": "right center",
        "lower center": "center bottom", "upper center": "center top", "center": "center center",
    ]

    private func legendCommand() -> String {
        guard let legend = axes.legend else { return "unset key\n" }
        let loc = legend.location == "best" ? bestLocation() : legend.location
        let pos = AxesRenderer.keyPositions[loc] ?? "right top"
        return "set key inside \(pos) reverse Left box lc rgb '#cccccc' opaque samplen 2 spacing 1.1 font ',\(Format.gp(GP.round4(scale.font)))'\n"
    }

    /// matplotlib's `loc='best'`, simplified: the candidate box covering the fewest data points
    /// (points and line vertices), ties going to the earlier location in matplotlib's order.
    func bestLocation() -> String {
        let entries = max(1, axes.series.compactMap(\.legendLabel).count)
        let w = 0.32, h = min(0.9, 0.06 * Double(entries) + 0.05)
        let boxes: [(String, Double, Double)] = [
            ("upper right", 1 - w, 1 - h), ("upper left", 0, 1 - h), ("lower left", 0, 0), ("lower right", 1 - w, 0),
            ("right", 1 - w, 0.5 - h / 2), ("center left", 0, 0.5 - h / 2), ("center right", 1 - w, 0.5 - h / 2),
            ("lower center", 0.5 - w / 2, 0), ("upper center", 0.5 - w / 2, 1 - h), ("center", 0.5 - w / 2, 0.5 - h / 2),
        ]
        guard !xExtent.isEmpty, !yExtent.isEmpty else { return "upper right" }
        let logX = axes.xscale == .log, logY = axes.yscale == .log
        func norm(_ v: Double, _ e: Extent, _ log: Bool) -> Double {
            let (a, b, x) = log ? (log10(e.lo), log10(e.hi), log10(v)) : (e.lo, e.hi, v)
            return b > a ? (x - a) / (b - a) * 0.9 + 0.05 : 0.5
        }
        let normalized = points.map { (norm($0.0, xExtent, logX), norm($0.1, yExtent, logY)) }
        var best = boxes[0].0, fewest = Int.max
        for (name, x0, y0) in boxes {
            let n = normalized.reduce(0) { $0 + ($1.0 >= x0 && $1.0 <= x0 + w && $1.1 >= y0 && $1.1 <= y0 + h ? 1 : 0) }
            if n < fewest { fewest = n; best = name }
        }
        return best
    }

    /// `title '…' noenhanced` when the legend shows this label, else `notitle`.
    mutating func titleClause(_ label: String?) -> String {
        guard let legend = axes.legend else { return "notitle" }
        var text = label
        if let explicit = legend.labels {
            text = legendIndex < explicit.count ? explicit[legendIndex] : nil
            legendIndex += 1
        }
        guard let t = text, !t.hasPrefix("_") else { return "notitle" }
        return "title \(GnuplotText.quote(t))\(GP.plain)"
    }

    mutating func include(x: [Double], y: [Double], track: Bool = true) {
        let logX = axes.xscale == .log, logY = axes.yscale == .log
        for v in x { xExtent.add(v, positiveOnly: logX) }
        for v in y { yExtent.add(v, positiveOnly: logY) }
        if track {
            let stride = max(1, x.count / 2000)
            for i in Swift.stride(from: 0, to: min(x.count, y.count), by: stride) where x[i].isFinite && y[i].isFinite {
                points.append((x[i], y[i]))
            }
        }
    }

    /// Adds points along the segments of a drawn line (three between sampled vertices), so
    /// `loc='best'` also avoids boxes a line only passes through.
    mutating func trackSegments(x: [Double], y: [Double]) {
        let n = min(x.count, y.count)
        let stride = max(1, n / 2000)
        var previous: (Double, Double)?
        for i in Swift.stride(from: 0, to: n, by: stride) {
            guard x[i].isFinite, y[i].isFinite else { previous = nil; continue }
            if let p = previous {
                for k in 1...3 {
                    let t = Double(k) / 4
                    points.append((p.0 + (x[i] - p.0) * t, p.1 + (y[i] - p.1) * t))
                }
            }
            previous = (x[i], y[i])
        }
    }

    private mutating func addText(_ t: TextAnnotation) {
        labelNumber += 1
        let at = t.coordinates == .data ? "first \(Format.gp(t.x)), first \(Format.gp(t.y))" : "graph \(Format.gp(t.x)), graph \(Format.gp(t.y))"
        setup += "set label \(labelNumber) \(GnuplotText.quote(t.text)) at \(at) \(t.horizontalAlignment) tc \(t.color.gnuplot()) font ',\(Format.gp(GP.round4(t.fontSize * scale.font / 10)))'\(GP.plain) front\n"
        if let to = t.arrowTo {
            arrowNumber += 1
            setup += "set arrow \(arrowNumber) from first \(Format.gp(t.x)), first \(Format.gp(t.y)) to first \(Format.gp(to.x)), first \(Format.gp(to.y)) head filled size screen 0.015,20 lc rgb 'black' lw \(GP.width(1, scale: scale.line)) front\n"
        }
    }
}
