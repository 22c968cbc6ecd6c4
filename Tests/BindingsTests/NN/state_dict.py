# state_dict round trip and load_state_dict's reports and errors.
import torch
import torch.nn as nn

torch.manual_seed(2)
a = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
b = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
sd = a.state_dict()
print(type(sd).__name__, list(sd.keys()))
print(sd["0.bias"])
print(sd["0.weight"].requires_grad, a.state_dict(keep_vars=True)["0.weight"].requires_grad)
print(b.load_state_dict(sd))
print(torch.equal(a[0].weight, b[0].weight), torch.equal(a[2].bias, b[2].bias))
x = torch.randn(4, 2)
print(torch.equal(a(x), b(x)))
del sd["2.bias"]
sd["extra"] = torch.zeros(1)
r = b.load_state_dict(sd, strict=False)
print(r)
print(r.missing_keys, r.unexpected_keys)
try:
    b.load_state_dict(sd)
except RuntimeError as e:
    print("RuntimeError:", e)
bad = {"0.weight": torch.zeros(5, 2), "0.bias": torch.zeros(3), "2.weight": torch.zeros(1, 3), "2.bias": torch.zeros(1)}
try:
    b.load_state_dict(bad)
except RuntimeError as e:
    print("RuntimeError:", e)
print(list(nn.Linear(1, 1).state_dict(prefix="fc.").keys()))
sd2 = nn.Linear(1, 2).state_dict()
print(sd2.keys())
print(sd2.items())
print("weight" in sd2.keys(), len(sd2.values()))
