import Engine
import Plot
import Script

/// Conversion of pyplot arguments (lists, tuples, ranges, tensors, numpy arrays, colour specs,
/// keyword properties) to the figure model's Swift values, with matplotlib's error texts.
enum PlotArgs {
    /// Any array-like as an ndarray (tensors that require grad raise PyTorch's `numpy()` error).
    static func array(_ o: PyObject) throws -> NdArray {
        if let a = o as? NdArray { return a }
        if let s = o as? PyStr { throw PyError.value("could not convert string to float: \(Runtime.quote(s.value))") }
        return try NdConvert.array(o, copy: false)
    }

    /// A 1-D series of numbers (a scalar gives one value; an (n, 1) or (1, n) array is flattened).
    static func vector(_ o: PyObject, _ name: String = "x") throws -> [Double] {
        let a = try array(o)
        if a.shape.count > 1 {
            if a.shape.filter({ $0 != 1 }).count <= 1 { return a.values }
            throw PyError.value("\(name) must be 1-D, got shape \(tupleText(a.shape))")
        }
        return a.values
    }

    /// A 2-D matrix of numbers as rows.
    static func matrix(_ o: PyObject, what: String = "image") throws -> [[Double]] {
        var a = try array(o)
        if what == "image" && a.shape.count == 3 && a.shape[2] == 1 {
            // matplotlib draws an (M, N, 1) image as the (M, N) one.
            a = NdArray(a.values, shape: Array(a.shape.prefix(2)), kind: a.kind)
        }
        guard a.shape.count == 2 else {
            if a.shape.count == 3 && what == "image" && (a.shape[2] == 3 || a.shape[2] == 4) {
                throw PyError.notImplemented("imshow of RGB(A) images (shape \(tupleText(a.shape))) is not supported by wick; pass a 2-D array")
            }
            throw PyError.type("Invalid shape \(tupleText(a.shape)) for \(what) data")
        }
        let v = a.values
        let cols = a.shape[1]
        return (0 ..< a.shape[0]).map { r in Array(v[(r * cols) ..< (r * cols + cols)]) }
    }

    /// A number argument.
    static func number(_ o: PyObject, _ name: String) throws -> Double {
        if let s = Args.scalarOrNil(o) { return s.doubleValue }
        if let t = o as? TensorObject, t.tensor.numel == 1 { return try bridge { try t.tensor.item() }.doubleValue }
        if let a = o as? NdArray, a.count == 1 { return a.values[0] }
        throw PyError.type("\(name) must be a number, not \(pythonTypeName(o))")
    }

    /// `alpha=`: a number in 0…1 (matplotlib's message shows the value as given).
    static func alpha(_ o: PyObject) throws -> Double {
        let a = try number(o, "alpha")
        guard a >= 0 && a <= 1 else { throw PyError.value("alpha (\(try Runtime.repr(o))) is outside 0-1 range") }
        return a
    }

    static func optionalAlpha(_ o: PyObject?) throws -> Double? {
        guard let o, !(o is PyNone) else { return nil }
        return try alpha(o)
    }

    static func optionalNumber(_ o: PyObject?, _ name: String) throws -> Double? {
        guard let o, !(o is PyNone) else { return nil }
        return try number(o, name)
    }

    /// Text arguments: matplotlib shows `str(obj)` for any object.
    static func text(_ o: PyObject) throws -> String {
        if let s = o as? PyStr { return s.value }
        return try Runtime.str(o)
    }

    /// A colour: a name/format (`'r'`, `'tab:blue'`, `'C1'`, `'#ff0000'`, `'0.5'`) or an RGB(A) tuple.
    static func color(_ o: PyObject) throws -> Color {
        if let s = o as? PyStr { return try plot { try Color.parse(s.value) } }
        if o is PyTuple || o is PyList || o is NdArray {
            let v = try vector(o, "color")
            guard v.count == 3 || v.count == 4 else {
                throw PyError.value("Invalid RGBA argument: \(try Runtime.repr(o))")
            }
            return try plot { try Color(red: v[0], green: v[1], blue: v[2], alpha: v.count == 4 ? v[3] : nil) }
        }
        throw PyError.value("Invalid RGBA argument: \(try Runtime.repr(o))")
    }

    static func optionalColor(_ o: PyObject?) throws -> Color? {
        guard let o, !(o is PyNone) else { return nil }
        return try color(o)
    }

