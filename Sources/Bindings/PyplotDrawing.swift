import Plot
import Script

/// The bound arguments of a pyplot call, without the receiver (`self` of an Axes method).
struct PlotCall {
    var values: [PyObject?]
    var rest: [PyObject]
    var kw: PlotKeywords

    init(_ a: Arguments, dropFirst: Bool, artist: String) {
        values = dropFirst ? Array(a.values.dropFirst()) : a.values
        rest = a.rest
        kw = PlotKeywords(a.keywords, artist: artist)
    }

    /// Parameter `i`, nil when absent or None.
    subscript(_ i: Int) -> PyObject? {
        guard i < values.count, let v = values[i], !(v is PyNone) else { return nil }
        return v
    }
}

/// A pyplot drawing or decoration function: defined once, installed on `plt` (acting on
/// `gca()`) and on `Axes` (acting on `self`).
struct PlotOperation {
    let name: String
    let parameters: String
    let artist: String
    let body: (PyplotContext, Axes, inout PlotCall) throws -> PyObject
}

/// The drawing functions (`plot scatter hist bar errorbar fill_between axhline axvline imshow
/// contour contourf text annotate`).
enum PyplotDrawing {
    static let operations: [PlotOperation] = [
        PlotOperation(name: "plot", parameters: "*args, scalex=, scaley=, data=, **kwargs", artist: "Line2D") { ctx, ax, c in
            try plot(ctx, ax, &c)
        },
        PlotOperation(name: "scatter", parameters: "x, y, s=, c=, marker=, cmap=, norm=, vmin=, vmax=, alpha=, linewidths=, *, edgecolors=, plotnonfinite=, data=, **kwargs", artist: "PathCollection") { ctx, ax, c in
            try scatter(ax, &c)
        },
        PlotOperation(name: "hist", parameters: "x, bins=, range=, density=, weights=, cumulative=, bottom=, histtype=, align=, orientation=, rwidth=, log=, color=, label=, stacked=, *, data=, **kwargs", artist: "Rectangle") { ctx, ax, c in
            try hist(ax, &c)
        },
        PlotOperation(name: "bar", parameters: "x, height, width=, bottom=, *, align=, data=, **kwargs", artist: "Rectangle") { ctx, ax, c in
            try bar(ax, &c)
        },
        PlotOperation(name: "errorbar", parameters: "x, y, yerr=, xerr=, fmt=, ecolor=, elinewidth=, capsize=, barsabove=, lolims=, uplims=, xlolims=, xuplims=, errorevery=, capthick=, *, data=, **kwargs", artist: "Line2D") { ctx, ax, c in
            try errorbar(ax, &c)
        },
        PlotOperation(name: "fill_between", parameters: "x, y1, y2=, where=, interpolate=, step=, *, data=, **kwargs", artist: "FillBetweenPolyCollection") { ctx, ax, c in
            try fillBetween(ax, &c)
        },
        PlotOperation(name: "axhline", parameters: "y=, xmin=, xmax=, **kwargs", artist: "Line2D") { ctx, ax, c in
            try referenceLine(ax, &c, horizontal: true)
        },
        PlotOperation(name: "axvline", parameters: "x=, ymin=, ymax=, **kwargs", artist: "Line2D") { ctx, ax, c in
            try referenceLine(ax, &c, horizontal: false)
        },
        PlotOperation(name: "imshow", parameters: "X, cmap=, norm=, *, aspect=, interpolation=, alpha=, vmin=, vmax=, colorizer=, origin=, extent=, interpolation_stage=, filternorm=, filterrad=, resample=, url=, data=, **kwargs", artist: "AxesImage") { ctx, ax, c in
            try imshow(ax, &c)
        },
        PlotOperation(name: "contour", parameters: "*args, data=, **kwargs", artist: "QuadContourSet") { ctx, ax, c in
            try contour(ax, &c, filled: false)
        },
        PlotOperation(name: "contourf", parameters: "*args, data=, **kwargs", artist: "QuadContourSet") { ctx, ax, c in
            try contour(ax, &c, filled: true)
        },
        PlotOperation(name: "text", parameters: "x, y, s, fontdict=, **kwargs", artist: "Text") { ctx, ax, c in
            try text(ax, &c)
        },
        PlotOperation(name: "annotate", parameters: "text, xy, xytext=, xycoords=, textcoords=, arrowprops=, annotation_clip=, **kwargs", artist: "Annotation") { ctx, ax, c in
            try annotate(ax, &c)
        },
    ]

