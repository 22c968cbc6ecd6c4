# Every bound layer constructed with non-default options: repr, attributes, seeded weights.
import torch
import torch.nn as nn

torch.manual_seed(6)
layers = [
    nn.Linear(3, 2, bias=False), nn.Identity(54, unused=3), nn.Flatten(0, -2), nn.Unflatten(1, (2, 5)),
    nn.ReLU(inplace=True), nn.ReLU6(True), nn.LeakyReLU(0.2, inplace=True), nn.PReLU(3, init=0.1),
    nn.ELU(alpha=0.5), nn.SELU(), nn.CELU(2.0), nn.GELU(approximate="tanh"), nn.SiLU(), nn.Mish(),
    nn.Sigmoid(), nn.Tanh(), nn.Hardtanh(-2.0, 2.5), nn.Softplus(beta=2, threshold=10), nn.Softsign(),
    nn.Softmax(dim=1), nn.LogSoftmax(dim=-1),
    nn.MSELoss(reduction="sum"), nn.L1Loss(), nn.SmoothL1Loss(beta=0.5), nn.HuberLoss(delta=2.0),
    nn.CrossEntropyLoss(label_smoothing=0.1), nn.NLLLoss(ignore_index=1), nn.BCELoss(), nn.BCEWithLogitsLoss(),
    nn.KLDivLoss(reduction="batchmean", log_target=True), nn.CosineEmbeddingLoss(margin=0.5),
    nn.TripletMarginLoss(margin=2.0, p=1.0),
    nn.RNN(4, 3, num_layers=2, nonlinearity="relu"), nn.LSTM(4, 3, batch_first=True, bidirectional=True),
    nn.GRU(2, 5, bias=False), nn.RNNCell(3, 2), nn.LSTMCell(3, 2, bias=False), nn.GRUCell(2, 2),
]
for layer in layers:
    print(repr(layer), "|", layer.extra_repr())
lin = layers[0]
print(lin.weight, lin.bias, lin.in_features, lin.out_features)
print(layers[2].start_dim, layers[2].end_dim, layers[3].unflattened_size)
print(layers[4].inplace, layers[6].negative_slope, layers[7].weight, layers[7].num_parameters)
print(layers[11].approximate, layers[16].min_val, layers[16].max_val, layers[17].beta, layers[19].dim)
print(layers[21].reduction, layers[25].label_smoothing, layers[26].ignore_index, layers[29].log_target)
rnn, lstm, gru = layers[32], layers[33], layers[34]
print(rnn.hidden_size, rnn.num_layers, rnn.nonlinearity, lstm.batch_first, lstm.bidirectional, gru.bias)
print([n for n, _ in lstm.named_parameters()])
print(rnn.weight_hh_l1)
out, (h, c) = lstm(torch.randn(2, 3, 4))
print(out.shape, h.shape, c.shape)
print(layers[35](torch.ones(1, 3)))
print(layers[31](torch.ones(2, 3), torch.zeros(2, 3), torch.ones(2, 3) * 2))
print(layers[25](torch.tensor([[1.0, 2.0, 0.5]]), torch.tensor([1])))
print(layers[7](torch.tensor([[-1.0, 2.0, -3.0]])))
try:
    nn.Linear(2, 2)(None)
except TypeError as e:
    print("TypeError:", e)
try:
    nn.ReLU()(torch.ones(1), torch.ones(1))
except TypeError as e:
    print("TypeError:", e)
print(nn.Linear(2, 2, dtype=torch.float64).weight.dtype)
try:
    nn.Linear(2, 2, device="cuda")
except RuntimeError as e:
    print("RuntimeError (no cuda)")
