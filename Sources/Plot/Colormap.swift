import Foundation

/// A matplotlib colour map (`viridis`, `coolwarm`, `RdBu`, `Blues`, `gray`, …, and `_r` reversals),
/// drawn in gnuplot as `set palette defined` from 17 samples of the matplotlib map.
public struct Colormap: Equatable, Sendable {
    /// The matplotlib name, e.g. `viridis` or `RdBu_r`.
    public let name: String
    /// Evenly spaced samples from the low end (0) to the high end (1).
    public let samples: [Color]

    /// matplotlib's default colour map.
    public static let viridis = Colormap(known: "viridis")

    /// Every name `named(_:)` accepts (without the `_r` variants), sorted.
    public static var supportedNames: [String] { tables.keys.sorted() }

    private init(known name: String) {
        self.name = name
        samples = (Colormap.tables[name] ?? ["#000000", "#ffffff"]).compactMap { try? Color.parse($0) }
    }

    /// Looks up a colour map by its matplotlib name (`'Blues'`, `'viridis_r'`, `'grey'`).
    public static func named(_ name: String) throws -> Colormap {
        var base = name
        let reversed = base.hasSuffix("_r")
        if reversed { base = String(base.dropLast(2)) }
        if base == "grey" { base = "gray" }
        guard tables[base] != nil else {
            throw PlotError.value("\(pyRepr(name)) is not a valid value for cmap; supported values are "
                + supportedNames.map { "'\($0)'" }.joined(separator: ", ") + " (and their '_r' reversals)")
        }
        let map = Colormap(known: base)
        return reversed ? Colormap(name: name, samples: map.samples.reversed()) : map
    }

    /// A colour map from explicit samples (low to high); at least two are needed.
    public init(name: String, samples: [Color]) {
        self.name = name
        self.samples = samples.count >= 2 ? samples : [samples.first ?? .black, samples.first ?? .white]
    }

    /// The colour at `t` in 0…1 (clamped), linearly interpolated between samples.
    public func color(at t: Double) -> Color {
        guard samples.count >= 2 else { return samples.first ?? .black }
        let x = (t.isNaN ? 0 : min(max(t, 0), 1)) * Double(samples.count - 1)
        let i = min(Int(x), samples.count - 2)
        let f = x - Double(i)
        let a = samples[i], b = samples[i + 1]
        var c = a
        c.red = a.red + (b.red - a.red) * f
        c.green = a.green + (b.green - a.green) * f
        c.blue = a.blue + (b.blue - a.blue) * f
        return c
    }

    /// `set palette defined (0 '#440154', 1 '#48186a', …)`, optionally cut into `bands` flat steps
    /// (`set palette maxcolors`) as filled contours need.
    func gnuplotPalette(bands: Int? = nil) -> String {
        let points = samples.enumerated().map { "\($0.offset) '\($0.element.hex)'" }.joined(separator: ", ")
        var s = "set palette defined (\(points))\n"
        if let n = bands, n > 0 { s += "set palette maxcolors \(n)\n" } else { s += "set palette maxcolors 0\n" }
        return s
    }
}
