import Plot
import Script

/// The artists drawing calls return (`Line2D`, `PathCollection`, `BarContainer`, `AxesImage`, …):
/// getters read the figure model; `Line2D` setters change the drawn series.
extension PyplotClasses {
    static let line2D: PyClass = {
        let c = artistClass("Line2D", module: "matplotlib.lines")
        func line(_ a: Arguments) throws -> (ArtistObject, LineSeries?) {
            guard let art = a[0] as? ArtistObject else { throw PyError.type("descriptor requires a 'Line2D' object") }
            switch art.series {
            case .line(let l)?: return (art, l)
            case .errorbar(let e)?: return (art, e.line)
            default: return (art, nil)
            }
        }
        func data(_ a: Arguments, _ key: String, _ fallback: (LineSeries) -> [Double]) throws -> PyObject {
            let (art, l) = try line(a)
            if let d = art.data[key] { return d }
            let v = l.map(fallback) ?? []
            return NdArray(v, shape: [v.count], kind: .float64)
        }
        c.method("get_xdata", "self, orig=") { a in try data(a, "xdata") { $0.x } }
        c.method("get_ydata", "self, orig=") { a in try data(a, "ydata") { $0.y } }
        c.method("get_data", "self, orig=") { a in PyTuple([try data(a, "xdata") { $0.x }, try data(a, "ydata") { $0.y }]) }
        c.method("get_label", "self") { a in
            let (art, l) = try line(a)
            if let l { return PyStr(l.label ?? "_child\(art.index ?? 0)") }
            if case .referenceLine(let r)? = art.series { return PyStr(r.label ?? "_child\(art.index ?? 0)") }
            return PyStr("")
        }
        c.method("get_color", "self") { a in
            let (art, l) = try line(a)
            if let given = art.data["color"] { return given }
            // A cycle colour reads back as matplotlib's RGB tuple.
            if let l { return PyTuple([PyFloat(l.color.red), PyFloat(l.color.green), PyFloat(l.color.blue)]) }
            if case .referenceLine(let r)? = art.series { return PyStr(r.color.hex) }
            return PyNone.shared
        }
        c.method("get_linewidth", "self") { a in PyFloat(try line(a).1?.lineWidth ?? 1.5) }
        c.method("get_linestyle", "self") { a in PyStr(try line(a).1?.lineStyle.rawValue ?? "-") }
        c.method("get_marker", "self") { a in PyStr(try line(a).1?.marker?.rawValue ?? "None") }
        c.method("__str__", "self") { a in
            let (art, l) = try line(a)
            return PyStr("Line2D(\(l?.label ?? "_child\(art.index ?? 0)"))")
        }
        c.method("set_label", "self, s") { a in
            try updateLine(a) { l, art in l.label = a[1] is PyNone ? nil : try PlotArgs.text(a[1]) }
        }
        c.method("set_color", "self, color") { a in
            try updateLine(a) { l, art in l.color = try PlotArgs.color(a[1]); art.data["color"] = a[1] }
        }
        c.method("set_linestyle", "self, ls") { a in
            try updateLine(a) { l, _ in l.lineStyle = try PlotArgs.plot { try LineStyle.parse(try PlotArgs.text(a[1])) } }
        }
        c.method("set_linewidth", "self, w") { a in
            try updateLine(a) { l, _ in l.lineWidth = try PlotArgs.number(a[1], "linewidth") }
        }
        c.method("set_marker", "self, marker") { a in
            try updateLine(a) { l, _ in
                let text = try PlotArgs.text(a[1])
                l.marker = try PlotArgs.plot { try Marker.parse(text) }
            }
        }
        c.method("set_alpha", "self, alpha") { a in
            try updateLine(a) { l, _ in l.alpha = try PlotArgs.optionalAlpha(a[1]) }
        }
        c.method("set_xdata", "self, x") { a in
            try updateLine(a) { l, art in try setData(&l, art, x: a[1], y: nil) }
        }
        c.method("set_ydata", "self, y") { a in
            try updateLine(a) { l, art in try setData(&l, art, x: nil, y: a[1]) }
        }
        c.method("set_data", "self, *args") { a in
            var xy = a.rest
            if xy.count == 1 { xy = try Runtime.toArray(xy[0]) }
            guard xy.count == 2 else { throw PyError.type("set_data() takes 2 positional arguments but \(xy.count + 1) were given") }
            return try updateLine(a) { l, art in try setData(&l, art, x: xy[0], y: xy[1]) }
        }
        return c
    }()

