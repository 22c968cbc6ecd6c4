import Foundation

/// `nn.RNNBase`: what `RNN`, `LSTM` and `GRU` share — PyTorch's constructor checks, parameters
/// `weight_ih_l{k}{_reverse}`, `weight_hh_l…`, `bias_ih_l…`, `bias_hh_l…` registered in
/// PyTorch's order and initialised uniform(±1/√hidden_size) from `Generator.global` in that
/// order, the forward-argument checks and `extra_repr`.
public class RNNBase: Module {
    /// The cell the layers run.
    public let mode: Recurrent.Mode
    /// Features of each input step.
    public let inputSize: Int
    /// Features of the hidden state.
    public let hiddenSize: Int
    /// Stacked layers.
    public let numLayers: Int
    /// Whether the layers have bias vectors.
    public let bias: Bool
    /// Inputs and outputs are (batch, seq, feature) instead of (seq, batch, feature).
    public let batchFirst: Bool
    /// Dropout probability on the outputs of every layer but the last, while training.
    public let dropout: Double
    /// Whether each layer also runs the sequence backwards.
    public let bidirectional: Bool
    /// LSTM projection size (always 0: projections are not implemented).
    public let projSize: Int
    /// PyTorch's `_flat_weights_names`: every parameter name in registration order.
    public let flatWeightsNames: [String]

    /// Checks the arguments as `RNNBase.__init__` does, registers and initialises the parameters.
    init(mode: Recurrent.Mode, inputSize: Int, hiddenSize: Int, numLayers: Int, bias: Bool, batchFirst: Bool,
         dropout: Double, bidirectional: Bool, projSize: Int, dtype: DType?) throws {
        guard dropout >= 0 && dropout <= 1 else {
            throw TensorError.value("dropout should be a number in range [0, 1] representing the probability of an element being zeroed")
        }
        if dropout > 0 && numLayers == 1 {
            Autograd.warn("dropout option adds dropout after all but last recurrent layer, so non-zero dropout expects num_layers greater than 1, but got dropout=\(formatPythonFloat(dropout)) and num_layers=\(numLayers)")
        }
        guard inputSize > 0 else { throw TensorError.value("input_size must be greater than zero") }
        guard hiddenSize > 0 else { throw TensorError.value("hidden_size must be greater than zero") }
        guard numLayers > 0 else { throw TensorError.value("num_layers must be greater than zero") }
        guard projSize >= 0 else {
            throw TensorError.value("proj_size should be a positive integer or zero to disable projections")
        }
        guard projSize < hiddenSize else { throw TensorError.value("proj_size has to be smaller than hidden_size") }
        guard projSize == 0 else { throw TensorError.notImplemented("LSTM(proj_size=...) is not implemented in wick") }
        let (gates, gatesOverflow) = mode.gateMultiplier.multipliedReportingOverflow(by: hiddenSize)
        let (_, layersOverflow) = numLayers.multipliedReportingOverflow(by: 8)
        guard !gatesOverflow, !layersOverflow, hiddenSize <= Int.max / 4 else {
            throw TensorError.runtime("\(mode.rawValue): hidden_size \(hiddenSize) or num_layers \(numLayers) is too large")
        }
        (self.mode, self.inputSize, self.hiddenSize, self.numLayers) = (mode, inputSize, hiddenSize, numLayers)
        (self.bias, self.batchFirst, self.dropout, self.bidirectional, self.projSize) = (bias, batchFirst, dropout, bidirectional, projSize)
        let directions = bidirectional ? 2 : 1, gateSize = gates
        var names: [String] = [], shapes: [[Int]] = []
        for layer in 0..<numLayers {
            for direction in 0..<directions {
                let suffix = "_l\(layer)" + (direction == 1 ? "_reverse" : "")
                let layerInput = layer == 0 ? inputSize : hiddenSize * directions
                names += ["weight_ih" + suffix, "weight_hh" + suffix]
                shapes += [[gateSize, layerInput], [gateSize, hiddenSize]]
                if bias {
                    names += ["bias_ih" + suffix, "bias_hh" + suffix]
                    shapes += [[gateSize], [gateSize]]
                }
            }
        }
        flatWeightsNames = names
        super.init()
        let dtype = dtype ?? DType.defaultFloat
        for (name, shape) in zip(names, shapes) {
            try checkShape(shape, dtype: dtype)
            try registerParameter(name, Tensor(zeros: shape, dtype: dtype))
        }
        try resetParameters()
    }

