import Foundation
import Plot
import Script

/// `import matplotlib.pyplot as plt` for scripts (PLOTS.md): figures, subplots, drawing and
/// decoration on `plt` (the current axes) and on `Axes` objects, `savefig` (PNG/SVG/PDF plus the
/// `.gp`/`.dat` pair) and `show()` (terminal drawing), built on the `Plot` figure model.
/// `import matplotlib; matplotlib.use('Agg')` is accepted. Anything else raises
/// `NotImplementedError: matplotlib.pyplot.xyz is not supported by wick`.
public enum PyplotBindings {
    /// Makes `import matplotlib` / `import matplotlib.pyplot` work (once per process).
    public static func install() { _ = installed }

    /// The pyplot state of the current run (nil before a script imported pyplot); tests read the figure model here.
    public static var state: PyplotState? { context?.state }

    nonisolated(unsafe) static var context: PyplotContext?
    nonisolated(unsafe) static var rcParams: PyDict?

    /// `rcParams['figure.figsize']` / `['figure.dpi']` when a script set them.
    static func defaultFigure(_ ctx: PyplotContext) throws -> (FigureSize?, Double?) {
        guard let rc = ctx.rcParams else { return (nil, nil) }
        let size = try (try? Runtime.getItem(rc, PyStr("figure.figsize"))).flatMap { try figureSize($0) }
        let dpi = try (try? Runtime.getItem(rc, PyStr("figure.dpi"))).map { try PlotArgs.number($0, "figure.dpi") }
        return (size, dpi)
    }

    private static let installed: Bool = {
        NativeModules.register("matplotlib") { matplotlibModule() }
        NativeModules.register("matplotlib.pyplot") { pyplotModule() }
        NativeModules.register("matplotlib.cm") { colormapModule() }
        let moduleClass = Builtin.moduleType
        let previous = moduleClass.attributeFallback
        moduleClass.attributeFallback = { o, name in
            if let m = o as? PyModule, m.name == "matplotlib" || m.name.hasPrefix("matplotlib."), !name.hasPrefix("__") {
                throw TorchErrors.unsupportedAttribute(m.name + "." + name)
            }
            return try previous?(o, name)
        }
        return true
    }()

