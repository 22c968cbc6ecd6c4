import Foundation
import Plot
import Script

/// Decoration shared by `plt.title(…)` and `ax.set_title(…)` (and the other pairs): each entry
/// names the pyplot function, the Axes method, and the one body both call.
struct DecorationOperation {
    let pltName: String?
    let axesName: String?
    let parameters: String
    let body: (PyplotContext, Axes, inout PlotCall) throws -> PyObject
}

enum PyplotDecoration {
    static let operations: [DecorationOperation] = [
        DecorationOperation(pltName: "title", axesName: "set_title", parameters: "label, fontdict=, loc=, pad=, *, y=, **kwargs") { _, ax, c in
            ax.title = try label(&c, loc: 2)
            return ArtistObject(PyplotClasses.text, axes: ax, index: nil, data: ["text": PyStr(ax.title ?? "")])
        },
        DecorationOperation(pltName: "xlabel", axesName: "set_xlabel", parameters: "xlabel, fontdict=, labelpad=, *, loc=, **kwargs") { _, ax, c in
            ax.xlabel = try label(&c, loc: 3)
            return ArtistObject(PyplotClasses.text, axes: ax, index: nil, data: ["text": PyStr(ax.xlabel ?? "")])
        },
        DecorationOperation(pltName: "ylabel", axesName: "set_ylabel", parameters: "ylabel, fontdict=, labelpad=, *, loc=, **kwargs") { _, ax, c in
            ax.ylabel = try label(&c, loc: 3)
            return ArtistObject(PyplotClasses.text, axes: ax, index: nil, data: ["text": PyStr(ax.ylabel ?? "")])
        },
        DecorationOperation(pltName: "xlim", axesName: nil, parameters: "*args, **kwargs") { _, ax, c in
            try limits(ax, &c, x: true, names: ("left", "right", "xmin", "xmax"), function: "xlim")
        },
        DecorationOperation(pltName: "ylim", axesName: nil, parameters: "*args, **kwargs") { _, ax, c in
            try limits(ax, &c, x: false, names: ("bottom", "top", "ymin", "ymax"), function: "ylim")
        },
        DecorationOperation(pltName: nil, axesName: "set_xlim", parameters: "*args, **kwargs") { _, ax, c in
            try limits(ax, &c, x: true, names: ("left", "right", "xmin", "xmax"), function: "set_xlim", setter: true)
        },
        DecorationOperation(pltName: nil, axesName: "set_ylim", parameters: "*args, **kwargs") { _, ax, c in
            try limits(ax, &c, x: false, names: ("bottom", "top", "ymin", "ymax"), function: "set_ylim", setter: true)
        },
        DecorationOperation(pltName: nil, axesName: "get_xlim", parameters: "") { _, ax, _ in try currentLimits(ax, x: true) },
        DecorationOperation(pltName: nil, axesName: "get_ylim", parameters: "") { _, ax, _ in try currentLimits(ax, x: false) },
        DecorationOperation(pltName: "xscale", axesName: "set_xscale", parameters: "value, **kwargs") { _, ax, c in
            try scale(ax, &c, x: true)
        },
        DecorationOperation(pltName: "yscale", axesName: "set_yscale", parameters: "value, **kwargs") { _, ax, c in
            try scale(ax, &c, x: false)
        },
        DecorationOperation(pltName: nil, axesName: "get_xscale", parameters: "") { _, ax, _ in PyStr(ax.xscale.rawValue) },
        DecorationOperation(pltName: nil, axesName: "get_yscale", parameters: "") { _, ax, _ in PyStr(ax.yscale.rawValue) },
        DecorationOperation(pltName: nil, axesName: "get_title", parameters: "loc=") { _, ax, _ in PyStr(ax.title ?? "") },
        DecorationOperation(pltName: nil, axesName: "get_xlabel", parameters: "") { _, ax, _ in PyStr(ax.xlabel ?? "") },
        DecorationOperation(pltName: nil, axesName: "get_ylabel", parameters: "") { _, ax, _ in PyStr(ax.ylabel ?? "") },
        DecorationOperation(pltName: "legend", axesName: "legend", parameters: "*args, **kwargs") { _, ax, c in
            try legend(ax, &c)
        },
        DecorationOperation(pltName: "grid", axesName: "grid", parameters: "visible=, which=, axis=, **kwargs") { _, ax, c in
            var visible = try c[0].map { try Runtime.truthy($0) }
            c.kw.ignore(["color", "c", "linestyle", "ls", "linewidth", "lw", "alpha", "zorder"])
            if visible == nil && !c.kw.isEmpty { visible = true }
            _ = c.kw.take("b")
            try c.kw.finish()
            if let w = c[1], try PlotArgs.text(w) != "major" { throw PyError.notImplemented("grid(which=\(try Runtime.repr(w))) is not supported by wick") }
            if let a = c[2], try PlotArgs.text(a) != "both" { throw PyError.notImplemented("grid(axis=\(try Runtime.repr(a))) is not supported by wick") }
            ax.grid(visible)
            return PyNone.shared
        },
        DecorationOperation(pltName: "xticks", axesName: nil, parameters: "ticks=, labels=, *, minor=, **kwargs") { _, ax, c in
            try ticks(ax, &c, x: true, getter: true)
        },
        DecorationOperation(pltName: "yticks", axesName: nil, parameters: "ticks=, labels=, *, minor=, **kwargs") { _, ax, c in
            try ticks(ax, &c, x: false, getter: true)
        },
        DecorationOperation(pltName: nil, axesName: "set_xticks", parameters: "ticks, labels=, *, minor=, **kwargs") { _, ax, c in
            try ticks(ax, &c, x: true, getter: false)
        },
        DecorationOperation(pltName: nil, axesName: "set_yticks", parameters: "ticks, labels=, *, minor=, **kwargs") { _, ax, c in
            try ticks(ax, &c, x: false, getter: false)
        },
        DecorationOperation(pltName: nil, axesName: "set_xticklabels", parameters: "labels, *, fontdict=, minor=, **kwargs") { _, ax, c in
            try tickLabels(ax, &c, x: true)
        },
        DecorationOperation(pltName: nil, axesName: "set_yticklabels", parameters: "labels, *, fontdict=, minor=, **kwargs") { _, ax, c in
            try tickLabels(ax, &c, x: false)
        },
        DecorationOperation(pltName: "axis", axesName: "axis", parameters: "arg=, *, emit=, **kwargs") { _, ax, c in
            if let a = c[0] {
                if let s = a as? PyStr {
                    switch s.value {
                    case "off": ax.axisVisible = false
                    case "on": ax.axisVisible = true
                    default: throw PyError.notImplemented("axis(\(try Runtime.repr(a))) is not supported by wick ('on', 'off' or [xmin, xmax, ymin, ymax])")
                    }
                } else if let b = a as? PyInt, b.cls === Builtin.boolType {
                    ax.axisVisible = b.value != 0
                } else {
                    let v = try PlotArgs.vector(a, "limits")
                    guard v.count == 4 else { throw PyError.type("The first argument to axis() must be an iterable of the form [xmin, xmax, ymin, ymax]") }
                    try PlotArgs.plot { try ax.setXLim(v[0], v[1]); try ax.setYLim(v[2], v[3]) }
                }
            }
            // The limits are returned when wick can compute them (see currentLimits); after axis('off') on an
            // image they are not needed, so None is returned instead of failing the call.
            guard let xs = try? currentLimits(ax, x: true), let ys = try? currentLimits(ax, x: false) else {
                if c[0] != nil { return PyNone.shared }
                return try PyTuple([currentLimits(ax, x: true), currentLimits(ax, x: false)])
            }
            return PyTuple([xs, ys].flatMap { ($0 as? PyTuple)?.items ?? [] })
        },
    ]

