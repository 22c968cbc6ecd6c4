import torch
x = torch.tensor([[3.0, 1.0, 4.0], [1.0, 5.0, 9.0]], requires_grad=True)
r = x.max(1)
print(r)
print(type(r).__name__, r.values, r.indices, r[0], r[1], len(r))
values, indices = torch.min(x, dim=0)
print(values, indices)
print(torch.max(x, 1, keepdim=True))
print(x.max(), x.min(), x.argmax(), x.argmin(dim=1), x.amax(dim=0), x.amin())
r.values.sum().backward()
print(x.grad)
print(torch.max(torch.tensor([1, 5, 2])), torch.tensor([True, False]).max())
try:
    torch.tensor([]).max()
except RuntimeError as e:
    print("RuntimeError", e)
