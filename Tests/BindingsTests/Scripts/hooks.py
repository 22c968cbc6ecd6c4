import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
seen = []
h = x.register_hook(lambda g: seen.append(g.tolist()))
(x * 3).sum().backward()
print(seen, x.grad)
h.remove()
x.grad = None
x.register_hook(lambda g: g * 10)
(x * 3).sum().backward()
print(x.grad)
y = torch.tensor([1.0, 2.0], requires_grad=True)
z = y * 2
z.register_hook(lambda g: print("z grad", g))
z.retain_grad()
w = z.sum()
w.backward()
print(z.grad, y.grad)
try:
    torch.ones(2).register_hook(lambda g: g)
except RuntimeError as e:
    print("RuntimeError", e)
def double(g):
    return g.double()
try:
    q = torch.ones(2, requires_grad=True)
    q.register_hook(double)
    q.sum().backward()
except RuntimeError as e:
    print("RuntimeError", e)