    /// Makes an artist for the series just appended to `ax`.
    static func artist(_ cls: PyClass, _ ax: Axes, data: [String: PyObject] = [:]) -> ArtistObject {
        ArtistObject(cls, axes: ax, index: ax.series.count - 1, data: data)
    }

    /// `plot(*args, **kwargs)`: groups `x, y, fmt` like matplotlib's `_process_plot_var_args`.
    static func plot(_ ctx: PyplotContext, _ ax: Axes, _ c: inout PlotCall) throws -> PyObject {
        if c.values.count > 2, c.values[2] != nil { throw PyError.notImplemented("plot(data=...) is not supported by wick") }
        let colorGiven = c.kw.peek("color", "c")
        let properties = try c.kw.lineProperties()
        try c.kw.finish()
        var args = c.rest
        var lines: [PyObject] = []
        while !args.isEmpty {
            var group = Array(args.prefix(2))
            args.removeFirst(group.count)
            if let next = args.first, next is PyStr {
                group.append(next)
                args.removeFirst()
            }
            var fmt: String? = nil
            if group.count > 1, let s = group.last as? PyStr {
                fmt = s.value
                group.removeLast()
            }
            if group.first is PyStr {
                throw PyError.value("\(try Runtime.repr(group[0])) is not a valid format string (unrecognized character \(try Runtime.repr(PyStr(String((group[0] as? PyStr)?.value.first ?? " ")))))")
            }
            let y = try PlotArgs.array(group[group.count - 1])
            let x = group.count == 2 ? try PlotArgs.array(group[0]) : nil
            lines += try plotGroup(ax, x, y, fmt, properties, colorSpec: colorGiven ?? fmt.flatMap(formatColor).map { PyStr($0) })
        }
        return PyList(lines)
    }

    /// One `x, y, fmt` group: 2-D `y` (or `x`) draws one line per column.
    /// The colour part of a format string as written (`'r'` of `'r--'`, `'C1'`, or the whole colour name).
    static func formatColor(_ fmt: String) -> String? {
        if (try? Color.parse(fmt)) != nil, Int(fmt) == nil { return fmt }
        let chars = Array(fmt)
        for (i, ch) in chars.enumerated() {
            if "bgrcmykw".contains(ch) { return String(ch) }
            if ch == "C" {
                let digits = chars[(i + 1)...].prefix { $0.isASCII && $0.isNumber }
                if !digits.isEmpty { return "C" + String(digits) }
            }
        }
        return nil
    }

    static func plotGroup(_ ax: Axes, _ x: NdArray?, _ y: NdArray, _ fmt: String?, _ p: LineProperties, colorSpec: PyObject? = nil) throws -> [PyObject] {
        func columns(_ a: NdArray) throws -> [NdArray] {
            if a.shape.count <= 1 { return [a.shape.isEmpty ? NdArray(a.values, shape: [1], kind: a.kind) : a] }
            guard a.shape.count == 2 else { throw PyError.value("x and y can be no greater than 2D, but have shapes \(tupleText(x?.shape ?? []))) and \(tupleText(a.shape))") }
            let v = a.values, rows = a.shape[0], cols = a.shape[1]
            return (0 ..< cols).map { col in NdArray((0 ..< rows).map { v[$0 * cols + col] }, shape: [rows], kind: a.kind) }
        }
        let ys = try columns(y)
        let xs: [NdArray] = try x.map { try columns($0) } ?? []
        if let x, (x.shape.first ?? 1) != (y.shape.first ?? 1) {
            throw PyError.value("x and y must have same first dimension, but have shapes \(tupleText(x.shape.isEmpty ? [1] : x.shape)) and \(tupleText(y.shape.isEmpty ? [1] : y.shape))")
        }
        if !xs.isEmpty && xs.count != ys.count && xs.count != 1 && ys.count != 1 {
            throw PyError.value("x has \(xs.count) columns but y has \(ys.count) columns")
        }
        let n = max(xs.count, ys.count)
        var out: [PyObject] = []
        for i in 0 ..< n {
            let yi = ys[ys.count == 1 ? 0 : i]
            let xi: NdArray = xs.isEmpty ? NdArray((0 ..< yi.count).map(Double.init), shape: [yi.count], kind: .float64) : xs[xs.count == 1 ? 0 : i]
            try PlotArgs.plot { _ = try ax.plot(xi.values, yi.values, fmt: fmt, p) }
            var data: [String: PyObject] = ["xdata": xi, "ydata": yi]
            if let colorSpec { data["color"] = colorSpec }
            out.append(artist(PyplotClasses.line2D, ax, data: data))
        }
        return out
    }

