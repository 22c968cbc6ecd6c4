import CReadline
import Foundation

/// Reads the REPL's input lines: GNU readline on a terminal (editing, `~/.wick_history`, reverse
/// search, tab completion), plain lines from a pipe (so `echo 'print(1)' | wick` works).
///
/// Readline runs through its callback interface, as CPython's `readline` module does: the
/// loop waits for input with `select` and a short timeout, so a Ctrl-C (whichever thread the
/// signal lands on) cancels the line being typed and a fresh prompt appears.
final class LineEditor {
    /// What one read produced.
    enum Input: Equatable {
        case line(String)
        /// Ctrl-C while typing: the line is discarded.
        case interrupted
        /// Ctrl-D on an empty line, or the end of piped input.
        case endOfFile
    }

    /// Completes the text before the cursor: the byte offset (in that text) where the replaced
    /// token starts, and full replacements for the token.
    typealias Completer = (_ before: String) -> (start: Int, matches: [String], paths: Bool)

    /// Whether standard input is a terminal (readline is used only then).
    let interactive: Bool
    private let historyPath: String?

    /// `historyPath`: where history is kept (nil: none); `completer`: what Tab offers.
    init(historyPath: String?, completer: Completer?) {
        interactive = isatty(0) != 0
        self.historyPath = historyPath
        guard interactive else { return }
        LineEditorState.completer = completer
        rl_readline_name = UnsafePointer(LineEditorState.name)
        rl_catch_signals = 0
        rl_catch_sigwinch = 1
        rl_completer_word_break_characters = UnsafePointer(LineEditorState.wordBreaks)
        rl_attempted_completion_function = completer == nil ? nil : lineEditorComplete
        using_history()
        if let path = historyPath {
            if !FileManager.default.fileExists(atPath: path) {
                FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
            }
            _ = read_history(path)
            _ = history_truncate_file(path, 10_000)
        }
    }

    /// Reads one line after showing `prompt`.
    func read(prompt: String) -> Input {
        guard interactive else {
            if !prompt.isEmpty { fputs(prompt, stdout); fflush(stdout) }
            guard let line = Swift.readLine(strippingNewline: true) else { return .endOfFile }
            return .line(line)
        }
        let input = readWithReadline(prompt: prompt)
        if case .line(let line) = input, !line.trimmingCharacters(in: .whitespaces).isEmpty { remember(line) }
        return input
    }

    /// Adds a line to the history and appends it to the history file at once (nothing is lost on a kill).
    private func remember(_ line: String) {
        add_history(line)
        if let path = historyPath { _ = append_history(1, path) }
    }

    private func readWithReadline(prompt: String) -> Input {
        fflush(stdout)
        LineEditorState.result = nil
        LineEditorState.done = false
        SignalFlag.clear()
        rl_callback_handler_install(prompt, lineEditorLineHandler)
        let fd = fileno(rl_instream ?? stdin)
        while !LineEditorState.done {
            var readable = fd_set()
            fdZero(&readable)
            fdSet(fd, &readable)
            var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
            let ready = select(fd + 1, &readable, nil, nil, &timeout)
            if SignalFlag.isSet {
                SignalFlag.clear()
                rl_free_line_state()
                rl_callback_sigcleanup()
                rl_cleanup_after_signal()
                rl_callback_handler_remove()
                return .interrupted
            }
            if ready > 0 { rl_callback_read_char() }
        }
        guard let result = LineEditorState.result else { return .endOfFile }
        return .line(result)
    }
}

/// Readline's callbacks are C functions: what they share lives here.
enum LineEditorState {
    nonisolated(unsafe) static var result: String?
    nonisolated(unsafe) static var done = false
    nonisolated(unsafe) static var completer: LineEditor.Completer?
    nonisolated(unsafe) static var matches: [String] = []
    nonisolated(unsafe) static var matchIndex = 0
    /// Kept alive for readline, which holds the pointers.
    static let name: UnsafeMutablePointer<CChar> = strdup("wick")
    /// Every separator but `.` (dotted names complete whole), `%` (magics) and `/` `~` `-` (paths).
    static let wordBreaks: UnsafeMutablePointer<CChar> = strdup(" \t\n\"\\'`@$><=;|&{(,)}[]+*^!:")
}

