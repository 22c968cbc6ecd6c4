import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What `savefig` wrote.
public struct SavedFigure: Equatable, Sendable {
    /// The image file (absolute path); it exists only when `rendered`.
    public var imagePath: String
    /// The gnuplot script next to it (`x.gp`), always written.
    public var scriptPath: String
    /// The data file the script reads (`x.dat`), always written.
    public var dataPath: String
    /// Whether gnuplot drew the image.
    public var rendered: Bool
    /// Why it was not drawn (no gnuplot, or gnuplot's error with the figure name), if so.
    public var problem: String?
}

/// How `show()` draws in the terminal.
public struct ShowOptions: Equatable, Sendable {
    /// The drawing mode.
    public enum Mode: Equatable, Sendable {
        /// Text art through gnuplot's `dumb` terminal (default).
        case dumb
        /// Sixel graphics (`WICK_PLOT=sixel`).
        case sixel
        /// Draw nothing (`WICK_PLOT=none`).
        case none
    }
    /// The mode.
    public var mode: Mode
    /// Terminal width in characters.
    public var columns: Int
    /// Terminal height in lines.
    public var rows: Int
    /// Whether to use ANSI colours.
    public var ansi: Bool

    /// Explicit options.
    public init(mode: Mode, columns: Int = 80, rows: Int = 24, ansi: Bool = false) {
        self.mode = mode; self.columns = columns; self.rows = rows; self.ansi = ansi
    }

    /// From `WICK_PLOT` (`none`, `sixel`, else dumb), the window size of stdout (else `COLUMNS`/
    /// `LINES`, else 80×24) and colour when stdout is a terminal whose `TERM` is not `dumb`
    /// and `NO_COLOR` is unset.
    public static func fromEnvironment() -> ShowOptions {
        let env = ProcessInfo.processInfo.environment
        let mode: Mode = env["WICK_PLOT"] == "none" ? .none : env["WICK_PLOT"] == "sixel" ? .sixel : .dumb
        var cols = Int(env["COLUMNS"] ?? "") ?? 80, rows = Int(env["LINES"] ?? "") ?? 24
        var ws = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0, ws.ws_row > 0 {
            cols = Int(ws.ws_col); rows = Int(ws.ws_row)
        }
        let tty = isatty(1) != 0
        let ansi = tty && env["TERM"] != "dumb" && env["NO_COLOR"] == nil
        return ShowOptions(mode: mode, columns: min(max(cols, 20), 400), rows: min(max(rows - 1, 10), 200), ansi: ansi)
    }
}

extension Figure {
    /// `savefig(path, dpi=)`: writes `path` (PNG, SVG or PDF by extension; `.png` appended when
    /// there is none) plus `base.gp` and `base.dat`. The script names the image and data by
    /// absolute path, so `gnuplot base.gp` re-renders it from any directory. Without gnuplot, or when
    /// gnuplot fails, one warning is reported and the script and data are still written.
    @discardableResult
    public func savefig(_ path: String, dpi: Double? = nil) throws -> SavedFigure {
        guard !path.isEmpty, !path.contains("\0") else { throw PlotError(.fileNotFound, "[Errno 2] No such file or directory: \(pyRepr(path))") }
        var file = path
        if (file as NSString).pathExtension.isEmpty { file += ".png" }
        let format = try OutputFormat.forPath(file)
        if let d = dpi { _ = try pixelSize(dpi: d) } else { _ = try pixelSize() }
        let image = URL(fileURLWithPath: file).standardizedFileURL.path
        let base = (image as NSString).deletingPathExtension
        let script = base + ".gp", dataFile = base + ".dat"
        let dir = (image as NSString).deletingLastPathComponent
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
            throw PlotError(.fileNotFound, "[Errno 2] No such file or directory: \(pyRepr(path))")
        }
        let doc = try gnuplot(format: format, output: image, dataPath: dataFile, dpi: dpi)
        try writeAtomically(doc.script, to: script)
        try writeAtomically(doc.data, to: dataFile)
        var saved = SavedFigure(imagePath: image, scriptPath: script, dataPath: dataFile, rendered: false, problem: nil)
        guard Plot.resolvedGnuplot != nil else {
            Plot.warnMissingGnuplot()
            saved.problem = "gnuplot was not found"
            return saved
        }
        // Draw into a temporary file beside the image, renamed into place only on success.
        let temp = dir + "/." + (image as NSString).lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))." + (image as NSString).pathExtension
        defer { unlink(temp) }
        let tempDoc = try gnuplot(format: format, output: temp, dataPath: dataFile, dpi: dpi)
        let name = "figure \(number) ('\(path)')"
        guard let run = Plot.runGnuplot(tempDoc.script) else {
            Plot.warnMissingGnuplot()
            saved.problem = "gnuplot was not found"
            return saved
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: temp)[.size] as? Int) ?? 0
        guard run.succeeded, size > 0, rename(temp, image) == 0 else {
            let message = run.succeeded ? "gnuplot produced no image for \(name)" : Plot.describeFailure(run, name: name)
            Plot.warn(message)
            saved.problem = message
            return saved
        }
        Plot.logWarnings(run, name: name)
        Plot.countFigureWritten()
        saved.rendered = true
        return saved
    }

    /// Draws the figure for the terminal; the text to print (empty for `.none` or on failure,
    /// which is reported as a warning).
    public func terminalRendering(_ options: ShowOptions) throws -> String {
        let format: OutputFormat
        switch options.mode {
        case .none: return ""
        case .dumb: format = .dumb(columns: options.columns, rows: options.rows, ansi: options.ansi)
        case .sixel:
            let (w, h) = try pixelSize()
            format = .sixel(width: min(max(w, 16), 1600), height: min(max(h, 16), 1200))
        }
        guard Plot.resolvedGnuplot != nil else { Plot.warnMissingGnuplot(); return "" }
        let tmp = (NSTemporaryDirectory() as NSString).appendingPathComponent("wick-show-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).dat")
        defer { unlink(tmp) }
        let doc = try gnuplot(format: format, output: nil, dataPath: tmp)
        try writeAtomically(doc.data, to: tmp)
        guard let run = Plot.runGnuplot(doc.script) else { Plot.warnMissingGnuplot(); return "" }
        let name = "figure \(number)"
        guard run.succeeded else { Plot.warn(Plot.describeFailure(run, name: name)); return "" }
        Plot.logWarnings(run, name: name)
        // gnuplot's dumb terminal starts each page with a form feed (even with `nofeed`).
        return options.mode == .dumb ? run.output.replacingOccurrences(of: "\u{0c}", with: "") : run.output
    }
}

/// Writes `text` to `path` through a temporary file and a rename, so readers never see half a file.
func writeAtomically(_ text: String, to path: String) throws {
    do {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
        throw PlotError(.os, "cannot write \(pyRepr(path)): \(error.localizedDescription)")
    }
}
