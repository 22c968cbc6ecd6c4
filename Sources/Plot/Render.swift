import Foundation

/// Where a rendering goes: a file format chosen by extension, or the terminal.
public enum OutputFormat: Equatable, Sendable {
    /// PNG through `pngcairo`, `figsize × dpi` pixels.
    case png
    /// SVG, `figsize × 72` user units (points), like matplotlib.
    case svg
    /// PDF through `pdfcairo`, `figsize` inches.
    case pdf
    /// Text through the `dumb` terminal: `columns × rows` characters, ANSI colours when `ansi`.
    case dumb(columns: Int, rows: Int, ansi: Bool)
    /// Sixel graphics through `sixelgd`, `width × height` pixels.
    case sixel(width: Int, height: Int)

    /// The format for a file name by its extension (case-insensitive), with matplotlib's error for
    /// unknown ones; formats matplotlib knows but Wick cannot draw raise NotImplementedError.
    public static func forPath(_ path: String) throws -> OutputFormat {
        let ext = (path as NSString).pathExtension.lowercased()
        switch ext {
        case "png": return .png
        case "svg": return .svg
        case "pdf": return .pdf
        case "avif", "eps", "gif", "jpeg", "jpg", "pgf", "ps", "raw", "rgba", "svgz", "tif", "tiff", "webp":
            throw PlotError.notImplemented("savefig cannot write '\(ext)' files in Wick (use .png, .svg or .pdf)")
        default:
            throw PlotError.value("Format \(pyRepr(ext)) is not supported (supported formats: avif, eps, gif, jpeg, jpg, pdf, pgf, png, ps, raw, rgba, svg, svgz, tif, tiff, webp)")
        }
    }
}

/// A figure as gnuplot input: the script and the data file it reads (blocks addressed by `index N`).
public struct GnuplotDocument: Equatable, Sendable {
    /// The gnuplot commands.
    public var script: String
    /// The data file's text.
    public var data: String
}

/// Sizes that depend on the output: pixels per point for line widths, font size and point size.
struct RenderScale {
    var line: Double
    var font: Double
    var point: Double

    static func of(_ format: OutputFormat, dpi: Double) -> RenderScale {
        switch format {
        case .png: let s = dpi / 100; return RenderScale(line: 1.39 * s, font: 11 * s, point: s)
        case .sixel: return RenderScale(line: 1.39, font: 11, point: 1)
        case .svg, .pdf: return RenderScale(line: 1, font: 10, point: 1)
        case .dumb: return RenderScale(line: 1, font: 10, point: 1)
        }
    }
}

extension Figure {
    /// Renders this figure as a gnuplot script and its data.
    ///
    /// - Parameters:
    ///   - format: the terminal to draw with.
    ///   - output: the file `set output` names (nil: gnuplot's standard output, as `show()` uses).
    ///   - dataPath: the data file's path as the script should name it (absolute for `.gp` files).
    ///   - dpi: resolution for PNG (default the figure's).
    public func gnuplot(format: OutputFormat, output: String?, dataPath: String, dpi: Double? = nil) throws -> GnuplotDocument {
        let d = dpi ?? self.dpi
        let scale = RenderScale.of(format, dpi: d)
        var s = "# Wick figure \(number): matplotlib.pyplot drawn by gnuplot 5.4. Re-render with: gnuplot <this file>\n"
        s += try terminalCommand(format, dpi: d, scale: scale) + "\n"
        s += "set termoption noenhanced\n"
        s += "set encoding utf8\n"
        if let out = output { s += "set output \(GnuplotText.quote(Self.plainFilePath(out), exact: true))\n" }
        s += "WICK_DATA = \(GnuplotText.quote(Self.plainFilePath(dataPath), exact: true))\n"
        var data = DataWriter()
        let multi = axes.count != 1 || suptitle != nil || axes.first?.spec != SubplotSpec.single
        let top = suptitle == nil ? 1.0 : 0.93
        if multi {
            s += "set multiplot"
            if let t = suptitle { s += " title \(GnuplotText.quote(t))\(GP.plain) font ',\(Format.gp(GP.round4(scale.font * 1.2)))'" }
            s += "\n"
        }
        if axes.isEmpty && !multi { s += "set multiplot\n" }
        for (i, a) in axes.enumerated() {
            s += "\n# axes \(i + 1): subplot(\(a.spec.nrows), \(a.spec.ncols), \(a.spec.index))\n"
            if multi {
                if i > 0 { s += "reset\n" }
                let w = 1.0 / Double(a.spec.ncols), h = top / Double(a.spec.nrows)
                let x = Double(a.spec.column) * w, y = top - Double(a.spec.row + 1) * h
                s += "set origin \(Format.gp(GP.round4(x))),\(Format.gp(GP.round4(y)))\n"
                s += "set size \(Format.gp(GP.round4(w))),\(Format.gp(GP.round4(h)))\n"
            }
            var r = AxesRenderer(axes: a, scale: scale, data: data, format: format)
            s += try r.render()
            data = r.data
        }
        if multi || axes.isEmpty { s += "\nunset multiplot\n" }
        if output != nil { s += "set output\n" }
        return GnuplotDocument(script: s, data: data.text)
    }

    /// A path gnuplot can only read as a file: relative paths get `./` so none can start with
    /// gnuplot's pipe prefixes `<` and `|` or be a special name such as `-` or `+`.
    static func plainFilePath(_ path: String) -> String {
        path.hasPrefix("/") ? path : "./" + path
    }

    private func terminalCommand(_ format: OutputFormat, dpi: Double, scale: RenderScale) throws -> String {
        let font = "font 'DejaVu Sans,\(Format.gp(GP.round4(scale.font)))'"
        switch format {
        case .png:
            let (w, h) = try pixelSize(dpi: dpi)
            return "set terminal pngcairo size \(w),\(h) \(font) noenhanced background rgb 'white'"
        case .svg:
            let (w, h) = try pixelSize(dpi: 72)
            return "set terminal svg size \(w),\(h) \(font) noenhanced background rgb 'white'"
        case .pdf:
            return "set terminal pdfcairo size \(Format.gp(GP.round4(size.width)))in,\(Format.gp(GP.round4(size.height)))in \(font) noenhanced"
        case .dumb(let c, let r, let ansi):
            guard c >= 10, r >= 5, c <= 1000, r <= 1000 else {
                throw PlotError.value("terminal size \(c)x\(r) is outside 10x5 … 1000x1000 characters")
            }
            return "set terminal dumb nofeed size \(c),\(r) \(ansi ? "ansi256" : "mono")"
        case .sixel(let w, let h):
            guard w >= 16, h >= 16, w <= 8192, h <= 8192 else { throw PlotError.value("sixel size \(w)x\(h) is outside 16 … 8192 pixels") }
            return "set terminal sixelgd size \(w),\(h) truecolor font ',\(Format.gp(GP.round4(scale.font)))' noenhanced"
        }
    }
}
