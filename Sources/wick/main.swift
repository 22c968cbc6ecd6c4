import ArgumentParser
import Script

/// `wick`: runs lessons and scripts (issue 3 and 6 grow it).
struct Wick: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wick",
        abstract: "Learn how neural networks are built and trained, the PyTorch way.",
        version: "0.1.0")
}

Wick.main()
