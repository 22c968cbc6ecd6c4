import Foundation

/// Markdown → terminal text: ANSI styles when `colour` is on, plain readable text when off.
///
/// Covers headings, paragraphs (wrapped to `width`), bold, italic, inline code, fenced code
/// (highlighted when Python), bullet and numbered lists (nested by indentation), tables
/// (aligned, box-drawn), block quotes, rules, links (`text (url)`) and `$…$` math (see `Math`).
public struct MarkdownRenderer: Sendable {
    /// Whether to emit ANSI styles.
    public let colour: Bool
    /// The column at which paragraphs wrap.
    public let width: Int

    /// Makes a renderer for a terminal `width` columns wide.
    public init(colour: Bool, width: Int = 80) {
        self.colour = colour
        self.width = max(20, width)
    }

    /// A block of a Markdown document.
    enum Block: Equatable {
        case heading(Int, String)
        case paragraph(String)
        case code(language: String, lines: [String])
        case list([ListItem])
        case quote(String)
        case table(header: [String], alignments: [TextTable.Alignment], rows: [[String]])
        case rule
    }

    /// One list item: its nesting level, marker (`•` or `3.`) and text.
    struct ListItem: Equatable {
        var level: Int
        var marker: String
        var text: String
    }

    /// The rendered text of `markdown` (blocks separated by blank lines, no trailing newline).
    public func render(_ markdown: String) -> String {
        MarkdownRenderer.blocks(markdown).map(render).joined(separator: "\n\n")
    }

