import CGnuplot
import Foundation

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
