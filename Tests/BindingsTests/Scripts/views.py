import torch
a = torch.arange(6.0)
v = a.view(2, 3)
v[0, 1] = 10
print(a)
t = v.t()
t[2, 1] = -1
print(a, t.is_contiguous())
s = a[1:4]
s.mul_(2)
print(a)
c = a.clone()
c[0] = 99
print(a[0].item(), c[0].item())
e = torch.zeros(1, 3).expand(2, 3)
print(e, e.stride())
r = a.reshape(3, 2)
r[0, 0] = 7
print(a[0])
u = torch.ones(4)
for row in u.view(2, 2):
    row.add_(1)
print(u)
x = torch.ones(3, requires_grad=True)
y = x * 2
z = y[1:]
z.mul_(3)
y.sum().backward()
print(x.grad, y.grad_fn.name())