    /// The text of a title or label call (fontsize and colour are not drawn differently: accepted).
    static func label(_ c: inout PlotCall, loc: Int) throws -> String {
        let text = try PlotArgs.text(c.values[0] ?? PyNone.shared)
        if let l = c[loc], try PlotArgs.text(l) != "center" && PlotArgs.text(l) != "left" && PlotArgs.text(l) != "right" && PlotArgs.text(l) != "top" && PlotArgs.text(l) != "bottom" {
            throw PyError.value("\(try Runtime.repr(l)) is not a valid value for loc; supported values are 'left', 'center', 'right'")
        }
        c.kw.ignore(["fontsize", "size", "color", "c"])
        c.kw.ignoreTextStyle()
        try c.kw.finish()
        return text
    }

    /// `xlim()`, `xlim(lo, hi)`, `xlim((lo, hi))`, `xlim(left=…)`: sets and/or returns the limits.
    static func limits(_ ax: Axes, _ c: inout PlotCall, x: Bool, names: (String, String, String, String), function: String, setter: Bool = false) throws -> PyObject {
        var lower: PyObject? = nil, upper: PyObject? = nil
        var given = false
        if c.rest.count == 1 {
            if c.rest[0] is PyTuple || c.rest[0] is PyList || c.rest[0] is NdArray {
                let v = try Runtime.toArray(c.rest[0])
                guard v.count == 2 else { throw PyError.value("too many values to unpack (expected 2)") }
                lower = v[0]; upper = v[1]
            } else { lower = c.rest[0] }
            given = true
        } else if c.rest.count == 2 {
            lower = c.rest[0]; upper = c.rest[1]; given = true
        } else if c.rest.count > 2 {
            throw PyError.type("\(function)() takes from 1 to 3 positional arguments but \(c.rest.count + 1) were given")
        }
        if let v = c.kw.take(names.0) { lower = v; given = true }
        if let v = c.kw.take(names.1) { upper = v; given = true }
        if let v = c.kw.take(names.2) { lower = v; given = true }
        if let v = c.kw.take(names.3) { upper = v; given = true }
        c.kw.ignore(["emit", "auto"])
        try c.kw.finish()
        if !given && !setter { return try currentLimits(ax, x: x) }
        let lo = try lower.flatMap { $0 is PyNone ? nil : try PlotArgs.number($0, names.0) }
        let hi = try upper.flatMap { $0 is PyNone ? nil : try PlotArgs.number($0, names.1) }
        if let lo, let hi, lo == hi {
            PyplotBindings.warn("UserWarning: Attempting to set identical low and high \(x ? "xlims" : "ylims") makes transformation singular; automatically expanding.")
        }
        try PlotArgs.plot { if x { try ax.setXLim(lo, hi) } else { try ax.setYLim(lo, hi) } }
        return try currentLimits(ax, x: x)
    }