    static func scatter(_ ax: Axes, _ c: inout PlotCall) throws -> PyObject {
        let x = try PlotArgs.vector(c.values[0] ?? PyNone.shared, "x"), y = try PlotArgs.vector(c.values[1] ?? PyNone.shared, "y")
        var colors: ScatterColors?
        if let colorArg = c[3] {
            if colorArg is PyStr { colors = .uniform(try PlotArgs.color(colorArg)) }
            else if let list = colorArg as? PyList, list.items.first is PyStr { colors = .perPoint(try list.items.map { try PlotArgs.color($0) }) }
            else if colorArg is PyTuple, let v = try? PlotArgs.vector(colorArg), (v.count == 3 || v.count == 4), v.count != x.count {
                colors = .uniform(try PlotArgs.color(colorArg))
            } else { colors = .mapped(try PlotArgs.vector(colorArg, "c")) }
        }
        if let color = c.kw.take("color") {
            if colors != nil { throw PyError.value("Supply a 'c' argument or a 'color' kwarg but not both; they differ but their functionalities overlap.") }
            colors = .uniform(try PlotArgs.color(color))
        }
        let sizes = try c[2].map { try PlotArgs.vector($0, "s") }
        var marker: Marker? = .circle
        if let m = c[4] {
            let text = try PlotArgs.text(m)
            marker = try PlotArgs.plot { try Marker.parse(text) }
        }
        let cmap = try PlotArgs.colormap(c[5])
        if c[6] != nil { throw PyError.notImplemented("scatter(norm=...) is not supported by wick; use vmin= and vmax=") }
        let label = try c.kw.take("label").map { try PlotArgs.text($0) }
        c.kw.ignore(["edgecolor", "facecolor", "zorder", "linewidth"])
        try c.kw.finish()
        let series = try PlotArgs.plot {
            try ax.scatter(x, y, colors: colors, sizes: sizes, marker: marker ?? .circle, cmap: cmap ?? .viridis,
                           vmin: try PlotArgs.optionalNumber(c[7], "vmin"), vmax: try PlotArgs.optionalNumber(c[8], "vmax"),
                           alpha: try PlotArgs.optionalAlpha(c[9]), label: label)
        }
        var offsets: [Double] = []
        for (a, b) in zip(series.x, series.y) { offsets += [a, b] }
        return artist(PyplotClasses.pathCollection, ax, data: ["offsets": NdArray(offsets, shape: [series.x.count, 2], kind: .float64)])
    }

