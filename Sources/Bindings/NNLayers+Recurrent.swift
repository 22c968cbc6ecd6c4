import Engine
import Script

extension NNLayers {
    /// The attributes every RNN/LSTM/GRU has.
    static let rnnAttributes: [(String, (Module) -> PyObject?)] = [
        attr("input_size", RNNBase.self) { int($0.inputSize) },
        attr("hidden_size", RNNBase.self) { int($0.hiddenSize) },
        attr("num_layers", RNNBase.self) { int($0.numLayers) },
        attr("bias", RNNBase.self) { bool($0.bias) },
        attr("batch_first", RNNBase.self) { bool($0.batchFirst) },
        attr("dropout", RNNBase.self) { float($0.dropout) },
        attr("bidirectional", RNNBase.self) { bool($0.bidirectional) },
        attr("proj_size", RNNBase.self) { int($0.projSize) },
    ]

    /// The attributes every cell has.
    static let cellAttributes: [(String, (Module) -> PyObject?)] = [
        attr("input_size", RNNCellBase.self) { int($0.inputSize) },
        attr("hidden_size", RNNCellBase.self) { int($0.hiddenSize) },
        attr("bias", RNNCellBase.self) { bool($0.bias) },
    ]

    /// RNN LSTM GRU and their cells.
    static let recurrent: [LayerSpec] = [
        LayerSpec(name: "RNN", file: "rnn", parameters: "input_size, hidden_size, num_layers=, nonlinearity=, bias=, batch_first=, dropout=, bidirectional=, device=, dtype=",
                  type: RNN.self, make: { a in
                      try RNN(a.int(1, 0), a.int(2, 0), numLayers: a.int(3, 1), nonlinearity: a.string(4, "tanh"),
                              bias: a.bool(5, true), batchFirst: a.bool(6, false), dropout: a.double(7, 0),
                              bidirectional: a.bool(8, false), dtype: a.factory(device: 9, dtype: 10))
                  }, attributes: rnnAttributes + [attr("nonlinearity", RNN.self) { str($0.nonlinearity) }]),
        LayerSpec(name: "LSTM", file: "rnn", parameters: "input_size, hidden_size, num_layers=, bias=, batch_first=, dropout=, bidirectional=, proj_size=, device=, dtype=",
                  type: LSTM.self, make: { a in
                      try LSTM(a.int(1, 0), a.int(2, 0), numLayers: a.int(3, 1), bias: a.bool(4, true),
                               batchFirst: a.bool(5, false), dropout: a.double(6, 0), bidirectional: a.bool(7, false),
                               projSize: a.int(8, 0), dtype: a.factory(device: 9, dtype: 10))
                  }, attributes: rnnAttributes),
        LayerSpec(name: "GRU", file: "rnn", parameters: "input_size, hidden_size, num_layers=, bias=, batch_first=, dropout=, bidirectional=, device=, dtype=",
                  type: GRU.self, make: { a in
                      try GRU(a.int(1, 0), a.int(2, 0), numLayers: a.int(3, 1), bias: a.bool(4, true),
                              batchFirst: a.bool(5, false), dropout: a.double(6, 0), bidirectional: a.bool(7, false),
                              dtype: a.factory(device: 8, dtype: 9))
                  }, attributes: rnnAttributes),
        LayerSpec(name: "RNNCell", file: "rnn", parameters: "input_size, hidden_size, bias=, nonlinearity=, device=, dtype=",
                  type: RNNCell.self, make: { a in
                      try RNNCell(a.int(1, 0), a.int(2, 0), bias: a.bool(3, true), nonlinearity: a.string(4, "tanh"),
                                  dtype: a.factory(device: 5, dtype: 6))
                  }, attributes: cellAttributes + [attr("nonlinearity", RNNCell.self) { str($0.nonlinearity) }]),
        LayerSpec(name: "LSTMCell", file: "rnn", parameters: "input_size, hidden_size, bias=, device=, dtype=",
                  type: LSTMCell.self, make: { a in
                      try LSTMCell(a.int(1, 0), a.int(2, 0), bias: a.bool(3, true), dtype: a.factory(device: 4, dtype: 5))
                  }, attributes: cellAttributes),
        LayerSpec(name: "GRUCell", file: "rnn", parameters: "input_size, hidden_size, bias=, device=, dtype=",
                  type: GRUCell.self, make: { a in
                      try GRUCell(a.int(1, 0), a.int(2, 0), bias: a.bool(3, true), dtype: a.factory(device: 4, dtype: 5))
                  }, attributes: cellAttributes),
    ]
}
