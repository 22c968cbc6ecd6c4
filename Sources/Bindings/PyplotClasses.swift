import Plot
import Script

/// The script classes of pyplot: `Figure`, `Axes`, the artists drawing calls return, and the
/// numpy-like array of axes from `subplots`.
enum PyplotClasses {
    /// Missing attributes of pyplot objects raise `NotImplementedError: matplotlib.axes.Axes.set_aspect
    /// is not supported by wick` (also an AttributeError, so `hasattr` stays False).
    static func unsupportedFallback(_ c: PyClass, _ qualified: String) {
        c.attributeFallback = { _, name in
            if name.hasPrefix("__") { return nil }
            throw TorchErrors.unsupportedAttribute(qualified + "." + name)
        }
    }

    static func artistClass(_ name: String, module: String) -> PyClass {
        let c = PyClass(name: name, bases: [Builtin.objectType], module: module)
        unsupportedFallback(c, module + "." + name)
        c.method("__repr__", "self") { a in PyStr("<\(module).\(name) object>") }
        c.property("axes") { o in
            guard let art = o as? ArtistObject, let ax = art.axes, let ctx = PyplotBindings.context else { return PyNone.shared }
            return ctx.wrap(ax)
        }
        return c
    }

    static let figure: PyClass = {
        let c = PyClass(name: "Figure", bases: [Builtin.objectType], module: "matplotlib.figure")
        unsupportedFallback(c, "matplotlib.figure.Figure")
        func me(_ a: Arguments) throws -> FigureObject {
            guard let f = a[0] as? FigureObject else { throw PyError.type("descriptor requires a 'Figure' object") }
            return f
        }
        c.method("__repr__", "self") { a in PyStr(figureRepr(try me(a).figure)) }
        c.method("__str__", "self") { a in
            let f = try me(a).figure
            return PyStr("Figure(\(formatG(f.size.width * f.dpi))x\(formatG(f.size.height * f.dpi)))")
        }
        c.method("savefig", "self, fname, *, dpi=, format=, **kwargs") { a in
            try PyplotBindings.savefig(try me(a).figure, a[1], dpi: a.optional(2), format: a.optional(3), keywords: a.keywords)
        }
        c.method("suptitle", "self, t, **kwargs") { a in
            let f = try me(a)
            f.figure.suptitle = try PlotArgs.text(a[1])
            return ArtistObject(text, axes: nil, index: nil, data: ["text": PyStr(f.figure.suptitle ?? "")])
        }
        c.method("add_subplot", "self, *args, **kwargs") { a in
            let f = try me(a)
            let (r, cols, i) = try PyplotBindings.subplotPosition(a.rest)
            let ax = try PlotArgs.plot { try f.figure.addSubplot(r, cols, i) }
            return f.context.wrap(ax)
        }
        c.method("subplots", "self, nrows=, ncols=, *, sharex=, sharey=, squeeze=, **kwargs") { a in
            let f = try me(a)
            let rows = try PyplotBindings.count(a.optional(1), "nrows"), cols = try PyplotBindings.count(a.optional(2), "ncols")
            let grid = try PlotArgs.plot { try f.figure.subplots(nrows: rows, ncols: cols) }
            if let last = grid.last?.last { try PlotArgs.plot { try f.figure.setCurrentAxes(last) } }
            return PyplotBindings.squeeze(grid, f.context, squeeze: try a.optional(5).map { try Runtime.truthy($0) } ?? true)
        }
        c.method("gca", "self") { a in
            let f = try me(a)
            return f.context.wrap(f.figure.gca())
        }
        c.method("colorbar", "self, mappable=, cax=, ax=, **kwargs") { a in
            try PyplotBindings.colorbar(try me(a).figure, mappable: a.optional(1), ax: a.optional(3), keywords: a.keywords)
        }
        c.method("tight_layout", "self, *, pad=, h_pad=, w_pad=, rect=") { _ in PyNone.shared }
        c.method("set_size_inches", "self, w, h=, forward=") { a in
            let f = try me(a)
            var w = a[1], h = a.optional(2)
            if h == nil, let pair = try? Runtime.toArray(w), pair.count == 2 { w = pair[0]; h = pair[1] }
            f.figure.size = try PlotArgs.plot { try FigureSize(width: try PlotArgs.number(w, "w"), height: try PlotArgs.number(h ?? PyNone.shared, "h")) }
            return PyNone.shared
        }
        c.method("get_size_inches", "self") { a in
            let f = try me(a).figure
            return NdArray([f.size.width, f.size.height], shape: [2], kind: .float64)
        }
        c.method("clf", "self") { a in try me(a).figure.clear(); return PyNone.shared }
        c.method("clear", "self") { a in try me(a).figure.clear(); return PyNone.shared }
        c.property("axes") { o in
            guard let f = o as? FigureObject else { return PyList([]) }
            return PyList(f.figure.axes.map { f.context.wrap($0) })
        }
        c.property("number") { o in PyInt.make((o as? FigureObject)?.figure.number ?? 0) }
        c.property("dpi") { o in PyFloat((o as? FigureObject)?.figure.dpi ?? 100) }
        return c
    }()

