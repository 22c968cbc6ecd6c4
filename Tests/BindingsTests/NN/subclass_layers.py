# Script subclasses of layer classes; extra_repr overrides; opaque values through forward.
import torch
import torch.nn as nn

torch.manual_seed(7)


class Scaled(nn.Module):
    def __init__(self, factor):
        super().__init__()
        self.factor = factor

    def extra_repr(self):
        return f"factor={self.factor}"

    def forward(self, x, info):
        info.append(self.factor)
        return x * self.factor, "done"


s = Scaled(3)
print(s)
log = []
y, tag = s(torch.ones(2), log)
print(y, tag, log)
print(nn.Sequential(Scaled(2), nn.Tanh()))


class Wide(nn.Linear):
    def __init__(self):
        super().__init__(2, 3)
        self.note = "wide"


w = Wide()
print(w.in_features, w.note, w.weight.shape, isinstance(w, nn.Linear))
print(w(torch.ones(1, 2)).shape)


class Doubler(nn.Linear):
    def forward(self, x):
        return super().forward(x) * 2


d = Doubler(2, 2)
x = torch.ones(1, 2)
print(torch.allclose(d(x), (x @ d.weight.T + d.bias) * 2), d.forward(x).shape)
model = nn.Module()
print(model)
model.add_module("head", nn.Linear(1, 1))
print(model)
print(model.head.weight.shape)
seq = nn.Sequential(nn.Linear(1, 1))
seq[0].tag = "first"
print(seq[0].tag, seq[0] is seq[0])
