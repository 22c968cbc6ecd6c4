/// Turns user text into gnuplot string expressions that cannot run commands.
///
/// Every user string (titles, labels, legend entries, tick labels, file paths) becomes a
/// parenthesised concatenation of pieces. Text goes in single-quoted pieces, inside which gnuplot
/// performs no backquote (`system`) or `@macro` substitution and no backslash escapes. The
/// characters that could end such a piece or the command line — `'`, newline, tab (and, in file
/// paths, other control characters) — are spliced in as double-quoted constants we write
/// ourselves (`"'"`, `"\n"`, `"\t"`, `"\015"`); other control characters and NUL are dropped.
/// The text is also marked `noenhanced` where it is drawn, so `^ _ @ & { }` show literally.
enum GnuplotText {
    /// `('it'."'".'s'."\n".'line 2')` — a string expression denoting `s` (without control characters
    /// other than newline and tab, unless `exact`: file paths keep every character but NUL, as octal
    /// escapes such as `"\015"`).
    static func quote(_ s: String, exact: Bool = false) -> String {
        var pieces: [String] = []
        var current = ""
        var open = false
        func flush() {
            if open { pieces.append("'" + current + "'") }
            current = ""; open = false
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\n": flush(); pieces.append("\"\\n\"")
            case "\t": flush(); pieces.append("\"\\t\"")
            case "'":
                // gnuplot 5.4 mis-scans '' at the start of a string and after another '', so a
                // quote is always spliced in as the double-quoted constant "'".
                flush(); pieces.append("\"'\"")
            default:
                if scalar.value < 0x20 || scalar.value == 0x7f {
                    if exact && scalar.value != 0 {
                        flush(); pieces.append("\"\\" + String(scalar.value, radix: 8).leftPadded(to: 3) + "\"")
                    }
                    continue
                }
                // U+2028/2029 are line separators to some readers; keep the script one command a line.
                if !exact && (scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0x85) { continue }
                open = true
                current.unicodeScalars.append(scalar)
            }
        }
        flush()
        if pieces.isEmpty { return "''" }
        if pieces.count == 1 { return pieces[0] }
        return "(" + pieces.joined(separator: ".") + ")"
    }
}

/// Builds the data text: blocks separated by two blank lines, addressed as `index N`.
struct DataWriter {
    private(set) var text = ""
    private(set) var count = 0

    /// Appends a block of rows (each row's numbers separated by spaces; an empty row is a single
    /// blank line, which gnuplot reads as a break in a line) and returns its index.
    mutating func block(_ rows: [[Double]]) -> Int {
        if count > 0 { text += "\n\n" }
        var s = ""
        s.reserveCapacity(rows.count * 24)
        for row in rows {
            s += row.map(Format.gp).joined(separator: " ")
            s += "\n"
        }
        if rows.isEmpty { s += "NaN NaN\n" }
        text += s
        count += 1
        return count - 1
    }

    /// Appends a matrix block (read with `matrix`) and returns its index.
    mutating func matrix(_ m: [[Double]]) -> Int {
        block(m)
    }
}

/// Small helpers for option text.
enum GP {
    /// `' noenhanced'` — appended after every user string.
    static let plain = " noenhanced"

    /// A line-width number scaled for the output (points → gnuplot width units).
    static func width(_ points: Double, scale: Double) -> String { Format.gp(round4(points * scale)) }

    /// Rounds to 4 decimals so scripts stay readable and stable.
    static func round4(_ v: Double) -> Double { (v * 10_000).rounded() / 10_000 }
}

extension String {
    /// The string with leading zeros up to `width` characters.
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
