import Foundation

extension AxesRenderer {
    /// Adds the data blocks, `set` commands and plot clauses of one series.
    mutating func add(_ series: Series) throws {
        try series.validate()
        switch series {
        case .line(let l): addLine(l)
        case .scatter(let s): addScatter(s)
        case .bars(let b): addBars(b)
        case .errorbar(let e): addErrorbar(e)
        case .fill(let f): addFill(f)
        case .referenceLine(let r): addReferenceLine(r)
        case .image(let im): addImage(im)
        case .contour(let c): try addContour(c)
        }
    }

    private func lineStyle(color: Color, alpha: Double?, width: Double, dash: LineStyle) -> String {
        "lc \(color.gnuplot(alpha: alpha)) lw \(GP.width(width, scale: scale.line)) dt \(dash.gnuplotDash)"
    }

    private func pointStyle(_ m: Marker, size: Double) -> String {
        "pt \(m.gnuplotPointType) ps \(Format.gp(GP.round4(size / 6 * m.sizeFactor * scale.point)))"
    }

    private mutating func addLine(_ l: LineSeries) {
        include(x: l.x, y: l.y)
        if l.lineStyle != .none { trackSegments(x: l.x, y: l.y) }
        let k = data.block(zip(l.x, l.y).map { [$0, $1] })
        let title = titleClause(l.label)
        if l.lineStyle == .none && l.marker == nil { return }
        var c = "WICK_DATA index \(k) using 1:2 with "
        if let m = l.marker {
            c += l.lineStyle == .none ? "points " : "linespoints "
            if l.lineStyle != .none { c += lineStyle(color: l.color, alpha: l.alpha, width: l.lineWidth, dash: l.lineStyle) + " " }
            else { c += "lc \(l.color.gnuplot(alpha: l.alpha)) " }
            c += pointStyle(m, size: l.markerSize)
        } else {
            c += "lines " + lineStyle(color: l.color, alpha: l.alpha, width: l.lineWidth, dash: l.lineStyle)
        }
        clauses.append(c + " " + title)
    }

    private mutating func addScatter(_ s: ScatterSeries) {
        include(x: s.x, y: s.y)
        let ps = s.sizes.map { GP.round4(($0 > 0 && $0.isFinite ? $0.squareRoot() : 0) / 6 * s.marker.sizeFactor * scale.point) }
        let title = titleClause(s.label)
        var c: String
        switch s.colors {
        case .uniform(let color):
            let k = data.block((0..<s.x.count).map { [s.x[$0], s.y[$0], ps[$0]] })
            c = "WICK_DATA index \(k) using 1:2:3 with points pt \(s.marker.gnuplotPointType) ps variable lc \(color.gnuplot(alpha: s.alpha))"
        case .mapped(let values):
            let k = data.block((0..<s.x.count).map { [s.x[$0], s.y[$0], ps[$0], values[$0]] })
            setMappable(s.colormap, values, s.vmin, s.vmax)
            c = "WICK_DATA index \(k) using 1:2:3:4 with points pt \(s.marker.gnuplotPointType) ps variable lc palette"
        case .perPoint(let colors):
            let k = data.block((0..<s.x.count).map { i -> [Double] in
                let col = colors[i]
                let argb = col.argb(alpha: s.alpha ?? col.alpha ?? 1)
                return [s.x[i], s.y[i], ps[i], Double(argb)]
            })
            c = "WICK_DATA index \(k) using 1:2:3:4 with points pt \(s.marker.gnuplotPointType) ps variable lc rgb variable"
        }
        clauses.append(c + " " + title)
    }

    private func fillStyle(_ color: Color, alpha: Double?, edge: Color?) -> String {
        let a = alpha ?? color.alpha
        let fs = a.map { "fs transparent solid \(Format.gp(GP.round4($0)))" } ?? "fs solid 1.0"
        let border = edge.map { "border lc \($0.gnuplot())" } ?? "noborder"
        var opaque = color
        opaque.alpha = nil
        return "fc \(opaque.gnuplot()) \(fs) \(border)"
    }

