import Engine
import Foundation

/// `wick-bench matmul`: float32 GEMM at n = 128, 512, 1024, the same workload and the same
/// output lines as Benchmarks' PyTorch script `matmul.py` (`matmul_512: X ms  Y GFLOP/s`):
/// a warm-up product, then the best of 5 blocks of `reps` products, timed per product.
func benchMatmul() throws {
    Generator.global.manualSeed(0)
    for n in [128, 512, 1024] {
        let a = randomMatrix(n), b = randomMatrix(n)
        var c = try a <*> b  // warm-up
        let reps = max(3, Int(4e8 / (2 * pow(Double(n), 3))))
        var dt = Double.infinity
        for _ in 0..<5 {  // best of 5 blocks
            let t0 = monotonicSeconds()
            for _ in 0..<reps { c = try a <*> b }
            dt = min(dt, (monotonicSeconds() - t0) / Double(reps))
        }
        _ = c
        let gflops = 2 * pow(Double(n), 3) / dt / 1e9
        print("matmul_\(n): \(String(format: "%.3f", dt * 1e3)) ms  \(String(format: "%.1f", gflops)) GFLOP/s")
    }
}

/// An n×n float32 tensor of standard normal values from the global generator (`torch.randn`).
private func randomMatrix(_ n: Int) -> Tensor {
    let t = Tensor(zeros: [n, n], dtype: .float32)
    Generator.global.fillNormal(UnsafeMutableBufferPointer(start: t.storage.pointer(Float.self), count: n * n),
                                mean: 0, std: 1)
    return t
}

/// Seconds on the monotonic clock (`time.perf_counter`).
func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}
