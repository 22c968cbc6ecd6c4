import ArgumentParser
import Foundation
import Bindings
import Notebook
import Script

/// `wick`: the REPL, the lesson runner and the checks (RUNNER.md).
struct Wick: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wick",
        abstract: "Learn how neural networks are built and trained, the PyTorch way.",
        discussion: """
        With no arguments, wick starts the REPL. `wick FILE` is short for `wick run FILE`.
        Colours appear only on a terminal and never with NO_COLOR set.
        """,
        version: "0.1.0",
        subcommands: [Run.self, StepCommand.self, Lessons.self, Check.self, GradcheckCommand.self])

    /// Bare `wick`: the REPL.
    func run() throws {
        let status = WickREPL.start(openingLesson: nil)
        if status != 0 { throw ExitCode(status) }
    }
}

/// The subcommand names (`wick NAME …`); any other first argument is a file to run.
let subcommandNames: Set<String> = ["run", "step", "lessons", "check", "gradcheck", "help"]

/// `wick run FILE --cell 3 a b`: wick's own run options may follow the file; they move before it,
/// so that everything else after the file reaches the script's `sys.argv` untouched
/// (`--` ends wick's options: `wick run s.py -- --quiet` passes `--quiet` to the script).
func hoistRunOptions(_ args: [String]) -> [String] {
    guard args.first == "run" else { return args }
    let valued: Set<String> = ["--cell", "--until"]
    func isFlag(_ a: String) -> Bool { a == "--quiet" || a.hasPrefix("--cell=") || a.hasPrefix("--until=") }
    var i = 1
    while i < args.count {
        if valued.contains(args[i]) { i += 2 } else if isFlag(args[i]) { i += 1 } else { break }
    }
    guard i < args.count, !args[i].hasPrefix("-") else { return args }
    var options: [String] = [], rest: [String] = []
    var k = i + 1
    while k < args.count {
        let a = args[k]
        if a == "--" { rest += args[(k + 1)...]; break }
        if valued.contains(a), k + 1 < args.count { options += [a, args[k + 1]]; k += 2; continue }
        if isFlag(a) { options.append(a) } else { rest.append(a) }
        k += 1
    }
    return Array(args[..<i]) + options + [args[i]] + rest
}

var arguments = Array(CommandLine.arguments.dropFirst())
if let first = arguments.first, !first.hasPrefix("-"), !subcommandNames.contains(first) {
    arguments.insert("run", at: 0)
}
arguments = hoistRunOptions(arguments)
TqdmBindings.makeDisplay = { total, desc, leave, enabled in
    ProgressBar(total: total, desc: desc, leave: leave, enabled: enabled)
}
do {
    var command = try Wick.parseAsRoot(arguments)
    try command.run()
} catch let code as ExitCode {
    exit(code.rawValue)
} catch {
    let exitCode = Wick.exitCode(for: error)
    if exitCode == .success {
        print(Wick.fullMessage(for: error))
        exit(0)
    }
    Console.error(Wick.fullMessage(for: error))
    exit(2)
}
