import ArgumentParser
import Engine
import Foundation
import Notebook

/// `wick gradcheck [NAME…]`: checks the engine's autograd against float64 central differences,
/// one row per registered case (`GradcheckCase.all`); exit 1 on a failure.
struct GradcheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gradcheck",
        abstract: "Check the gradients of every differentiable op, layer and loss numerically.",
        discussion: """
        A NAME is a case (`mul/broadcast`) or a family (`mul`: every `mul/…` case). \
        Without names every case runs. --list prints the names.
        """)

    @Argument(help: "Cases or families to check (default: all).") var names: [String] = []
    @Flag(name: .long, help: "List the case names and exit.") var list = false
    @Option(name: .long, help: "Seed for the random inputs.") var seed: UInt64 = 0

    func run() throws {
        let all = GradcheckCase.all
        if list {
            print(all.map(\.name).joined(separator: "\n"))
            return
        }
        let cases = try select(all)
        // Cases that exercise deprecated forms warn as PyTorch does; the table is what matters here.
        Autograd.warningHandler = { _ in }
        let colour = Terminal.colour
        let bar = ProgressBar(total: cases.count, desc: "gradcheck", leave: false)
        var rows: [[String]] = []
        var failures: [(String, String)] = []
        for c in cases {
            let r = c.run(seed: seed)
            bar.update()
            let pass = r.passed ? ANSI.styled("✓", ANSI.green, colour: colour) : ANSI.styled("FAIL", ANSI.red + ANSI.bold, colour: colour)
            rows.append([c.name, GradcheckCommand.number(r.maxAbsError), GradcheckCommand.number(r.maxRelError), pass])
            if !r.passed { failures.append((c.name, r.failure ?? "Jacobian mismatch beyond atol=\(c.atol), rtol=\(c.rtol)")) }
        }
        bar.close()
        print(TextTable(header: ["case", "max abs error", "max rel error", "pass"], rows: rows,
                        alignments: [.left, .right, .right, .center]).render(colour: colour))
        for (name, text) in failures { print("\(name): \(text)") }
        print(failures.isEmpty ? "all \(cases.count) gradient checks passed"
              : "\(failures.count) of \(cases.count) gradient checks failed")
        if !failures.isEmpty { throw ExitCode(1) }
    }

    /// The cases the names pick, in registry order; a name matching nothing is a usage error.
    func select(_ all: [GradcheckCase]) throws -> [GradcheckCase] {
        guard !names.isEmpty else { return all }
        var chosen = Set<String>()
        for name in names {
            let hits = all.filter { $0.name == name || $0.name.hasPrefix(name + "/") }
            if hits.isEmpty {
                let close = CloseNames.matches(name, in: all.map(\.name))
                let hint = close.isEmpty ? " (wick gradcheck --list shows them all)" : "; close names: " + close.joined(separator: ", ")
                Console.error("wick: error: no gradient check named '\(name)'\(hint)")
                throw ExitCode(2)
            }
            hits.forEach { chosen.insert($0.name) }
        }
        return all.filter { chosen.contains($0.name) }
    }

    /// `1.23e-07`, or `nan` / `–` for a case that failed before measuring.
    static func number(_ x: Double) -> String {
        x.isNaN ? "–" : String(format: "%.2e", x)
    }
}