    /// `reset_parameters()`: every parameter uniform(−1/√hidden_size, 1/√hidden_size), in order.
    override public func resetParameters() throws {
        let stdv = hiddenSize > 0 ? 1 / Double(hiddenSize).squareRoot() : 0
        for p in parameters() { try Init.uniform_(p, a: -stdv, b: stdv) }
    }

    override public func hasAttribute(_ name: String) -> Bool {
        ["mode", "input_size", "hidden_size", "num_layers", "bias", "batch_first", "dropout", "bidirectional",
         "proj_size", "_flat_weights_names"].contains(name) || super.hasAttribute(name)
    }

    /// `32, 128, batch_first=True`: the sizes, then every option that differs from its default.
    override public func extraRepr() -> String {
        var s = "\(inputSize), \(hiddenSize)"
        if projSize != 0 { s += ", proj_size=\(projSize)" }
        if numLayers != 1 { s += ", num_layers=\(numLayers)" }
        if !bias { s += ", bias=False" }
        if batchFirst { s += ", batch_first=True" }
        if dropout != 0 { s += ", dropout=\(formatPythonFloat(dropout))" }
        if bidirectional { s += ", bidirectional=True" }
        return s
    }

    /// The parameters in `_flat_weights` order, read now (scripts may have replaced them).
    func flatWeights() throws -> [Tensor] { try flatWeightsNames.map { try requiredParameter($0) } }

    /// Adds the batch dimension to an unbatched input; nil batch dim means batched.
    func prepareInput(_ input: Tensor, name: String, tensorWord: Bool) throws -> (input: Tensor, batchDim: Int?) {
        guard input.dim == 2 || input.dim == 3 else {
            throw TensorError.value("\(name): Expected input to be 2D or 3D, got \(input.dim)D\(tensorWord ? " tensor" : "") instead")
        }
        if input.dim == 3 { return (input, nil) }
        let batchDim = batchFirst ? 0 : 1
        return (try input.unsqueeze(batchDim), batchDim)
    }

    /// `check_input`: dtype against the weights, dimensions, input_size.
    func checkInput(_ input: Tensor, _ weights: [Tensor]) throws {
        if let w = weights.first, w.dtype != input.dtype {
            throw TensorError.value("RNN input dtype (\(input.dtype)) does not match weight dtype (\(w.dtype)). Convert input: input.to(\(w.dtype)), or convert model: model.to(\(input.dtype))")
        }
        guard input.dim == 3 else { throw TensorError.runtime("input must have 3 dimensions, got \(input.dim)") }
        guard input.shape[2] == inputSize else {
            throw TensorError.runtime("input.size(-1) must be equal to input_size. Expected \(inputSize), got \(input.shape[2])")
        }
    }

    /// The (num_layers·directions, batch, hidden) every state must have.
    func expectedHiddenSize(_ input: Tensor) -> [Int] {
        [numLayers * (bidirectional ? 2 : 1), input.shape[batchFirst ? 0 : 1], hiddenSize]
    }

    /// `check_hidden_size` with PyTorch's message template ("Expected hidden size {}, got {}").
    func checkHiddenSize(_ hx: Tensor, _ expected: [Int], label: String) throws {
        guard hx.shape != expected else { return }
        let tuple = "(" + expected.map(String.init).joined(separator: ", ") + ")"
        throw TensorError.runtime("Expected \(label) size \(tuple), got \(formatShapeList(hx.shape))")
    }

    /// The first positional/keyword argument as the input tensor (PyTorch reads `input.dim()`).
    func inputArgument(_ value: ModuleValue?) throws -> Tensor {
        let value = value ?? .none
        if case .tensor(let t) = value { return t }
        if case .opaque(let object) = value, String(describing: type(of: object)).contains("PackedSequence") {
            throw TensorError.notImplemented("\(typeName) on a PackedSequence is not implemented in wick")
        }
        throw ModuleError(.attribute, "'\(value.pythonTypeName)' object has no attribute 'dim'")
    }
}

/// `nn.RNN(input_size, hidden_size, num_layers=1, nonlinearity='tanh', bias=True,
/// batch_first=False, dropout=0.0, bidirectional=False)`: an Elman RNN,
/// h_t = tanh(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh) (or relu).
public final class RNN: RNNBase {
    /// "tanh" or "relu".
    public let nonlinearity: String

