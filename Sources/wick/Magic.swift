import Foundation
import Notebook
import Plot
import Script

/// The REPL's IPython-style magics (RUNNER.md): lesson stepping, timing, inspection, files.
final class Magics {
    /// What a magic asks the REPL to do next.
    enum Result: Equatable {
        case done
        case exit(Int32)
    }

    /// Every magic with its one-line help, in `%help` order.
    static let table: [(name: String, usage: String, help: String)] = [
        ("%lessons", "%lessons", "list the lessons"),
        ("%open", "%open N|NAME|PATH", "open a lesson and show its outline"),
        ("%next", "%next, %n, Enter", "show the next cell; run it if it is code"),
        ("%back", "%back", "step back one cell"),
        ("%goto", "%goto N", "make cell N the current cell and show it"),
        ("%cells", "%cells", "list the cells, the current one marked"),
        ("%cell", "%cell", "show the current cell again"),
        ("%rerun", "%rerun", "run the current code cell again"),
        ("%run", "%run FILE", "run a file in this session's namespace"),
        ("%who", "%who", "your variables: type, shape and dtype, parameters"),
        ("%time", "%time STMT", "run STMT once and show how long it took"),
        ("%timeit", "%timeit [-n N] [-r R] STMT", "time many runs of STMT"),
        ("%gradcheck", "%gradcheck FN, INPUTS", "check FN's gradients against finite differences, per input"),
        ("%plot", "%plot", "draw the last figure again in the terminal"),
        ("%save", "%save FILE", "write what you typed as a script"),
        ("%reset", "%reset", "forget every variable"),
        ("%help", "%help", "this list"),
        ("%quit", "%quit", "leave wick (also exit(), Ctrl-D)"),
    ]

    /// Magic names, `%n` included, for completion.
    static let names: [String] = (table.map { $0.name } + ["%n"]).sorted()

    /// The full name of an abbreviation (`%n` → `%next`).
    static func canonical(_ name: String) -> String { name == "%n" ? "%next" : name }

    let session: ScriptSession
    /// The lesson being stepped through, if any.
    var stepper: Stepper?
    /// Where lessons are looked for.
    let lessonDirectory: String
    /// The figure that was current at the end of the latest input, for `%plot`.
    var lastFigure: Figure?

    init(session: ScriptSession, lessonDirectory: String = "Lessons") {
        self.session = session
        self.lessonDirectory = lessonDirectory
    }

    /// Runs one magic line (`%name arguments`).
    func handle(_ line: String) -> Result {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        let name = Magics.canonical(String(trimmed.prefix { $0 != " " }))
        let argument = trimmed.dropFirst(trimmed.prefix { $0 != " " }.count).trimmingCharacters(in: .whitespaces)
        switch name {
        case "%lessons": lessons()
        case "%open": open(argument)
        case "%next": next()
        case "%back": back()
        case "%goto": goto(argument)
        case "%cells": cells()
        case "%cell": cell()
        case "%rerun": rerun()
        case "%run": return runFile(argument)
        case "%who": who()
        case "%time": return time(argument)
        case "%timeit": timeit(argument)
        case "%gradcheck": gradcheck(argument)
        case "%plot": plot()
        case "%save": save(argument)
        case "%reset":
            session.reset()
            lastFigure = nil
            REPLOutput.out("Namespace cleared.\n")
        case "%help": help()
        case "%quit", "%exit": return .exit(0)
        default:
            REPLOutput.err("UsageError: Line magic function `\(name)` not found.\n")
        }
        return .done
    }

    func help() {
        let width = Magics.table.map { $0.usage.count }.max() ?? 0
        var text = "Magics (Tab completes them; Python code runs as usual):\n"
        for m in Magics.table { text += "  " + m.usage.padding(toLength: width + 2, withPad: " ", startingAt: 0) + m.help + "\n" }
        REPLOutput.out(text)
    }

    /// Prints a usage error for `name`.
    func usage(_ name: String) {
        let usage = Magics.table.first { $0.name == name }?.usage ?? name
        REPLOutput.err("UsageError: \(usage)\n")
    }

    /// `%run FILE`: the whole file in this namespace (its `__name__` is `__main__`, as in IPython).
    func runFile(_ argument: String) -> Result {
        guard !argument.isEmpty else { usage("%run"); return .done }
        let path = (argument as NSString).expandingTildeInPath
        guard let data = FileManager.default.contents(atPath: path), let source = String(data: data, encoding: .utf8) else {
            REPLOutput.err("ERROR: File `\(argument)` not found.\n")
            return .done
        }
        SignalFlag.clear()
        if case .exit(let status) = session.run(source, path: argument, firstLine: 1, interactive: false) { return .exit(status) }
        return .done
    }

    /// `%save FILE`: every input so far, as a script, written atomically.
    func save(_ argument: String) {
        guard !argument.isEmpty else { usage("%save"); return }
        let path = (argument as NSString).expandingTildeInPath
        let inputs = session.inputs
        let text = inputs.map { $0.hasSuffix("\n") ? $0 : $0 + "\n" }.joined()
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            REPLOutput.out("Saved \(inputs.count) input\(inputs.count == 1 ? "" : "s") to \(argument)\n")
        } catch {
            REPLOutput.err("OSError: cannot write \(argument): \(error.localizedDescription)\n")
        }
    }

}
