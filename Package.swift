// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Wick",
    products: [
        .library(name: "Engine", targets: ["Engine"]),
        .library(name: "Script", targets: ["Script"]),
        .executable(name: "wick", targets: ["wick"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // System library: cblas from OpenBLAS (apt: libopenblas-dev).
        .systemLibrary(name: "COpenBLAS", path: "Sources/COpenBLAS"),
        // Tensors, autograd, ops, random numbers. Knows nothing of scripts.
        .target(
            name: "Engine",
            dependencies: ["COpenBLAS"]
        ),
        // The Python subset: lexer, parser, resolver, interpreter, built-ins. Knows nothing of tensors.
        // Exclusivity is checked statically; the dynamic checks cost ~10% of interpreter time.
        .target(name: "Script", swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"])]),
        // The torch family (and its companions) as script modules, built on Engine's Swift API.
        .target(name: "Bindings", dependencies: ["Engine", "Script", "Plot"]),
        // System library: GNU readline for the REPL (apt: libreadline-dev).
        .systemLibrary(name: "CReadline", path: "Sources/CReadline"),
        // C++ bridge to gnuplot through gnuplot-iostream (apt: libgnuplot-iostream-dev, Boost); C header only.
        .target(
            name: "CGnuplot",
            linkerSettings: [.linkedLibrary("boost_iostreams"), .linkedLibrary("boost_system"), .linkedLibrary("boost_filesystem")]
        ),
        // pyplot's figure model rendered as gnuplot scripts, drawn through CGnuplot.
        .target(name: "Plot", dependencies: ["CGnuplot"]),
        // Percent-format cells, Markdown in the terminal, the lesson catalogue and stepping.
        .target(name: "Notebook", dependencies: ["Script"]),
        // The command-line program.
        .executableTarget(
            name: "wick",
            dependencies: ["Script", "Bindings", "Engine", "Plot", "Notebook", "CReadline", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(name: "wick-bench", dependencies: ["Engine"], path: "Benchmarks/wick-bench"),
        .testTarget(name: "EngineTests", dependencies: ["Engine"]),
        .testTarget(name: "ScriptTests", dependencies: ["Script"]),
        .testTarget(name: "BindingsTests", dependencies: ["Bindings", "Script", "Engine"]),
        .testTarget(name: "PlotTests", dependencies: ["Plot"], exclude: ["Golden", "make_colors.py"]),
        .testTarget(name: "NotebookTests", dependencies: ["Notebook"]),
        // Drives the built `wick` binary (pseudo-terminal REPL sessions, CLI commands).
        .testTarget(name: "WickTests", dependencies: ["wick"]),
        // `wick check` over Lessons/ (the release binary when `make test` built one).
        .testTarget(name: "LessonTests", dependencies: ["wick"]),
    ],
    swiftLanguageModes: [.v5],
    cxxLanguageStandard: .cxx17
)