    /// The limits matplotlib would report: the set ones, else the data range with 5% margins
    /// (lines, scatter, error bars, bands); other automatic limits are not computed by wick.
    static func currentLimits(_ ax: Axes, x: Bool) throws -> PyObject {
        let set = x ? ax.xlim : ax.ylim
        if let lo = set.lower, let hi = set.upper { return PyTuple([PyFloat(lo), PyFloat(hi)]) }
        var values: [Double] = []
        for s in ax.series {
            switch s {
            case .line(let l): values += x ? l.x : l.y
            case .scatter(let sc): values += x ? sc.x : sc.y
            case .errorbar(let e):
                values += x ? e.line.x : e.line.y
                if let err = x ? e.xerr : e.yerr {
                    let base = x ? e.line.x : e.line.y
                    values += zip(base, err.lower).map { $0 - $1 } + zip(base, err.upper).map { $0 + $1 }
                }
            case .fill(let f): values += x ? f.x : f.y1 + f.y2
            case .referenceLine(let r):
                // axhline spans the axes in x (no x data); its y counts, and the other way round for axvline.
                if (r.orientation == .horizontal) != x { values.append(r.value) }
            default:
                throw PyError.notImplemented("reading automatic axis limits of bars, histograms, images, contours or reference lines is not supported by wick; set them with \(x ? "xlim" : "ylim")(lo, hi) first")
            }
        }
        let finite = values.filter { $0.isFinite }
        let scale = x ? ax.xscale : ax.yscale
        var lo: Double, hi: Double
        if let mn = finite.min(), let mx = finite.max() {
            if scale == .log {
                let positive = finite.filter { $0 > 0 }
                guard let pmn = positive.min(), let pmx = positive.max() else { return PyTuple([PyFloat(set.lower ?? 1), PyFloat(set.upper ?? 10)]) }
                let a = log10(pmn), b = log10(pmx), m = (b - a) * 0.05
                lo = pow(10, a - m); hi = pow(10, b + m)
            } else if mn == mx {
                // matplotlib widens a single value by 5% (±0.05 around 0), then adds the 5% margins.
                lo = mn == 0 ? -0.055 : mn - abs(mn) * 0.055
                hi = mx == 0 ? 0.055 : mx + abs(mx) * 0.055
            } else {
                let m = (mx - mn) * 0.05
                lo = mn - m; hi = mx + m
            }
        } else {
            lo = scale == .log ? 1 : 0; hi = scale == .log ? 10 : 1
        }
        return PyTuple([PyFloat(set.lower ?? lo), PyFloat(set.upper ?? hi)])
    }

    static func scale(_ ax: Axes, _ c: inout PlotCall, x: Bool) throws -> PyObject {
        let name = try PlotArgs.text(c.values[0] ?? PyNone.shared)
        c.kw.ignore(["base", "nonpositive"])
        try c.kw.finish()
        try PlotArgs.plot { if x { try ax.setXScale(name) } else { try ax.setYScale(name) } }
        return PyNone.shared
    }