    /// An RNN with fresh parameters drawn from `Generator.global`.
    public init(_ inputSize: Int, _ hiddenSize: Int, numLayers: Int = 1, nonlinearity: String = "tanh",
                bias: Bool = true, batchFirst: Bool = false, dropout: Double = 0, bidirectional: Bool = false,
                dtype: DType? = nil) throws {
        let mode: Recurrent.Mode
        switch nonlinearity {
        case "tanh": mode = .rnnTanh
        case "relu": mode = .rnnRelu
        default: throw TensorError.value("Unknown nonlinearity '\(nonlinearity)'. Select from 'tanh' or 'relu'.")
        }
        self.nonlinearity = nonlinearity
        try super.init(mode: mode, inputSize: inputSize, hiddenSize: hiddenSize, numLayers: numLayers, bias: bias,
                       batchFirst: batchFirst, dropout: dropout, bidirectional: bidirectional, projSize: 0, dtype: dtype)
    }

    override public func hasAttribute(_ name: String) -> Bool { name == "nonlinearity" || super.hasAttribute(name) }

    override public func forward(_ inputs: [ModuleValue], keywords: [(String, ModuleValue)]) throws -> ModuleValue {
        try dynamicSingleStateForward(inputs, keywords)
    }

    /// Typed forward: `(output, h_n)` for an input (seq, batch, input_size) — (batch, seq, …)
    /// with batch_first, (seq, input_size) unbatched — and an optional initial h.
    public func forward(_ input: Tensor, _ hx: Tensor? = nil) throws -> (output: Tensor, h: Tensor) {
        try singleStateForward(input, hx, name: "RNN", tensorWord: true)
    }
}

/// `nn.GRU(input_size, hidden_size, num_layers=1, bias=True, batch_first=False, dropout=0.0,
/// bidirectional=False)`: gated recurrent units (reset, update and new gates).
public final class GRU: RNNBase {
    /// A GRU with fresh parameters drawn from `Generator.global`.
    public init(_ inputSize: Int, _ hiddenSize: Int, numLayers: Int = 1, bias: Bool = true, batchFirst: Bool = false,
                dropout: Double = 0, bidirectional: Bool = false, dtype: DType? = nil) throws {
        try super.init(mode: .gru, inputSize: inputSize, hiddenSize: hiddenSize, numLayers: numLayers, bias: bias,
                       batchFirst: batchFirst, dropout: dropout, bidirectional: bidirectional, projSize: 0, dtype: dtype)
    }

    override public func forward(_ inputs: [ModuleValue], keywords: [(String, ModuleValue)]) throws -> ModuleValue {
        try dynamicSingleStateForward(inputs, keywords)
    }

    /// Typed forward: `(output, h_n)`, as `RNN.forward`.
    public func forward(_ input: Tensor, _ hx: Tensor? = nil) throws -> (output: Tensor, h: Tensor) {
        try singleStateForward(input, hx, name: "GRU", tensorWord: false)
    }
}

extension RNNBase {
    /// The dynamic forward of RNN and GRU: `forward(input, hx=None)` → `(output, h_n)`.
    func dynamicSingleStateForward(_ inputs: [ModuleValue], _ keywords: [(String, ModuleValue)]) throws -> ModuleValue {
        let bound = try bindArguments(inputs, keywords, names: ["input", "hx"], required: 1)
        let input = try inputArgument(bound[0])
        var hx: Tensor?
        switch bound[1] ?? .none {
        case .none: hx = nil
        case .tensor(let t): hx = t
        case let other: throw ModuleError(.attribute, "'\(other.pythonTypeName)' object has no attribute 'dim'")
        }
        let r = try singleStateForward(input, hx, name: mode == .gru ? "GRU" : "RNN", tensorWord: mode != .gru)
        return .tuple([.tensor(r.output), .tensor(r.h)])
    }

    /// `RNN.forward` / `GRU.forward` for a tensor input.
    func singleStateForward(_ input: Tensor, _ hx: Tensor?, name: String, tensorWord: Bool) throws -> (output: Tensor, h: Tensor) {
        let (x, batchDim) = try prepareInput(input, name: name, tensorWord: tensorWord)
        var h = hx
        if let given = hx {
            if batchDim != nil {
                guard given.dim == 2 else {
                    throw TensorError.runtime("For unbatched 2-D input, hx should also be 2-D but got \(given.dim)-D tensor")
                }
                h = try given.unsqueeze(1)
            } else if given.dim != 3 {
                throw TensorError.runtime("For batched 3-D input, hx should also be 3-D but got \(given.dim)-D tensor")
            }
        }
        let weights = try flatWeights()
        let state = try h ?? Tensor.zeros(expectedHiddenSize(x), dtype: x.dtype)
        try checkInput(x, weights)
        try checkHiddenSize(state, expectedHiddenSize(x), label: "hidden")
        var r = try Recurrent.rnn(mode, x, hx: state, params: weights, hasBiases: bias, numLayers: numLayers,
                                  dropout: dropout, train: training, bidirectional: bidirectional, batchFirst: batchFirst)
        if let batchDim { r = (try r.output.squeeze(batchDim), try r.h.squeeze(1)) }
        return r
    }
}

