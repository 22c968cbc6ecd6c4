import Plot
import Script

extension PyplotBindings {
    /// A plain description of the current run's open figures, in the layout that
    /// `Tests/Fixtures/make_pyplot_fixtures.py` records from real matplotlib: per figure its
    /// size, suptitle and axes; per axes its decoration, legend texts, artists (kind and data)
    /// and texts. Values are `String`, `Double`, `Int`, `Bool`, arrays and dictionaries of these,
    /// or `NSNull`-free optionals left out. Empty when no script imported pyplot.
    public static func snapshot() -> [[String: Any]] {
        guard let state else { return [] }
        return state.figures.map { figure in
            var f: [String: Any] = ["number": figure.number, "size": [figure.size.width, figure.size.height],
                                    "axes": figure.axes.map(describe),
                                    "colorbars": figure.axes.filter { $0.colorbar != nil }.count]
            if let s = figure.suptitle { f["suptitle"] = s }
            return f
        }
    }

    /// The snapshot as Python values (`plt._wick_snapshot()`, used by cross-check scripts that
    /// compare wick's figures with matplotlib's; the layout of `make_pyplot_fixtures.py`).
    static func pythonSnapshot() throws -> PyObject { try python(snapshot()) }

    static func python(_ v: Any) throws -> PyObject {
        switch v {
        case let b as Bool: return PyBool.make(b)
        case let i as Int: return PyInt.make(i)
        case let d as Double: return PyFloat(d)
        case let s as String: return PyStr(s)
        case let l as [Any]: return PyList(try l.map { try python($0) })
        case let d as [String: Any]:
            let out = PyDict()
            for k in d.keys.sorted() { if let value = d[k] { try Runtime.setItem(out, PyStr(k), try python(value)) } }
            return out
        default: return PyNone.shared
        }
    }

    static func describe(_ ax: Axes) -> [String: Any] {
        var rec: [String: Any] = ["title": ax.title ?? "", "xlabel": ax.xlabel ?? "", "ylabel": ax.ylabel ?? "",
                                  "xscale": ax.xscale.rawValue, "yscale": ax.yscale.rawValue, "axis": ax.axisVisible,
                                  "row": ax.spec.row, "col": ax.spec.column, "nrows": ax.spec.nrows, "ncols": ax.spec.ncols]
        if let lo = ax.xlim.lower, let hi = ax.xlim.upper { rec["xlim"] = [lo, hi] }
        if let lo = ax.ylim.lower, let hi = ax.ylim.upper { rec["ylim"] = [lo, hi] }
        for (key, ticks) in [("xticks", ax.xticks), ("yticks", ax.yticks)] {
            guard let t = ticks else { continue }
            var entry: [String: Any] = ["positions": t.positions]
            if let l = t.labels { entry["labels"] = l }
            rec[key] = entry
        }
        if let legend = ax.legend { rec["legend"] = legend.labels ?? ax.series.compactMap { $0.legendLabel } }
        rec["artists"] = ax.series.enumerated().map { describe($1, index: $0) }
        rec["texts"] = ax.annotations.map { t -> [String: Any] in
            var e: [String: Any] = ["text": t.text, "x": t.x, "y": t.y, "axes_fraction": t.coordinates == .axesFraction]
            if let to = t.arrowTo { e["xy"] = [to.x, to.y] }
            return e
        }
        return rec
    }

    static func describe(_ s: Series, index: Int) -> [String: Any] {
        switch s {
        case .line(let l): return line(l, index: index)
        case .referenceLine(let r):
            return ["kind": r.orientation == .horizontal ? "hline" : "vline", "value": r.value, "from": r.from, "to": r.to,
                    "color": r.color.hex, "linestyle": r.lineStyle.rawValue]
        case .scatter(let sc):
            var e: [String: Any] = ["kind": "scatter", "x": sc.x, "y": sc.y, "sizes": sc.sizes, "label": sc.label ?? "_child\(index)"]
            switch sc.colors {
            case .mapped(let v): e["mapped"] = v
            case .uniform(let c): e["color"] = c.hex
            case .perPoint(let cs): e["color"] = cs.first?.hex ?? ""
            }
            return e
        case .bars(let b):
            return ["kind": "bars", "left": b.left, "bottom": b.bottom, "width": b.width, "height": b.height,
                    "color": b.color.hex, "label": b.label ?? "_nolegend_"]
        case .errorbar(let e):
            var d: [String: Any] = ["kind": "errorbar", "x": e.line.x, "y": e.line.y]
            if let y = e.yerr { d["yerr"] = ["lower": y.lower, "upper": y.upper] }
            if let x = e.xerr { d["xerr"] = ["lower": x.lower, "upper": x.upper] }
            return d
        case .fill(let f):
            return ["kind": "fill", "x": f.x, "y1": f.y1, "y2": f.y2, "color": f.color.hex]
        case .image(let im):
            return ["kind": "image", "shape": [im.values.count, im.values.first?.count ?? 0],
                    "values": im.values.flatMap { $0 }, "cmap": im.colormap.name]
        case .contour(let c):
            return ["kind": c.filled ? "contourf" : "contour", "levels": c.levels]
        }
    }

    static func line(_ l: LineSeries, index: Int) -> [String: Any] {
        ["kind": "line", "x": l.x, "y": l.y, "color": l.color.hex, "linestyle": l.lineStyle.rawValue,
         "marker": l.marker?.rawValue ?? "None", "linewidth": l.lineWidth, "label": l.label ?? "_child\(index)"]
    }
}
