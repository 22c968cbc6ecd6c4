import Foundation
import XCTest
@testable import Bindings
import Script

/// Every Functional/NAME.py (torch.nn.functional, nn.init, nn.utils) must print exactly what
/// PyTorch printed (NAME.out, made by generate.py Functional).
final class FunctionalScriptTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    func testEveryScriptMatchesPyTorch() throws {
        FunctionalBindings.install()
        NN.install()
        try assertScriptsMatchGoldens(in: Self.folder, label: "functional scripts", minimum: 5)
    }

    /// `torch.nn.functional` is one module object, however it is reached.
    func testOneModuleObjectForEveryImportForm() {
        FunctionalBindings.install()
        let out = runTorchScript("""
        import torch
        import torch.nn.functional as F
        from torch.nn import functional as G
        import torch.nn as nn
        from torch.nn.init import kaiming_uniform_
        print(F is torch.nn.functional, G is F, nn.functional is F, kaiming_uniform_ is torch.nn.init.kaiming_uniform_)
        print(torch.nn.utils.clip_grad_norm_ is not None)
        """)
        XCTAssertEqual(out, "True True True True\nTrue\n")
    }
}
