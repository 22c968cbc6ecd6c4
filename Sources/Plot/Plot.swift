import CGnuplot
import Foundation

/// The figure model of `matplotlib.pyplot` and its rendering through gnuplot (PLOTS.md):
/// process-wide settings, the saved-figure counter and the warning log.
public enum Plot {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var _figuresWritten = 0
    nonisolated(unsafe) private static var _warnings: [String] = []
    nonisolated(unsafe) private static var _warnedMissing = false
    nonisolated(unsafe) private static var _gnuplotPath: String?
    nonisolated(unsafe) private static var _timeout: Double = 30
    nonisolated(unsafe) private static var _handler: ((String) -> Void)?

    private static func locked<T>(_ body: () -> T) -> T {
        lock.lock(); defer { lock.unlock() }
        return body()
    }

    /// The gnuplot executable to run: nil (default) searches PATH for `gnuplot`; a path that does
    /// not exist behaves as "no gnuplot" (one warning, `.gp`/`.dat` still written).
    public static var gnuplotPath: String? {
        get { locked { _gnuplotPath } }
        set { locked { _gnuplotPath = newValue; _warnedMissing = false } }
    }

    /// Seconds a gnuplot run may take before it is killed and reported (default 30).
    public static var timeoutSeconds: Double {
        get { locked { _timeout } }
        set { locked { _timeout = newValue.isFinite && newValue > 0 ? newValue : 30 } }
    }

    /// Where warnings go (e.g. the bindings' `warnings.warn`); nil prints `Warning: …` to stderr.
    public static var warningHandler: ((String) -> Void)? {
        get { locked { _handler } }
        set { locked { _handler = newValue } }
    }

    /// The number of figures rendered to an image file by `savefig` in this process (`wick check`).
    public static var figuresWritten: Int { locked { _figuresWritten } }

    /// Every warning reported so far (missing gnuplot, gnuplot errors and warnings), oldest first.
    public static var warnings: [String] { locked { _warnings } }

    /// Clears the warning log and the one-time missing-gnuplot note (the counter stays).
    public static func resetWarnings() {
        locked { _warnings = []; _warnedMissing = false }
    }

    /// The gnuplot executable that would run, or nil when none is found.
    public static var resolvedGnuplot: String? {
        if let p = gnuplotPath {
            return FileManager.default.isExecutableFile(atPath: p) ? p : nil
        }
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let p = String(dir) + "/gnuplot"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    /// Whether a `gnuplot` executable is available (`gnuplotPath`, else PATH).
    public static var gnuplotAvailable: Bool {
        if gnuplotPath == nil { return cgnuplot_available() != 0 }
        return resolvedGnuplot != nil
    }

    static func countFigureWritten() { locked { _figuresWritten += 1 } }

    /// Logs `message` and hands it to `warningHandler` (or stderr).
    static func warn(_ message: String) {
        let handler: ((String) -> Void)? = locked { _warnings.append(message); return _handler }
        if let h = handler { h(message) } else { FileHandle.standardError.write(Data(("Warning: " + message + "\n").utf8)) }
    }

    /// Warns about a missing gnuplot once per process (until `resetWarnings` or a new `gnuplotPath`).
    static func warnMissingGnuplot() {
        let first: Bool = locked { defer { _warnedMissing = true }; return !_warnedMissing }
        if first {
            warn("gnuplot was not found (install gnuplot-nox); figures are saved as .gp/.dat scripts only")
        }
    }
}
