import ArgumentParser
import Foundation

/// Where the CLI enters the REPL (the REPL loop itself lives in REPL*.swift).
enum WickREPL {
    /// Starts the REPL, optionally opening a lesson (`wick step FILE`); returns the exit status.
    static func start(openingLesson: String?) -> Int32 {
        REPL.run(openingLesson: openingLesson)
    }
}

/// `wick step FILE`: the REPL positioned before the lesson's first cell.
struct StepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "step",
        abstract: "Open the REPL on a lesson, positioned before its first cell.")

    @Argument(help: "The lesson: a path, a number or a name.") var file: String

    func run() throws {
        let status = WickREPL.start(openingLesson: file)
        if status != 0 { throw ExitCode(status) }
    }
}
