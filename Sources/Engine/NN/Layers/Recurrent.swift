/// Recurrent networks as PyTorch's CPU backend runs them (`_VF.rnn_tanh`, `_VF.lstm`,
/// `_VF.gru`): layer after layer, each direction over the whole sequence, dropout between
/// layers, final states stacked.
///
/// float32 LSTMs take PyTorch's oneDNN path: each layer direction is one fused node
/// (`MkldnnRnnLayerBackward0`, Recurrent+LSTMLayer.swift). Every other case takes PyTorch's
/// native path, composed of ordinary ops: the inputs of all steps projected at once, then per
/// step a hidden projection and the cell's gate math, the step outputs stacked
/// (`StackBackward0`) and the directions concatenated (`CatBackward0`).
public enum Recurrent {
    /// The cell a recurrent layer runs (PyTorch's `mode`).
    public enum Mode: String {
        case rnnTanh = "RNN_TANH", rnnRelu = "RNN_RELU", lstm = "LSTM", gru = "GRU"

        /// Rows of the weight matrices per hidden unit: 1, 4 (i, f, g, o) or 3 (r, z, n).
        public var gateMultiplier: Int {
            switch self {
            case .rnnTanh, .rnnRelu: return 1
            case .lstm: return 4
            case .gru: return 3
            }
        }
    }

    /// `_VF.lstm(input, (h0, c0), params, has_biases, num_layers, dropout, train,
    /// bidirectional, batch_first)`: `params` holds w_ih, w_hh[, b_ih, b_hh] per layer and
    /// direction in PyTorch's order; states are (num_layers·directions, batch, hidden).
    /// Returns the output sequence and the stacked final h and c.
    public static func lstm(_ input: Tensor, hx: (Tensor, Tensor), params: [Tensor], hasBiases: Bool,
                            numLayers: Int, dropout: Double, train: Bool, bidirectional: Bool,
                            batchFirst: Bool) throws -> (output: Tensor, h: Tensor, c: Tensor) {
        let r = try run(.lstm, input, h0: hx.0, c0: hx.1, params: params, hasBiases: hasBiases, numLayers: numLayers,
                        dropout: dropout, train: train, bidirectional: bidirectional, batchFirst: batchFirst)
        guard let c = r.c else { throw TensorError.runtime("lstm: no cell state was produced") }
        return (r.output, r.h, c)
    }

    /// `_VF.rnn_tanh` / `_VF.rnn_relu` / `_VF.gru` (mode `.rnnTanh`, `.rnnRelu`, `.gru`):
    /// the output sequence and the stacked final hidden states.
    public static func rnn(_ mode: Mode, _ input: Tensor, hx: Tensor, params: [Tensor], hasBiases: Bool,
                           numLayers: Int, dropout: Double, train: Bool, bidirectional: Bool,
                           batchFirst: Bool) throws -> (output: Tensor, h: Tensor) {
        guard mode != .lstm else { throw TensorError.runtime("rnn: use Recurrent.lstm for LSTM (it has two states)") }
        let r = try run(mode, input, h0: hx, c0: nil, params: params, hasBiases: hasBiases, numLayers: numLayers,
                        dropout: dropout, train: train, bidirectional: bidirectional, batchFirst: batchFirst)
        return (r.output, r.h)
    }

