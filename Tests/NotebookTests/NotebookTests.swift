import XCTest
@testable import Notebook

/// Splitting percent-format files into cells.
final class CellSplitterTests: XCTestCase {
    let lesson = """
    import torch
    # %% [markdown]
    # # 03 · Activations
    #
    # ReLU is **max(0, x)**.

    # %% Leaky ReLU
    x = torch.tensor([-1.0, 2.0])

    print(x)

    # %%
    # %% [markdown] key="value"
    # ## Summary
    """

    func testCellsKindsLinesTitles() {
        let cells = CellSplitter.split(lesson)
        XCTAssertEqual(cells.count, 5)
        XCTAssertEqual(cells.map(\.kind), [.code, .markdown, .code, .code, .markdown])
        XCTAssertEqual(cells.map(\.line), [1, 3, 8, 13, 14])
        XCTAssertEqual(cells.map(\.markerLine), [nil, 2, 7, 12, 13])
        XCTAssertEqual(cells.map(\.index), [1, 2, 3, 4, 5])
        XCTAssertEqual(cells[0].source, "import torch")
        XCTAssertEqual(cells[1].source, "# 03 · Activations\n\nReLU is **max(0, x)**.")
        XCTAssertEqual(cells[1].title, "03 · Activations")
        XCTAssertEqual(cells[2].title, "Leaky ReLU")
        XCTAssertEqual(cells[2].source, "x = torch.tensor([-1.0, 2.0])\n\nprint(x)")
        XCTAssertTrue(cells[3].isEmpty)
        XCTAssertNil(cells[3].title)
        XCTAssertEqual(cells[4].title, "Summary")
        XCTAssertEqual(cells[4].source, "## Summary")
    }

    func testPaddedSourceKeepsFileLines() {
        let cells = CellSplitter.split(lesson)
        let padded = cells[2].paddedSource.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(padded.count, 10)
        XCTAssertEqual(padded[7], "x = torch.tensor([-1.0, 2.0])")
        XCTAssertEqual(padded[9], "print(x)")
    }

    func testNoMarkersIsOneCodeCell() {
        let cells = CellSplitter.split("print('hi')\nprint(2)\n")
        XCTAssertEqual(cells.count, 1)
        XCTAssertEqual(cells[0].kind, .code)
        XCTAssertEqual(cells[0].source, "print('hi')\nprint(2)")
        XCTAssertEqual(cells[0].line, 1)
        XCTAssertNil(cells[0].markerLine)
    }

    func testBlankPreambleIsNotACell() {
        let cells = CellSplitter.split("\n\n# %%\na = 1\n# %%% not a marker\n")
        XCTAssertEqual(cells.count, 1)
        XCTAssertEqual(cells[0].line, 4)
        XCTAssertEqual(cells[0].source, "a = 1\n# %%% not a marker")
    }

    func testLessonNumberAndTitle() {
        let l = Lesson(source: lesson, path: "Lessons/03-activations.py")
        XCTAssertEqual(l.number, 3)
        XCTAssertEqual(l.name, "03-activations")
        XCTAssertEqual(l.title, "Activations")
        XCTAssertEqual(Lesson.stripNumberPrefix("Lesson 4: Losses"), "Losses")
        XCTAssertEqual(Lesson.stripNumberPrefix("10 - Training loops"), "Training loops")
        XCTAssertEqual(Lesson.stripNumberPrefix("3D plots"), "3D plots")
    }
}

/// The lesson catalogue of a directory.
final class CatalogueTests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "wick-catalogue-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "# %% [markdown]\n# # 01 · Tensors\n# %%\nx = 1\n".write(toFile: dir + "/01-tensors.py", atomically: true, encoding: .utf8)
        try "# %% [markdown]\n# # 03 · Activations\n# %%\n# %%\n# %%\n".write(toFile: dir + "/03-activations.py", atomically: true, encoding: .utf8)
        try "print(1)\n".write(toFile: dir + "/04-activation-tricks.py", atomically: true, encoding: .utf8)
        try "ignored".write(toFile: dir + "/notes.txt", atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    func testEntries() throws {
        let c = try LessonCatalogue(directory: dir)
        XCTAssertEqual(c.entries.map(\.number), [1, 3, 4])
        XCTAssertEqual(c.entries.map(\.title), ["Tensors", "Activations", "04-activation-tricks"])
        XCTAssertEqual(c.entries.map(\.cellCount), [2, 4, 1])
    }

    func testResolve() throws {
        let c = try LessonCatalogue(directory: dir)
        XCTAssertEqual(try c.resolve("3"), dir + "/03-activations.py")
        XCTAssertEqual(try c.resolve("03"), dir + "/03-activations.py")
        XCTAssertEqual(try c.resolve("activations"), dir + "/03-activations.py")
        XCTAssertEqual(try c.resolve("Tensors"), dir + "/01-tensors.py")
        XCTAssertEqual(try c.resolve("activation-tr"), dir + "/04-activation-tricks.py")
        XCTAssertEqual(try c.resolve(dir + "/01-tensors.py"), dir + "/01-tensors.py")
        XCTAssertThrowsError(try c.resolve("7")) { XCTAssertEqual(($0 as? NotebookError)?.message, "no lesson 7 in \(self.dir)/ (lessons 1–4; see %lessons)") }
        XCTAssertThrowsError(try c.resolve("activ")) {
            XCTAssertEqual(($0 as? NotebookError)?.message, "'activ' matches several lessons: 03-activations, 04-activation-tricks")
        }
        XCTAssertThrowsError(try LessonCatalogue(directory: dir + "/missing"))
    }

    func testTable() throws {
        let c = try LessonCatalogue(directory: dir)
        XCTAssertEqual(c.table(colour: false), """
        ┌────┬──────────────────────┬───────┐
        │  # │ lesson               │ cells │
        ├────┼──────────────────────┼───────┤
        │ 01 │ Tensors              │     2 │
        │ 03 │ Activations          │     4 │
        │ 04 │ 04-activation-tricks │     1 │
        └────┴──────────────────────┴───────┘
        """)
    }
}

/// Programs made from cell ranges keep the file's line numbers.
final class LessonProgramTests: XCTestCase {
    let text = "a = 1\n# %% [markdown]\n# # T\n# %% two\nb = 2\n\n# %%\nc = 3\n"

    func testLineRanges() {
        let l = Lesson(source: text, path: "x.py")
        XCTAssertEqual(l.cells.count, 4)
        XCTAssertEqual(l.lineRange(ofCell: 1), 1...1)
        XCTAssertEqual(l.lineRange(ofCell: 2), 2...3)
        XCTAssertEqual(l.lineRange(ofCell: 3), 4...6)
        XCTAssertEqual(l.lineRange(ofCell: 4), 7...9)
        XCTAssertNil(l.lineRange(ofCell: 5))
    }

    func testProgramKeepsRangeAndReplacesMarkers() {
        let l = Lesson(source: text, path: "x.py")
        XCTAssertEqual(l.program(), text)
        XCTAssertEqual(l.program(cells: 3...3), "\n\n\n# %% two\nb = 2\n\n\n\n")
        XCTAssertEqual(l.program(cells: 2...4, markerStatement: { "hook(\($0.index))" }),
                       "\nhook(2)\n# # T\nhook(3)\nb = 2\n\nhook(4)\nc = 3\n")
    }
}
