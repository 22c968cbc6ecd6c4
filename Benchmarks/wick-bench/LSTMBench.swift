import Engine
import Foundation

/// `wick-bench lstm`: the model of the PyTorch script `lstm_train.py` — LSTM(32 → 128,
/// batch_first), sequence 50, batch 32, a Linear(128, 1) head on `out[:, -1, :]`, MSE loss —
/// timed for forward + backward (the script's RMSprop step is left out until wick has
/// optimizers, so compare with the same step without `opt.step()`). Three warm-up steps,
/// then the best of 5 blocks of 4 steps, per step; prints `lstm_forward_backward: X ms  loss Y`.
func benchLSTM() throws {
    Tensor.manualSeed(0)
    let lstm = try LSTM(32, 128, batchFirst: true)
    let head = try Linear(128, 1)
    let x = try Tensor.randn([32, 50, 32])
    let y = try Tensor.randn([32, 1])
    let parameters = lstm.parameters() + head.parameters()
    func step() throws -> Tensor {
        for p in parameters { p.grad = nil }
        let out = try lstm.forward(x).output
        let loss = try Tensor.mseLoss(head.forward(out.select(dim: 1, index: -1)), y)
        try loss.backward()
        return loss
    }
    for _ in 0..<3 { _ = try step() }
    var dt = Double.infinity
    var loss = try step()
    for _ in 0..<5 {
        let t0 = monotonicSeconds()
        for _ in 0..<4 { loss = try step() }
        dt = min(dt, (monotonicSeconds() - t0) / 4)
    }
    let value = loss.doubles.first ?? .nan
    print("lstm_forward_backward: \(String(format: "%.3f", dt * 1e3)) ms  loss \(String(format: "%.6f", value))")
}
