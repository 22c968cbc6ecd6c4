import Plot
import Script

/// The drawing calls beyond lines, points and bars: error bars, bands, reference lines, images,
/// contours, text and annotations.
extension PyplotDrawing {
    static func extent(_ o: PyObject?, _ name: String) throws -> ErrorExtent? {
        guard let o else { return nil }
        let a = try PlotArgs.array(o)
        if a.shape.count == 2 && a.shape[0] == 2 {
            let n = a.shape[1], v = a.values
            return ErrorExtent(lower: Array(v[0 ..< n]), upper: Array(v[n ..< 2 * n]))
        }
        guard a.shape.count <= 1 else {
            throw PyError.value("'\(name)' (shape: \(tupleText(a.shape))) must be a scalar or a 1D or (2, n) array-like whose shape matches '\(name.dropFirst())' (shape: (n,))")
        }
        return ErrorExtent(lower: a.values)
    }

    static func errorbar(_ ax: Axes, _ c: inout PlotCall) throws -> PyObject {
        let x = try PlotArgs.vector(c.values[0] ?? PyNone.shared, "x"), y = try PlotArgs.vector(c.values[1] ?? PyNone.shared, "y")
        let yerr = try extent(c[2], "yerr"), xerr = try extent(c[3], "xerr")
        var fmt = try c[4].map { try PlotArgs.text($0) }
        if fmt == "" { fmt = nil }
        for (i, name) in [(8, "barsabove"), (9, "lolims"), (10, "uplims"), (11, "xlolims"), (12, "xuplims")] {
            if let v = c[i], try Runtime.truthy(v) { throw PyError.notImplemented("errorbar(\(name)=...) is not supported by wick") }
        }
        let cap = try PlotArgs.optionalNumber(c[7], "capsize")
        var properties = try c.kw.lineProperties()
        if fmt?.lowercased() == "none" { fmt = nil; properties.lineStyle = LineStyle.none; properties.marker = .some(nil) }
        try c.kw.finish()
        let series = try PlotArgs.plot { try ax.errorbar(x, y, yerr: yerr, xerr: xerr, fmt: fmt, capSize: cap, properties) }
        _ = series
        return artist(PyplotClasses.errorbarContainer, ax, data: [
            "xdata": try PlotArgs.array(c.values[0] ?? PyNone.shared), "ydata": try PlotArgs.array(c.values[1] ?? PyNone.shared),
        ])
    }

    static func fillBetween(_ ax: Axes, _ c: inout PlotCall) throws -> PyObject {
        let x = try PlotArgs.vector(c.values[0] ?? PyNone.shared, "x")
        let y1 = try PlotArgs.vector(c.values[1] ?? PyNone.shared, "y1")
        let y2 = try c[2].map { try PlotArgs.vector($0, "y2") } ?? [0]
        if c[3] != nil { throw PyError.notImplemented("fill_between(where=...) is not supported by wick") }
        if c[5] != nil { throw PyError.notImplemented("fill_between(step=...) is not supported by wick") }
        let color = try c.kw.take("color", "facecolor", "fc").map { try PlotArgs.color($0) }
        let alpha = try c.kw.take("alpha").map { try PlotArgs.alpha($0) }
        let label = try c.kw.take("label").map { try PlotArgs.text($0) }
        c.kw.ignore(["edgecolor", "ec", "linewidth", "lw", "zorder", "linestyle", "ls"])
        try c.kw.finish()
        try PlotArgs.plot { _ = try ax.fillBetween(x, y1, y2, color: color, alpha: alpha, label: label) }
        return artist(PyplotClasses.polyCollection, ax)
    }

