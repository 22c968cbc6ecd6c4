import Dispatch
import Engine
import Foundation

/// The memory-bound pointwise chain of `elementwise.py`: on one million float32 values drawn
/// as `torch.manual_seed(0); torch.randn(1_000_000)`, forward and backward of
/// `((x * 2 + 1).relu() * x.sigmoid()).sum()`, best of 5 blocks of 10 repetitions, printed in
/// the script's format.
func benchElementwise() throws {
    Generator.global.manualSeed(0)
    let x = Tensor(zeros: [1_000_000], dtype: .float32)
    Generator.global.fillNormal(UnsafeMutableBufferPointer(start: x.storage.pointer(Float.self), count: x.numel),
                                mean: 0, std: 1)
    try x.setRequiresGrad()

    func step() throws -> Tensor {
        let y = try ((x * 2.0 + 1.0).relu() * x.sigmoid()).sum()
        try y.backward()
        return y
    }

    var y = try step()
    var best = Double.infinity
    for _ in 0..<5 {
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<10 {
            x.grad = nil
            y = try step()
        }
        best = Swift.min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 10 / 1e9)
    }
    print(String(format: "elementwise_fwd_bwd_1M: %.3f ms  value %.1f", best * 1e3, try y.item().doubleValue))
}
