/// torchvision's VGG-11 architecture (`torchvision.models.vgg11`, configuration "A" without batch
/// norm): the same modules, names, forward pass and initialisation. Weights are never downloaded.
public final class VGG: Module {
    /// Configuration "A": output channels of each 3×3 convolution, 0 for a 2×2 max pool.
    static let configurationA = [64, 0, 128, 0, 256, 256, 0, 512, 512, 0, 512, 512, 0]

    /// VGG-11 with a `numClasses`-way classifier whose two dropouts use `dropout`.
    public init(numClasses: Int = 1000, dropout: Double = 0.5, initWeights: Bool = true) throws {
        super.init()
        var features: [Module] = []
        var inChannels = 3
        for channels in VGG.configurationA {
            if channels == 0 {
                features.append(MaxPool2d(kernelSize: [2], stride: [2]))
            } else {
                features.append(try Conv2d(inChannels, channels, kernelSize: [3], padding: 1))
                features.append(ReLU(inplace: true))
                inChannels = channels
            }
        }
        try registerModule("features", Sequential(features))
        try registerModule("avgpool", AdaptiveAvgPool2d(outputSize: [7, 7]))
        try registerModule("classifier", Sequential(
            try Linear(512 * 7 * 7, 4096), ReLU(inplace: true), try Dropout(p: dropout),
            try Linear(4096, 4096), ReLU(inplace: true), try Dropout(p: dropout),
            try Linear(4096, numClasses)))
        guard initWeights else { return }
        try noGrad {
            for module in modules() {
                if let conv = module as? Conv2d {
                    try kaimingNormalFanOutReLU(conv.requiredParameter("weight"))
                    if let b = conv.parameter("bias") { _ = try b.fillInPlace(0) }
                } else if let linear = module as? Linear {
                    _ = try linear.requiredParameter("weight").normalInPlace(mean: 0, std: 0.01)
                    if let b = linear.parameter("bias") { _ = try b.fillInPlace(0) }
                }
            }
        }
    }

    public override func forward(_ inputs: [ModuleValue], keywords: [(String, ModuleValue)]) throws -> ModuleValue {
        var x = try singleTensorArgument(inputs, keywords, name: "x", function: "conv2d")
        x = try requiredChild("avgpool")(requiredChild("features")(x))
        return .tensor(try requiredChild("classifier")(x.flatten(startDim: 1)))
    }
}