    static func referenceLine(_ ax: Axes, _ c: inout PlotCall, horizontal: Bool) throws -> PyObject {
        let v = try PlotArgs.optionalNumber(c[0], horizontal ? "y" : "x") ?? 0
        let a = try PlotArgs.optionalNumber(c[1], horizontal ? "xmin" : "ymin") ?? 0
        let b = try PlotArgs.optionalNumber(c[2], horizontal ? "xmax" : "ymax") ?? 1
        let p = try c.kw.lineProperties()
        try c.kw.finish()
        try PlotArgs.plot {
            if horizontal { _ = try ax.axhline(v, xmin: a, xmax: b, p) } else { _ = try ax.axvline(v, ymin: a, ymax: b, p) }
        }
        // matplotlib keeps the numbers as given: axhline(0.5) has ydata [0.5, 0.5] and xdata [0, 1].
        let along = PyList([c[1] ?? PyInt.make(0), c[2] ?? PyInt.make(1)]), at = PyList([c[0] ?? PyInt.make(0), c[0] ?? PyInt.make(0)])
        return artist(PyplotClasses.line2D, ax, data: horizontal ? ["xdata": along, "ydata": at] : ["xdata": at, "ydata": along])
    }

    static func imshow(_ ax: Axes, _ c: inout PlotCall) throws -> PyObject {
        let array = try PlotArgs.array(c.values[0] ?? PyNone.shared)
        let m = try PlotArgs.matrix(array)
        let cmap = try PlotArgs.colormap(c[1])
        if c[2] != nil { throw PyError.notImplemented("imshow(norm=...) is not supported by wick; use vmin= and vmax=") }
        if let o = c[9], try PlotArgs.text(o) != "upper" { throw PyError.notImplemented("imshow(origin='lower') is not supported by wick") }
        if c[10] != nil { throw PyError.notImplemented("imshow(extent=...) is not supported by wick") }
        c.kw.ignore(["zorder"])
        try c.kw.finish()
        try PlotArgs.plot {
            _ = try ax.imshow(m, cmap: cmap ?? .viridis, vmin: try PlotArgs.optionalNumber(c[6], "vmin"),
                              vmax: try PlotArgs.optionalNumber(c[7], "vmax"), alpha: try PlotArgs.optionalAlpha(c[5]))
        }
        return artist(PyplotClasses.axesImage, ax, data: ["array": array])
    }

    static func contour(_ ax: Axes, _ c: inout PlotCall, filled: Bool) throws -> PyObject {
        var args = c.rest
        var levels: ContourLevels = .count(7)
        if let l = c.kw.take("levels") { args.append(l) }
        var x: GridCoordinates?, y: GridCoordinates?
        func grid(_ o: PyObject) throws -> GridCoordinates {
            let a = try PlotArgs.array(o)
            return a.shape.count == 2 ? .matrix(try PlotArgs.matrix(a, what: "contour")) : .vector(a.values)
        }
        let zIndex: Int
        switch args.count {
        case 1, 2: zIndex = 0
        case 3, 4: zIndex = 2
        default: throw PyError.type("Too many arguments to contour; see help(contour)")
        }
        if zIndex == 2 { x = try grid(args[0]); y = try grid(args[1]) }
        let zArray = try PlotArgs.array(args[zIndex])
        guard zArray.shape.count == 2 else { throw PyError.type("Input z must be 2D, not \(zArray.shape.count)D") }
        let z = try PlotArgs.matrix(zArray, what: "contour")
        if args.count == zIndex + 2 {
            let l = args[zIndex + 1]
            if let n = l as? PyInt { levels = .count(Int(clamping: n.value)) } else { levels = .values(try PlotArgs.vector(l, "levels")) }
        }
        let cmap = try PlotArgs.colormap(c.kw.take("cmap"))
        let colors = try c.kw.take("colors").map { try PlotArgs.color($0) }
        let width = try c.kw.take("linewidths").map { try PlotArgs.number($0, "linewidths") }
        let alpha = try c.kw.take("alpha").map { try PlotArgs.alpha($0) }
        c.kw.ignore(["zorder", "linestyles", "extend"])
        try c.kw.finish()
        let series = try PlotArgs.plot {
            try ax.contour(x: x, y: y, z: z, levels: levels, filled: filled, cmap: cmap ?? .viridis, color: colors,
                           lineWidth: width ?? 1.5, alpha: alpha)
        }
        return artist(PyplotClasses.contourSet, ax, data: ["levels": NdArray(series.levels, shape: [series.levels.count], kind: .float64)])
    }

