import Engine
import Script

/// The `torch` module and its submodules (`torch.autograd`, `torch.cuda`, `torch.backends.mps`,
/// `torch.return_types`, …), built afresh for every run.
///
/// Other binding files extend it through `TorchModule.extensions` (called with the fresh torch
/// module) and `TorchModule.submodule(_:)` (which makes `import torch.x.y` find the same
/// module object as `torch.x.y`).
public enum TorchModule {
    /// The torch module of the current run (the interpreter imports `torch` before any
    /// `torch.x` submodule, so this is always the run's own).
    nonisolated(unsafe) public static private(set) var current: PyModule?

    /// Builders run on each fresh torch module, in order (the nn bindings add theirs).
    nonisolated(unsafe) public static var extensions: [(PyModule) -> Void] = []

    /// Submodule names that `import` can ask for.
    nonisolated(unsafe) static var submoduleNames: Set<String> = []

    /// `torch.autograd.gradcheck` is both a function and a module in PyTorch; importing the
    /// module (`from torch.autograd.gradcheck import GradcheckError`) makes the attribute the
    /// module, which then stays callable as the function (see `installAttributeFallback`).
    nonisolated(unsafe) static var gradcheckFunctionModule: PyModule?

    /// Registers `torch` and its submodules with the interpreter.
    static func register() {
        NativeModules.register("torch") { build() }
        NativeModules.register("torch.autograd.gradcheck") {
            if current == nil { _ = build() }
            return gradcheckFunctionModule ?? PyModule(name: "torch.autograd.gradcheck")
        }
        for name in ["torch.autograd", "torch.autograd.function", "torch.autograd.grad_mode",
                     "torch.cuda", "torch.backends", "torch.backends.mps", "torch.backends.cudnn", "torch.return_types",
                     "torch.random", "torch.types"] {
            registerSubmodule(name)
        }
    }

    /// Makes `import <dotted>` return the current run's `torch.…` submodule of that name.
    public static func registerSubmodule(_ dotted: String) {
        submoduleNames.insert(dotted)
        NativeModules.register(dotted) {
            let torch = current ?? build()
            return submodule(dotted, in: torch)
        }
    }

    /// The submodule `dotted` (`torch.a.b`) of `torch`, made empty if missing.
    public static func submodule(_ dotted: String, in torch: PyModule) -> PyModule {
        var module = torch
        var name = "torch"
        for part in dotted.split(separator: ".").dropFirst() {
            name += "." + part
            if let existing = module[String(part)] as? PyModule { module = existing; continue }
            let m = PyModule(name: name)
            module[String(part)] = m
            module = m
        }
        return module
    }

