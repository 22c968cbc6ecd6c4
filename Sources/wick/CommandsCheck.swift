import ArgumentParser
import Bindings
import Foundation
import Notebook
import Plot
import Script

/// `wick check [FILES…]`: runs every lesson (or the ones named) without stopping and prints one
/// row per lesson; exit 1 if any cell raised or any gradient check failed.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run every lesson (or the ones named) and report cells, gradient checks and figures.",
        discussion: """
        Lessons run one after another in fresh namespaces; figures are saved to Plots/ and \
        plt.show() never blocks (WICK_PLOT=none). A lesson stops at its first error; the \
        tracebacks are printed after the table. Files may be paths, numbers or names (as %open takes).

        Gradient checks: "ok" passed; "failed" raised out of the lesson (its cell failed); \
        "shown" failed where the lesson expected it (caught with try/except, or \
        raise_exception=False with the result left to the lesson's asserts): demonstrations \
        of a wrong backward, which do not fail the check.
        """)

    @Argument(help: "Lessons to check (default: every lesson in the lessons directory).") var files: [String] = []
    @Option(name: .long, help: ArgumentHelp("The lessons directory.", valueName: "DIR")) var directory = "Lessons"
    @Flag(name: .long, help: "Show what the lessons print.") var verbose = false

    /// What one lesson did.
    struct Outcome {
        var name: String
        var codeCells = 0
        var cellsRun = 0
        var passed = 0
        /// Gradient checks whose failure ended the lesson.
        var failed = 0
        /// Gradient checks that failed where the lesson expected it (caught or asserted on).
        var shown = 0
        var figures = 0
        var seconds = 0.0
        var status: Int32 = 0
        var failedCell: Cell?
        var errorText = ""
        var ok: Bool { status == 0 }
    }

    func run() throws {
        let paths: [String]
        do {
            if files.isEmpty {
                paths = try LessonCatalogue(directory: directory).entries.map(\.path)
            } else {
                paths = try files.map { try LessonCatalogue.resolve($0, directory: directory) }
            }
        } catch let e as NotebookError {
            Console.error("wick: error: " + e.message)
            throw ExitCode(2)
        }
        guard !paths.isEmpty else {
            Console.error("wick: error: no lessons to check in '\(directory)'")
            throw ExitCode(2)
        }
        setenv("WICK_PLOT", "none", 1)
        try? FileManager.default.createDirectory(atPath: "Plots", withIntermediateDirectories: true)
        signal(SIGINT) { _ in ScriptRunner.requestInterrupt() }
        Bindings.install()
        CheckCounters.startCounting()
        CellHooks.register()
        TqdmBindings.drawBars = { false }

        let bar = ProgressBar(total: paths.count, desc: "check", leave: false)
        var outcomes: [Outcome] = []
        for path in paths {
            bar.setPostfix((path as NSString).lastPathComponent)
            let outcome = runLesson(path, progress: bar)
            outcomes.append(outcome)
            bar.update()
            if outcome.status == 130 { break }
        }
        bar.close()
        print(table(outcomes))
        for o in outcomes where !o.ok {
            let place = o.failedCell.map { " cell \($0.index)" + ($0.title.map { " (\($0))" } ?? "") } ?? ""
            print("\n── \(o.name)\(place) " + String(repeating: "─", count: max(2, 60 - o.name.count - place.count)))
            if !o.errorText.isEmpty { print(o.errorText, terminator: o.errorText.hasSuffix("\n") ? "" : "\n") }
        }
        let bad = outcomes.filter { !$0.ok }.count
        print(bad == 0 ? "\nall \(outcomes.count) lesson\(outcomes.count == 1 ? "" : "s") passed"
                       : "\n\(bad) of \(outcomes.count) lesson\(outcomes.count == 1 ? "" : "s") failed")
        if outcomes.contains(where: { $0.status == 130 }) { throw ExitCode(130) }
        if bad > 0 { throw ExitCode(1) }
    }

    /// Runs one lesson in a fresh namespace and collects what it did.
    func runLesson(_ path: String, progress: ProgressBar? = nil) -> Outcome {
        var outcome = Outcome(name: ((path as NSString).lastPathComponent as NSString).deletingPathExtension)
        let lesson: Lesson
        do { lesson = try Lesson.load(path) } catch {
            outcome.status = 1
            outcome.errorText = String(describing: error)
            return outcome
        }
        outcome.codeCells = lesson.cells.filter(\.isCode).count
        let hooks = CellHooks(lesson: lesson, renderProse: false, colour: false)
        if let first = lesson.cells.first, first.markerLine == nil { hooks.current = 1 }
        if let progress, progress.enabled {
            let name = outcome.name, count = lesson.cells.count
            hooks.onEnter = { progress.setPostfix("\(name) cell \($0)/\(count)") }
        }
        CellHooks.active = hooks
        let program = lesson.program(markerStatement: hooks.statement)
        CheckCounters.reset()
        let figuresBefore = Plot.figuresWritten
        var errors = ""
        let verbose = self.verbose
        let start = Date()
        outcome.status = ScriptRunner.run(source: program, path: path, output: .init(
            stdout: { if verbose { FileHandle.standardOutput.write($0.data(using: .utf8) ?? Data()) } },
            stderr: { errors += $0 }))
        outcome.seconds = Date().timeIntervalSince(start)
        outcome.figures = Plot.figuresWritten - figuresBefore
        outcome.passed = CheckCounters.gradchecksPassed
        // A failing gradcheck that raised out of the lesson ended it; every other failure was
        // caught by the lesson or returned False for the lesson's own asserts to judge.
        outcome.failed = outcome.status != 0 && errors.contains("GradcheckError") && CheckCounters.gradchecksFailed > 0 ? 1 : 0
        outcome.shown = CheckCounters.gradchecksFailed - outcome.failed
        outcome.errorText = errors
        let reached = hooks.current
        if outcome.status == 0 {
            outcome.cellsRun = outcome.codeCells
        } else {
            outcome.cellsRun = lesson.cells.filter { $0.isCode && $0.index < reached }.count
            if reached >= 1, reached <= lesson.cells.count { outcome.failedCell = lesson.cells[reached - 1] }
        }
        CellHooks.active = nil
        return outcome
    }

    /// One row per lesson.
    func table(_ outcomes: [Outcome]) -> String {
        let colour = Terminal.colour
        let rows = outcomes.map { o -> [String] in
            let result = o.ok ? ANSI.styled("ok", ANSI.green, colour: colour)
                : ANSI.styled(o.status == 130 ? "interrupted" : "FAIL", ANSI.red + ANSI.bold, colour: colour)
            return [o.name, "\(o.cellsRun)/\(o.codeCells)", "\(o.passed)", "\(o.failed)", "\(o.shown)", "\(o.figures)",
                    String(format: "%.2f", o.seconds), result]
        }
        return TextTable(header: ["lesson", "cells", "gradcheck ok", "failed", "shown", "figures", "seconds", "result"],
                         rows: rows, alignments: [.left, .right, .right, .right, .right, .right, .right, .left])
            .render(colour: colour)
    }
}