    static func text(_ ax: Axes, _ c: inout PlotCall) throws -> PyObject {
        let x = try PlotArgs.number(c.values[0] ?? PyNone.shared, "x"), y = try PlotArgs.number(c.values[1] ?? PyNone.shared, "y")
        let s = try PlotArgs.text(c.values[2] ?? PyNone.shared)
        var coords = TextAnnotation.Coordinates.data
        if let t = c.kw.take("transform") {
            guard t is TransformObject, (t as? TransformObject)?.kind == "axes" else {
                throw PyError.notImplemented("text(transform=...) supports only ax.transAxes in wick")
            }
            coords = .axesFraction
        }
        let color = try c.kw.take("color", "c").map { try PlotArgs.color($0) } ?? .black
        let size = try c.kw.take("fontsize", "size").map { try fontSize($0) } ?? 10
        let ha = try c.kw.take("horizontalalignment", "ha").map { try PlotArgs.text($0) } ?? "left"
        c.kw.ignoreTextStyle()
        try c.kw.finish()
        try PlotArgs.plot { try ax.text(x, y, s, color: color, fontSize: size, horizontalAlignment: ha, coordinates: coords) }
        return ArtistObject(PyplotClasses.text, axes: ax, index: nil, data: ["text": PyStr(s)])
    }

    static func annotate(_ ax: Axes, _ c: inout PlotCall) throws -> PyObject {
        let s = try PlotArgs.text(c.values[0] ?? PyNone.shared)
        func point(_ o: PyObject, _ name: String) throws -> (Double, Double) {
            let v = try PlotArgs.vector(o, name)
            guard v.count == 2 else { throw PyError.value("too many values to unpack (expected 2)") }
            return (v[0], v[1])
        }
        let xy = try point(c.values[1] ?? PyNone.shared, "xy")
        let xytext = try c[2].map { try point($0, "xytext") }
        for i in [3, 4] {
            if let v = c[i], try PlotArgs.text(v) != "data" { throw PyError.notImplemented("annotate(\(i == 3 ? "xycoords" : "textcoords")=\(try Runtime.repr(v))) is not supported by wick") }
        }
        let color = try c.kw.take("color", "c").map { try PlotArgs.color($0) } ?? .black
        let size = try c.kw.take("fontsize", "size").map { try fontSize($0) } ?? 10
        c.kw.ignore(["ha", "horizontalalignment"])
        c.kw.ignoreTextStyle()
        try c.kw.finish()
        try PlotArgs.plot { try ax.annotate(s, xy: xy, xytext: xytext, arrow: c[5] != nil, color: color, fontSize: size) }
        return ArtistObject(PyplotClasses.text, axes: ax, index: nil, data: ["text": PyStr(s)])
    }

    /// A font size: points, or matplotlib's names (`'small'`, `'large'`, …) relative to 10.
    static func fontSize(_ o: PyObject) throws -> Double {
        if let s = o as? PyStr {
            let scale: [String: Double] = ["xx-small": 0.579, "x-small": 0.694, "small": 0.833, "medium": 1, "large": 1.2,
                                           "x-large": 1.44, "xx-large": 1.728, "larger": 1.2, "smaller": 0.833]
            guard let f = scale[s.value] else {
                throw PyError.value("\(try Runtime.repr(o)) is not a valid font size. Valid font sizes are xx-small, x-small, small, medium, large, x-large, xx-large, larger, smaller, None")
            }
            return 10 * f
        }
        return try PlotArgs.number(o, "fontsize")
    }
}

/// `ax.transAxes` / `ax.transData`: only used to say where `text` coordinates are measured.
final class TransformObject: PyObject {
    let kind: String
    init(_ kind: String) {
        self.kind = kind
        super.init(cls: PyplotClasses.transform)
    }
}
