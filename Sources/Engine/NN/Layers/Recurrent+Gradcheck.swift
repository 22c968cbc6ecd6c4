/// Gradcheck cases of the recurrent layers and cells (float64): every mode through the
/// native path, and the fused LSTM layer (forced for float64) in every variant.
extension GradcheckCase {
    /// RNN, LSTM, GRU layers (both paths) and their cells.
    static let recurrent: [GradcheckCase] = {
        let (seq, batch, input, hidden) = (3, 2, 3, 2)
        var cases: [GradcheckCase] = []
        // Layers: inputs are x, h0[, c0], then the parameters in PyTorch's order.
        // (name, sequence length, batch, layers, bidirectional, batch_first, bias); the composed paths
        // reuse gradchecked ops, so they get the smaller set.
        typealias Variant = (name: String, seq: Int, batch: Int, layers: Int, bidirectional: Bool, batchFirst: Bool, bias: Bool)
        let small: [Variant] = [("plain", seq, batch, 1, false, false, true), ("no_bias", seq, batch, 1, false, false, false),
                                ("bidirectional_batch_first", seq, batch, 1, true, true, true),
                                ("two_layers_bidirectional", 2, 1, 2, true, false, true)]
        let full: [Variant] = small + [("bidirectional", seq, batch, 1, true, false, true), ("two_layers", seq, batch, 2, false, false, true),
                                       ("batch_first", seq, batch, 1, false, true, true),
                                       ("two_layers_bidirectional_batch_first", 2, batch, 2, true, true, true)]
        let modes: [(String, Recurrent.Mode, fused: Bool)] = [
            ("rnn_tanh", .rnnTanh, false), ("rnn_relu", .rnnRelu, false), ("gru", .gru, false),
            ("lstm", .lstm, false), ("lstm_fused", .lstm, true),
        ]
        for (modeName, mode, fused) in modes {
            // Composed paths: the no-bias and two-layer variants once per building block.
            let composed = small.filter { v in
                (v.name != "no_bias" || mode == .rnnTanh) && (v.layers == 1 || mode == .rnnTanh || mode == .lstm)
            }
            for v in fused ? full : composed {
                let directions = v.bidirectional ? 2 : 1, gates = mode.gateMultiplier * hidden
                var shapes = [v.batchFirst ? [v.batch, v.seq, input] : [v.seq, v.batch, input], [v.layers * directions, v.batch, hidden]]
                if mode == .lstm { shapes.append([v.layers * directions, v.batch, hidden]) }
                for layer in 0..<v.layers {
                    for _ in 0..<directions {
                        shapes += [[gates, layer == 0 ? input : hidden * directions], [gates, hidden]]
                        if v.bias { shapes += [[gates], [gates]] }
                    }
                }
                let states = mode == .lstm ? 2 : 1
                cases.append(GradcheckCase("recurrent/\(modeName)/\(v.name)", shapes: shapes, outputs: { t in
                    let r = try Recurrent.run(mode, t[0], h0: t[1], c0: mode == .lstm ? t[2] : nil,
                                              params: Array(t[(1 + states)...]), hasBiases: v.bias, numLayers: v.layers,
                                              dropout: 0, train: true, bidirectional: v.bidirectional,
                                              batchFirst: v.batchFirst, forceFused: fused)
                    return [r.output, r.h] + (r.c.map { [$0] } ?? [])
                }))
            }
        }
        // Cells: x, h[, c], w_ih, w_hh, b_ih, b_hh.
        for (name, mode) in [("rnn_tanh", Recurrent.Mode.rnnTanh), ("rnn_relu", .rnnRelu), ("gru", .gru), ("lstm", .lstm)] {
            let gates = mode.gateMultiplier * hidden
            var shapes = [[batch, input], [batch, hidden]]
            if mode == .lstm { shapes.append([batch, hidden]) }
            shapes += [[gates, input], [gates, hidden], [gates], [gates]]
            cases.append(GradcheckCase("recurrent/cell/\(name)", shapes: shapes, outputs: { t in
                if mode == .lstm {
                    let r = try Recurrent.lstmCell(t[0], hx: (t[1], t[2]), wIH: t[3], wHH: t[4], bIH: t[5], bHH: t[6])
                    return [r.h, r.c]
                }
                return [try Recurrent.cell(mode, t[0], hx: t[1], wIH: t[2], wHH: t[3], bIH: t[4], bHH: t[5])]
            }))
        }
        return cases
    }()
}