    static let axes: PyClass = {
        let c = PyClass(name: "Axes", bases: [Builtin.objectType], module: "matplotlib.axes")
        unsupportedFallback(c, "matplotlib.axes.Axes")
        func me(_ a: Arguments) throws -> AxesObject {
            guard let ax = a[0] as? AxesObject else { throw PyError.type("descriptor requires an 'Axes' object") }
            return ax
        }
        c.method("__repr__", "self") { a in PyStr(try axesRepr(try me(a).axes)) }
        c.method("__str__", "self") { a in PyStr(axesStr(try me(a).axes)) }
        for op in PyplotDrawing.operations {
            c.method(op.name, "self, " + op.parameters) { a in
                let ax = try me(a)
                var call = PlotCall(a, dropFirst: true, artist: op.artist)
                return try op.body(ax.context, ax.axes, &call)
            }
        }
        for op in PyplotDecoration.operations {
            guard let name = op.axesName else { continue }
            c.method(name, op.parameters.isEmpty ? "self" : "self, " + op.parameters) { a in
                let ax = try me(a)
                var call = PlotCall(a, dropFirst: true, artist: "Axes")
                return try op.body(ax.context, ax.axes, &call)
            }
        }
        c.method("set", "self, **kwargs") { a in
            let ax = try me(a)
            for (k, v) in a.keywords {
                guard let method = ax.cls.lookup("set_" + k) else { throw PyError.attribute("Axes.set() got an unexpected keyword argument '\(k)'") }
                let args: [PyObject] = (k.hasSuffix("lim") && (v is PyTuple || v is PyList)) ? try Runtime.toArray(v) : [v]
                _ = try Runtime.callMethod(method, ax, args, [])
            }
            return PyNone.shared
        }
        c.method("cla", "self") { a in try me(a).axes.clear(); return PyNone.shared }
        c.method("clear", "self") { a in try me(a).axes.clear(); return PyNone.shared }
        c.method("get_figure", "self") { a in
            let ax = try me(a)
            return ax.context.figure(of: ax.axes).map { ax.context.wrap($0) } ?? PyNone.shared
        }
        c.property("figure") { o in
            guard let ax = o as? AxesObject else { return PyNone.shared }
            return ax.context.figure(of: ax.axes).map { ax.context.wrap($0) } ?? PyNone.shared
        }
        c.method("get_legend_handles_labels", "self") { a in
            let ax = try me(a)
            var handles: [PyObject] = [], labels: [PyObject] = []
            for (i, s) in ax.axes.series.enumerated() {
                guard let l = s.legendLabel else { continue }
                handles.append(ArtistObject(line2D, axes: ax.axes, index: i))
                labels.append(PyStr(l))
            }
            return PyTuple([PyList(handles), PyList(labels)])
        }
        c.method("get_legend", "self") { a in
            let ax = try me(a)
            return ax.axes.legend == nil ? PyNone.shared : ArtistObject(legend, axes: ax.axes, index: nil)
        }
        c.property("transAxes") { _ in TransformObject("axes") }
        c.property("transData") { _ in TransformObject("data") }
        c.method("set_axis_off", "self") { a in try me(a).axes.axisVisible = false; return PyNone.shared }
        c.method("set_axis_on", "self") { a in try me(a).axes.axisVisible = true; return PyNone.shared }
        for (name, key) in [("lines", "line"), ("collections", "collection"), ("images", "image"), ("patches", "patch")] {
            c.property(name) { o in
                guard let ax = o as? AxesObject else { return PyList([]) }
                var out: [PyObject] = []
                for (i, s) in ax.axes.series.enumerated() {
                    switch (key, s) {
                    case ("line", .line), ("line", .referenceLine): out.append(ArtistObject(line2D, axes: ax.axes, index: i))
                    case ("collection", .scatter): out.append(ArtistObject(pathCollection, axes: ax.axes, index: i))
                    case ("collection", .fill): out.append(ArtistObject(polyCollection, axes: ax.axes, index: i))
                    case ("image", .image): out.append(ArtistObject(axesImage, axes: ax.axes, index: i))
                    case ("patch", .bars(let b)):
                        for j in 0 ..< b.left.count {
                            out.append(ArtistObject(rectangle, axes: ax.axes, index: nil, data: [
                                "x": PyFloat(b.left[j]), "y": PyFloat(b.bottom[j]), "width": PyFloat(b.width[j]), "height": PyFloat(b.height[j]),
                            ]))
                        }
                    default: continue
                    }
                }
                return PyList(out)
            }
        }
        return c
    }()