    /// Changes the line an artist drew (also the line of an error bar); other artists are left alone.
    static func updateLine(_ a: Arguments, _ change: (inout LineSeries, ArtistObject) throws -> Void) throws -> PyObject {
        guard let art = a[0] as? ArtistObject else { throw PyError.type("descriptor requires a 'Line2D' object") }
        guard let ax = art.axes, let i = art.index, i < ax.series.count else { return PyNone.shared }
        switch ax.series[i] {
        case .line(var l):
            try change(&l, art)
            ax.series[i] = .line(l)
        case .errorbar(var e):
            try change(&e.line, art)
            ax.series[i] = .errorbar(e)
        case .referenceLine(var r):
            // A scratch line with the reference line's style (LineSeries has no public initialiser).
            let style = LineProperties(color: r.color, lineStyle: r.lineStyle, marker: .some(nil), lineWidth: r.lineWidth, alpha: r.alpha, label: r.label)
            var l = try PlotArgs.plot { try Axes(spec: .single).plot([], [], style) }
            try change(&l, art)
            r.color = l.color; r.lineStyle = l.lineStyle; r.lineWidth = l.lineWidth; r.alpha = l.alpha; r.label = l.label
            ax.series[i] = .referenceLine(r)
        default: break
        }
        return PyNone.shared
    }

    /// `set_xdata` / `set_ydata` / `set_data`: matplotlib checks the lengths only when drawing; wick checks here.
    static func setData(_ l: inout LineSeries, _ art: ArtistObject, x: PyObject?, y: PyObject?) throws {
        let xs = try x.map { try PlotArgs.array($0) }, ys = try y.map { try PlotArgs.array($0) }
        let nx = xs?.values.count ?? l.x.count, ny = ys?.values.count ?? l.y.count
        guard nx == ny else {
            throw PyError.runtime("xdata and ydata must be the same length")
        }
        // get_xdata returns what was set, as given (matplotlib keeps the original object).
        if let xs, let x { l.x = xs.values; art.data["xdata"] = x }
        if let ys, let y { l.y = ys.values; art.data["ydata"] = y }
    }

    static let pathCollection: PyClass = {
        let c = artistClass("PathCollection", module: "matplotlib.collections")
        c.method("get_offsets", "self") { a in (a[0] as? ArtistObject)?.data["offsets"] ?? PyNone.shared }
        c.method("get_label", "self") { a in
            guard let art = a[0] as? ArtistObject, case .scatter(let s)? = art.series else { return PyStr("") }
            return PyStr(s.label ?? "_child\(art.index ?? 0)")
        }
        return c
    }()

    static let rectangle: PyClass = {
        let c = artistClass("Rectangle", module: "matplotlib.patches")
        for (name, key) in [("get_x", "x"), ("get_y", "y"), ("get_width", "width"), ("get_height", "height")] {
            c.method(name, "self") { a in (a[0] as? ArtistObject)?.data[key] ?? PyNone.shared }
        }
        return c
    }()

    static let barContainer: PyClass = {
        let c = artistClass("BarContainer", module: "matplotlib.container")
        func patches(_ o: PyObject) -> PyList { ((o as? ArtistObject)?.data["patches"] as? PyList) ?? PyList([]) }
        c.property("patches") { o in patches(o) }
        c.method("__len__", "self") { a in PyInt.make(patches(a[0]).items.count) }
        c.method("__getitem__", "self, i") { a in try Runtime.getItem(patches(a[0]), a[1]) }
        c.method("__iter__", "self") { a in try Runtime.iterate(patches(a[0])) }
        c.method("get_label", "self") { a in
            guard let art = a[0] as? ArtistObject, case .bars(let b)? = art.series else { return PyStr("") }
            return PyStr(b.label ?? "_nolegend_")
        }
        return c
    }()

