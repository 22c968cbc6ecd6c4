/// One timestep of each recurrent cell, composed of ordinary ops exactly as PyTorch's CPU
/// cells (aten/src/ATen/native/RNN.cpp) compose them, so the graph, the grad_fn names
/// (`TanhBackward0`, `ReluBackward0`; LSTM h `MulBackward0`, c `AddBackward0`; GRU
/// `AddBackward0`) and double backward follow from the ops; plus the cell functions
/// `_VF.rnn_tanh_cell`, `_VF.rnn_relu_cell`, `_VF.lstm_cell`, `_VF.gru_cell` with PyTorch's
/// checks and messages.
extension Recurrent {
    /// One step of `mode` on a batch: `inputGates` is the input's projection w_ih·x + b_ih
    /// (batch, gates), `h`/`c` the previous states (batch, hidden). Returns the new h and
    /// (LSTM only) the new c.
    static func cellStep(_ mode: Mode, inputGates: Tensor, h: Tensor, c: Tensor?, wHH: Tensor,
                         bHH: Tensor?) throws -> (h: Tensor, c: Tensor?) {
        let hiddenGates = try linear(h, wHH, bHH)
        switch mode {
        case .rnnTanh:
            return (try hiddenGates.add(inputGates).tanh(), nil)
        case .rnnRelu:
            return (try hiddenGates.add(inputGates).relu(), nil)
        case .lstm:
            guard let c else { throw TensorError.runtime("lstm_cell: missing cell state") }
            let gates = try hiddenGates.add(inputGates).chunk(4, dim: 1)
            let inGate = try gates[0].sigmoid(), forgetGate = try gates[1].sigmoid()
            let cellGate = try gates[2].tanh(), outGate = try gates[3].sigmoid()
            let cy = try (forgetGate * c).add(inGate * cellGate)
            return (try outGate * cy.tanh(), cy)
        case .gru:
            let ig = try inputGates.chunk(3, dim: 1), hg = try hiddenGates.chunk(3, dim: 1)
            let resetGate = try hg[0].add(ig[0]).sigmoid()
            let updateGate = try hg[1].add(ig[1]).sigmoid()
            let newGate = try ig[2].add(hg[2] * resetGate).tanh()
            return (try (h - newGate).mul(updateGate).add(newGate), nil)
        }
    }

    /// `_VF.rnn_tanh_cell` / `_VF.rnn_relu_cell` / `_VF.gru_cell` (by `mode`) on a 2-d input
    /// (batch, input_size) and hidden state (batch, hidden_size).
    public static func cell(_ mode: Mode, _ input: Tensor, hx: Tensor, wIH: Tensor, wHH: Tensor,
                            bIH: Tensor?, bHH: Tensor?) throws -> Tensor {
        guard mode != .lstm else { throw TensorError.runtime("cell: use Recurrent.lstmCell for LSTM (it has two states)") }
        try checkCellInput(input, wIH)
        try checkCellHidden(input, hx, wHH, label: 0)
        return try cellStep(mode, inputGates: linear(input, wIH, bIH), h: hx, c: nil, wHH: wHH, bHH: bHH).h
    }

    /// `_VF.lstm_cell(input, (h, c), w_ih, w_hh, b_ih, b_hh)` on 2-d tensors: the new (h, c).
    public static func lstmCell(_ input: Tensor, hx: (Tensor, Tensor), wIH: Tensor, wHH: Tensor,
                                bIH: Tensor?, bHH: Tensor?) throws -> (h: Tensor, c: Tensor) {
        try checkCellInput(input, wIH)
        try checkCellHidden(input, hx.0, wHH, label: 0)
        try checkCellHidden(input, hx.1, wHH, label: 1)
        let r = try cellStep(.lstm, inputGates: linear(input, wIH, bIH), h: hx.0, c: hx.1, wHH: wHH, bHH: bHH)
        guard let c = r.c else { throw TensorError.runtime("lstm_cell: no cell state was produced") }
        return (r.h, c)
    }

    /// `check_rnn_cell_forward_input`.
    static func checkCellInput(_ input: Tensor, _ wIH: Tensor) throws {
        guard input.dim == 2 else {
            throw TensorError.runtime("Expected 2D input (batch x input_size), but got \(input.dim)D tensor")
        }
        guard wIH.dim == 2 else { throw TensorError.runtime("weight_ih must be a matrix, got \(wIH.dim)-D tensor") }
        guard input.shape[1] == wIH.shape[1] else {
            throw TensorError.runtime("input has inconsistent input_size: got \(input.shape[1]) expected \(wIH.shape[1])")
        }
    }

    /// `check_rnn_cell_forward_hidden` for hidden state number `label`.
    static func checkCellHidden(_ input: Tensor, _ hx: Tensor, _ wHH: Tensor, label: Int) throws {
        guard hx.dim == 2 else {
            throw TensorError.runtime("Expected 2D hidden\(label) (batch x hidden_size), but got \(hx.dim)D tensor")
        }
        guard wHH.dim == 2 else { throw TensorError.runtime("weight_hh must be a matrix, got \(wHH.dim)-D tensor") }
        guard input.shape[0] == hx.shape[0] else {
            throw TensorError.runtime("Input batch size \(input.shape[0]) doesn't match hidden\(label) batch size \(hx.shape[0])")
        }
        guard hx.shape[1] == wHH.shape[1] else {
            throw TensorError.runtime("hidden\(label) has inconsistent hidden_size: got \(hx.shape[1]), expected \(wHH.shape[1])")
        }
    }
}
