import Engine
import Script

/// `torchvision` / `torchvision.models`: registered once the engine provides the models
/// (Sources/Engine/NN/Models); until then importing it raises NotImplementedError.
enum Torchvision {
    static func install() {
        NativeModules.register("torchvision") { module() }
        NativeModules.register("torchvision.models") {
            (module()["models"] as? PyModule) ?? PyModule(name: "torchvision.models")
        }
    }

    /// The `torchvision` package of the current run.
    static func module() -> PyModule {
        let tv = PyModule(name: "torchvision")
        let models = PyModule(name: "torchvision.models")
        tv["models"] = models
        for name in ["resnet18", "resnet34", "vgg11"] {
            models.function(name, "*, weights=, progress=, pretrained=, **kwargs") { a in
                try checkOffline(a.optional(0), pretrained: a.optional(2))
                throw PyError.notImplemented("torchvision.models.\(name) is not available yet in wick")
            }
        }
        return tv
    }

    /// `pretrained=True` or `weights=` other than None: wick cannot download weights.
    static func checkOffline(_ weights: PyObject?, pretrained: PyObject?) throws {
        let wantsPretrained = try pretrained.map { try Runtime.truthy($0) } ?? false
        if weights != nil || wantsPretrained {
            throw PyError.runtime("wick runs offline and cannot download pretrained weights; build the model with weights=None and load a saved state dict (model.load_state_dict(torch.load(path)))")
        }
    }
}