    /// A colour map by name (`cmap='viridis'`), or nil for the default.
    static func colormap(_ o: PyObject?) throws -> Colormap? {
        guard let o, !(o is PyNone) else { return nil }
        if let s = o as? PyStr { return try plot { try Colormap.named(s.value) } }
        if let c = o as? ColormapObject { return c.colormap }
        throw PyError.value("\(try Runtime.repr(o)) is not a valid value for cmap; supported values are \(Colormap.supportedNames.map { "'\($0)'" }.joined(separator: ", "))")
    }

    /// Runs a figure-model call, turning `PlotError` into the Python exception it names.
    static func plot<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as PlotError {
            switch e.kind {
            case .value: throw PyError.value(e.message)
            case .type: throw PyError.type(e.message)
            case .runtime: throw PyError.runtime(e.message)
            case .notImplemented: throw PyError.notImplemented(e.message)
            case .os: throw PyError.os(Builtin.osErrorClass, e.message)
            case .fileNotFound: throw PyError.os(Builtin.fileNotFoundErrorClass, e.message)
            }
        }
    }
}

/// Keyword arguments of a drawing call, consumed by name; leftovers raise matplotlib's
/// `AttributeError: Line2D.set() got an unexpected keyword argument 'foo'`.
struct PlotKeywords {
    private var items: [(String, PyObject)]
    let artist: String

    init(_ keywords: [(String, PyObject)], artist: String) {
        items = keywords
        self.artist = artist
    }

    /// Takes the first of `names` given (aliases such as `linewidth`/`lw`); None counts as absent.
    mutating func take(_ names: String...) -> PyObject? {
        var found: PyObject?
        for name in names {
            while let i = items.firstIndex(where: { $0.0 == name }) {
                let v = items.remove(at: i).1
                if found == nil, !(v is PyNone) { found = v }
            }
        }
        return found
    }

    /// The first of `names` given (not None), without taking it.
    func peek(_ names: String...) -> PyObject? {
        for name in names { if let v = items.first(where: { $0.0 == name })?.1, !(v is PyNone) { return v } }
        return nil
    }

    /// Whether any of `names` was given (even as None).
    func has(_ name: String) -> Bool { items.contains { $0.0 == name } }

    /// Drops keywords that only change what wick does not draw differently (zorder, …).
    mutating func ignore(_ names: [String]) { items.removeAll { names.contains($0.0) } }

    /// Throws for the first keyword nobody took.
    func finish() throws {
        if let (name, _) = items.first {
            throw PyError.attribute("\(artist).set() got an unexpected keyword argument '\(name)'")
        }
    }

    /// The line properties (`color c linestyle ls marker linewidth lw markersize ms alpha label`).
    mutating func lineProperties() throws -> LineProperties {
        var p = LineProperties()
        if let c = take("color", "c") { p.color = try PlotArgs.color(c) }
        if let s = take("linestyle", "ls") { p.lineStyle = try PlotArgs.plot { try LineStyle.parse(try PlotArgs.text(s)) } }
        if has("marker") {
            if let m = take("marker") {
                let text = try PlotArgs.text(m)
                p.marker = .some(try PlotArgs.plot { try Marker.parse(text) })
            } else {
                p.marker = .some(nil)
            }
        }
        if let w = take("linewidth", "lw") { p.lineWidth = try PlotArgs.number(w, "linewidth") }
        if let m = take("markersize", "ms") { p.markerSize = try PlotArgs.number(m, "markersize") }
        if let a = take("alpha") { p.alpha = try PlotArgs.alpha(a) }
        if let l = take("label") { p.label = try PlotArgs.text(l) }
        ignore(["zorder", "markerfacecolor", "mfc", "markeredgecolor", "mec", "markeredgewidth", "mew",
                "solid_capstyle", "dash_capstyle", "antialiased", "aa", "drawstyle", "clip_on", "rasterized"])
        return p
    }

    /// Text properties ignored by the model (font family, weight, …) except size and colour.
    mutating func ignoreTextStyle() {
        ignore(["fontweight", "weight", "fontfamily", "family", "fontstyle", "style", "va", "verticalalignment",
                "rotation", "pad", "labelpad", "loc", "fontdict", "wrap", "bbox", "zorder", "y", "x", "fontname"])
    }
}
