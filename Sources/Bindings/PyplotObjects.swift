import Plot
import Script

/// One run's pyplot state plus the script objects standing for its figures and axes (so
/// `plt.gcf() is fig` and `plt.gca() is ax` hold, as in matplotlib).
final class PyplotContext {
    let state = PyplotState()
    /// `matplotlib.rcParams` of this run.
    var rcParams: PyDict?
    private var figureObjects: [ObjectIdentifier: FigureObject] = [:]
    private var axesObjects: [ObjectIdentifier: AxesObject] = [:]

    func wrap(_ f: Figure) -> FigureObject {
        if let o = figureObjects[ObjectIdentifier(f)] { return o }
        let o = FigureObject(f, self)
        figureObjects[ObjectIdentifier(f)] = o
        return o
    }

    func wrap(_ a: Axes) -> AxesObject {
        if let o = axesObjects[ObjectIdentifier(a)] { return o }
        let o = AxesObject(a, self)
        axesObjects[ObjectIdentifier(a)] = o
        return o
    }

    /// The open figure holding `axes`.
    func figure(of axes: Axes) -> Figure? {
        state.figures.first { $0.axes.contains { $0 === axes } }
    }
}

/// `matplotlib.figure.Figure` for scripts.
final class FigureObject: PyObject {
    let figure: Figure
    unowned let context: PyplotContext
    init(_ figure: Figure, _ context: PyplotContext) {
        self.figure = figure
        self.context = context
        super.init(cls: PyplotClasses.figure)
    }
}

/// `matplotlib.axes.Axes` for scripts.
final class AxesObject: PyObject {
    let axes: Axes
    unowned let context: PyplotContext
    init(_ axes: Axes, _ context: PyplotContext) {
        self.axes = axes
        self.context = context
        super.init(cls: PyplotClasses.axes)
    }
}

/// What `plt.plot`, `scatter`, `imshow`, … return: a small artist that knows its axes and its
/// series there, plus the data it was given (`get_xdata` returns what matplotlib keeps).
final class ArtistObject: PyObject {
    weak var axes: Axes?
    let index: Int?
    var data: [String: PyObject]
    init(_ cls: PyClass, axes: Axes?, index: Int?, data: [String: PyObject] = [:]) {
        self.axes = axes
        self.index = index
        self.data = data
        super.init(cls: cls)
    }

    /// The series this artist drew (nil once the axes was cleared).
    var series: Series? {
        guard let axes, let index, index < axes.series.count else { return nil }
        return axes.series[index]
    }
}

/// A colour map object (`plt.cm.viridis`, `plt.get_cmap('viridis')`).
final class ColormapObject: PyObject {
    let colormap: Colormap
    init(_ colormap: Colormap) {
        self.colormap = colormap
        super.init(cls: PyplotClasses.colormap)
    }
}

/// numpy's object array of axes that `subplots(2, 2)` returns: `axes[0, 1]`, `axes[0]`,
/// `axes.flat`, `axes.ravel()`, iteration, `len`, `.shape`.
final class AxesArrayObject: PyObject {
    let items: [PyObject]
    let shape: [Int]
    init(_ items: [PyObject], shape: [Int]) {
        self.items = items
        self.shape = shape
        super.init(cls: PyplotClasses.axesArray)
    }

    func getItem(_ key: PyObject) throws -> PyObject {
        let keys = (key as? PyTuple)?.items ?? [key]
        guard keys.count <= shape.count else {
            throw PyError.index("too many indices for array: array is \(shape.count)-dimensional, but \(keys.count) were indexed")
        }
        // Resolve each axis to a list of indices (an int drops the axis).
        var selections: [[Int]] = []
        var keptAxes: [Int] = []
        for (d, k) in keys.enumerated() {
            if let s = k as? PySlice {
                let (start, step, n) = try sliceBounds(s, shape[d])
                selections.append((0 ..< n).map { start + $0 * step })
                keptAxes.append(d)
            } else if let i = k as? PyInt {
                let n = shape[d]
                guard i.value >= Int64(-n) && i.value < Int64(n) else {
                    throw PyError.index("index \(i.value) is out of bounds for axis \(d) with size \(n)")
                }
                selections.append([Int(i.value) < 0 ? Int(i.value) + n : Int(i.value)])
            } else {
                throw PyError.index("only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices")
            }
        }
        for d in keys.count ..< shape.count {
            selections.append(Array(0 ..< shape[d]))
            keptAxes.append(d)
        }
        var picked: [PyObject] = []
        func walk(_ d: Int, _ flat: Int) {
            if d == shape.count { picked.append(items[flat]); return }
            for i in selections[d] { walk(d + 1, flat * shape[d] + i) }
        }
        walk(0, 0)
        if keptAxes.isEmpty { return picked.first ?? PyNone.shared }
        return AxesArrayObject(picked, shape: keptAxes.map { selections[$0].count })
    }

    /// numpy's repr of an object array.
    func repr() throws -> String {
        let texts = try items.map { try Runtime.repr($0) }
        if shape.count == 1 { return "array([" + texts.joined(separator: ", ") + "], dtype=object)" }
        let cols = shape.count == 2 ? shape[1] : 1
        let rows = stride(from: 0, to: texts.count, by: max(cols, 1)).map { "[" + texts[$0 ..< min($0 + cols, texts.count)].joined(separator: ", ") + "]" }
        return "array([" + rows.joined(separator: ",\n       ") + "], dtype=object)"
    }
}

/// Axes `repr` as matplotlib 3.11 prints it: `<Axes: title={'center': 'Loss'}, xlabel='epoch'>`.
func axesRepr(_ a: Axes) throws -> String {
    var fields: [String] = []
    if let t = a.title, !t.isEmpty { fields.append("title={'center': \(try Runtime.repr(PyStr(t)))}") }
    if let x = a.xlabel, !x.isEmpty { fields.append("xlabel=\(try Runtime.repr(PyStr(x)))") }
    if let y = a.ylabel, !y.isEmpty { fields.append("ylabel=\(try Runtime.repr(PyStr(y)))") }
    return "<Axes: " + fields.joined(separator: ", ") + ">"
}

/// Figure `repr`: `<Figure size 640x480 with 1 Axes>`.
func figureRepr(_ f: Figure) -> String {
    let w = f.size.width * f.dpi, h = f.size.height * f.dpi
    func g(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : "\(v)" }
    return "<Figure size \(g(w))x\(g(h)) with \(f.axes.count) Axes>"
}

/// Axes `str` as matplotlib prints it: its position in figure fractions under the default
/// subplot parameters (left 0.125, right 0.9, bottom 0.11, top 0.88, spacing 0.2):
/// `Axes(0.125,0.53;0.352273x0.35)`.
func axesStr(_ a: Axes) -> String {
    let spec = a.spec
    let cellW = 0.775 / (Double(spec.ncols) + 0.2 * Double(spec.ncols - 1))
    let cellH = 0.77 / (Double(spec.nrows) + 0.2 * Double(spec.nrows - 1))
    let left = 0.125 + Double(spec.column) * cellW * 1.2
    let bottom = 0.88 - cellH - Double(spec.row) * cellH * 1.2
    func g(_ v: Double) -> String {
        var s = String(format: "%.6g", v)
        if s.contains(".") && !s.contains("e") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s
    }
    return "Axes(\(g(left)),\(g(bottom));\(g(cellW))x\(g(cellH)))"
}
