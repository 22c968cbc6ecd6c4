import torch
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
w = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
y = (x * w).sum()
print(y)
y.backward()
print(x.grad, w.grad)
print(x.is_leaf, y.is_leaf, x.requires_grad, y.requires_grad, x.grad_fn, y.grad_fn.name())
z = x.exp().mean()
z.backward()
print(x.grad)
x.grad = None
print(x.grad)
a = torch.tensor(2.0, requires_grad=True)
b = a ** 3 + 2 * a
b.backward()
print(a.grad)
c = torch.ones(2, 2, requires_grad=True)
d = c * 3
d.backward(torch.tensor([[1.0, 0.5], [0.25, 2.0]]))
print(c.grad)
e = (c * c).sum()
e.backward(retain_graph=True)
e.backward()
print(c.grad)
try:
    f = (c * c).sum()
    f.backward()
    f.backward()
except RuntimeError as err:
    print("RuntimeError", str(err)[:60])
try:
    (c * 2).backward()
except RuntimeError as err:
    print("RuntimeError", err)
h = x.detach()
print(h.requires_grad, h.is_leaf)
k = torch.zeros(2).requires_grad_()
print(k.requires_grad)
m = x * 2
m.retain_grad()
m.sum().backward()
print(m.grad)
print(x.data, x.data.requires_grad)
try:
    m.requires_grad = False
except RuntimeError as err:
    print("RuntimeError", err)
try:
    torch.tensor([1, 2]).requires_grad_()
except RuntimeError as err:
    print("RuntimeError", err)
try:
    x.add_(1)
except RuntimeError as err:
    print("RuntimeError", err)
