import torch
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = (x ** 2).sum()
(g,) = torch.autograd.grad(y, x)
print(g, x.grad)
a = torch.tensor(2.0, requires_grad=True)
b = torch.tensor(3.0, requires_grad=True)
out = a * b
print(torch.autograd.grad(out, [a, b]))
v = x * 2
print(torch.autograd.grad(v, x, grad_outputs=torch.tensor([1.0, 0.0, 1.0])))
u = torch.tensor(1.0, requires_grad=True)
try:
    torch.autograd.grad(a * 2, [a, u])
except RuntimeError as e:
    print("RuntimeError", e)
print(torch.autograd.grad(a * 2, [a, u], allow_unused=True))
s = (x ** 3).sum()
(d1,) = torch.autograd.grad(s, x, create_graph=True)
(d2,) = torch.autograd.grad(d1.sum(), x)
print(d1, d2)
p = torch.tensor([1.0, 2.0], requires_grad=True)
torch.autograd.backward([(p * 2).sum(), (p * p).sum()])
print(p.grad)
try:
    torch.autograd.grad(torch.ones(2).sum(), torch.ones(2))
except RuntimeError as e:
    print("RuntimeError", e)
