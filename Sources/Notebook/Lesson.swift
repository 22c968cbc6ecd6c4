import Foundation

/// An error of the notebook layer (missing lesson, cell out of range), with a readable message.
public struct NotebookError: Error, CustomStringConvertible, Equatable {
    /// What went wrong, in words for the learner.
    public let message: String
    /// Makes an error with `message`.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}

/// A lesson (or any script) split into cells.
public struct Lesson: Sendable {
    /// The file it came from, as given.
    public let path: String
    /// The whole text of the file.
    public let source: String
    /// Its cells in file order.
    public let cells: [Cell]

    /// Splits `source` (the text of `path`) into cells.
    public init(source: String, path: String) {
        self.path = path
        self.source = source
        self.cells = CellSplitter.split(source)
    }

    /// Reads and splits the file at `path`.
    public static func load(_ path: String) throws -> Lesson {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw NotebookError("can't open file '\(path)': No such file or directory")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw NotebookError("can't read '\(path)': not UTF-8 text")
        }
        return Lesson(source: text, path: path)
    }

    /// The file name without directory and `.py`, such as `03-activations`.
    public var name: String {
        let file = (path as NSString).lastPathComponent
        return file.hasSuffix(".py") ? String(file.dropLast(3)) : file
    }

    /// The lesson number from a file name `NN-topic.py`, nil when it has none.
    public var number: Int? { Lesson.number(fromName: name) }

    /// The first heading of the first prose cell without its `NN ·` prefix
    /// (`# 03 · Activations` → `Activations`), nil when there is none.
    public var title: String? {
        guard let prose = cells.first(where: { $0.kind == .markdown }),
              let heading = MarkdownText.firstHeading(prose.source) else { return nil }
        return Lesson.stripNumberPrefix(heading)
    }

    /// Indices (0-based) of the code cells.
    public var codeCellCount: Int { cells.filter(\.isCode).count }

    /// `03-activations` → 3.
    static func number(fromName name: String) -> Int? {
        let digits = name.prefix(while: { $0.isASCII && $0.isNumber })
        guard !digits.isEmpty, digits.count <= 6 else { return nil }
        return Int(digits)
    }

    /// `03 · Activations` / `Lesson 3: Activations` / `3. Activations` → `Activations`.
    static func stripNumberPrefix(_ heading: String) -> String {
        var s = Substring(heading)
        if s.lowercased().hasPrefix("lesson ") { s = s.dropFirst(7) }
        let digits = s.prefix(while: { $0.isASCII && $0.isNumber })
        guard !digits.isEmpty else { return heading }
        var rest = s.dropFirst(digits.count).drop(while: { $0 == " " })
        guard let sep = rest.first, "·:.-–—|".contains(sep) else { return heading }
        rest = rest.dropFirst().drop(while: { $0 == " " })
        return rest.isEmpty ? heading : String(rest)
    }
}

extension Lesson {
    /// The file's lines (1-based line `k` is element `k - 1`) that belong to cell `index`:
    /// from its marker (or line 1 for text before the first marker) to the line before the next marker.
    public func lineRange(ofCell index: Int) -> ClosedRange<Int>? {
        guard index >= 1, index <= cells.count else { return nil }
        let lineCount = source.split(separator: "\n", omittingEmptySubsequences: false).count
        let cell = cells[index - 1]
        let start = cell.markerLine ?? 1
        let end = index < cells.count ? (cells[index].markerLine ?? lineCount + 1) - 1 : lineCount
        return start...max(start, end)
    }

    /// The file's text keeping only the cells in `range` (other lines blanked, so every kept
    /// line keeps its line number); `markerStatement` may replace a kept cell's `# %%` marker
    /// line with a one-line statement (`wick run` uses it to render prose between code cells).
    public func program(cells range: ClosedRange<Int>? = nil, markerStatement: ((Cell) -> String?)? = nil) -> String {
        var lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let all = 1...max(1, cells.count)
        let kept = range.map { $0.clamped(to: all) } ?? all
        var keep = [Bool](repeating: false, count: lines.count)
        for index in kept {
            guard let r = lineRange(ofCell: index) else { continue }
            for line in r where line - 1 < keep.count { keep[line - 1] = true }
        }
        for i in lines.indices where !keep[i] { lines[i] = "" }
        if let markerStatement {
            for cell in cells where kept.contains(cell.index) {
                if let m = cell.markerLine, m - 1 < lines.count, let statement = markerStatement(cell) {
                    lines[m - 1] = statement
                }
            }
        }
        return lines.joined(separator: "\n")
    }
}
