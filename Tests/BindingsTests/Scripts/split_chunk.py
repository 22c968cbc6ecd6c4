import torch
x = torch.arange(10.0, requires_grad=True)
parts = x.split(3)
print(len(parts), parts, [p.grad_fn.name() for p in parts][:1])
print(torch.split(x, [2, 3, 5], dim=0))
print(x.chunk(4))
m = torch.arange(12).reshape(3, 4)
a, b = m.chunk(2, dim=1)
print(a, b)
print(m.unbind(1))
print(torch.unbind(m))
for bad in [lambda: x.split([2, 2]), lambda: x.chunk(0)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
sum(p.sum() for p in parts).backward()
print(x.grad)
