import Engine
import Script

/// Installs the torch family as native script modules (`import torch`, `torch.nn`, …).
public enum Bindings {
    nonisolated(unsafe) private static var installed = false

    /// Registers every module this library provides with the interpreter; call once before
    /// running (calling again does nothing).
    public static func install() {
        guard !installed else { return }
        installed = true
        TorchModule.register()
        TorchModule.installAttributeFallback()
    }
}
