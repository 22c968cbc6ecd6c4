import Engine
import Script

/// Installs the torch family as native script modules (`import torch`, `torch.nn`, …).
///
/// Further binding files (nn, optim, utils.data) hook in here: they append a builder to
/// `TorchModule.extensions` (it receives each run's fresh torch module; use
/// `TorchModule.submodule("torch.nn", in: torch)` to get or make a submodule) and call
/// `TorchModule.registerSubmodule("torch.nn")` so that `import torch.nn` finds it.
public enum Bindings {
    nonisolated(unsafe) private static var installed = false

    /// Registers every module this library provides with the interpreter; call once before
    /// running (calling again does nothing).
    public static func install() {
        guard !installed else { return }
        installed = true
        TorchModule.register()
        TorchModule.installAttributeFallback()
        Docs.install()
        NN.install()
        FunctionalBindings.install()
        OptimBindings.install()
        DataBindings.install()
        SummaryBindings.install()
        SerializationBindings.install()
        TqdmBindings.install()
        NumpyBindings.install()
        PyplotBindings.install()
    }
}
