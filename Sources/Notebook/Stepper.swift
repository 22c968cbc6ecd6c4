/// The rule above a cell: `── lesson 03 · cell 4/12 · Leaky ReLU ──────`.
public enum CellHeader {
    /// The header padded with `─` to `width` columns (dim rules, bold text when `colour`).
    /// A lesson without a number shows `cell 4/12` only; a long title is cut with `…`.
    public static func render(lesson: Int?, cell: Int, of total: Int, title: String?, width: Int, colour: Bool) -> String {
        var parts: [String] = []
        if let lesson { parts.append("lesson " + (lesson < 10 ? "0\(lesson)" : "\(lesson)")) }
        parts.append("cell \(cell)/\(total)")
        var text = parts.joined(separator: " · ")
        if let title, !title.isEmpty {
            let room = width - ANSI.visibleWidth(text) - 11
            var t = title
            if room > 3, t.count > room { t = String(t.prefix(room - 1)) + "…" }
            text += " · " + t
        }
        let lead = "── "
        let fill = max(2, width - ANSI.visibleWidth(lead + text) - 1)
        return ANSI.styled(lead, ANSI.dim, colour: colour) + ANSI.styled(text, ANSI.bold, colour: colour)
            + " " + ANSI.styled(String(repeating: "─", count: fill), ANSI.dim, colour: colour)
    }
}

/// A cursor over a lesson's cells for `%open`, `%next`, `%back`, `%goto`, `%cells` and `%cell`.
public final class Stepper {
    /// The lesson being stepped through.
    public let lesson: Lesson
    /// How many cells have been reached: 0 before cell 1, `cells.count` after the last.
    public private(set) var position = 0

    /// Opens `lesson` positioned before its first cell.
    public init(lesson: Lesson) { self.lesson = lesson }

    /// The cell last moved to (nil before cell 1).
    public var current: Cell? { position >= 1 && position <= lesson.cells.count ? lesson.cells[position - 1] : nil }

    /// Whether the last cell has been reached.
    public var isAtEnd: Bool { position >= lesson.cells.count }

    /// Moves to the next cell and returns it (nil, without moving, after the last one).
    @discardableResult
    public func next() -> Cell? {
        guard position < lesson.cells.count else { return nil }
        position += 1
        return current
    }

    /// Moves back one cell and returns it (nil when that goes before cell 1).
    @discardableResult
    public func back() -> Cell? {
        guard position > 0 else { return nil }
        position -= 1
        return current
    }

    /// Moves to cell `n` (1-based) and returns it.
    @discardableResult
    public func goto(_ n: Int) throws -> Cell {
        guard n >= 1, n <= lesson.cells.count else {
            throw NotebookError(lesson.cells.isEmpty ? "the lesson has no cells"
                                : "cell \(n) is out of range (1–\(lesson.cells.count))")
        }
        position = n
        return lesson.cells[n - 1]
    }

    /// Moves back to before cell 1.
    public func rewind() { position = 0 }

    /// The header line of `cell`.
    public func header(for cell: Cell, width: Int, colour: Bool) -> String {
        CellHeader.render(lesson: lesson.number, cell: cell.index, of: lesson.cells.count,
                          title: cell.title.map(Lesson.stripNumberPrefix), width: width, colour: colour)
    }

    /// The body of `cell`: prose rendered as Markdown, code syntax-highlighted.
    public func render(_ cell: Cell, width: Int, colour: Bool) -> String {
        Stepper.render(cell, width: width, colour: colour)
    }

    /// The body of `cell`: prose rendered as Markdown, code syntax-highlighted.
    public static func render(_ cell: Cell, width: Int, colour: Bool) -> String {
        switch cell.kind {
        case .markdown: return MarkdownRenderer(colour: colour, width: width).render(cell.source)
        case .code: return SyntaxHighlighter(colour: colour).highlight(cell.source)
        }
    }

    /// One line per cell (`▶  4  code   Leaky ReLU`), the current cell marked with `▶`.
    public func outline(width: Int, colour: Bool) -> String {
        let digits = String(lesson.cells.count).count
        var lines: [String] = []
        if let title = lesson.title {
            let number = lesson.number.map { ($0 < 10 ? "0\($0)" : "\($0)") + " · " } ?? ""
            lines.append(ANSI.styled(number + title, ANSI.bold, colour: colour) + " (\(lesson.cells.count) cells)")
        }
        for cell in lesson.cells {
            let mark = cell.index == position ? ANSI.styled("▶", ANSI.cyan, colour: colour) : " "
            let number = String(repeating: " ", count: digits - String(cell.index).count) + String(cell.index)
            let kind = cell.isCode ? "code " : "prose"
            var summary = cell.title.map(Lesson.stripNumberPrefix) ?? Stepper.firstLine(cell)
            let room = max(10, width - digits - 12)
            if summary.count > room { summary = String(summary.prefix(room - 1)) + "…" }
            let text = cell.index == position ? ANSI.styled(summary, ANSI.bold, colour: colour) : summary
            lines.append("\(mark) \(number)  \(ANSI.styled(kind, ANSI.dim, colour: colour))  \(text)")
        }
        return lines.joined(separator: "\n")
    }

    /// The first non-blank line of a cell (prose without its Markdown emphasis and heading marks).
    static func firstLine(_ cell: Cell) -> String {
        let line = cell.source.split(separator: "\n").first { !$0.allSatisfy(\.isWhitespace) } ?? ""
        let text = line.trimmingCharacters(in: .whitespaces).drop(while: { $0 == "#" }).trimmingCharacters(in: .whitespaces)
        guard cell.kind == .markdown else { return text }
        return InlineParser.spans(text, colour: false).map(\.text).joined()
    }
}

import Foundation
