import math
import torch
from torch.nn import init

torch.manual_seed(0)
w = torch.empty(3, 5)
r = torch.nn.init.uniform_(w)
print("uniform_", r is w, w)
print("uniform_ a b", init.uniform_(w, a=-2.0, b=-1.0))
print("normal_", init.normal_(w, mean=1.0, std=0.1))
print("constant_", init.constant_(w, 0.3))
print("constant_ int", init.constant_(torch.empty(2, dtype=torch.int64), 7))
print("ones_", init.ones_(w))
print("zeros_", init.zeros_(w))
print("eye_", init.eye_(w))
print("xavier_uniform_", init.xavier_uniform_(w))
print("xavier_uniform_ gain", init.xavier_uniform_(w, gain=init.calculate_gain('relu')))
print("xavier_normal_", init.xavier_normal_(w))
print("kaiming_uniform_", init.kaiming_uniform_(w))
print("kaiming_uniform_ sqrt5", init.kaiming_uniform_(w, a=math.sqrt(5)))
print("kaiming_uniform_ fan_out relu", init.kaiming_uniform_(w, mode='fan_out', nonlinearity='relu'))
print("kaiming_normal_", init.kaiming_normal_(w))
print("kaiming_normal_ fan_out", init.kaiming_normal_(w, 0.1, 'fan_out', 'leaky_relu'))
print("trunc_normal_", init.trunc_normal_(w, std=0.02))
print("trunc_normal_ ab", init.trunc_normal_(w, mean=0.0, std=1.0, a=-0.5, b=0.5))
print("orthogonal_", init.orthogonal_(w))
q = init.orthogonal_(torch.empty(4, 2), gain=2.0)
print("orthogonal_ tall", q)
print("  q^T q", (q.t() @ q).round(decimals=4) + 0.0)
conv = torch.empty(2, 3, 2, 2)
print("conv kaiming", init.kaiming_uniform_(conv, a=1))
print("fan", init._calculate_fan_in_and_fan_out(conv))
g = torch.Generator().manual_seed(42)
print("generator uniform_", init.uniform_(torch.empty(4), generator=g))
print("generator normal_", init.normal_(torch.empty(4), generator=g))
print("global after", torch.rand(2))

# parameters keep identity and requires_grad, no graph recorded
p = torch.empty(2, 2).requires_grad_()
r = init.normal_(p)
print("param", r is p, p.requires_grad, p.grad_fn, p.is_leaf)
print(p)

for name in ['linear', 'conv2d', 'sigmoid', 'tanh', 'relu', 'leaky_relu', 'selu']:
    print("gain", name, init.calculate_gain(name))
print("gain leaky 0.2", init.calculate_gain('leaky_relu', 0.2))
print("gain leaky 1", init.calculate_gain('leaky_relu', param=1))

for f in [lambda: init.calculate_gain('foo'),
          lambda: init.kaiming_uniform_(w, mode='fan_avg'),
          lambda: init.xavier_uniform_(torch.empty(3)),
          lambda: init.eye_(torch.empty(2, 2, 2)),
          lambda: init.orthogonal_(torch.empty(3)),
          lambda: init.calculate_gain('leaky_relu', 'x'),
          lambda: init.uniform_(w, c=1),
          lambda: init.constant_(w)]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