    static func legend(_ ax: Axes, _ c: inout PlotCall) throws -> PyObject {
        var location: String? = nil
        var code: Int? = nil
        if let loc = c.kw.take("loc") {
            if let i = loc as? PyInt { code = Int(clamping: i.value) } else { location = try PlotArgs.text(loc) }
        }
        c.kw.ignore(["fontsize", "frameon", "framealpha", "ncol", "ncols", "title", "shadow", "fancybox", "bbox_to_anchor", "markerscale", "prop", "borderaxespad"])
        var labels: [String]? = nil
        var handles: [PyObject]? = try c.kw.take("handles").map { try Runtime.toArray($0) }
        if let l = c.kw.take("labels") { labels = try Runtime.toArray(l).map { try PlotArgs.text($0) } }
        try c.kw.finish()
        switch c.rest.count {
        case 0: break
        case 1:
            if handles == nil && labels == nil { labels = try Runtime.toArray(c.rest[0]).map { try PlotArgs.text($0) } }
        case 2:
            handles = try Runtime.toArray(c.rest[0])
            labels = try Runtime.toArray(c.rest[1]).map { try PlotArgs.text($0) }
        default:
            throw PyError.type("legend only accepts two non-keyword arguments")
        }
        if let handles {
            // Handles in drawing order (the usual `legend([l1, l2], ['a', 'b'])`) map to the model's labels.
            let indices = handles.map { ($0 as? ArtistObject)?.index }
            guard indices.enumerated().allSatisfy({ $0.element == $0.offset }), handles.count == ax.series.count else {
                throw PyError.notImplemented("legend(handles=...) is supported by wick only for all the axes' artists in drawing order")
            }
            if labels == nil { labels = ax.series.map { $0.legendLabel ?? "" } }
        }
        if labels == nil && !ax.series.contains(where: { $0.legendLabel != nil }) {
            PyplotBindings.warn("UserWarning: No artists with labels found to put in legend.  Note that artists whose label start with an underscore are ignored when legend() is called with no argument.")
        }
        try PlotArgs.plot {
            if let code { ax.legend = try Legend(code: code, labels: labels) } else { try ax.showLegend(location: location, labels: labels) }
        }
        return ArtistObject(PyplotClasses.legend, axes: ax, index: nil)
    }

    static func ticks(_ ax: Axes, _ c: inout PlotCall, x: Bool, getter: Bool) throws -> PyObject {
        // Text styling of the tick labels (`xticks(rotation=45)`) is accepted; wick's renderer lays them out.
        let styled = !c.kw.isEmpty
        c.kw.ignore(["rotation", "fontsize", "ha", "horizontalalignment", "color"])
        try c.kw.finish()
        if let minor = c[2], try Runtime.truthy(minor) { throw PyError.notImplemented("minor ticks are not supported by wick") }
        guard let t = c[0] else {
            if c[1] != nil { throw PyError.type("xticks(): Parameter 'labels' can't be set without setting 'ticks'") }
            if let existing = x ? ax.xticks : ax.yticks {
                return PyTuple([NdArray(existing.positions, shape: [existing.positions.count], kind: .float64),
                                PyList((existing.labels ?? existing.positions.map { "\($0)" }).map { PyStr($0) as PyObject })])
            }
            if getter, !styled, c.values.allSatisfy({ $0 == nil }) {
                throw PyError.notImplemented("reading automatic tick positions is not supported by wick; set them with \(x ? "xticks" : "yticks")(positions) first")
            }
            return PyNone.shared
        }
        let positions = try PlotArgs.vector(t, "ticks")
        let labels = try c[1].map { try Runtime.toArray($0).map { try PlotArgs.text($0) } }
        try PlotArgs.plot { if x { try ax.setXTicks(positions, labels: labels) } else { try ax.setYTicks(positions, labels: labels) } }
        let tickObjects: [PyObject] = positions.map { ArtistObject(PyplotClasses.tick, axes: ax, index: nil, data: ["loc": PyFloat($0)]) }
        if !getter { return PyList(tickObjects) }
        let texts: [PyObject] = (labels ?? positions.map { formatG($0) }).map { ArtistObject(PyplotClasses.text, axes: ax, index: nil, data: ["text": PyStr($0)]) }
        return PyTuple([PyList(tickObjects), PyList(texts)])
    }

    static func tickLabels(_ ax: Axes, _ c: inout PlotCall, x: Bool) throws -> PyObject {
        c.kw.ignore(["rotation", "fontsize", "ha", "horizontalalignment", "color"])
        try c.kw.finish()
        let labels = try Runtime.toArray(c.values[0] ?? PyNone.shared).map { try PlotArgs.text($0) }
        guard let existing = x ? ax.xticks : ax.yticks else {
            throw PyError.notImplemented("set_\(x ? "x" : "y")ticklabels without set_\(x ? "x" : "y")ticks is not supported by wick; call set_\(x ? "x" : "y")ticks(positions, labels) instead")
        }
        try PlotArgs.plot { if x { try ax.setXTicks(existing.positions, labels: labels) } else { try ax.setYTicks(existing.positions, labels: labels) } }
        return PyList(labels.map { PyStr($0) as PyObject })
    }
}

extension PlotKeywords {
    /// Whether every keyword has been taken.
    var isEmpty: Bool { (try? finish()) != nil }
}
