import Engine
import Script

/// `torchvision` / `torchvision.models`: `resnet18`, `resnet34` and `vgg11` over the engine's
/// models (Sources/Engine/NN/Models), built with fresh weights only — wick runs offline.
enum Torchvision {
    static func install() {
        NativeModules.register("torchvision") { module() }
        NativeModules.register("torchvision.models") {
            (module()["models"] as? PyModule) ?? PyModule(name: "torchvision.models")
        }
    }

    /// The model classes (`type(model).__name__`, isinstance checks).
    static let resnetClass = modelClass("ResNet", ResNet.self)
    static let basicBlockClass = modelClass("BasicBlock", BasicBlock.self)
    static let vggClass = modelClass("VGG", VGG.self, file: "vgg")

    static func modelClass<M: Module>(_ name: String, _ type: M.Type, file: String = "resnet") -> PyClass {
        let c = NNModuleClass.layerClass(name, module: "torchvision.models." + file)
        ModuleRegistry.classes[ObjectIdentifier(type)] = c
        c.method("__init__", "self, *args, **kwargs") { _ in
            throw TorchErrors.unsupported("torchvision.models.\(name)(...) (use torchvision.models.\(file == "vgg" ? "vgg11" : "resnet18")(...))")
        }
        return c
    }

    /// The `torchvision` package of the current run.
    static func module() -> PyModule {
        let tv = PyModule(name: "torchvision")
        tv["__version__"] = PyStr("0.29.2")
        let models = PyModule(name: "torchvision.models")
        tv["models"] = models
        models["ResNet"] = resnetClass
        models["VGG"] = vggClass
        for (name, layers) in [("resnet18", [2, 2, 2, 2]), ("resnet34", [3, 4, 6, 3])] {
            models.function(name, "*, weights=, progress=, pretrained=, **kwargs") { a in
                try checkOffline(a.optional(0), pretrained: a.optional(2))
                var numClasses = 1000
                for (k, v) in a.keywords {
                    guard k == "num_classes" else { throw TorchErrors.unsupported("torchvision.models.\(name)(\(k)=...)") }
                    numClasses = try Args.int(v, ArgumentSite(name, isMethod: false), k, 0)
                }
                return ModuleObject.wrap(try nnBridge { try ResNet(layers: layers, numClasses: numClasses) })
            }
        }
        models.function("vgg11", "*, weights=, progress=, pretrained=, **kwargs") { a in
            try checkOffline(a.optional(0), pretrained: a.optional(2))
            let site = ArgumentSite("vgg11", isMethod: false)
            var numClasses = 1000, dropout = 0.5, initWeights = true
            for (k, v) in a.keywords {
                switch k {
                case "num_classes": numClasses = try Args.int(v, site, k, 0)
                case "dropout": dropout = try Args.double(v, site, k, 0)
                case "init_weights": initWeights = try Runtime.truthy(v)
                default: throw TorchErrors.unsupported("torchvision.models.vgg11(\(k)=...)")
                }
            }
            return ModuleObject.wrap(try nnBridge { try VGG(numClasses: numClasses, dropout: dropout, initWeights: initWeights) })
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