    private mutating func addBars(_ b: BarSeries) {
        var rows: [[Double]] = []
        for i in b.left.indices {
            let x0 = b.left[i], x1 = b.left[i] + b.width[i]
            let y0 = b.bottom[i], y1 = b.bottom[i] + b.height[i]
            rows.append([(x0 + x1) / 2, (y0 + y1) / 2, min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)])
            include(x: [x0, x1], y: [y0, y1], track: false)
            points.append(((x0 + x1) / 2, y1))
        }
        if let lowest = b.bottom.min() { stickyBottom = min(stickyBottom ?? lowest, lowest) }
        let k = data.block(rows)
        clauses.append("WICK_DATA index \(k) using 1:2:3:4:5:6 with boxxyerror \(fillStyle(b.color, alpha: b.alpha, edge: b.edgeColor)) \(titleClause(b.label))")
    }

    private mutating func addErrorbar(_ e: ErrorbarSeries) {
        let l = e.line
        if e.xerr != nil || e.yerr != nil {
            var rows: [[Double]] = []
            var xs: [Double] = [], ys: [Double] = []
            for i in l.x.indices {
                var row = [l.x[i], l.y[i]]
                if let xe = e.xerr { row += [l.x[i] - xe.lower[i], l.x[i] + xe.upper[i]]; xs += row.suffix(2) }
                if let ye = e.yerr { row += [l.y[i] - ye.lower[i], l.y[i] + ye.upper[i]]; ys += row.suffix(2) }
                rows.append(row)
            }
            include(x: xs, y: ys, track: false)
            let k = data.block(rows)
            let both = e.xerr != nil && e.yerr != nil
            let style = both ? "xyerrorbars" : e.xerr != nil ? "xerrorbars" : "yerrorbars"
            capSize = max(capSize ?? 0, e.capSize)
            // Bars first and without points (pt -1), so the markers drawn next sit on top.
            clauses.append("WICK_DATA index \(k) using \(both ? "1:2:3:4:5:6" : "1:2:3:4") with \(style) \(lineStyle(color: l.color, alpha: l.alpha, width: l.lineWidth, dash: .solid)) pt -1 notitle")
        }
        addLine(l)
    }

    private mutating func addFill(_ f: FillSeries) {
        include(x: f.x + f.x, y: f.y1 + f.y2)
        let k = data.block(f.x.indices.map { [f.x[$0], f.y1[$0], f.y2[$0]] })
        clauses.append("WICK_DATA index \(k) using 1:2:3 with filledcurves \(fillStyle(f.color, alpha: f.alpha, edge: nil)) \(titleClause(f.label))")
    }

    private mutating func addReferenceLine(_ r: ReferenceLine) {
        arrowNumber += 1
        let v = Format.gp(r.value), a = Format.gp(r.from), b = Format.gp(r.to)
        let (from, to) = r.orientation == .horizontal
            ? ("graph \(a), first \(v)", "graph \(b), first \(v)") : ("first \(v), graph \(a)", "first \(v), graph \(b)")
        if r.orientation == .horizontal { include(x: [], y: [r.value], track: false) } else { include(x: [r.value], y: [], track: false) }
        setup += "set arrow \(arrowNumber) from \(from) to \(to) nohead \(lineStyle(color: r.color, alpha: r.alpha, width: r.lineWidth, dash: r.lineStyle)) front\n"
        let title = titleClause(r.label)
        if title != "notitle" {
            clauses.append("keyentry with lines \(lineStyle(color: r.color, alpha: r.alpha, width: r.lineWidth, dash: r.lineStyle)) \(title)")
        }
    }

    private mutating func setMappable(_ cmap: Colormap, _ values: [Double], _ vmin: Double?, _ vmax: Double?) {
        let finite = values.filter(\.isFinite)
        var lo = vmin ?? finite.min() ?? 0, hi = vmax ?? finite.max() ?? 1
        if !(hi > lo) { hi = lo + 1 }
        if !lo.isFinite || !hi.isFinite { (lo, hi) = (0, 1) }
        mappable = (cmap, lo, hi)
    }

    private mutating func addImage(_ im: ImageSeries) {
        let (rows, cols) = im.shape
        sticky = true
        squarePixels = true
        // Pixel centre of column 0 / row 0 and the steps between centres.
        var x0 = 0.0, dx = 1.0, y0 = 0.0, dy = 1.0
        if let e = im.extent {
            dx = (e.right - e.left) / Double(cols)
            x0 = e.left + dx / 2
            let h = (e.top - e.bottom) / Double(rows)
            (y0, dy) = im.originLower ? (e.bottom + h / 2, h) : (e.top - h / 2, -h)
            include(x: [e.left, e.right], y: [e.bottom, e.top], track: false)
        } else {
            invertY = !im.originLower
            include(x: [-0.5, Double(cols) - 0.5], y: [-0.5, Double(rows) - 0.5], track: false)
        }
        let identity = x0 == 0 && dx == 1 && y0 == 0 && dy == 1
        let using = identity ? "1:2" : "(\(Format.gp(x0))+$1*\(Format.gp(dx))):(\(Format.gp(y0))+$2*\(Format.gp(dy)))"
        if let pixels = im.colors {
            var block: [[Double]] = []
            block.reserveCapacity(rows * (cols + 1))
            for (r, row) in pixels.enumerated() {
                if r > 0 { block.append([]) }
                for (c, p) in row.enumerated() {
                    let a = im.alpha ?? p.alpha ?? 1
                    block.append([Double(c), Double(r), Double(Color.byte(p.red)), Double(Color.byte(p.green)),
                                  Double(Color.byte(p.blue)), Double(Color.byte(a))])
                }
            }
            let k = data.block(block)
            clauses.append("WICK_DATA index \(k) using \(using):3:4:5:6 with rgbalpha notitle")
            return
        }
        setMappable(im.colormap, Array(im.values.joined()), im.vmin, im.vmax)
        let k = data.matrix(im.values)
        clauses.append("WICK_DATA index \(k) matrix using \(using):3 with image notitle")
    }
}