    /// A fresh torch module; also resets the engine's global state to a new process's.
    static func build() -> PyModule {
        _ = TensorObject.installed
        _ = functionsInstalled
        resetEngineState()
        let torch = PyModule(name: "torch")
        current = torch
        torch["__version__"] = PyStr("2.15.0")
        for (name, f) in Definitions.torchFunctions { torch[name] = f }
        torch["Tensor"] = TensorObject.tensorClass
        torch["Size"] = TorchSize.sizeClass
        torch["dtype"] = DTypeObject.dtypeClass
        torch["device"] = DeviceObject.deviceClass
        torch["Generator"] = GeneratorObject.generatorClass
        torch["default_generator"] = GeneratorObject.global
        for (name, dtype) in [("float32", DType.float32), ("float", .float32), ("float64", .float64), ("double", .float64),
                              ("int64", .int64), ("long", .int64), ("int32", .int32), ("int", .int32), ("bool", .bool)] {
            torch[name] = DTypeObject.of(dtype)
        }
        torch["inf"] = PyFloat(.infinity)
        torch["nan"] = PyFloat(.nan)
        torch["pi"] = PyFloat(.pi)
        torch["e"] = PyFloat(2.718281828459045)
        torch["no_grad"] = GradModeObjects.noGradClass
        torch["enable_grad"] = GradModeObjects.enableGradClass
        torch["inference_mode"] = GradModeObjects.inferenceModeClass
        torch["set_grad_enabled"] = GradModeObjects.setGradEnabledClass
        torch.function("is_grad_enabled", "") { _ in PyBool.make(GradMode.isEnabled) }
        torch.function("is_anomaly_enabled", "") { _ in PyBool.make(GradMode.detectAnomaly) }
        torch.function("is_anomaly_check_nan_enabled", "") { _ in PyBool.make(GradMode.anomalyCheckNan) }
        installSettings(torch)
        let autograd = submodule("torch.autograd", in: torch)
        AutogradFunctions.install(autograd)
        AutogradFunction.install(autograd)
        autograd["no_grad"] = GradModeObjects.noGradClass
        autograd["enable_grad"] = GradModeObjects.enableGradClass
        autograd["set_grad_enabled"] = GradModeObjects.setGradEnabledClass
        autograd["detect_anomaly"] = GradModeObjects.detectAnomalyClass
        autograd["set_detect_anomaly"] = GradModeObjects.setDetectAnomalyClass
        submodule("torch.autograd.function", in: torch)["Function"] = AutogradFunction.functionClass
        submodule("torch.autograd.function", in: torch)["FunctionCtx"] = AutogradFunction.contextClass
        autograd["GradcheckError"] = TorchErrors.gradcheckErrorClass
        let cuda = submodule("torch.cuda", in: torch)
        cuda.function("is_available", "") { _ in PyBool.falseValue }
        cuda.function("device_count", "") { _ in PyInt.make(0) }
        cuda.function("manual_seed", "seed") { _ in PyNone.shared }
        cuda.function("manual_seed_all", "seed") { _ in PyNone.shared }
        cuda.function("is_initialized", "") { _ in PyBool.falseValue }
        let mps = submodule("torch.backends.mps", in: torch)
        mps.function("is_available", "") { _ in PyBool.falseValue }
        mps.function("is_built", "") { _ in PyBool.falseValue }
        submodule("torch.backends.cudnn", in: torch)["deterministic"] = PyBool.falseValue
        submodule("torch.backends.cudnn", in: torch)["benchmark"] = PyBool.falseValue
        for (name, f) in Definitions.torchFunctions where ["manual_seed", "seed", "initial_seed", "get_rng_state", "set_rng_state"].contains(name) {
            submodule("torch.random", in: torch)[name] = f
        }
        let gradcheckModule = PyModule(name: "torch.autograd.gradcheck")
        gradcheckModule["GradcheckError"] = TorchErrors.gradcheckErrorClass
        gradcheckModule["gradcheck"] = autograd["gradcheck"]
        gradcheckModule["gradgradcheck"] = autograd["gradgradcheck"]
        gradcheckFunctionModule = gradcheckModule
        for ext in extensions { ext(torch) }
        return torch
    }

    /// The defaults a new Python process has.
    static func resetEngineState() {
        GradMode.set(true)
        GradMode.setDetectAnomaly(false)
        DType.defaultFloat = .float32
        PrintOptions.current = PrintOptions()
        Engine.Generator.global.manualSeed(Engine.Generator.defaultSeed)
    }

    /// Defines every shared `torch.` function once per process.
    static let functionsInstalled: Bool = {
        _ = TensorObject.installed
        TensorFactory.install()
        GeneratorObject.install()
        return true
    }()