/// Called by readline with the finished line (nil on Ctrl-D at an empty line).
private func lineEditorLineHandler(_ line: UnsafeMutablePointer<CChar>?) {
    if let line {
        LineEditorState.result = String(cString: line)
        free(line)
    } else {
        LineEditorState.result = nil
    }
    LineEditorState.done = true
    rl_callback_handler_remove()
}

/// `rl_attempted_completion_function`: our matches only (never readline's file names).
private func lineEditorComplete(_ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    rl_attempted_completion_over = 1
    rl_completion_append_character = 0
    guard let completer = LineEditorState.completer, let buffer = rl_line_buffer, let text else { return nil }
    let point = Int(max(0, rl_point))
    let lineBytes = Array(UnsafeBufferPointer(start: UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self), count: strlen(buffer)))
    let before = String(decoding: lineBytes.prefix(point), as: UTF8.self)
    let (myStart, matches, paths) = completer(before)
    // File names: readline lists only their last component and marks directories itself.
    rl_filename_completion_desired = paths ? 1 : 0
    rl_completion_display_matches_hook = paths ? nil : lineEditorDisplayMatches
    rl_filename_quoting_desired = 0
    rl_completion_suppress_quote = matches.count == 1 && matches[0].hasSuffix("/") ? 1 : 0
    let rlStart = Int(start)
    let beforeBytes = Array(before.utf8)
    // Re-express each match as a replacement of readline's word (which may start elsewhere).
    var adjusted: [String] = []
    for m in matches {
        var bytes = Array(m.utf8)
        if myStart < rlStart {
            let skip = rlStart - myStart
            guard bytes.count >= skip else { continue }
            bytes.removeFirst(skip)
        } else if myStart > rlStart, myStart <= beforeBytes.count {
            bytes = Array(beforeBytes[rlStart..<myStart]) + bytes
        }
        adjusted.append(String(decoding: bytes, as: UTF8.self))
    }
    guard !adjusted.isEmpty else { return nil }
    LineEditorState.matches = adjusted
    LineEditorState.matchIndex = 0
    return rl_completion_matches(text, lineEditorNextMatch)
}

/// Lists the matches of a dotted name by their last part only (`weight`, not `model.fc1.weight`), as IPython does.
private func lineEditorDisplayMatches(_ matches: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ count: Int32, _ longest: Int32) {
    guard let matches, count > 0 else { return }
    var shown: [UnsafeMutablePointer<CChar>?] = [matches[0].flatMap { strdup($0) }]
    var width = 0
    for i in 1...Int(count) {
        guard let m = matches[i] else { continue }
        let text = String(cString: m)
        let last = text.split(separator: ".", omittingEmptySubsequences: false).last.map(String.init) ?? text
        let part = text.hasSuffix(".") || last.isEmpty ? text : last
        width = max(width, part.utf8.count)
        shown.append(strdup(part))
    }
    shown.append(nil)
    let listed = Int32(shown.count - 2)
    shown.withUnsafeMutableBufferPointer { p in rl_display_match_list(p.baseAddress, listed, Int32(width)) }
    for p in shown { free(p) }
    rl_forced_update_display()
}

/// The generator readline calls for each match (state 0 first); returns malloc'ed strings.
private func lineEditorNextMatch(_ text: UnsafePointer<CChar>?, _ state: Int32) -> UnsafeMutablePointer<CChar>? {
    if state == 0 { LineEditorState.matchIndex = 0 }
    guard LineEditorState.matchIndex < LineEditorState.matches.count else { return nil }
    defer { LineEditorState.matchIndex += 1 }
    return strdup(LineEditorState.matches[LineEditorState.matchIndex])
}

/// `FD_ZERO` / `FD_SET`, which Swift cannot import (they are macros).
private func fdZero(_ set: inout fd_set) {
    withUnsafeMutableBytes(of: &set) { p in for i in p.indices { p[i] = 0 } }
}

private func fdSet(_ fd: Int32, _ set: inout fd_set) {
    guard fd >= 0 && fd < Int32(FD_SETSIZE) else { return }
    withUnsafeMutableBytes(of: &set) { p in
        let word = MemoryLayout<Int>.size
        let index = Int(fd) / (word * 8), bit = Int(fd) % (word * 8)
        p.withMemoryRebound(to: Int.self) { words in words[index] |= 1 << bit }
    }
}
