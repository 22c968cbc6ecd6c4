import Foundation

/// The lessons of a `Lessons/` directory (`NN-topic.py` files), in file-name order.
public struct LessonCatalogue: Sendable {
    /// One lesson of the catalogue.
    public struct Entry: Equatable, Sendable {
        /// From the file name (`03-…` → 3); nil for a file without a number.
        public let number: Int?
        /// The lesson's title (first heading), or its file name when it has none.
        public let title: String
        /// The file's path (directory + file name).
        public let path: String
        /// The file name without `.py`, such as `03-activations`.
        public let name: String
        /// The number of cells (prose and code).
        public let cellCount: Int
    }

    /// The directory listed.
    public let directory: String
    /// The lessons found, sorted by file name.
    public let entries: [Entry]

    /// Lists `directory`; throws when it does not exist.
    public init(directory: String = "Lessons") throws {
        self.directory = directory
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw NotebookError("no lessons directory '\(directory)' (run wick from the project folder)")
        }
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".py") && !$0.hasPrefix(".") && !$0.hasPrefix("_") }
            .sorted()
        entries = files.compactMap { file in
            let path = (directory as NSString).appendingPathComponent(file)
            guard let lesson = try? Lesson.load(path) else { return nil }
            return Entry(number: lesson.number, title: lesson.title ?? lesson.name, path: path,
                         name: lesson.name, cellCount: lesson.cells.count)
        }
    }

    /// The file a `%open` argument names: a number (`3`, `03`), a name (`activations`,
    /// `03-activations`, a unique prefix of either, or words of the title), or a path.
    public func resolve(_ query: String) throws -> String {
        let q = query.trimmingCharacters(in: .whitespaces)
        if q.isEmpty { throw NotebookError("which lesson? give a number, a name or a path") }
        if let n = Int(q) {
            if let e = entries.first(where: { $0.number == n }) { return e.path }
            throw NotebookError("no lesson \(n) in \(directory)/" + available)
        }
        if q.hasSuffix(".py") || q.contains("/"), FileManager.default.fileExists(atPath: q) { return q }
        let key = q.lowercased().replacingOccurrences(of: " ", with: "-")
        func topic(_ e: Entry) -> String {
            let n = e.name.lowercased()
            guard let dash = n.firstIndex(of: "-"), e.number != nil else { return n }
            return String(n[n.index(after: dash)...])
        }
        let tiers: [(Entry) -> Bool] = [
            { $0.name.lowercased() == key || topic($0) == key },
            { $0.title.lowercased().replacingOccurrences(of: " ", with: "-") == key },
            { $0.name.lowercased().hasPrefix(key) || topic($0).hasPrefix(key) },
            { $0.title.lowercased().contains(q.lowercased()) || topic($0).contains(key) },
        ]
        for matches in tiers {
            let found = entries.filter(matches)
            if found.count == 1 { return found[0].path }
            if found.count > 1 {
                throw NotebookError("'\(q)' matches several lessons: " + found.map(\.name).joined(separator: ", "))
            }
        }
        if FileManager.default.fileExists(atPath: q) { return q }
        throw NotebookError("no lesson '\(q)' in \(directory)/" + available)
    }

    /// Resolves `query` against `directory` when it exists; a path to a file works without one.
    public static func resolve(_ query: String, directory: String = "Lessons") throws -> String {
        if FileManager.default.fileExists(atPath: query), Int(query) == nil { return query }
        return try LessonCatalogue(directory: directory).resolve(query)
    }

    private var available: String {
        let numbers = entries.compactMap(\.number)
        guard let lo = numbers.min(), let hi = numbers.max() else { return " (it has no lessons)" }
        return " (lessons \(lo)–\(hi); see %lessons)"
    }

    /// The table `wick lessons` prints: number, title, cells (box-drawn columns).
    public func table(colour: Bool) -> String {
        let rows = entries.map { [$0.number.map { String(format: "%02d", $0) } ?? "–", $0.title, String($0.cellCount)] }
        return TextTable(header: ["#", "lesson", "cells"], rows: rows, alignments: [.right, .left, .right])
            .render(colour: colour)
    }
}