    /// Writes a warning line to the script's standard error.
    static func warn(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static func matplotlibModule() -> PyModule {
        let m = PyModule(name: "matplotlib")
        m["__version__"] = PyStr("3.11.2")
        m.function("use", "backend, *, force=") { a in
            _ = try PlotArgs.text(a[0])
            return PyNone.shared
        }
        m.function("get_backend", "") { _ in PyStr("agg") }
        let rc = PyDict()
        // matplotlib's defaults for the keys scripts read or set; wick honours figure.figsize and figure.dpi.
        let defaults: [(String, PyObject)] = [
            ("figure.figsize", PyList([PyFloat(6.4), PyFloat(4.8)])), ("figure.dpi", PyFloat(100)),
            ("font.size", PyFloat(10)), ("lines.linewidth", PyFloat(1.5)), ("savefig.dpi", PyStr("figure")),
        ]
        for (k, v) in defaults { try? Runtime.setItem(rc, PyStr(k), v) }
        rcParams = rc
        m["rcParams"] = rc
        return m
    }

    static func colormapModule() -> PyModule {
        let m = PyModule(name: "matplotlib.cm")
        for name in Colormap.supportedNames {
            if let c = try? Colormap.named(name) { m[name] = ColormapObject(c) }
        }
        return m
    }

    /// A fresh `matplotlib.pyplot` with a new figure state for this run.
    static func pyplotModule() -> PyModule {
        let ctx = PyplotContext()
        context = ctx
        let plt = PyModule(name: "matplotlib.pyplot")
        plt["cm"] = colormapModule()
        // The same dict as `matplotlib.rcParams` (imported just before); `figure.figsize` and `figure.dpi` are honoured.
        let rc = rcParams ?? PyDict()
        ctx.rcParams = rc
        plt["rcParams"] = rc
        plt["Figure"] = PyplotClasses.figure
        plt["Axes"] = PyplotClasses.axes
        for op in PyplotDrawing.operations {
            plt.function(op.name, op.parameters) { a in
                var call = PlotCall(a, dropFirst: false, artist: op.artist)
                return try op.body(ctx, ctx.state.gca(), &call)
            }
        }
        for op in PyplotDecoration.operations {
            guard let name = op.pltName else { continue }
            plt.function(name, op.parameters) { a in
                var call = PlotCall(a, dropFirst: false, artist: "Axes")
                return try op.body(ctx, ctx.state.gca(), &call)
            }
        }
        installFigureFunctions(plt, ctx)
        return plt
    }

    static func installFigureFunctions(_ plt: PyModule, _ ctx: PyplotContext) {
        plt.function("figure", "num=, figsize=, dpi=, *, facecolor=, edgecolor=, frameon=, FigureClass=, clear=, **kwargs") { a in
            var num: Int? = nil
            if let n = a.optional(0) {
                if let f = n as? FigureObject { return try activate(f, ctx) }
                guard let i = n as? PyInt else { throw PyError.notImplemented("figure(num=\(try Runtime.repr(n))) with a label is not supported by wick; use a number") }
                num = Int(clamping: i.value)
            }
            let (rcSize, rcDPI) = try defaultFigure(ctx)
            let size = try figureSize(a.optional(1)) ?? rcSize
            let dpi = try PlotArgs.optionalNumber(a.optional(2), "dpi") ?? rcDPI
            let f = try PlotArgs.plot { try ctx.state.figure(num: num, figsize: size, dpi: dpi) }
            if let clear = a.optional(8), try Runtime.truthy(clear) { f.clear() }
            return ctx.wrap(f)
        }
        plt.function("subplots", "nrows=, ncols=, *, sharex=, sharey=, squeeze=, width_ratios=, height_ratios=, subplot_kw=, gridspec_kw=, **fig_kw") { a in
            let rows = try count(a.optional(0), "nrows"), cols = try count(a.optional(1), "ncols")
            var (size, dpi) = try defaultFigure(ctx)
            for (k, v) in a.keywords {
                switch k {
                case "figsize": size = try figureSize(v)
                case "dpi": dpi = try PlotArgs.number(v, "dpi")
                case "constrained_layout", "tight_layout", "layout", "facecolor", "num", "clear": continue
                default: throw PyError.type("Figure.__init__() got an unexpected keyword argument '\(k)'")
                }
            }
            for (i, name) in [(5, "width_ratios"), (6, "height_ratios"), (7, "subplot_kw"), (8, "gridspec_kw")] where a.optional(i) != nil {
                throw PyError.notImplemented("subplots(\(name)=...) is not supported by wick")
            }
            let (fig, grid) = try PlotArgs.plot { try ctx.state.subplots(nrows: rows, ncols: cols, figsize: size, dpi: dpi) }
            // matplotlib adds the axes one by one, so the last one is current.
            if let last = grid.last?.last { try PlotArgs.plot { try fig.setCurrentAxes(last) } }
            let squeezeFlag = try a.optional(4).map { try Runtime.truthy($0) } ?? true
            return PyTuple([ctx.wrap(fig), squeeze(grid, ctx, squeeze: squeezeFlag)])
        }
        plt.function("subplot", "*args, **kwargs") { a in
            let (r, c, i) = try subplotPosition(a.rest)
            return ctx.wrap(try PlotArgs.plot { try ctx.state.subplot(r, c, i) })
        }
        plt.function("gca", "") { _ in ctx.wrap(ctx.state.gca()) }
        plt.function("gcf", "") { _ in ctx.wrap(ctx.state.gcf()) }
        plt.function("sca", "ax") { a in
            guard let ax = a[0] as? AxesObject else { throw PyError.type("sca() argument must be an Axes, not \(pythonTypeName(a[0]))") }
            try PlotArgs.plot { try ctx.state.sca(ax.axes) }
            return PyNone.shared
        }
        plt.function("close", "fig=") { a in
            guard let target = a.optional(0) else { ctx.state.close(.current); return PyNone.shared }
            if let f = target as? FigureObject { ctx.state.close(.figure(f.figure)) }
            else if let s = target as? PyStr {
                guard s.value == "all" else { throw PyError.notImplemented("close('\(s.value)') by figure label is not supported by wick") }
                ctx.state.close(.all)
            } else if let i = target as? PyInt, i.cls !== Builtin.boolType { ctx.state.close(.number(Int(clamping: i.value))) }
            else { throw PyError.type("'fig' must be an instance of matplotlib.figure.Figure, int, str or None, not a \(pythonTypeName(target))") }
            return PyNone.shared
        }
        plt.function("get_fignums", "") { _ in PyList(ctx.state.figures.map { PyInt.make($0.number) }) }
        plt.function("clf", "") { _ in ctx.state.clf(); return PyNone.shared }
        plt.function("cla", "") { _ in ctx.state.cla(); return PyNone.shared }
        plt.function("tight_layout", "*, pad=, h_pad=, w_pad=, rect=") { _ in PyNone.shared }
        plt.function("suptitle", "t, **kwargs") { a in
            let f = ctx.state.gcf()
            f.suptitle = try PlotArgs.text(a[0])
            return ArtistObject(PyplotClasses.text, axes: nil, index: nil, data: ["text": PyStr(f.suptitle ?? "")])
        }
        plt.function("savefig", "fname, *, dpi=, format=, **kwargs") { a in
            try savefig(ctx.state.gcf(), a[0], dpi: a.optional(1), format: a.optional(2), keywords: a.keywords)
        }
        plt.function("show", "*, block=") { _ in
            let text = try PlotArgs.plot { try ctx.state.show() }
            if !text.isEmpty { ScriptRunner.writeOutput(text.hasSuffix("\n") ? text : text + "\n") }
            return PyNone.shared
        }
        plt.function("colorbar", "mappable=, cax=, ax=, **kwargs") { a in
            let figure: Figure
            if let art = a.optional(0) as? ArtistObject, let ax = art.axes, let f = ctx.figure(of: ax) { figure = f }
            else if let ax = a.optional(2) as? AxesObject, let f = ctx.figure(of: ax.axes) { figure = f }
            else { figure = ctx.state.gcf() }
            return try colorbar(figure, mappable: a.optional(0), ax: a.optional(2), keywords: a.keywords)
        }
        plt.function("get_cmap", "name=, lut=") { a in
            let name = try a.optional(0).map { try PlotArgs.text($0) } ?? "viridis"
            return ColormapObject(try PlotArgs.plot { try Colormap.named(name) })
        }
        for name in ["ion", "ioff", "draw"] { plt.function(name, "") { _ in PyNone.shared } }
        plt.function("_wick_snapshot", "") { _ in try pythonSnapshot() }
        plt.function("pause", "interval") { _ in
            throw PyError.notImplemented("matplotlib.pyplot.pause is not supported by wick (figures are drawn by show() and savefig())")
        }
    }

    static func activate(_ f: FigureObject, _ ctx: PyplotContext) throws -> PyObject {
        _ = try PlotArgs.plot { try ctx.state.figure(num: f.figure.number) }
        return f
    }

    /// `figsize=(w, h)`.
    static func figureSize(_ o: PyObject?) throws -> FigureSize? {
        guard let o else { return nil }
        let v = try Runtime.toArray(o)
        guard v.count == 2 else { throw PyError.value("too many values to unpack (expected 2)") }
        return try PlotArgs.plot { try FigureSize(width: try PlotArgs.number(v[0], "width"), height: try PlotArgs.number(v[1], "height")) }
    }

    /// `nrows=`/`ncols=`: a positive int (matplotlib's message otherwise).
    static func count(_ o: PyObject?, _ name: String) throws -> Int {
        guard let o else { return 1 }
        guard let i = o as? PyInt, i.cls !== Builtin.boolType else {
            throw PyError.type("\(name == "nrows" ? "Number of rows" : "Number of columns") must be a positive integer, not \(try Runtime.repr(o))")
        }
        return Int(clamping: i.value)
    }

    /// `subplot(2, 1, 1)` or `subplot(211)`.
    static func subplotPosition(_ args: [PyObject]) throws -> (Int, Int, Int) {
        if args.isEmpty { return (1, 1, 1) }
        if args.count == 1 {
            guard let i = args[0] as? PyInt, i.value >= 111, i.value <= 999 else {
                throw PyError.value("Integer subplot specification must be a three-digit number, not \(try Runtime.repr(args[0]))")
            }
            let v = Int(i.value)
            return (v / 100, (v / 10) % 10, v % 10)
        }
        guard args.count == 3 else {
            throw PyError.type("subplot() takes 1 or 3 positional arguments but \(args.count) were given")
        }
        let parts = try args.map { o -> Int in
            guard let i = o as? PyInt else {
                throw PyError.value("Single argument to subplot must be a three-digit integer, not \(try Runtime.repr(o))")
            }
            return Int(clamping: i.value)
        }
        return (parts[0], parts[1], parts[2])
    }

    /// matplotlib's `squeeze`: one Axes, a 1-D array for a single row or column, else 2-D.
    static func squeeze(_ grid: [[Axes]], _ ctx: PyplotContext, squeeze: Bool) -> PyObject {
        let rows = grid.count, cols = grid.first?.count ?? 0
        let items: [PyObject] = grid.flatMap { $0.map { ctx.wrap($0) } }
        if squeeze {
            if rows == 1 && cols == 1, let only = items.first { return only }
            if rows == 1 || cols == 1 { return AxesArrayObject(items, shape: [items.count]) }
        }
        return AxesArrayObject(items, shape: [rows, cols])
    }

    /// `savefig(fname, dpi=, format=, bbox_inches=, …)`.
    static func savefig(_ figure: Figure, _ fname: PyObject, dpi: PyObject?, format: PyObject?, keywords: [(String, PyObject)]) throws -> PyObject {
        guard var path = fname as? PyStr else {
            throw PyError.type("savefig() fname must be a str path, not \(pythonTypeName(fname))")
        }
        let accepted: Set<String> = ["bbox_inches", "transparent", "facecolor", "edgecolor", "pad_inches", "metadata", "orientation", "backend"]
        if let (k, _) = keywords.first(where: { !accepted.contains($0.0) }) {
            throw PyError.type("FigureCanvasAgg.print_png() got an unexpected keyword argument '\(k)'")
        }
        if let format {
            let f = try PlotArgs.text(format).lowercased()
            let ext = (path.value as NSString).pathExtension.lowercased()
            if ext.isEmpty { path = PyStr(path.value + "." + f) }
            else if ext != f { throw PyError.notImplemented("savefig(format='\(f)') for a '.\(ext)' file name is not supported by wick") }
        }
        var dpiValue: Double? = nil
        if let dpi {
            if let s = dpi as? PyStr, s.value == "figure" { dpiValue = nil } else { dpiValue = try PlotArgs.number(dpi, "dpi") }
        }
        _ = try PlotArgs.plot { try figure.savefig(path.value, dpi: dpiValue) }
        return PyNone.shared
    }

    /// `colorbar(mappable, ax=, label=)` on `figure`.
    static func colorbar(_ figure: Figure, mappable: PyObject?, ax: PyObject?, keywords: [(String, PyObject)]) throws -> PyObject {
        var label: String? = nil
        for (k, v) in keywords {
            switch k {
            case "label": label = try PlotArgs.text(v)
            case "shrink", "fraction", "pad", "aspect", "orientation", "format", "ticks", "location", "extend": continue
            default: throw PyError.type("Colorbar.__init__() got an unexpected keyword argument '\(k)'")
            }
        }
        var target: Axes? = (mappable as? ArtistObject)?.axes
        if target == nil, let a = ax as? AxesObject { target = a.axes }
        try PlotArgs.plot { try figure.colorbar(for: target, label: label) }
        let holder = target ?? figure.axes.last(where: { $0.colorbar != nil })
        return ArtistObject(PyplotClasses.colorbar, axes: holder, index: nil)
    }
}
