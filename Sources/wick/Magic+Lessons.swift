import Foundation
import Notebook
import Script

/// Stepping through a lesson: `%lessons %open %next %back %goto %cells %cell %rerun`.
extension Magics {
    /// Whether a lesson is open with cells still to come (Enter on an empty line then means `%next`).
    var lessonIsOpen: Bool { stepper.map { !$0.isAtEnd } ?? false }

    /// Lesson numbers and names for `%open` completion.
    func lessonNames() -> [String] {
        guard let catalogue = try? LessonCatalogue(directory: lessonDirectory) else { return [] }
        return catalogue.entries.map { $0.name }
    }

    /// `text` ending with exactly one newline.
    static func line(_ text: String) -> String {
        var t = text
        while t.hasSuffix("\n") { t.removeLast() }
        return t + "\n"
    }

    func lessons() {
        do {
            REPLOutput.out(Magics.line(try LessonCatalogue(directory: lessonDirectory).table(colour: Terminal.colour)))
        } catch {
            REPLOutput.err("\(error)\n")
        }
    }

    func open(_ argument: String) {
        guard !argument.isEmpty else { usage("%open"); return }
        do {
            let path = try LessonCatalogue.resolve(argument, directory: lessonDirectory)
            let lesson = try Lesson.load(path)
            let stepper = Stepper(lesson: lesson)
            self.stepper = stepper
            REPLOutput.out(Magics.line(stepper.outline(width: Terminal.width, colour: Terminal.colour)))
            REPLOutput.out("Enter (or %next) shows the next cell and runs it; %help lists the magics.\n")
        } catch {
            REPLOutput.err("\(error)\n")
        }
    }

    /// The open lesson's stepper, or nil after telling the learner how to open one.
    private func openStepper() -> Stepper? {
        if let s = stepper { return s }
        REPLOutput.err("No lesson is open: %lessons lists them, %open N opens one.\n")
        return nil
    }

    /// Prints a cell: its header line, then prose as Markdown or code highlighted.
    func show(_ cell: Cell, in stepper: Stepper) {
        let width = Terminal.width, colour = Terminal.colour
        var text = "\n" + stepper.header(for: cell, width: width, colour: colour) + "\n"
        text += stepper.render(cell, width: width, colour: colour)
        if !text.hasSuffix("\n") { text += "\n" }
        REPLOutput.out(text)
    }

    /// Runs a code cell so that tracebacks name the lesson file's lines.
    func runCell(_ cell: Cell, in stepper: Stepper) {
        guard cell.isCode else { return }
        SignalFlag.clear()
        _ = session.runCell(cell.source, path: stepper.lesson.path, firstLine: cell.line)
        SignalFlag.clear()
        noteFigure()
    }

    func next() {
        guard let stepper = openStepper() else { return }
        guard let cell = stepper.next() else {
            REPLOutput.out("End of the lesson. %lessons lists the others; %open N opens one.\n")
            return
        }
        show(cell, in: stepper)
        runCell(cell, in: stepper)
        if stepper.isAtEnd { REPLOutput.out("That was the last cell of the lesson.\n") }
    }

    func back() {
        guard let stepper = openStepper() else { return }
        guard let cell = stepper.back() else {
            REPLOutput.out("At the start of the lesson: %next shows cell 1.\n")
            return
        }
        show(cell, in: stepper)
        if cell.isCode { REPLOutput.out("(%rerun runs this cell again; Enter goes on)\n") }
    }

    func goto(_ argument: String) {
        guard let stepper = openStepper() else { return }
        guard let n = Int(argument) else { usage("%goto"); return }
        do {
            let cell = try stepper.goto(n)
            show(cell, in: stepper)
            if cell.isCode { REPLOutput.out("(%rerun runs this cell; Enter goes on to the next)\n") }
        } catch {
            REPLOutput.err("\(error)\n")
        }
    }

    func cells() {
        guard let stepper = openStepper() else { return }
        REPLOutput.out(Magics.line(stepper.outline(width: Terminal.width, colour: Terminal.colour)))
    }

    func cell() {
        guard let stepper = openStepper() else { return }
        guard let cell = stepper.current else {
            REPLOutput.out("Before cell 1: %next shows it.\n")
            return
        }
        show(cell, in: stepper)
    }

    func rerun() {
        guard let stepper = openStepper() else { return }
        guard let current = stepper.current else {
            REPLOutput.err("No cell has run yet: %next runs the first one.\n")
            return
        }
        if current.isCode {
            runCell(current, in: stepper)
            return
        }
        // On a prose cell ("Try it: change x and %rerun the cell above") the nearest code cell above runs again.
        guard let cell = stepper.lesson.cells.prefix(max(0, stepper.position - 1)).last(where: { $0.isCode }) else {
            REPLOutput.err("No code cell before this one: %next goes on.\n")
            return
        }
        REPLOutput.out("re-running cell \(cell.index)" + (cell.title.map { " · \($0)" } ?? "") + "\n")
        runCell(cell, in: stepper)
    }
}
