import ArgumentParser
import Bindings
import Foundation
import Notebook
import Script

/// `wick run FILE [--cell N] [--until N] [--quiet]`: parse the whole file, then run its cells
/// top to bottom in one namespace; prose cells are rendered on a terminal. Exit 0, or 1 after
/// a traceback (130 after Ctrl-C), 2 for a usage error.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a lesson or script top to bottom.",
        discussion: """
        Cells are numbered from 1, prose and code alike (as `%cells` lists them). `--cell N` runs \
        cell N alone, `--until N` runs cells 1 to N, both together run cells N to M. Prose cells \
        are rendered as Markdown when stdout is a terminal, and skipped with --quiet or in a pipe.
        """)

    @Argument(help: "The lesson or script to run.") var file: String
    @Option(name: .long, help: ArgumentHelp("Run only this cell (or start here with --until).", valueName: "N"))
    var cell: Int?
    @Option(name: .long, help: ArgumentHelp("Stop after this cell.", valueName: "N"))
    var until: Int?
    @Flag(name: .long, help: "Don't render prose cells.") var quiet = false
    @Argument(parsing: .captureForPassthrough, help: "Arguments for the script (sys.argv).") var arguments: [String] = []

    func run() throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            Console.error("wick: can't open file '\(file)': [Errno 2] No such file or directory")
            throw ExitCode(2)
        }
        guard let source = String(data: data, encoding: .utf8) else {
            let offset = firstInvalidUTF8Offset(data)
            Console.error("SyntaxError: (unicode error) 'utf-8' codec can't decode byte at position \(offset): invalid start byte (\(file))")
            throw ExitCode(1)
        }
        let renderProse = !quiet && Terminal.stdoutIsTTY && source.contains("[markdown]")
        var program = source
        if cell != nil || until != nil || renderProse {
            let lesson = Lesson(source: source, path: file)
            let range = try cellRange(lesson)
            let hooks = CellHooks(lesson: lesson, renderProse: renderProse)
            CellHooks.register()
            CellHooks.active = hooks
            program = lesson.program(cells: range, markerStatement: renderProse ? hooks.statement : nil)
            // Prose before the first code line is shown even when the file starts with it.
        }
        // Ctrl-C raises KeyboardInterrupt at the next statement; the traceback ends the run with status 130.
        signal(SIGINT) { _ in ScriptRunner.requestInterrupt() }
        Bindings.install()
        let out = StandardStreams()
        let status = ScriptRunner.run(source: program, path: file, arguments: arguments,
                                      output: .init(stdout: out.writeOut, stderr: out.writeErr))
        out.flush()
        if status != 0 { throw ExitCode(status) }
    }

    /// The cells to run from `--cell`/`--until`, checked against the lesson (usage error when out of range).
    func cellRange(_ lesson: Lesson) throws -> ClosedRange<Int>? {
        let count = lesson.cells.count
        func check(_ n: Int, _ option: String) throws {
            guard n >= 1, n <= count else {
                Console.error("wick: error: \(option) \(n) is out of range: '\(file)' has \(count) cell\(count == 1 ? "" : "s")")
                throw ExitCode(2)
            }
        }
        if let cell { try check(cell, "--cell") }
        if let until { try check(until, "--until") }
        switch (cell, until) {
        case (nil, nil): return nil
        case (let c?, nil): return c...c
        case (nil, let u?): return 1...u
        case (let c?, let u?):
            guard c <= u else {
                Console.error("wick: error: --cell \(c) comes after --until \(u)")
                throw ExitCode(2)
            }
            return c...u
        }
    }

    private func firstInvalidUTF8Offset(_ data: Data) -> Int {
        var i = 0
        let bytes = [UInt8](data)
        while i < bytes.count {
            let b = bytes[i]
            let n = b < 0x80 ? 1 : b >> 5 == 0b110 ? 2 : b >> 4 == 0b1110 ? 3 : b >> 3 == 0b11110 ? 4 : 0
            if n == 0 || i + n > bytes.count { return i }
            for k in 1..<n where bytes[i + k] >> 6 != 0b10 { return i }
            i += n
        }
        return i
    }
}

/// `wick lessons`: the lesson table.
struct Lessons: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the lessons with their number, title and cell count.")

    @Option(name: .long, help: ArgumentHelp("The lessons directory.", valueName: "DIR")) var directory = "Lessons"

    func run() throws {
        do {
            let catalogue = try LessonCatalogue(directory: directory)
            print(catalogue.table(colour: Terminal.colour))
        } catch let e as NotebookError {
            Console.error("wick: error: " + e.message)
            throw ExitCode(2)
        }
    }
}
