import torch
x = torch.arange(12.0, requires_grad=True).reshape(3, 4)
i = torch.tensor(1)
print(x[i], x[i].grad_fn.name())
print(x[1, torch.tensor([0, 3])], x[:, [True, False, True, False]])
print(x[..., None].shape, x[None, ..., 0].shape, x[-1, -1])
y = torch.zeros(3, 4)
y[..., 0] = torch.tensor([1.0, 2.0, 3.0])
y[1:, 1:3] = 9
y[torch.tensor([True, False, True])] = 5
print(y)
m = torch.ones(2, 2)
m[0][1] = 7
print(m)
print(x[x > 5].shape, x.detach()[torch.tensor([[0, 1], [2, 0]])].shape)
