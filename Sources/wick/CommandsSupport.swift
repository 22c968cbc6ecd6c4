import Bindings
import Foundation
import Notebook
import Script

/// Messages for the user on stderr.
enum Console {
    /// Writes `text` and a newline to stderr.
    static func error(_ text: String) {
        FileHandle.standardError.write((text.hasSuffix("\n") ? text : text + "\n").data(using: .utf8) ?? Data())
    }

    /// `wick: error: …` and exit status 2 (a usage error).
    static func usageError(_ message: String) -> ExitCodeError {
        error("wick: error: " + message)
        return ExitCodeError(status: 2)
    }
}

/// Ends a command with an exit status (after its message was printed).
struct ExitCodeError: Error {
    let status: Int32
}

/// Buffered stdout (flushed before anything goes to stderr, so the two interleave correctly;
/// flushed at each newline when stdout is a terminal, so output appears as it is printed).
final class StandardStreams {
    private var buffer: [UInt8] = []
    private let lineBuffered = isatty(STDOUT_FILENO) != 0

    func writeOut(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        if buffer.count > 1 << 16 || (lineBuffered && s.utf8.contains(10)) { flush() }
    }

    func writeErr(_ s: String) {
        flush()
        FileHandle.standardError.write(s.data(using: .utf8) ?? Data())
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBufferPointer { p in _ = fwrite(p.baseAddress, 1, p.count, stdout) }
        fflush(stdout)
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Notebook's progress line draws tqdm bars for scripts.
extension ProgressBar: TqdmDisplay {}

/// The `_wick_cells` module that `wick run` and `wick check` put on cell marker lines: it
/// records which cell is running and renders prose cells when asked to.
final class CellHooks {
    /// The module name used in the injected statements.
    static let moduleName = "_wick_cells"

    /// The hook currently installed (one run at a time).
    nonisolated(unsafe) static var active: CellHooks?

    let lesson: Lesson
    /// Whether prose cells are rendered (a terminal, not `--quiet`).
    let renderProse: Bool
    let colour: Bool
    let width: Int
    /// The index of the last cell entered (1-based; 0 before any).
    var current = 0
    /// Whether anything was shown yet (a blank line separates prose from earlier output).
    var shownAny = false
    /// Called with each cell's index as it starts (`wick check` updates its progress line).
    var onEnter: ((Int) -> Void)?

    init(lesson: Lesson, renderProse: Bool, colour: Bool = Terminal.colour, width: Int = min(Terminal.width, 100)) {
        self.lesson = lesson
        self.renderProse = renderProse
        self.colour = colour
        self.width = width
    }

    /// Registers the module (once per process); calls go to `CellHooks.active`.
    static func register() {
        NativeModules.register(moduleName) {
            let m = PyModule(name: moduleName)
            m.define("enter", "index") { a in
                if let i = a[0] as? PyInt { active?.enter(Int(i.value)) }
                return PyNone.shared
            }
            return m
        }
    }

    /// The statement that replaces cell `cell`'s marker line.
    func statement(for cell: Cell) -> String? {
        "import \(CellHooks.moduleName); \(CellHooks.moduleName).enter(\(cell.index))"
    }

    /// Cell `index` starts: remember it, and render it when it is prose.
    func enter(_ index: Int) {
        current = index
        onEnter?(index)
        guard renderProse, index >= 1, index <= lesson.cells.count else { return }
        let cell = lesson.cells[index - 1]
        guard cell.kind == .markdown, !cell.isEmpty else { return }
        let text = MarkdownRenderer(colour: colour, width: width).render(cell.source)
        ScriptRunner.writeOutput((shownAny ? "\n" : "") + text + "\n\n")
        shownAny = true
    }
}

/// Names like `query` from `candidates`, for "did you mean" lists (edit distance ≤ 2, or containing it).
enum CloseNames {
    static func matches(_ query: String, in candidates: [String], limit: Int = 8) -> [String] {
        let q = query.lowercased()
        let scored = candidates.compactMap { name -> (Int, String)? in
            let n = name.lowercased()
            let family = n.split(separator: "/").first.map(String.init) ?? n
            let d = min(distance(q, n), distance(q, family))
            if d <= 2 { return (d, name) }
            if n.contains(q) || (q.count >= 3 && q.contains(family)) { return (3, name) }
            return nil
        }
        return scored.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }.prefix(limit).map(\.1)
    }

    /// Levenshtein distance.
    static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        for i in 1...x.count {
            var row = [i] + [Int](repeating: 0, count: y.count)
            for j in 1...y.count {
                row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            previous = row
        }
        return previous[y.count]
    }
}

