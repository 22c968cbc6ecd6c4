# Sequential / ModuleList / ModuleDict: indexing, slicing, len, iteration, editing, printing.
import torch
import torch.nn as nn
from collections import OrderedDict

torch.manual_seed(5)
s = nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 2), nn.Sigmoid())
print(s)
print(s[0])
print(s[-1])
print(s[1:3])
print(s[::2])
print(len(s), [type(m).__name__ for m in s])
s.append(nn.Softmax(dim=1))
s.insert(0, nn.Identity())
print(s)
del s[0]
print(len(s))
t = s + nn.Sequential(nn.Tanh())
print(t)
named = nn.Sequential(OrderedDict([("fc", nn.Linear(2, 2)), ("act", nn.ReLU())]))
print(named)
print(named.fc is named[0])
l = nn.ModuleList([nn.Linear(1, 1), nn.ReLU()])
l.append(nn.Tanh())
l.extend([nn.Sigmoid()])
l.insert(1, nn.Identity())
print(l)
print(len(l), l[-1], l[1:3])
d = nn.ModuleDict({"a": nn.Linear(1, 2), "b": nn.ReLU()})
d.update({"c": nn.Tanh()})
print(d)
print(list(d.keys()), len(d), "a" in d, "z" in d)
print([type(v).__name__ for v in d.values()])
print([k for k, v in d.items()])
print(d["b"])
x = torch.randn(2, 4)
print(s(x).shape)
s[10]
