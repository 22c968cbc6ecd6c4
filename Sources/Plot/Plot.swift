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


/// What one gnuplot run produced.
public struct GnuplotRun: Equatable, Sendable {
    /// gnuplot's exit status (0 success; 124 or 137 after a timeout; -1 not started).
    public var status: Int32
    /// Whether gnuplot was killed for taking longer than `Plot.timeoutSeconds`.
    public var timedOut: Bool
    /// gnuplot's standard output (the drawing, for terminal output).
    public var output: String
    /// gnuplot's standard error: error messages and warnings.
    public var errors: String

    /// True when gnuplot exited normally with status 0.
    public var succeeded: Bool { status == 0 && !timedOut }
}

extension Plot {
    /// Runs `script` through gnuplot (via CGnuplot and gnuplot-iostream) with the configured
    /// timeout; nil when no gnuplot executable is available.
    public static func runGnuplot(_ script: String) -> GnuplotRun? {
        guard let exe = resolvedGnuplot else { return nil }
        var result = cgnuplot_result(status: -1, timed_out: 0, output: nil, errors: nil)
        let bytes = Array(script.utf8)
        let timeout = timeoutSeconds
        _ = bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                    cgnuplot_run(exe, $0, buf.count, timeout, &result)
                }
            } ?? cgnuplot_run(exe, "", 0, timeout, &result)
        }
        defer { cgnuplot_result_free(&result) }
        let output = result.output.map { String(cString: $0) } ?? ""
        let errors = result.errors.map { String(cString: $0) } ?? ""
        return GnuplotRun(status: result.status, timedOut: result.timed_out != 0, output: output, errors: errors)
    }

    /// A one-line summary of gnuplot's complaint about `name`, for warnings and errors.
    static func describeFailure(_ run: GnuplotRun, name: String) -> String {
        if run.timedOut {
            return "gnuplot did not finish drawing \(name) within \(Format.gp(timeoutSeconds)) s and was stopped"
        }
        let lines = run.errors.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let detail = lines.isEmpty ? "exit status \(run.status)" : lines.suffix(3).joined(separator: " | ")
        return "gnuplot failed to draw \(name): \(detail)"
    }

    /// Logs each stderr line of a successful run as a warning naming the figure.
    static func logWarnings(_ run: GnuplotRun, name: String) {
        for line in run.errors.split(whereSeparator: \.isNewline) {
            let t = line.trimmingCharacters(in: .whitespaces)
            // NaN pixels are deliberate (matplotlib leaves them blank): not worth a warning.
            if t.contains("matrix contains missing or undefined values") { continue }
            if !t.isEmpty { warn("gnuplot, drawing \(name): \(t)") }
        }
    }
}
