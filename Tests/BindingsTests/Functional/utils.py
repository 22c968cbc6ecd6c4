import torch
from torch.nn.utils import clip_grad_norm_, parameters_to_vector, vector_to_parameters

def grads(ps):
    return [p.grad for p in ps]

a = torch.tensor([[3.0, -4.0], [1.0, 2.0]], requires_grad=True)
b = torch.tensor([0.5, -12.0], requires_grad=True)
c = torch.tensor([1.0], requires_grad=True)
(a * torch.tensor([[1.0, 2.0], [3.0, 4.0]])).sum().backward()
(b * b).sum().backward()
ps = [a, b, c]
n = torch.nn.utils.clip_grad_norm_(ps, max_norm=1.0)
print("total norm", n)
print("clipped", grads(ps))
n = clip_grad_norm_(ps, 100.0)
print("no clip", n, grads(ps))
n = torch.nn.utils.clip_grad_norm_(ps, 0.5, norm_type=float('inf'))
print("inf norm", n, grads(ps))
n = torch.nn.utils.clip_grad_norm_(ps, 0.5, norm_type=1)
print("l1 norm", n, grads(ps))
n = torch.nn.utils.clip_grad_norm_(a, 0.1)
print("single tensor", n, a.grad)
print("get_total_norm", torch.nn.utils.get_total_norm([a.grad, b.grad]))
a.grad = torch.tensor([[1.0, -5.0], [0.2, 3.0]])
torch.nn.utils.clip_grad_value_(ps, clip_value=0.5)
print("clip value", grads(ps))
print("clip_grad_value_ returns", torch.nn.utils.clip_grad_value_(ps, 0.5))
print("no grads", torch.nn.utils.clip_grad_norm_([c], 1.0))
b.grad = torch.tensor([float('inf'), 1.0])
try:
    torch.nn.utils.clip_grad_norm_(ps, 1.0, error_if_nonfinite=True)
except RuntimeError as e:
    print("RuntimeError", e)
print("nonfinite allowed", torch.nn.utils.clip_grad_norm_(ps, 1.0), b.grad)

torch.manual_seed(0)
params = [torch.randn(2, 3, requires_grad=True), torch.randn(2, requires_grad=True), torch.randn(1, 2, requires_grad=True), torch.randn(1, requires_grad=True)]
class Model:
    def parameters(self):
        for p in params:
            yield p
    def __call__(self, x):
        h = torch.tanh(x @ params[0].t() + params[1])
        return h @ params[2].t() + params[3]
    def zero_grad(self):
        for p in params:
            p.grad = None
model = Model()
vec = parameters_to_vector(model.parameters())
print("vector", vec)
print("from generator", vec.shape, vec.grad_fn.name())
vector_to_parameters(torch.linspace(-0.5, 0.5, 11), model.parameters())
print("after", list(model.parameters()))
print("vec list", parameters_to_vector([a, c]))
model.zero_grad()
out = model(torch.ones(2, 3)).sum()
out.backward()
total = clip_grad_norm_(model.parameters(), 0.5)
print("model norm", total)
print("model grads", [p.grad for p in model.parameters()])

for f in [lambda: vector_to_parameters([1.0], [a]),
          lambda: torch.nn.utils.clip_grad_norm_(ps),
          lambda: parameters_to_vector([])]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