    static let errorbarContainer: PyClass = {
        let c = artistClass("ErrorbarContainer", module: "matplotlib.container")
        c.method("__getitem__", "self, i") { a in
            guard let art = a[0] as? ArtistObject else { return PyNone.shared }
            let line = ArtistObject(line2D, axes: art.axes, index: art.index, data: art.data)
            return try Runtime.getItem(PyTuple([line, PyTuple([]), PyTuple([])]), a[1])
        }
        c.method("__len__", "self") { _ in PyInt.make(3) }
        return c
    }()

    static let polyCollection = artistClass("FillBetweenPolyCollection", module: "matplotlib.collections")

    static let axesImage: PyClass = {
        let c = artistClass("AxesImage", module: "matplotlib.image")
        c.method("get_array", "self") { a in (a[0] as? ArtistObject)?.data["array"] ?? PyNone.shared }
        c.method("get_cmap", "self") { a in
            guard let art = a[0] as? ArtistObject, case .image(let im)? = art.series else { return PyNone.shared }
            return ColormapObject(im.colormap)
        }
        return c
    }()

    static let contourSet: PyClass = {
        let c = artistClass("QuadContourSet", module: "matplotlib.contour")
        c.property("levels") { o in (o as? ArtistObject)?.data["levels"] ?? PyNone.shared }
        return c
    }()

    static let text: PyClass = {
        let c = artistClass("Text", module: "matplotlib.text")
        c.method("get_text", "self") { a in (a[0] as? ArtistObject)?.data["text"] ?? PyStr("") }
        c.method("__str__", "self") { a in
            let t = ((a[0] as? ArtistObject)?.data["text"] as? PyStr)?.value ?? ""
            return PyStr("Text(0, 0, \(try Runtime.repr(PyStr(t))))")
        }
        return c
    }()

    static let tick: PyClass = {
        let c = artistClass("XTick", module: "matplotlib.axis")
        c.method("get_loc", "self") { a in (a[0] as? ArtistObject)?.data["loc"] ?? PyNone.shared }
        return c
    }()

    static let legend: PyClass = {
        let c = artistClass("Legend", module: "matplotlib.legend")
        c.method("get_texts", "self") { a in
            guard let art = a[0] as? ArtistObject, let ax = art.axes, let legend = ax.legend else { return PyList([]) }
            let labels = legend.labels ?? ax.series.compactMap { $0.legendLabel }
            return PyList(labels.map { ArtistObject(text, axes: ax, index: nil, data: ["text": PyStr($0)]) })
        }
        return c
    }()

    static let colorbar: PyClass = {
        let c = artistClass("Colorbar", module: "matplotlib.colorbar")
        c.method("set_label", "self, label, loc=, **kwargs") { a in
            guard let art = a[0] as? ArtistObject, let ax = art.axes else { return PyNone.shared }
            let label = try PlotArgs.text(a[1])
            if ax.colorbar != nil { ax.colorbar?.label = label }
            else if let f = PyplotBindings.context?.figure(of: ax) { try PlotArgs.plot { try f.colorbar(for: ax, label: label) } }
            return PyNone.shared
        }
        return c
    }()

    static let colormap: PyClass = {
        let c = PyClass(name: "Colormap", bases: [Builtin.objectType], module: "matplotlib.colors")
        c.property("name") { o in PyStr((o as? ColormapObject)?.colormap.name ?? "") }
        c.method("__repr__", "self") { a in PyStr("<matplotlib.colors.Colormap object: \((a[0] as? ColormapObject)?.colormap.name ?? "")>") }
        return c
    }()

    static let transform: PyClass = {
        let c = PyClass(name: "Transform", bases: [Builtin.objectType], module: "matplotlib.transforms")
        return c
    }()
}