    /// `get_default_dtype set_default_dtype set_printoptions …`.
    static func installSettings(_ torch: PyModule) {
        torch.function("get_default_dtype", "") { _ in DTypeObject.of(DType.defaultFloat) }
        torch.function("set_default_dtype", "d") { a in
            guard let d = a[0] as? DTypeObject else {
                throw PyError.type("set_default_dtype(): argument 'd' (position 1) must be torch.dtype, not \(pythonTypeName(a[0]))")
            }
            try Tensor.setDefaultDType(d.dtype)
            return PyNone.shared
        }
        torch.function("set_printoptions", "precision=, threshold=, edgeitems=, linewidth=, profile=, sci_mode=") { a in
            let site = ArgumentSite("set_printoptions", isMethod: false)
            var profile: PrintOptions.Profile?
            if let p = a.optional(4) {
                let name = try Args.string(p, site, "profile", 4)
                guard let pr = PrintOptions.Profile(rawValue: name) else { throw PyError.value("unknown profile '\(name)'") }
                profile = pr
            }
            PrintOptions.set(precision: try Args.optionalInt(a.optional(0), site, "precision", 0),
                             threshold: try a.optional(1).map { try Args.double($0, site, "threshold", 1) },
                             edgeitems: try Args.optionalInt(a.optional(2), site, "edgeitems", 2),
                             linewidth: try Args.optionalInt(a.optional(3), site, "linewidth", 3),
                             profile: profile,
                             sciMode: try a.optional(5).map { try Runtime.truthy($0) })
            return PyNone.shared
        }
        torch.function("get_num_threads", "") { _ in PyInt.make(Tensor.getNumThreads()) }
        torch.function("set_num_threads", "int") { a in
            try Tensor.setNumThreads(try Args.int(a[0], ArgumentSite("set_num_threads", isMethod: false), "int", 0))
            return PyNone.shared
        }
        torch.function("is_floating_point", "input") { a in
            PyBool.make(try Args.tensor(a[0], ArgumentSite("is_floating_point", isMethod: false), "input", 0).dtype.isFloatingPoint)
        }
        torch.function("result_type", "tensor1, tensor2") { a in
            let site = ArgumentSite("result_type", isMethod: false)
            let ops: [Operand] = try [a[0], a[1]].enumerated().map { i, o in
                switch try Args.operand(o, site, i == 0 ? "tensor1" : "tensor2", i) {
                case .tensor(let t): return .tensor(t)
                case .scalar(let s): return .scalar(s)
                }
            }
            return DTypeObject.of(resultType(ops))
        }
        torch.function("promote_types", "type1, type2") { a in
            guard let x = a[0] as? DTypeObject, let y = a[1] as? DTypeObject else { throw PyError.type("promote_types() expects torch.dtype arguments") }
            return DTypeObject.of(DType.promote(x.dtype, y.dtype))
        }
        torch.function("compile", "model=, **kwargs") { a in
            guard let m = a.optional(0) else { throw TorchErrors.unsupported("torch.compile") }
            return m
        }
    }

    /// `torch.xyz` for a name wick lacks: NotImplementedError instead of AttributeError.
    static func installAttributeFallback() {
        let moduleClass = Builtin.moduleType
        let previous = moduleClass.attributeFallback
        moduleClass.attributeFallback = { o, name in
            if let m = o as? PyModule, m.name == "torch" || m.name.hasPrefix("torch."), !name.hasPrefix("__") {
                if submoduleNames.contains(m.name + "." + name) { return submodule(m.name + "." + name, in: current ?? m) }
                throw TorchErrors.unsupportedAttribute(m.name + "." + name)
            }
            return try previous?(o, name)
        }
        let previousCall = moduleClass.lookup("__call__")
        moduleClass.setAttribute("__call__", PyNativeFunction(name: "__call__", parameters: "") { a in
            guard let m = a.rest.first as? PyModule else { throw PyError.type("'module' object is not callable") }
            if m.name == "torch.autograd.gradcheck", let f = m["gradcheck"] {
                return try Runtime.call(f, Array(a.rest.dropFirst()), a.keywords)
            }
            if let previousCall { return try Runtime.callMethod(previousCall, m, Array(a.rest.dropFirst()), a.keywords) }
            throw PyError.type("'module' object is not callable")
        })
    }
}
