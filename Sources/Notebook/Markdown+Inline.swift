/// Inline Markdown: emphasis, code spans, links, math, and wrapping of styled words.
struct InlineStyle: OptionSet, Hashable {
    let rawValue: Int
    static let bold = InlineStyle(rawValue: 1)
    static let italic = InlineStyle(rawValue: 2)
    static let code = InlineStyle(rawValue: 4)
    static let link = InlineStyle(rawValue: 8)
    static let dim = InlineStyle(rawValue: 16)
    static let math = InlineStyle(rawValue: 32)
    static let heading = InlineStyle(rawValue: 64)

    /// The ANSI escape that turns this style on ("" for none).
    var sgr: String {
        var s = ""
        if contains(.bold) { s += ANSI.bold }
        if contains(.italic) || contains(.math) { s += ANSI.italic }
        if contains(.dim) { s += ANSI.dim }
        if contains(.link) { s += ANSI.underline + ANSI.blue }
        if contains(.code) { s += ANSI.yellow }
        if contains(.heading) { s += ANSI.cyan }
        return s
    }
}

/// A run of text with one style.
struct Span: Equatable {
    var text: String
    var style: InlineStyle
}

/// Parses inline Markdown into styled spans.
struct InlineParser {
    let chars: [Character]
    let colour: Bool

    /// The spans of `text`; in plain mode code keeps its backticks and emphasis markers go.
    static func spans(_ text: String, colour: Bool, base: InlineStyle = []) -> [Span] {
        let p = InlineParser(chars: Array(text), colour: colour)
        return merge(p.parse(0, p.chars.count, base))
    }

    static func merge(_ spans: [Span]) -> [Span] {
        var out: [Span] = []
        for s in spans where !s.text.isEmpty {
            if let last = out.last, last.style == s.style { out[out.count - 1].text += s.text } else { out.append(s) }
        }
        return out
    }

    /// The index of `delimiter` at or after `from` (before `end`), skipping escaped characters.
    func find(_ delimiter: String, from: Int, end: Int) -> Int? {
        let d = Array(delimiter)
        var k = from
        while k + d.count <= end {
            if chars[k] == "\\" { k += 2; continue }
            if Array(chars[k..<k + d.count]) == d { return k }
            k += 1
        }
        return nil
    }

    func isWordChar(_ k: Int) -> Bool { k >= 0 && k < chars.count && (chars[k].isLetter || chars[k].isNumber) }

    func parse(_ start: Int, _ end: Int, _ style: InlineStyle) -> [Span] {
        var out: [Span] = []
        var plain = ""
        func flush() { if !plain.isEmpty { out.append(Span(text: plain, style: style)); plain = "" } }
        var i = start
        while i < end {
            let c = chars[i]
            if c == "\\", i + 1 < end, chars[i + 1].isPunctuation || chars[i + 1].isSymbol {
                plain.append(chars[i + 1]); i += 2; continue
            }
            if c == "`" {
                var n = 0
                while i + n < end, chars[i + n] == "`" { n += 1 }
                let fence = String(repeating: "`", count: n)
                if let close = find(fence, from: i + n, end: end) {
                    flush()
                    var body = String(chars[i + n..<close])
                    if body.hasPrefix(" ") && body.hasSuffix(" ") && body.count > 2 { body = String(body.dropFirst().dropLast()) }
                    out.append(Span(text: colour ? body : "`" + body + "`", style: style.union(.code)))
                    i = close + n
                    continue
                }
                plain += fence; i += n; continue
            }
            if c == "$" {
                let display = i + 1 < end && chars[i + 1] == "$"
                let open = display ? 2 : 1
                // Pandoc's rule (no space inside the dollars, no digit after the closing one), relaxed
                // for a snippet that is clearly TeX (it holds a backslash command).
                if i + open < end, !chars[i + open].isWhitespace,
                   let close = find(display ? "$$" : "$", from: i + open, end: end), close > i + open,
                   !chars[close - 1].isWhitespace || chars[i + open..<close].contains("\\"),
                   display || !(close + 1 < end && chars[close + 1].isNumber) {
                    flush()
                    out.append(Span(text: Math.unicode(String(chars[i + open..<close])), style: style.union(.math)))
                    i = close + open
                    continue
                }
            }
            if c == "*" || c == "_" {
                let strong = i + 1 < end && chars[i + 1] == c
                let n = strong ? 2 : 1
                let delimiter = String(repeating: String(c), count: n)
                let leftOK = c == "*" || !isWordChar(i - 1)
                if leftOK, i + n < end, !chars[i + n].isWhitespace,
                   let close = closing(delimiter, from: i + n, end: end) {
                    flush()
                    out += parse(i + n, close, style.union(strong ? .bold : .italic))
                    i = close + n
                    continue
                }
            }
            if c == "!" || c == "[", let link = self.link(at: c == "!" ? i + 1 : i, end: end) {
                flush()
                let textSpans = parse(link.textStart, link.textEnd, style.union(.link))
                let shown = textSpans.map(\.text).joined()
                out += textSpans
                if shown != link.url && !link.url.isEmpty {
                    out.append(Span(text: " (" + link.url + ")", style: style.union(.dim)))
                }
                i = link.next
                continue
            }
            if c == "<", let close = find(">", from: i + 1, end: end) {
                let inner = String(chars[i + 1..<close])
                if inner.hasPrefix("http://") || inner.hasPrefix("https://") || inner.hasPrefix("mailto:") {
                    flush()
                    out.append(Span(text: inner, style: style.union(.link)))
                    i = close + 1
                    continue
                }
            }
            plain.append(c)
            i += 1
        }
        flush()
        return out
    }

