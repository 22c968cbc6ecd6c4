import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The terminal policy: colour only on a terminal without `NO_COLOR`, and its width.
public enum Terminal {
    /// Whether standard output is a terminal.
    public static var stdoutIsTTY: Bool { isatty(STDOUT_FILENO) != 0 }
    /// Whether standard error is a terminal.
    public static var stderrIsTTY: Bool { isatty(STDERR_FILENO) != 0 }

    /// Whether `NO_COLOR` is set to a non-empty value (no-color.org).
    public static var noColorRequested: Bool {
        guard let v = ProcessInfo.processInfo.environment["NO_COLOR"] else { return false }
        return !v.isEmpty
    }

    /// Whether output to stdout may use ANSI styles: stdout is a terminal and `NO_COLOR` is unset.
    public static var colour: Bool { stdoutIsTTY && !noColorRequested }

    /// Whether output to stderr may use ANSI styles.
    public static var stderrColour: Bool { stderrIsTTY && !noColorRequested }

    /// The width of standard output in columns (80 when it is not a terminal and `COLUMNS` is unset).
    public static var width: Int { width(of: STDOUT_FILENO) }

    /// The width of the terminal on `fd`, else `$COLUMNS`, else 80; at least 20.
    public static func width(of fd: Int32) -> Int {
        var size = winsize()
        if ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return max(20, Int(size.ws_col)) }
        if let c = ProcessInfo.processInfo.environment["COLUMNS"], let n = Int(c), n > 0 { return max(20, min(n, 1000)) }
        return 80
    }
}

/// ANSI SGR styles used by the renderers.
public enum ANSI {
    /// Resets every style.
    public static let reset = "\u{1B}[0m"
    /// Bold.
    public static let bold = "\u{1B}[1m"
    /// Dim (faint).
    public static let dim = "\u{1B}[2m"
    /// Italic.
    public static let italic = "\u{1B}[3m"
    /// Underline.
    public static let underline = "\u{1B}[4m"
    /// Foreground colours.
    public static let red = "\u{1B}[31m", green = "\u{1B}[32m", yellow = "\u{1B}[33m", blue = "\u{1B}[34m",
                      magenta = "\u{1B}[35m", cyan = "\u{1B}[36m", grey = "\u{1B}[90m"

    /// `text` wrapped in `style` … reset when `colour`, else `text` unchanged.
    public static func styled(_ text: String, _ style: String, colour: Bool) -> String {
        colour && !style.isEmpty && !text.isEmpty ? style + text + reset : text
    }

    /// The number of terminal columns `text` takes (ANSI escapes take none).
    public static func visibleWidth(_ text: String) -> Int {
        var width = 0
        var inEscape = false
        for scalar in text.unicodeScalars {
            if inEscape {
                if (0x40...0x7E).contains(scalar.value) && scalar != "[" { inEscape = false }
                continue
            }
            if scalar == "\u{1B}" { inEscape = true; continue }
            width += columns(scalar)
        }
        return width
    }

    /// Columns of one scalar: 0 for combining marks and controls, 2 for wide East Asian, else 1.
    static func columns(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return 0 }
        if s.properties.generalCategory == .nonspacingMark || s.properties.generalCategory == .enclosingMark { return 0 }
        if (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0x1F300...0x1FAFF).contains(v) { return 2 }
        return 1
    }

    /// `text` with its ANSI escapes removed.
    public static func strip(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var inEscape = false
        for scalar in text.unicodeScalars {
            if inEscape {
                if (0x40...0x7E).contains(scalar.value) && scalar != "[" { inEscape = false }
                continue
            }
            if scalar == "\u{1B}" { inEscape = true; continue }
            out.append(scalar)
        }
        return String(out)
    }

    /// `text` padded with spaces to `width` visible columns (left-, right- or centre-aligned).
    public static func pad(_ text: String, to width: Int, align: TextTable.Alignment = .left) -> String {
        let gap = max(0, width - visibleWidth(text))
        switch align {
        case .left: return text + String(repeating: " ", count: gap)
        case .right: return String(repeating: " ", count: gap) + text
        case .center: return String(repeating: " ", count: gap / 2) + text + String(repeating: " ", count: gap - gap / 2)
        }
    }
}

/// A box-drawn table with aligned columns (Markdown tables, `wick lessons`, `wick check`).
public struct TextTable {
    /// How a column's cells are aligned.
    public enum Alignment: Sendable { case left, right, center }

    /// The header cells (may contain ANSI styles).
    public var header: [String]
    /// The rows; short rows are padded with empty cells.
    public var rows: [[String]]
    /// One alignment per column (missing ones are `.left`).
    public var alignments: [Alignment]

    /// Makes a table.
    public init(header: [String], rows: [[String]], alignments: [Alignment] = []) {
        self.header = header
        self.rows = rows
        self.alignments = alignments
    }

    /// The table as lines joined by newlines (no trailing newline); header bold and rules dim when `colour`.
    public func render(colour: Bool) -> String {
        let columns = max(header.count, rows.map(\.count).max() ?? 0)
        guard columns > 0 else { return "" }
        func cell(_ row: [String], _ i: Int) -> String { i < row.count ? row[i] : "" }
        let widths = (0..<columns).map { i in
            max(ANSI.visibleWidth(cell(header, i)), rows.map { ANSI.visibleWidth(cell($0, i)) }.max() ?? 0)
        }
        func rule(_ left: String, _ mid: String, _ right: String) -> String {
            ANSI.styled(left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: mid) + right,
                        ANSI.dim, colour: colour)
        }
        let bar = ANSI.styled("│", ANSI.dim, colour: colour)
        func line(_ row: [String], bold: Bool) -> String {
            let cells = (0..<columns).map { i -> String in
                let align = i < alignments.count ? alignments[i] : .left
                let text = bold ? ANSI.styled(cell(row, i), ANSI.bold, colour: colour) : cell(row, i)
                return " " + ANSI.pad(text, to: widths[i], align: align) + " "
            }
            return bar + cells.joined(separator: bar) + bar
        }
        var out = [rule("┌", "┬", "┐"), line(header, bold: true), rule("├", "┼", "┤")]
        out += rows.map { line($0, bold: false) }
        out.append(rule("└", "┴", "┘"))
        return out.joined(separator: "\n")
    }
}