/// `nn.LSTM(input_size, hidden_size, num_layers=1, bias=True, batch_first=False, dropout=0.0,
/// bidirectional=False, proj_size=0)`: long short-term memory layers (input, forget, cell and
/// output gates). `proj_size > 0` raises NotImplementedError.
public final class LSTM: RNNBase {
    /// An LSTM with fresh parameters drawn from `Generator.global`.
    public init(_ inputSize: Int, _ hiddenSize: Int, numLayers: Int = 1, bias: Bool = true, batchFirst: Bool = false,
                dropout: Double = 0, bidirectional: Bool = false, projSize: Int = 0, dtype: DType? = nil) throws {
        try super.init(mode: .lstm, inputSize: inputSize, hiddenSize: hiddenSize, numLayers: numLayers, bias: bias,
                       batchFirst: batchFirst, dropout: dropout, bidirectional: bidirectional, projSize: projSize, dtype: dtype)
    }

    /// `forward(input, hx=None)` → `(output, (h_n, c_n))`; `hx` is a tuple `(h_0, c_0)`.
    override public func forward(_ inputs: [ModuleValue], keywords: [(String, ModuleValue)]) throws -> ModuleValue {
        let bound = try bindArguments(inputs, keywords, names: ["input", "hx"], required: 1)
        let input = try inputArgument(bound[0])
        var hx: (Tensor, Tensor)?
        switch bound[1] ?? .none {
        case .none: hx = nil
        case .tuple(let items):
            guard items.count == 2, let h = items[0].tensor, let c = items[1].tensor else {
                throw TensorError.type("LSTM.forward(): hx must be a tuple of two tensors (h_0, c_0)")
            }
            hx = (h, c)
        case let other: throw TensorError.type("LSTM.forward(): hx must be a tuple (h_0, c_0), not \(other.pythonTypeName)")
        }
        let r = try forward(input, hx)
        return .tuple([.tensor(r.output), .tuple([.tensor(r.h), .tensor(r.c)])])
    }

    /// Typed forward: `(output, h_n, c_n)` for an input (seq, batch, input_size) — (batch,
    /// seq, …) with batch_first, (seq, input_size) unbatched — and optional `(h_0, c_0)`.
    public func forward(_ input: Tensor, _ hx: (Tensor, Tensor)? = nil) throws -> (output: Tensor, h: Tensor, c: Tensor) {
        let (x, batchDim) = try prepareInput(input, name: "LSTM", tensorWord: false)
        let weights = try flatWeights()
        let expected = expectedHiddenSize(x)
        var state: (Tensor, Tensor)
        if let (h, c) = hx {
            if batchDim == nil {
                guard h.dim == 3 && c.dim == 3 else {
                    throw TensorError.runtime("For batched 3-D input, hx and cx should also be 3-D but got (\(h.dim)-D, \(c.dim)-D) tensors")
                }
                state = (h, c)
            } else {
                guard h.dim == 2 && c.dim == 2 else {
                    throw TensorError.runtime("For unbatched 2-D input, hx and cx should also be 2-D but got (\(h.dim)-D, \(c.dim)-D) tensors")
                }
                state = (try h.unsqueeze(1), try c.unsqueeze(1))
            }
        } else {
            state = (try Tensor.zeros(expected, dtype: x.dtype), try Tensor.zeros(expected, dtype: x.dtype))
        }
        try checkInput(x, weights)
        try checkHiddenSize(state.0, expected, label: "hidden[0]")
        try checkHiddenSize(state.1, expected, label: "hidden[1]")
        var r = try Recurrent.lstm(x, hx: state, params: weights, hasBiases: bias, numLayers: numLayers, dropout: dropout,
                                   train: training, bidirectional: bidirectional, batchFirst: batchFirst)
        if let batchDim { r = (try r.output.squeeze(batchDim), try r.h.squeeze(1), try r.c.squeeze(1)) }
        return r
    }
}