    static let axesArray: PyClass = {
        let c = PyClass(name: "ndarray", bases: [Builtin.objectType], module: "numpy")
        func me(_ a: Arguments) throws -> AxesArrayObject {
            guard let x = a[0] as? AxesArrayObject else { throw PyError.type("descriptor requires a 'numpy.ndarray' object") }
            return x
        }
        c.method("__getitem__", "self, key") { a in try me(a).getItem(a[1]) }
        c.method("__len__", "self") { a in PyInt.make(try me(a).shape.first ?? 0) }
        c.method("__iter__", "self") { a in
            let x = try me(a)
            let n = x.shape.first ?? 0
            var i = 0
            return PyNativeIterator {
                guard i < n else { return nil }
                defer { i += 1 }
                return try x.getItem(PyInt.make(i))
            }
        }
        c.method("__repr__", "self") { a in PyStr(try me(a).repr()) }
        c.property("shape") { o in PyTuple(((o as? AxesArrayObject)?.shape ?? []).map { PyInt.make($0) }) }
        c.property("ndim") { o in PyInt.make((o as? AxesArrayObject)?.shape.count ?? 0) }
        c.property("size") { o in PyInt.make((o as? AxesArrayObject)?.items.count ?? 0) }
        // numpy's flat iterator: iterable and indexable (`axes.flat[3]`).
        c.property("flat") { o in
            let items = (o as? AxesArrayObject)?.items ?? []
            return AxesArrayObject(items, shape: [items.count])
        }
        for name in ["ravel", "flatten"] {
            c.method(name, "self") { a in
                let x = try me(a)
                return AxesArrayObject(x.items, shape: [x.items.count])
            }
        }
        c.property("T") { o in
            guard let x = o as? AxesArrayObject else { return PyNone.shared }
            guard x.shape.count == 2 else { return x }
            let r = x.shape[0], cols = x.shape[1]
            return AxesArrayObject((0 ..< cols * r).map { k in x.items[(k % r) * cols + k / r] }, shape: [cols, r])
        }
        c.method("tolist", "self") { a in
            let x = try me(a)
            guard x.shape.count == 2 else { return PyList(x.items) }
            let cols = x.shape[1]
            return PyList((0 ..< x.shape[0]).map { r in PyList(Array(x.items[(r * cols) ..< (r * cols + cols)])) })
        }
        return c
    }()
}

/// Python's `:g` format of a number, for sizes in reprs.
func formatG(_ v: Double) -> String {
    v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : "\(v)"
}
