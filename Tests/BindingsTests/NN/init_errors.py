# Constructor argument errors as CPython words them; forward-call errors; pre-hook replacing inputs.
import torch
import torch.nn as nn

cases = [
    lambda: nn.Linear(),
    lambda: nn.Linear(1, 2, True, None, None, 5),
    lambda: nn.Linear(1, 2, foo=3),
    lambda: nn.ReLU(True, 3),
    lambda: nn.Conv2d(1, 2),
    lambda: nn.Sequential(nn.ReLU(), 5),
    lambda: nn.ModuleList([nn.ReLU(), "x"]),
    lambda: nn.Linear(2, 2)(torch.ones(2), torch.ones(2)),
    lambda: nn.Module(3),
    lambda: nn.Linear(2, 2).train("yes"),
]
for f in cases:
    try:
        f()
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
try:
    nn.ModuleDict({"a": nn.ReLU()})["b"]
except KeyError as e:
    print("KeyError:", e)


class Gate(nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = nn.Linear(2, 2)

    def forward(self, x):
        if self.training:
            return self.lin(x)
        return x


torch.manual_seed(9)
g = Gate()
h = g.register_forward_pre_hook(lambda m, args: (args[0] * 0,))
print(g(torch.ones(1, 2)))
h.remove()
g.eval()
print(g(torch.ones(1, 2)))
seen = []
with g.register_forward_hook(lambda m, i, o: seen.append(o.sum().item())):
    g(torch.ones(3))
g(torch.ones(3))
print(seen)
print(g.training, g.lin.training)
