import Foundation

// wick-bench: the workloads of Benchmarks/ (PyTorch scripts in /work/shared/bench) timed on
// wick's engine. `wick-bench` runs them all; `wick-bench matmul elementwise` runs the named
// ones. Each prints the same lines as its PyTorch script, so Benchmarks/run.sh can compare.

let workloads: [(name: String, run: () throws -> Void)] = [
    ("matmul", benchMatmul),
    ("elementwise", { try benchElementwise() }),
    ("cnn", benchCNN),
    ("lstm", benchLSTM),
]

let requested = Array(CommandLine.arguments.dropFirst())
if requested.contains("-h") || requested.contains("--help") {
    print("usage: wick-bench [\(workloads.map(\.name).joined(separator: "|"))]...")
    exit(0)
}
for name in requested where !workloads.contains(where: { $0.name == name }) {
    FileHandle.standardError.write("wick-bench: unknown workload '\(name)'; known: \(workloads.map(\.name).joined(separator: ", "))\n".data(using: .utf8) ?? Data())
    exit(2)
}
do {
    for workload in workloads where requested.isEmpty || requested.contains(workload.name) {
        try workload.run()
    }
} catch {
    FileHandle.standardError.write("wick-bench: \(error)\n".data(using: .utf8) ?? Data())
    exit(1)
}