    /// The closing emphasis delimiter: preceded by a non-space, and for `_` not followed by a word character.
    func closing(_ delimiter: String, from: Int, end: Int) -> Int? {
        var k = from
        while let found = find(delimiter, from: k, end: end) {
            let n = delimiter.count
            let after = found + n
            let sameRunContinues = after < end && chars[after] == chars[found] && n == 1
            if found > from, !chars[found - 1].isWhitespace, !sameRunContinues,
               delimiter.first != "_" || !isWordChar(after) {
                return found
            }
            k = found + (sameRunContinues ? 2 : 1)
        }
        return nil
    }

    /// `[text](url)` starting at `i` (the `[`).
    func link(at i: Int, end: Int) -> (textStart: Int, textEnd: Int, url: String, next: Int)? {
        guard i < end, chars[i] == "[" else { return nil }
        var depth = 0
        var k = i
        while k < end {
            if chars[k] == "\\" { k += 2; continue }
            if chars[k] == "[" { depth += 1 }
            if chars[k] == "]" { depth -= 1; if depth == 0 { break } }
            k += 1
        }
        guard k < end, k + 1 < end, chars[k + 1] == "(", let close = find(")", from: k + 2, end: end) else { return nil }
        var url = String(chars[k + 2..<close]).trimmingCharacters(in: .whitespaces)
        if let space = url.firstIndex(of: " ") { url = String(url[..<space]) }   // drop a "title"
        return (i + 1, k, url, close + 1)
    }
}

/// Greedy word wrapping of styled spans.
enum Wrapper {
    /// A word: pieces of text with their styles, no spaces inside.
    typealias Word = [Span]

    static func words(_ spans: [Span]) -> [Word] {
        var words: [Word] = []
        var current: Word = []
        for span in spans {
            var piece = ""
            for ch in span.text {
                if ch == " " || ch == "\n" || ch == "\t" {
                    if !piece.isEmpty { current.append(Span(text: piece, style: span.style)); piece = "" }
                    if !current.isEmpty { words.append(current); current = [] }
                } else {
                    piece.append(ch)
                }
            }
            if !piece.isEmpty { current.append(Span(text: piece, style: span.style)) }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    static func render(_ word: Word, colour: Bool) -> String {
        word.map { colour ? ANSI.styled($0.text, $0.style.sgr, colour: true) : $0.text }.joined()
    }

    static func width(_ word: Word) -> Int { word.reduce(0) { $0 + ANSI.visibleWidth($1.text) } }

    /// Lines of at most `width` columns: the first starts with `firstPrefix`, the others with `prefix`.
    /// A space between two words of the same style takes that style (so underlines run on).
    static func wrap(_ spans: [Span], width: Int, firstPrefix: String = "", prefix: String = "", colour: Bool) -> [String] {
        var lines: [[Span]] = []
        var line: [Span] = []
        var used = ANSI.visibleWidth(firstPrefix)
        let indent = ANSI.visibleWidth(prefix)
        for word in words(spans) {
            let w = Wrapper.width(word)
            if !line.isEmpty && used + 1 + w > width {
                lines.append(line)
                line = []
                used = indent
            }
            if let last = line.last {
                let style = word.first?.style == last.style ? last.style : []
                line.append(Span(text: " ", style: style))
                used += 1
            }
            line += word
            used += w
        }
        lines.append(line)
        return lines.enumerated().map { i, spans in
            (i == 0 ? firstPrefix : prefix) + render(InlineParser.merge(spans), colour: colour)
        }
    }
}
