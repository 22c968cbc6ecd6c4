import torch
x = torch.arange(12).reshape(3, 4)
print(x[0], x[-1], x[1, 2], x[:, 0], x[1:, ::2], x[..., 1], x[None].shape, x[:, None].shape)
print(x[x > 5], x[torch.tensor([0, 2])], x[[0, 2]], x[[0, 1], [1, 2]], x[torch.tensor([True, False, True])])
print(x[0, ...], x[1][2], x[-2:, -2:])
y = torch.zeros(3, 4)
y[0] = 1
y[:, 1] = 2
y[2, 3] = 5.5
y[y > 1] = -1
print(y)
y[1] = torch.tensor([1.0, 2.0, 3.0, 4.0])
y[[0, 2], 0] = 9
print(y)
y[:, :2] = torch.ones(3, 2) * 7
print(y)
z = torch.zeros(5)
z[torch.tensor([1, 3])] = torch.tensor([1.0, 2.0])
z[4] = True
print(z)
for bad in [lambda: x[1.5], lambda: x[3], lambda: x[0, 0, 0], lambda: x[::-1]]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
b = a[1:] * 2
b.sum().backward()
print(a.grad)
print(len(x), [t.tolist() for t in x], 5 in x, 100 in x)
