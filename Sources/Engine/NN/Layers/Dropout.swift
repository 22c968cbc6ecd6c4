/// `nn.Dropout(p=0.5, inplace=False)`: zeroes elements with probability `p` in training
/// (scaling the rest by 1/(1 − p), masks drawn from `Generator.global` as PyTorch draws them);
/// the identity in evaluation mode.
public final class Dropout: Module {
    /// Probability of an element being zeroed.
    public let p: Double
    /// Whether the input is modified in place.
    public let inplace: Bool

    /// A dropout layer; `p` outside [0, 1] raises PyTorch's ValueError.
    public init(p: Double = 0.5, inplace: Bool = false) throws {
        guard p >= 0 && p <= 1 else {
            throw TensorError.value("dropout probability has to be between 0 and 1, but got \(formatPythonFloat(p))")
        }
        self.p = p
        self.inplace = inplace
        super.init()
    }

    override public func hasAttribute(_ name: String) -> Bool { name == "p" || name == "inplace" || super.hasAttribute(name) }

    /// `p=0.5, inplace=False`.
    override public func extraRepr() -> String { "p=\(formatPythonFloat(p)), inplace=\(inplace ? "True" : "False")" }

    override public func forward(_ inputs: [ModuleValue], keywords: [(String, ModuleValue)]) throws -> ModuleValue {
        .tensor(try forward(singleTensorArgument(inputs, keywords, function: "dropout")))
    }

    /// Typed forward: `F.dropout(x, p, training, inplace)`.
    public func forward(_ x: Tensor) throws -> Tensor {
        inplace ? try x.dropoutInPlace(p: p, training: training) : try x.dropout(p: p, training: training)
    }
}
