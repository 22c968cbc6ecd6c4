import torch
a = torch.ones(3, 1)
b = torch.arange(4.0)
print(a + b, (a * b).shape, (torch.ones(2, 1, 3) - torch.ones(4, 1)).shape)
x = torch.tensor([[1.0, 2.0]], requires_grad=True)
y = torch.tensor([[1.0], [2.0], [3.0]], requires_grad=True)
(x * y).sum().backward()
print(x.grad, y.grad)
s = torch.tensor(2.0, requires_grad=True)
m = torch.ones(2, 2) * s
m.sum().backward()
print(s.grad)
print(torch.ones(2, 3) + torch.tensor(5), torch.tensor([1, 2]) + torch.tensor(0.5))
try:
    torch.ones(2, 3) + torch.ones(2)
except RuntimeError as e:
    print("RuntimeError", e)
