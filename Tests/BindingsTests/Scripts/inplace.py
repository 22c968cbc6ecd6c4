import torch
x = torch.zeros(3)
x.add_(1)
x.mul_(3)
x.sub_(torch.tensor([1.0, 2.0, 3.0]))
x.div_(2)
print(x)
x += 1
x -= torch.ones(3)
x *= 4
x /= 2
print(x)
y = x
y += 10
print(x is y, x)
x.zero_()
print(x)
x.fill_(2.5)
print(x)
x.copy_(torch.tensor([1, 2, 3]))
print(x)
x.clamp_(min=1.5, max=2.5)
print(x)
x.pow_(2)
print(x)
x.add_(torch.ones(3), alpha=2)
print(x)
m = torch.ones(2, 2)
m.masked_fill_(torch.tensor([[True, False], [False, True]]), 0)
print(m)
torch.manual_seed(1)
print(torch.empty(3).uniform_(), torch.empty(3).normal_(), torch.empty(2).uniform_(5, 6))
i = torch.tensor([1, 2])
try:
    i += 1.5
except RuntimeError as e:
    print("RuntimeError", e)
leaf = torch.ones(2, requires_grad=True)
try:
    leaf += 1
except RuntimeError as e:
    print("RuntimeError", e)
with torch.no_grad():
    leaf -= 0.5
print(leaf)
a = torch.tensor([1.0, 2.0], requires_grad=True)
b = a * 1
b.mul_(3)
print(b, b.grad_fn.name())
b.sum().backward()
print(a.grad)
c = torch.tensor([-1.0, 2.0])
c.relu_()
c.exp_()
print(c)
