import Foundation

/// What a cell holds: code to run, or Markdown prose to read.
public enum CellKind: Equatable, Sendable {
    /// `# %%` (or text before the first marker).
    case code
    /// `# %% [markdown]`: lines prefixed with `# `.
    case markdown
}

/// One cell of a percent-format file (LANGUAGE.md §1).
public struct Cell: Equatable, Sendable {
    /// Code or prose.
    public let kind: CellKind
    /// The code as written, or the Markdown with its `# ` prefixes stripped; leading and
    /// trailing blank lines removed.
    public let source: String
    /// The 1-based line of the file on which `source` begins (the marker's next line for an
    /// empty cell).
    public let line: Int
    /// The line of the cell's `# %%` marker; nil for text before the first marker.
    public let markerLine: Int?
    /// The marker's title (`# %% Leaky ReLU`), else the first heading of a prose cell.
    public let title: String?
    /// The cell's 1-based position in its lesson (prose and code cells both count).
    public let index: Int

    /// Makes a cell (the splitter does this; tests and tools may too).
    public init(kind: CellKind, source: String, line: Int, markerLine: Int?, title: String?, index: Int) {
        self.kind = kind
        self.source = source
        self.line = line
        self.markerLine = markerLine
        self.title = title
        self.index = index
    }

    /// Whether this is a code cell.
    public var isCode: Bool { kind == .code }

    /// Whether the cell has nothing but blank lines.
    public var isEmpty: Bool { source.allSatisfy { $0.isWhitespace } }

    /// `source` preceded by `line - 1` newlines, so that running it as the lesson's file makes
    /// tracebacks and syntax errors name the file's real line numbers.
    public var paddedSource: String { String(repeating: "\n", count: max(0, line - 1)) + source }

    /// The number of lines of `source`.
    public var lineCount: Int { source.isEmpty ? 0 : source.split(separator: "\n", omittingEmptySubsequences: false).count }
}

/// Splits percent-format text into cells.
public enum CellSplitter {
    /// A parsed `# %%` marker line, or nil when the line is not a marker.
    static func marker(_ line: Substring) -> (kind: CellKind, title: String?)? {
        guard line.hasPrefix("# %%") || line.hasPrefix("#%%") else { return nil }
        var rest = line.hasPrefix("# %%") ? line.dropFirst(4) : line.dropFirst(3)
        if let c = rest.first, !c.isWhitespace { return nil }   // `# %%%` is a comment
        var kind = CellKind.code
        for tag in ["[markdown]", "[md]"] {
            if let r = rest.range(of: tag) {
                kind = .markdown
                rest = rest[rest.startIndex..<r.lowerBound] + rest[r.upperBound...]
            }
        }
        // Jupytext metadata (`key="value"`) is not part of the title.
        let title = rest.split(separator: " ").filter { !isMetadata($0) }
            .joined(separator: " ").trimmingCharacters(in: .whitespaces)
        return (kind, title.isEmpty ? nil : title)
    }

    /// `key="value"` or `key=value` (Jupytext cell metadata).
    static func isMetadata(_ token: Substring) -> Bool {
        guard let eq = token.firstIndex(of: "="), eq != token.startIndex, token.index(after: eq) != token.endIndex else { return false }
        return token[..<eq].allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
    }

    /// The cells of `text`; a file with no markers is one code cell.
    public static func split(_ text: String) -> [Cell] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        var cells: [Cell] = []
        var kind = CellKind.code
        var title: String?
        var markerLine: Int?
        var body: [Substring] = []
        var bodyStart = 1

        func finish() {
            // Text before the first marker is a cell only when it has something in it.
            if markerLine == nil && body.allSatisfy({ $0.allSatisfy(\.isWhitespace) }) { return }
            var content = body
            if kind == .markdown { content = content.map(stripCommentPrefix) }
            var first = 0
            while first < content.count, content[first].allSatisfy(\.isWhitespace) { first += 1 }
            var last = content.count
            while last > first, content[last - 1].allSatisfy(\.isWhitespace) { last -= 1 }
            let source = content[first..<last].joined(separator: "\n")
            let start = first < content.count ? bodyStart + first : bodyStart
            var cellTitle = title
            if cellTitle == nil, kind == .markdown { cellTitle = MarkdownText.firstHeading(source) }
            cells.append(Cell(kind: kind, source: source, line: start, markerLine: markerLine,
                              title: cellTitle, index: cells.count + 1))
        }

        for (i, line) in lines.enumerated() {
            if let m = marker(line) {
                finish()
                kind = m.kind
                title = m.title
                markerLine = i + 1
                body = []
                bodyStart = i + 2
            } else {
                body.append(line)
            }
        }
        // A trailing newline makes an empty last line, which is not part of the last cell.
        finish()
        return cells
    }

    /// `# text` → `text`, `#` → empty (a prose cell's comment prefix).
    static func stripCommentPrefix(_ line: Substring) -> Substring {
        if line.hasPrefix("# ") { return line.dropFirst(2) }
        if line == "#" { return "" }
        if line.hasPrefix("#") { return line.dropFirst() }
        return line
    }
}

/// Small text helpers over Markdown sources shared by the splitter and the catalogue.
enum MarkdownText {
    /// The text of the first ATX heading (`# Title`) in `markdown`, nil if none.
    static func firstHeading(_ markdown: String) -> String? {
        for line in markdown.split(separator: "\n") {
            let trimmed = line.drop(while: { $0 == " " })
            let hashes = trimmed.prefix(while: { $0 == "#" }).count
            guard hashes > 0, hashes <= 6 else { continue }
            let rest = trimmed.dropFirst(hashes)
            guard rest.isEmpty || rest.first == " " else { continue }
            let text = rest.trimmingCharacters(in: .whitespaces)
            if !text.isEmpty { return text }
        }
        return nil
    }
}
