import Foundation

/// An error raised by the figure model, named after the Python exception the bindings should raise.
///
/// Messages follow matplotlib's wording where matplotlib raises, e.g.
/// `x and y must have same first dimension, but have shapes (3,) and (4,)`.
public struct PlotError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The Python exception class this error maps to.
    public enum Kind: String, Sendable {
        /// `ValueError`.
        case value = "ValueError"
        /// `TypeError`.
        case type = "TypeError"
        /// `RuntimeError` (also gnuplot failures when a caller asks for them as errors).
        case runtime = "RuntimeError"
        /// `NotImplementedError`: part of pyplot Wick does not draw yet.
        case notImplemented = "NotImplementedError"
        /// `OSError`: a file could not be written.
        case os = "OSError"
        /// `FileNotFoundError`: the folder of a `savefig` path does not exist.
        case fileNotFound = "FileNotFoundError"
    }

    /// Which Python exception to raise.
    public var kind: Kind
    /// The exception message, without the class name.
    public var message: String

    /// Makes an error of `kind` with `message`.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// `ValueError: message`.
    public var description: String { "\(kind.rawValue): \(message)" }

    static func value(_ message: String) -> PlotError { PlotError(.value, message) }
    static func type(_ message: String) -> PlotError { PlotError(.type, message) }
    static func notImplemented(_ message: String) -> PlotError { PlotError(.notImplemented, message) }
}

/// Checks that every value is finite or NaN-free where gnuplot needs numbers; shared validators.
enum Check {
    /// `(3,)` — a numpy-style shape string for a vector of `n` elements.
    static func shape(_ n: Int) -> String { "(\(n),)" }

    /// `(2, 3)` — a numpy-style shape string for a matrix.
    static func shape(_ rows: Int, _ cols: Int) -> String { "(\(rows), \(cols))" }

    /// Throws matplotlib's error when a matrix is ragged or empty.
    static func rectangular(_ m: [[Double]], name: String) throws -> (rows: Int, cols: Int) {
        guard let first = m.first, !first.isEmpty else {
            throw PlotError.type("Invalid shape (\(m.count), 0) for \(name) data")
        }
        for row in m where row.count != first.count {
            throw PlotError.value("setting an array element with a sequence. The requested array has an inhomogeneous shape after 1 dimensions. The detected shape was (\(m.count),) + inhomogeneous part.")
        }
        return (m.count, first.count)
    }

    /// Throws unless `value` is a finite number (used for limits, sizes, positions).
    static func finite(_ value: Double, _ what: String) throws {
        guard value.isFinite else { throw PlotError.value("\(what) must be finite, not \(Format.number(value))") }
    }

    /// Throws unless `value` is in 0...1 (matplotlib's alpha check).
    static func alpha(_ value: Double?) throws {
        guard let a = value else { return }
        guard a >= 0, a <= 1 else { throw PlotError.value("alpha (\(Format.number(a))) is outside 0-1 range") }
    }
}

/// Number formatting shared by the renderer and error messages.
enum Format {
    /// A number the way Python prints a float (`1.0`, `0.5`, `nan`, `inf`).
    static func number(_ v: Double) -> String {
        if v.isNaN { return "nan" }
        if v.isInfinite { return v < 0 ? "-inf" : "inf" }
        if v == v.rounded(), abs(v) < 1e16 { return String(format: "%.1f", v) }
        return "\(v)"
    }

    /// A number for a gnuplot script or data file: shortest round-trip text, `NaN` for missing.
    static func gp(_ v: Double) -> String {
        if v.isNaN || v.isInfinite { return "NaN" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }
}
