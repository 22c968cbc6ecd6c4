/// torchvision's ResNet-18 architecture (`torchvision.models.resnet18`): the same modules, names,
/// forward pass and initialisation, so a seeded model equals torchvision's. Weights are never
/// downloaded: wick runs offline.
public final class ResNet: Module {
    /// The width of the features that reach `fc` (512 for ResNet-18).
    public let featureCount: Int

    /// ResNet-18 (`layers` = [2, 2, 2, 2] basic blocks) with a `numClasses`-way `fc` head.
    public init(layers: [Int] = [2, 2, 2, 2], numClasses: Int = 1000) throws {
        guard layers.count == 4, layers.allSatisfy({ $0 >= 1 }) else {
            throw TensorError(.value, "ResNet expects four positive block counts, got \(layers)")
        }
        featureCount = 512
        super.init()
        var inplanes = 64
        try registerModule("conv1", Conv2d(3, inplanes, kernelSize: [7], stride: [2], padding: 3, bias: false))
        try registerModule("bn1", BatchNorm2d(inplanes))
        try registerModule("relu", ReLU(inplace: true))
        try registerModule("maxpool", MaxPool2d(kernelSize: [3], stride: [2], padding: [1]))
        for (index, (planes, blocks)) in zip([64, 128, 256, 512], layers).enumerated() {
            let stride = index == 0 ? 1 : 2
            var downsample: Module? = nil
            if stride != 1 || inplanes != planes {
                downsample = Sequential(try Conv2d(inplanes, planes, kernelSize: [1], stride: [stride], bias: false),
                                        try BatchNorm2d(planes))
            }
            var stage: [Module] = [try BasicBlock(inplanes: inplanes, planes: planes, stride: stride, downsample: downsample)]
            inplanes = planes
            for _ in 1..<blocks { stage.append(try BasicBlock(inplanes: inplanes, planes: planes)) }
            try registerModule("layer\(index + 1)", Sequential(stage))
        }
        try registerModule("avgpool", AdaptiveAvgPool2d(outputSize: [1, 1]))
        try registerModule("fc", Linear(512, numClasses))
        // torchvision re-initialises after building, walking modules() in order.
        try noGrad {
            for module in modules() {
                if let conv = module as? Conv2d {
                    try kaimingNormalFanOutReLU(conv.requiredParameter("weight"))
                } else if let norm = module as? BatchNorm2d {
                    if let w = norm.parameter("weight") { _ = try w.fillInPlace(1) }
                    if let b = norm.parameter("bias") { _ = try b.fillInPlace(0) }
                }
            }
        }
    }

    public override func forward(_ inputs: [ModuleValue], keywords: [(String, ModuleValue)]) throws -> ModuleValue {
        var x = try singleTensorArgument(inputs, keywords, name: "x", function: "conv2d")
        for name in ["conv1", "bn1", "relu", "maxpool", "layer1", "layer2", "layer3", "layer4", "avgpool"] {
            x = try requiredChild(name)(x)
        }
        return .tensor(try requiredChild("fc")(x.flatten(startDim: 1)))
    }
}

/// ResNet's two-convolution residual block (`torchvision.models.resnet.BasicBlock`).
public final class BasicBlock: Module {
    /// Output channels over `planes` (1 for the basic block).
    public static let expansion = 1
    /// The stride of the first convolution (and of `downsample`).
    public let stride: Int

    /// A block from `inplanes` to `planes` channels; `downsample` reshapes the shortcut when they differ.
    public init(inplanes: Int, planes: Int, stride: Int = 1, downsample: Module? = nil) throws {
        self.stride = stride
        super.init()
        try registerModule("conv1", Conv2d(inplanes, planes, kernelSize: [3], stride: [stride], padding: 1, bias: false))
        try registerModule("bn1", BatchNorm2d(planes))
        try registerModule("relu", ReLU(inplace: true))
        try registerModule("conv2", Conv2d(planes, planes, kernelSize: [3], stride: [1], padding: 1, bias: false))
        try registerModule("bn2", BatchNorm2d(planes))
        // torchvision assigns `self.downsample = None` too, which lands in __dict__, not _modules.
        if let downsample { try registerModule("downsample", downsample) }
    }

    public override func forward(_ inputs: [ModuleValue], keywords: [(String, ModuleValue)]) throws -> ModuleValue {
        let x = try singleTensorArgument(inputs, keywords, name: "x", function: "conv2d")
        let relu = try requiredChild("relu")
        var out = try relu(requiredChild("bn1")(requiredChild("conv1")(x)))
        out = try requiredChild("bn2")(requiredChild("conv2")(out))
        let identity = try submodule("downsample").map { try $0(x) } ?? x
        out = try out.addInPlace(identity)
        return .tensor(try relu(out))
    }
}

extension Module {
    /// The registered child `name`, or the TypeError a script sees when it was set to None.
    func requiredChild(_ name: String) throws -> Module {
        guard let child = submodule(name) else {
            throw TensorError(.type, "'NoneType' object is not callable (\(typeName).\(name) is None)")
        }
        return child
    }
}

/// `nn.init.kaiming_normal_(w, mode="fan_out", nonlinearity="relu")`, as torchvision's models use it.
func kaimingNormalFanOutReLU(_ weight: Tensor) throws {
    guard weight.dim >= 2 else { return }
    let receptive = weight.shape.dropFirst(2).reduce(1, *)
    let fanOut = weight.shape[0] * receptive
    guard fanOut > 0 else { return }
    _ = try weight.normalInPlace(mean: 0, std: (2.0).squareRoot() / Double(fanOut).squareRoot())
}
