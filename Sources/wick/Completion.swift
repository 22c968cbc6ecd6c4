import Foundation
import Script

/// What Tab offers in the REPL: Python names and attributes (from the session), magics, lesson
/// names after `%open`, and file paths after `%open`/`%run`/`%save` and inside string literals.
struct Completer {
    let session: ScriptSession
    let magics: Magics

    /// Magics whose argument is a file path.
    static let pathMagics: Set<String> = ["%open", "%run", "%save"]

    /// Completes `before` (the line up to the cursor): the byte offset where the replaced token starts, and the matches.
    func complete(_ before: String) -> (start: Int, matches: [String], paths: Bool) {
        let leading = before.prefix { $0 == " " || $0 == "\t" }.utf8.count
        let body = String(before.dropFirst(before.prefix { $0 == " " || $0 == "\t" }.count))
        if body.hasPrefix("%") {
            guard let space = body.firstIndex(of: " ") else {
                return (leading, Magics.names.filter { $0.hasPrefix(body) }, false)
            }
            let magic = Magics.canonical(String(body[..<space]))
            let argument = String(body[space...]).drop { $0 == " " }
            let argumentStart = before.utf8.count - argument.utf8.count
            if Completer.pathMagics.contains(magic) {
                let lessons = magic == "%open" ? magics.lessonNames().filter { $0.hasPrefix(argument) } : []
                if lessons.isEmpty { return (argumentStart, Completer.readlinePaths(String(argument)), true) }
                return (argumentStart, lessons + Completer.paths(String(argument)), false)
            }
            return python(before)
        }
        if ScriptSession.insideString(before), let quote = Completer.openQuote(before) {
            let partial = String(before[before.index(after: quote)...])
            return (before.utf8.count - partial.utf8.count, Completer.readlinePaths(partial), true)
        }
        return python(before)
    }

    private func python(_ before: String) -> (start: Int, matches: [String], paths: Bool) {
        let c = session.completions(before: before)
        return (before.utf8.count - c.token.utf8.count, c.matches, false)
    }

    /// The index of the quote that opens the unclosed string literal at the end of `text`.
    static func openQuote(_ text: String) -> String.Index? {
        var i = text.startIndex
        var open: String.Index?
        var quote: Character = "'"
        while i < text.endIndex {
            let c = text[i]
            if open != nil {
                if c == "\\" { i = text.index(after: i); if i < text.endIndex { i = text.index(after: i) }; continue }
                if c == quote { open = nil }
            } else if c == "'" || c == "\"" {
                open = i
                quote = c
            } else if c == "#" {
                return nil
            }
            i = text.index(after: i)
        }
        return open
    }

    /// `paths` without the `/` after directories: readline marks them itself when it completes file names.
    static func readlinePaths(_ partial: String) -> [String] {
        paths(partial).map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
    }

    /// File paths that extend `partial` (`~` understood); directories end with `/`; dot files
    /// only when the typed name starts with a dot.
    static func paths(_ partial: String) -> [String] {
        let slash = partial.lastIndex(of: "/")
        let directory = slash.map { String(partial[...$0]) } ?? ""
        let prefix = slash.map { String(partial[partial.index(after: $0)...]) } ?? partial
        let expanded = directory.isEmpty ? "." : (directory as NSString).expandingTildeInPath
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: expanded) else { return [] }
        var matches: [String] = []
        for name in names where name.hasPrefix(prefix) && (prefix.hasPrefix(".") || !name.hasPrefix(".")) {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: (expanded as NSString).appendingPathComponent(name), isDirectory: &isDirectory)
            matches.append(directory + name + (isDirectory.boolValue ? "/" : ""))
        }
        return matches.sorted()
    }
}
