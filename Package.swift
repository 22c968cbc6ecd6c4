// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Wick",
    products: [
        .library(name: "Engine", targets: ["Engine"]),
    ],
    targets: [
        // System library: cblas from OpenBLAS (apt: libopenblas-dev).
        .systemLibrary(name: "COpenBLAS", path: "Sources/COpenBLAS"),
        // Tensors, autograd, ops, random numbers. Knows nothing of scripts.
        .target(
            name: "Engine",
            dependencies: ["COpenBLAS"]
        ),
        .executableTarget(name: "wick-bench", dependencies: ["Engine"], path: "Benchmarks/wick-bench"),
        .testTarget(name: "EngineTests", dependencies: ["Engine"]),
    ],
    swiftLanguageModes: [.v5]
)
