/// `nn.RNNCellBase` and the cells `RNNCell`, `LSTMCell`, `GRUCell`: one timestep, on a batch
/// (batch, input_size) or an unbatched 1-d input; parameters `weight_ih`, `weight_hh`,
/// `bias_ih`, `bias_hh` initialised uniform(±1/√hidden_size) from `Generator.global`.
public class RNNCellBase: Module {
    /// Features of the input.
    public let inputSize: Int
    /// Features of the hidden state.
    public let hiddenSize: Int
    /// Whether the cell has bias vectors.
    public let bias: Bool

    init(inputSize: Int, hiddenSize: Int, bias: Bool, gates: Int, dtype: DType?) throws {
        (self.inputSize, self.hiddenSize, self.bias) = (inputSize, hiddenSize, bias)
        super.init()
        let dtype = dtype ?? DType.defaultFloat
        let (rows, overflow) = gates.multipliedReportingOverflow(by: hiddenSize)
        guard !overflow else { throw TensorError.runtime("hidden_size \(hiddenSize) is too large") }
        try checkShape([rows, inputSize], dtype: dtype)
        try checkShape([rows, hiddenSize], dtype: dtype)
        try registerParameter("weight_ih", Tensor(zeros: [rows, inputSize], dtype: dtype))
        try registerParameter("weight_hh", Tensor(zeros: [rows, hiddenSize], dtype: dtype))
        try registerParameter("bias_ih", bias ? Tensor(zeros: [rows], dtype: dtype) : nil)
        try registerParameter("bias_hh", bias ? Tensor(zeros: [rows], dtype: dtype) : nil)
        try resetParameters()
    }

    /// `reset_parameters()`: every parameter uniform(−1/√hidden_size, 1/√hidden_size), in order.
    override public func resetParameters() throws {
        let stdv = hiddenSize > 0 ? 1 / Double(hiddenSize).squareRoot() : 0
        for p in parameters() { try Init.uniform_(p, a: -stdv, b: stdv) }
    }

    override public func hasAttribute(_ name: String) -> Bool {
        ["input_size", "hidden_size", "bias"].contains(name) || super.hasAttribute(name)
    }

    /// `4, 3` plus `bias=False` when there is no bias (RNNCell adds its nonlinearity).
    override public func extraRepr() -> String { "\(inputSize), \(hiddenSize)" + (bias ? "" : ", bias=False") }

    /// (weight_ih, weight_hh, bias_ih, bias_hh) as they are now.
    func weights() throws -> (Tensor, Tensor, Tensor?, Tensor?) {
        (try requiredParameter("weight_ih"), try requiredParameter("weight_hh"), parameter("bias_ih"), parameter("bias_hh"))
    }

    /// The input argument of a cell's dynamic forward.
    func cellInput(_ value: ModuleValue?) throws -> Tensor {
        let value = value ?? .none
        if case .tensor(let t) = value { return t }
        throw ModuleError(.attribute, "'\(value.pythonTypeName)' object has no attribute 'dim'")
    }

    /// `RNNCell.forward` / `GRUCell.forward`: checks dims, adds/removes the batch dimension.
    func singleStateCell(_ input: Tensor, _ hx: Tensor?, name: String, mode: () throws -> Recurrent.Mode) throws -> Tensor {
        guard input.dim == 1 || input.dim == 2 else {
            throw TensorError.value("\(name): Expected input to be 1D or 2D, got \(input.dim)D instead")
        }
        if let hx, hx.dim != 1 && hx.dim != 2 {
            throw TensorError.value("\(name): Expected hidden to be 1D or 2D, got \(hx.dim)D instead")
        }
        let batched = input.dim == 2
        let x = batched ? input : try input.unsqueeze(0)
        let h = try hx.map { batched ? $0 : try $0.unsqueeze(0) } ?? Tensor.zeros([x.shape[0], hiddenSize], dtype: x.dtype)
        let (wIH, wHH, bIH, bHH) = try weights()
        let out = try Recurrent.cell(try mode(), x, hx: h, wIH: wIH, wHH: wHH, bIH: bIH, bHH: bHH)
        return batched ? out : try out.squeeze(0)
    }

    /// Binds `forward(input, hx=None)` with hx a tensor or None.
    func bindSingleState(_ inputs: [ModuleValue], _ keywords: [(String, ModuleValue)]) throws -> (Tensor, Tensor?) {
        let bound = try bindArguments(inputs, keywords, names: ["input", "hx"], required: 1)
        let input = try cellInput(bound[0])
        switch bound[1] ?? .none {
        case .none: return (input, nil)
        case .tensor(let t): return (input, t)
        case let other: throw ModuleError(.attribute, "'\(other.pythonTypeName)' object has no attribute 'dim'")
        }
    }
}

/// `nn.RNNCell(input_size, hidden_size, bias=True, nonlinearity='tanh')`:
/// h' = tanh(W_ih x + b_ih + W_hh h + b_hh) (or relu).
public final class RNNCell: RNNCellBase {
    /// "tanh" or "relu" (anything else fails at forward, as in PyTorch).
    public let nonlinearity: String

