import XCTest
@testable import Engine

/// The README's Swift example prints what PyTorch prints for the same seed (values taken
/// from torch 2.15: `torch.manual_seed(0); x = torch.randn(3, 4, requires_grad=True); …`).
final class ReadmeExampleTests: XCTestCase {
    func testReadmeExampleMatchesPyTorch() throws {
        Generator.global.manualSeed(0)
        let x = try Tensor.randn([3, 4]).setRequiresGrad()
        let w = try Tensor.randn([4, 2]).setRequiresGrad()
        let loss = try x.matmul(w).relu().sum()
        XCTAssertEqual(loss.description, "tensor(2.6750, grad_fn=<SumBackward0>)")
        try loss.backward()
        XCTAssertEqual(w.grad?.description, """
            tensor([[-1.8038,  0.0000],
                    [-1.8019,  0.0000],
                    [-0.1933,  0.0000],
                    [ 1.0201,  0.0000]])
            """)
    }

    /// The README's nn example: the loss and the first weights after one Adam step, as torch 2.15
    /// prints them for `torch.manual_seed(0)` and the same model.
    func testReadmeNNExampleMatchesPyTorch() throws {
        Tensor.manualSeed(0)
        let model = Sequential(try Linear(64, 128), ReLU(), try Linear(128, 10))
        let loss = try Tensor.crossEntropy(model(Tensor.randn([4, 64])), Tensor([1, 0, 3, 9] as [Int64], shape: [4]))
        XCTAssertEqual(loss.description, "tensor(2.2903, grad_fn=<NllLossBackward0>)")
        try loss.backward()
        let optimizer = try Adam(model.parameters(), lr: 1e-3)
        try optimizer.step()
        let first = try model.parameters()[0].index([.int(0), .slice(start: 0, stop: 3)]).detach()
        XCTAssertEqual(first.description, "tensor([ 6.4142e-05,  6.8055e-02, -1.0388e-01])")
    }
}
