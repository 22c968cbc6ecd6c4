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
}