    /// A cell with fresh parameters drawn from `Generator.global`.
    public init(_ inputSize: Int, _ hiddenSize: Int, bias: Bool = true, nonlinearity: String = "tanh",
                dtype: DType? = nil) throws {
        self.nonlinearity = nonlinearity
        try super.init(inputSize: inputSize, hiddenSize: hiddenSize, bias: bias, gates: 1, dtype: dtype)
    }

    override public func hasAttribute(_ name: String) -> Bool { name == "nonlinearity" || super.hasAttribute(name) }

    /// `4, 3, bias=False, nonlinearity=relu`.
    override public func extraRepr() -> String {
        super.extraRepr() + (nonlinearity == "tanh" ? "" : ", nonlinearity=\(nonlinearity)")
    }

    override public func forward(_ inputs: [ModuleValue], keywords: [(String, ModuleValue)]) throws -> ModuleValue {
        let (input, hx) = try bindSingleState(inputs, keywords)
        return .tensor(try forward(input, hx))
    }

    /// Typed forward: the next hidden state.
    public func forward(_ input: Tensor, _ hx: Tensor? = nil) throws -> Tensor {
        try singleStateCell(input, hx, name: "RNNCell") {
            switch nonlinearity {
            case "tanh": return .rnnTanh
            case "relu": return .rnnRelu
            default: throw TensorError.runtime("Unknown nonlinearity: \(nonlinearity)")
            }
        }
    }
}

/// `nn.GRUCell(input_size, hidden_size, bias=True)`: one GRU step.
public final class GRUCell: RNNCellBase {
    /// A cell with fresh parameters drawn from `Generator.global`.
    public init(_ inputSize: Int, _ hiddenSize: Int, bias: Bool = true, dtype: DType? = nil) throws {
        try super.init(inputSize: inputSize, hiddenSize: hiddenSize, bias: bias, gates: 3, dtype: dtype)
    }

    override public func forward(_ inputs: [ModuleValue], keywords: [(String, ModuleValue)]) throws -> ModuleValue {
        let (input, hx) = try bindSingleState(inputs, keywords)
        return .tensor(try forward(input, hx))
    }

    /// Typed forward: the next hidden state.
    public func forward(_ input: Tensor, _ hx: Tensor? = nil) throws -> Tensor {
        try singleStateCell(input, hx, name: "GRUCell") { .gru }
    }
}

/// `nn.LSTMCell(input_size, hidden_size, bias=True)`: one LSTM step, returning (h', c').
public final class LSTMCell: RNNCellBase {
    /// A cell with fresh parameters drawn from `Generator.global`.
    public init(_ inputSize: Int, _ hiddenSize: Int, bias: Bool = true, dtype: DType? = nil) throws {
        try super.init(inputSize: inputSize, hiddenSize: hiddenSize, bias: bias, gates: 4, dtype: dtype)
    }

    /// `forward(input, hx=None)` with hx a tuple `(h, c)` → the tuple `(h', c')`.
    override public func forward(_ inputs: [ModuleValue], keywords: [(String, ModuleValue)]) throws -> ModuleValue {
        let bound = try bindArguments(inputs, keywords, names: ["input", "hx"], required: 1)
        let input = try cellInput(bound[0])
        var hx: (Tensor, Tensor)?
        switch bound[1] ?? .none {
        case .none: hx = nil
        case .tuple(let items):
            guard items.count == 2, let h = items[0].tensor, let c = items[1].tensor else {
                throw TensorError.type("LSTMCell.forward(): hx must be a tuple of two tensors (h, c)")
            }
            hx = (h, c)
        case let other: throw TensorError.type("LSTMCell.forward(): hx must be a tuple (h, c), not \(other.pythonTypeName)")
        }
        let r = try forward(input, hx)
        return .tuple([.tensor(r.h), .tensor(r.c)])
    }

    /// Typed forward: the next (h, c).
    public func forward(_ input: Tensor, _ hx: (Tensor, Tensor)? = nil) throws -> (h: Tensor, c: Tensor) {
        guard input.dim == 1 || input.dim == 2 else {
            throw TensorError.value("LSTMCell: Expected input to be 1D or 2D, got \(input.dim)D instead")
        }
        if let (h, c) = hx {
            for (idx, value) in [h, c].enumerated() where value.dim != 1 && value.dim != 2 {
                throw TensorError.value("LSTMCell: Expected hx[\(idx)] to be 1D or 2D, got \(value.dim)D instead")
            }
        }
        let batched = input.dim == 2
        let x = batched ? input : try input.unsqueeze(0)
        let state: (Tensor, Tensor)
        if let (h, c) = hx {
            state = batched ? (h, c) : (try h.unsqueeze(0), try c.unsqueeze(0))
        } else {
            let zeros = try Tensor.zeros([x.shape[0], hiddenSize], dtype: x.dtype)
            state = (zeros, zeros)
        }
        let (wIH, wHH, bIH, bHH) = try weights()
        let r = try Recurrent.lstmCell(x, hx: state, wIH: wIH, wHH: wHH, bIH: bIH, bHH: bHH)
        return batched ? r : (try r.h.squeeze(0), try r.c.squeeze(0))
    }
}