    func render(_ block: Block) -> String {
        switch block {
        case .heading(let level, let text):
            let base: InlineStyle = level <= 2 ? [.bold, .heading] : [.bold]
            let spans = InlineParser.spans(text, colour: colour, base: base)
            var lines = Wrapper.wrap(spans, width: width, colour: colour)
            if level <= 2 {
                let w = min(width, lines.map(ANSI.visibleWidth).max() ?? 0)
                lines.append(ANSI.styled(String(repeating: level == 1 ? "═" : "─", count: w), ANSI.dim, colour: colour))
            }
            return lines.joined(separator: "\n")
        case .paragraph(let text):
            return Wrapper.wrap(InlineParser.spans(text, colour: colour), width: width, colour: colour).joined(separator: "\n")
        case .code(let language, let lines):
            let python = ["python", "py", "python3", "pycon"].contains(language.lowercased())
            let body = lines.joined(separator: "\n")
            let shown = python ? SyntaxHighlighter(colour: colour).highlight(body) : body
            return shown.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
        case .list(let items):
            return items.map { item in
                let indent = String(repeating: "  ", count: item.level + 1)
                let marker = ANSI.styled(item.marker, ANSI.cyan, colour: colour)
                let hang = indent + String(repeating: " ", count: ANSI.visibleWidth(item.marker) + 1)
                return Wrapper.wrap(InlineParser.spans(item.text, colour: colour), width: width,
                                    firstPrefix: indent + marker + " ", prefix: hang, colour: colour).joined(separator: "\n")
            }.joined(separator: "\n")
        case .quote(let inner):
            let bar = ANSI.styled("│", ANSI.dim, colour: colour) + " "
            let innerText = MarkdownRenderer(colour: colour, width: width - 2).render(inner)
            return innerText.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.isEmpty ? ANSI.styled("│", ANSI.dim, colour: colour) : bar + $0 }.joined(separator: "\n")
        case .table(let header, let alignments, let rows):
            func cell(_ s: String) -> String {
                InlineParser.spans(s, colour: colour).map { colour ? ANSI.styled($0.text, $0.style.sgr, colour: true) : $0.text }.joined()
            }
            return TextTable(header: header.map(cell), rows: rows.map { $0.map(cell) }, alignments: alignments)
                .render(colour: colour)
        case .rule:
            return ANSI.styled(String(repeating: "─", count: width), ANSI.dim, colour: colour)
        }
    }

    // MARK: Block structure

    /// Splits a document into blocks.
    static func blocks(_ markdown: String) -> [Block] {
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
            .map { String($0.hasSuffix("\r") ? $0.dropLast() : $0) }
        var blocks: [Block] = []
        var paragraph: [String] = []
        func endParagraph() {
            if !paragraph.isEmpty { blocks.append(.paragraph(paragraph.joined(separator: " "))); paragraph = [] }
        }
        var i = 0
        while i < lines.count {
            let line = lines[i]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { endParagraph(); i += 1; continue }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                endParagraph()
                let fence = String(trimmed.prefix(3))
                let language = trimmed.drop(while: { $0 == "`" || $0 == "~" }).trimmingCharacters(in: .whitespaces)
                var body: [String] = []
                i += 1
                while i < lines.count, !lines[i].trimmingCharacters(in: .whitespaces).hasPrefix(fence) {
                    body.append(lines[i]); i += 1
                }
                i += 1
                blocks.append(.code(language: language, lines: body))
                continue
            }
            if let h = heading(trimmed) { endParagraph(); blocks.append(.heading(h.0, h.1)); i += 1; continue }
            if isRule(trimmed) { endParagraph(); blocks.append(.rule); i += 1; continue }
            if trimmed.hasPrefix(">") {
                endParagraph()
                var inner: [String] = []
                while i < lines.count {
                    let t = lines[i].trimmingCharacters(in: .whitespaces)
                    guard t.hasPrefix(">") else { break }
                    let rest = t.dropFirst()
                    inner.append(String(rest.hasPrefix(" ") ? rest.dropFirst() : rest))
                    i += 1
                }
                blocks.append(.quote(inner.joined(separator: "\n")))
                continue
            }
            if trimmed.contains("|"), i + 1 < lines.count, let aligns = separatorRow(lines[i + 1]) {
                endParagraph()
                let header = tableCells(trimmed)
                var rows: [[String]] = []
                i += 2
                while i < lines.count {
                    let t = lines[i].trimmingCharacters(in: .whitespaces)
                    guard !t.isEmpty, t.contains("|") else { break }
                    rows.append(tableCells(t)); i += 1
                }
                blocks.append(.table(header: header, alignments: aligns, rows: rows))
                continue
            }
            if listMarker(line) != nil {
                endParagraph()
                var items: [ListItem] = []
                var indents: [Int] = []
                while i < lines.count {
                    let l = lines[i]
                    if let m = listMarker(l) {
                        while let last = indents.last, last > m.indent { indents.removeLast() }
                        if indents.last != m.indent { indents.append(m.indent) }
                        items.append(ListItem(level: indents.count - 1, marker: m.marker, text: m.text))
                        i += 1
                    } else if !l.trimmingCharacters(in: .whitespaces).isEmpty, l.hasPrefix(" "), !items.isEmpty {
                        items[items.count - 1].text += " " + l.trimmingCharacters(in: .whitespaces)
                        i += 1
                    } else if !l.trimmingCharacters(in: .whitespaces).isEmpty, !items.isEmpty,
                              heading(l.trimmingCharacters(in: .whitespaces)) == nil, !l.hasPrefix(">"), !l.hasPrefix("```") {
                        // A lazy continuation line.
                        items[items.count - 1].text += " " + l.trimmingCharacters(in: .whitespaces)
                        i += 1
                    } else {
                        break
                    }
                }
                blocks.append(.list(items))
                continue
            }
            paragraph.append(trimmed)
            i += 1
        }
        endParagraph()
        return blocks
    }

    /// `## Title` → (2, "Title").
    static func heading(_ line: String) -> (Int, String)? {
        let hashes = line.prefix(while: { $0 == "#" }).count
        guard hashes >= 1, hashes <= 6 else { return nil }
        let rest = line.dropFirst(hashes)
        guard rest.isEmpty || rest.first == " " else { return nil }
        var text = rest.trimmingCharacters(in: .whitespaces)
        while text.hasSuffix("#") && text.contains(" #") { text = String(text.dropLast()).trimmingCharacters(in: .whitespaces) }
        return (hashes, text)
    }

    static func isRule(_ line: String) -> Bool {
        let compact = line.filter { $0 != " " }
        guard compact.count >= 3, let first = compact.first, "-*_".contains(first) else { return false }
        return compact.allSatisfy { $0 == first }
    }

    /// A list item line: its indentation, its marker (`•` for bullets, `3.` for numbers) and text.
    static func listMarker(_ line: String) -> (indent: Int, marker: String, text: String)? {
        let indent = line.prefix(while: { $0 == " " }).count
        let rest = line.dropFirst(indent)
        if let c = rest.first, "-*+".contains(c), rest.dropFirst().first == " " {
            let level = indent / 2
            let bullets = ["•", "◦", "▪"]
            return (indent, bullets[level % bullets.count], rest.dropFirst(2).trimmingCharacters(in: .whitespaces))
        }
        let digits = rest.prefix(while: { $0.isASCII && $0.isNumber })
        guard !digits.isEmpty, digits.count <= 9 else { return nil }
        let after = rest.dropFirst(digits.count)
        guard let p = after.first, p == "." || p == ")", after.dropFirst().first == " " else { return nil }
        return (indent, digits + ".", after.dropFirst(2).trimmingCharacters(in: .whitespaces))
    }

    /// `|:--|--:|:-:|` → alignments, nil when the line is not a table separator.
    static func separatorRow(_ line: String) -> [TextTable.Alignment]? {
        let t = line.trimmingCharacters(in: .whitespaces)
        guard t.contains("-"), t.allSatisfy({ "|:- ".contains($0) }) else { return nil }
        let cells = tableCells(t)
        guard !cells.isEmpty, cells.allSatisfy({ $0.contains("-") }) else { return nil }
        return cells.map { c in
            let left = c.hasPrefix(":"), right = c.hasSuffix(":")
            return left && right ? .center : right ? .right : .left
        }
    }

    /// The cells of a table row (outer pipes optional; `\|` is a literal pipe).
    static func tableCells(_ line: String) -> [String] {
        var s = Substring(line.trimmingCharacters(in: .whitespaces))
        if s.hasPrefix("|") { s = s.dropFirst() }
        if s.hasSuffix("|") && !s.hasSuffix("\\|") { s = s.dropLast() }
        var cells: [String] = []
        var current = ""
        var escaped = false
        var inCode = false
        for ch in s {
            if escaped { if ch != "|" { current.append("\\") }; current.append(ch); escaped = false; continue }
            if ch == "\\" { escaped = true; continue }
            if ch == "`" { inCode.toggle() }
            if ch == "|" && !inCode { cells.append(current.trimmingCharacters(in: .whitespaces)); current = ""; continue }
            current.append(ch)
        }
        cells.append(current.trimmingCharacters(in: .whitespaces))
        return cells
    }
}
