import Engine
import Foundation

/// `wick-bench cnn`: forward and backward of the LeNet of /work/shared/bench/cnn_train.py
/// (conv 1→6 5×5 pad 2, max-pool 2, conv 6→16 5×5, max-pool 2, Linear 400→120→84→10,
/// cross-entropy) on a 64×1×28×28 batch, without the optimizer step: 5 warm-up steps, then
/// the best of 5 blocks of 10 steps, as the PyTorch script times its training step. Prints
/// `cnn_fwd_bwd: X ms  final loss Y`.
func benchCNN() throws {
    Tensor.manualSeed(0)
    let conv1 = try Conv2d(1, 6, kernelSize: [5], padding: 2), conv2 = try Conv2d(6, 16, kernelSize: [5])
    let fc1 = try Linear(16 * 5 * 5, 120), fc2 = try Linear(120, 84), fc3 = try Linear(84, 10)
    let model = Sequential([conv1, conv2, fc1, fc2, fc3])
    let x = try Tensor.randn([64, 1, 28, 28])
    let y = try Tensor.randint(low: 0, high: 10, shape: [64])
    func forward(_ x: Tensor) throws -> Tensor {
        var h = try Functional.maxPool2d(Functional.relu(conv1(x)), kernelSize: [2])
        h = try Functional.maxPool2d(Functional.relu(conv2(h)), kernelSize: [2])
        h = try h.flatten(startDim: 1)
        h = try Functional.relu(fc1(h))
        h = try Functional.relu(fc2(h))
        return try fc3(h)
    }
    func step() throws -> Tensor {
        model.zeroGrad()
        let loss = try Functional.crossEntropy(forward(x), y)
        try loss.backward()
        return loss
    }
    for _ in 0..<5 { _ = try step() }
    var dt = Double.infinity
    var loss = try step()
    for _ in 0..<5 {
        let t0 = monotonicSeconds()
        for _ in 0..<10 { loss = try step() }
        dt = min(dt, (monotonicSeconds() - t0) / 10)
    }
    print("cnn_fwd_bwd: \(String(format: "%.3f", dt * 1e3)) ms  final loss \(String(format: "%.4f", try loss.item().doubleValue))")
}