    static func hist(_ ax: Axes, _ c: inout PlotCall) throws -> PyObject {
        let data = try PlotArgs.array(c.values[0] ?? PyNone.shared)
        guard data.shape.count <= 1 else { throw PyError.notImplemented("hist of a 2-D array (several data sets) is not supported by wick; call hist once per data set") }
        for (i, name) in [(4, "weights"), (5, "cumulative"), (6, "bottom"), (10, "rwidth"), (14, "stacked")] where c[i] != nil {
            if name == "cumulative" || name == "stacked", let v = c[i], !(try Runtime.truthy(v)) { continue }
            throw PyError.notImplemented("hist(\(name)=...) is not supported by wick")
        }
        if let t = c[7], try PlotArgs.text(t) != "bar" && PlotArgs.text(t) != "stepfilled" {
            throw PyError.notImplemented("hist(histtype=\(try Runtime.repr(t))) is not supported by wick")
        }
        if let o = c[9], try PlotArgs.text(o) != "vertical" { throw PyError.notImplemented("hist(orientation='horizontal') is not supported by wick") }
        var bins = HistogramBins.count(10)
        if let b = c[1] {
            if let i = b as? PyInt { bins = .count(Int(clamping: i.value)) }
            else if b is PyStr { throw PyError.notImplemented("hist(bins=\(try Runtime.repr(b))) is not supported by wick; give a number of bins or the edges") }
            else { bins = .edges(try PlotArgs.vector(b, "bins")) }
        }
        var range: (Double, Double)?
        if let r = c[2] {
            let v = try PlotArgs.vector(r, "range")
            guard v.count == 2 else { throw PyError.value("too many values to unpack (expected 2)") }
            range = (v[0], v[1])
        }
        let density = try c[3].map { try Runtime.truthy($0) } ?? false
        let log = try c[11].map { try Runtime.truthy($0) } ?? false
        let color = try c.kw.take("color").map { try PlotArgs.color($0) } ?? (try c[12].map { try PlotArgs.color($0) })
        let alpha = try c.kw.take("alpha").map { try PlotArgs.alpha($0) }
        let label = try (c[13] ?? c.kw.take("label")).map { try PlotArgs.text($0) }
        c.kw.ignore(["edgecolor", "ec", "linewidth", "lw", "zorder", "facecolor"])
        try c.kw.finish()
        let h = try PlotArgs.plot {
            try ax.hist(data.values, bins: bins, range: range, density: density, color: color, alpha: alpha, label: label)
        }
        if log { try PlotArgs.plot { try ax.setYScale("log") } }
        let counts = NdArray(h.counts, shape: [h.counts.count], kind: .float64)
        let edges = NdArray(h.edges, shape: [h.edges.count], kind: .float64)
        let patches = barContainer(ax, class: PyplotClasses.barContainer)
        return PyTuple([counts, edges, patches])
    }

    /// The `BarContainer` of the bar series just drawn (its `Rectangle` patches).
    static func barContainer(_ ax: Axes, class cls: PyClass) -> ArtistObject {
        var rects: [PyObject] = []
        if case .bars(let b)? = ax.series.last {
            for i in 0 ..< b.left.count {
                rects.append(ArtistObject(PyplotClasses.rectangle, axes: ax, index: nil, data: [
                    "x": PyFloat(b.left[i]), "y": PyFloat(b.bottom[i]), "width": PyFloat(b.width[i]), "height": PyFloat(b.height[i]),
                ]))
            }
        }
        return artist(cls, ax, data: ["patches": PyList(rects)])
    }

    static func bar(_ ax: Axes, _ c: inout PlotCall) throws -> PyObject {
        let xArg = c.values[0] ?? PyNone.shared
        let height = try PlotArgs.vector(c.values[1] ?? PyNone.shared, "height")
        let width = try c[2].map { try PlotArgs.vector($0, "width") } ?? [0.8]
        let bottom = try c[3].map { try PlotArgs.vector($0, "bottom") } ?? [0]
        var align = BarAlign.center
        if let a = c[4] {
            let s = try PlotArgs.text(a)
            guard let parsed = BarAlign(rawValue: s) else { throw PyError.value("\(try Runtime.repr(a)) is not a valid value for align; supported values are 'center', 'edge'") }
            align = parsed
        }
        let color = try c.kw.take("color").map { try PlotArgs.color($0) }
        let edge = try c.kw.take("edgecolor", "ec").map { try PlotArgs.color($0) }
        let alpha = try c.kw.take("alpha").map { try PlotArgs.alpha($0) }
        let label = try c.kw.take("label").map { try PlotArgs.text($0) }
        let tickLabels = try c.kw.take("tick_label").map { try Runtime.toArray($0).map { try PlotArgs.text($0) } }
        c.kw.ignore(["linewidth", "lw", "zorder", "hatch"])
        try c.kw.finish()
        let items = (xArg as? PyList)?.items ?? (xArg as? PyTuple)?.items
        if let items, !items.isEmpty, items.allSatisfy({ $0 is PyStr }) {
            let names = try items.map { try PlotArgs.text($0) }
            try PlotArgs.plot { _ = try ax.bar(categories: names, height, width: width, color: color, alpha: alpha, label: label) }
        } else {
            let x = try PlotArgs.vector(xArg, "x")
            try PlotArgs.plot { _ = try ax.bar(x, height, width: width, bottom: bottom, align: align, color: color, edgeColor: edge, alpha: alpha, label: label) }
            if let tickLabels { try PlotArgs.plot { try ax.setXTicks(x, labels: tickLabels) } }
        }
        return barContainer(ax, class: PyplotClasses.barContainer)
    }
}
