import torch
x = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)
print(x)
y = (x * 2 + 1).sum()
print(y, y.grad_fn.name())
y.backward()
print(x.grad)
print(x.shape, x.dtype, x.device, x.size(1), x.ndim)
z = torch.zeros(2, 3)
print(z, torch.ones((2,), dtype=torch.int64))
print(torch.arange(5), torch.linspace(0, 1, 5))
print(x.max(dim=1))
print(x[0], x[:, 1], x[x > 2])
w = torch.randn(3)
torch.manual_seed(0)
print(torch.rand(3))
print(f"{y:.3f}", float(y), int(y))
print(torch.float32, torch.Size([2, 3]))
with torch.no_grad():
    q = x * 2
print(q.requires_grad)
try:
    x.add("a")
except TypeError as e:
    print(type(e).__name__, e)
print(x.grad_fn)