    /// The layer loop shared by every mode (`forceFused` runs a float64 LSTM through the
    /// fused layer too, for gradcheck).
    static func run(_ mode: Mode, _ input: Tensor, h0: Tensor, c0: Tensor?, params: [Tensor], hasBiases: Bool,
                    numLayers: Int, dropout: Double, train: Bool, bidirectional: Bool,
                    batchFirst: Bool, forceFused: Bool = false) throws -> (output: Tensor, h: Tensor, c: Tensor?) {
        let directions = bidirectional ? 2 : 1, perLayer = hasBiases ? 4 : 2
        guard input.dim == 3 else { throw TensorError.runtime("input must have 3 dimensions, got \(input.dim)") }
        guard numLayers > 0, numLayers <= params.count, params.count == numLayers * directions * perLayer else {
            throw TensorError.runtime("\(mode.rawValue): expected \(perLayer) parameter tensors per layer and direction for \(numLayers) layers, got \(params.count)")
        }
        guard h0.dim == 3, h0.shape[0] == numLayers * directions, c0.map({ $0.dim == 3 && $0.shape[0] == h0.shape[0] }) ?? true else {
            throw TensorError.runtime("\(mode.rawValue): expected hidden states of shape (\(numLayers * directions), batch, hidden)")
        }
        let fused = mode == .lstm && (input.dtype == .float32 || forceFused) && input.numel > 0
        var layerInput = batchFirst ? try input.transpose(0, 1) : input
        if !fused && layerInput.shape[0] == 0 {
            throw TensorError.runtime("Expected sequence length to be larger than 0 in RNN")
        }
        let hs = try h0.unbind(dim: 0), cs = try c0?.unbind(dim: 0)
        var finalH: [Tensor] = [], finalC: [Tensor] = []
        for layer in 0..<numLayers {
            var outputs: [Tensor] = []
            for direction in 0..<directions {
                let index = layer * directions + direction, p = index * perLayer
                let weights = LayerWeights(wIH: params[p], wHH: params[p + 1],
                                           bIH: hasBiases ? params[p + 2] : nil, bHH: hasBiases ? params[p + 3] : nil)
                let r = try layerRun(mode, layerInput, weights, h0: hs[index], c0: cs?[index],
                                     reverse: direction == 1, fused: fused)
                outputs.append(r.output)
                finalH.append(r.h)
                if let c = r.c { finalC.append(c) }
            }
            layerInput = outputs.count == 1 ? outputs[0] : try Tensor.cat(outputs, dim: -1)
            if dropout != 0 && train && layer < numLayers - 1 {
                layerInput = try layerInput.dropout(p: dropout, training: true)
            }
        }
        var output = layerInput
        if batchFirst {
            // PyTorch transposes the LSTM result out of place, the RNN/GRU result in place.
            output = mode == .lstm ? try output.transpose(0, 1) : transposedInPlace(output)
        }
        return (output, try Tensor.stack(finalH, dim: 0), mode == .lstm ? try Tensor.stack(finalC, dim: 0) : nil)
    }

    /// One layer direction's parameters.
    struct LayerWeights {
        let wIH: Tensor, wHH: Tensor, bIH: Tensor?, bHH: Tensor?
    }

    /// One direction of one layer over the sequence (seq, batch, features).
    static func layerRun(_ mode: Mode, _ input: Tensor, _ w: LayerWeights, h0: Tensor, c0: Tensor?,
                         reverse: Bool, fused: Bool) throws -> (output: Tensor, h: Tensor, c: Tensor?) {
        if fused, let c0 {
            let r = try lstmLayer(input, wIH: w.wIH, wHH: w.wHH, bIH: w.bIH, bHH: w.bHH, h0: h0, c0: c0, reverse: reverse)
            return (r.output, r.h, r.c)
        }
        let (steps, batch) = (input.shape[0], input.shape[1])
        let projected = try linear(input.reshape([steps * batch, input.shape[2]]), w.wIH, w.bIH)
        let perStep = try projected.view([steps, batch, projected.shape[1]]).unbind(dim: 0)
        var h = h0, c = c0
        var outputs = [Tensor](repeating: h0, count: steps)
        for s in 0..<steps {
            let t = reverse ? steps - 1 - s : s
            (h, c) = try cellStep(mode, inputGates: perStep[t], h: h, c: c, wHH: w.wHH, bHH: w.bHH)
            outputs[t] = h
        }
        return (try Tensor.stack(outputs, dim: 0), h, c)
    }

    /// `at::linear(x, w, b)` on a matrix: addmm with the bias, mm without.
    static func linear(_ x: Tensor, _ w: Tensor, _ b: Tensor?) throws -> Tensor {
        if let b { return try b.addmm(x, w.t()) }
        return try x.mm(w.t())
    }

    /// `result.transpose_(0, 1)` on a fresh result: the same data with dims 0 and 1 swapped,
    /// grad_fn `TransposeBackward1` (PyTorch's in-place transpose).
    static func transposedInPlace(_ t: Tensor) -> Tensor {
        var shape = t.shape, strides = t.strides
        shape.swapAt(0, 1)
        strides.swapAt(0, 1)
        let out = Tensor(storage: t.storage, shape: shape, strides: strides, offset: t.storageOffset, version: t.version)
        recordOp("TransposeBackward1", inputs: [t], outputs: [out]) { g, _ in [try g[0].transpose(0, 1)] }
        return out
    }
}
