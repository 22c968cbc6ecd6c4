import torch
a = torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
b = torch.tensor([[1.0, 0.5, -1.0], [2.0, 1.0, 0.0]])
v = torch.tensor([1.0, -1.0])
print(a @ b, torch.matmul(a, b), a.mm(b), torch.mm(a, b))
print(a @ v, torch.mv(a, v), a.matmul(v), v @ b)
print(torch.dot(v, v), v.dot(torch.tensor([2.0, 3.0])), torch.outer(v, torch.tensor([1.0, 2.0, 3.0])), v.ger(v))
print(torch.addmm(torch.ones(3, 3), a, b), torch.addmm(torch.zeros(3), a, b, beta=0.5, alpha=2))
x = torch.arange(12.0).reshape(2, 3, 2)
y = torch.arange(8.0).reshape(2, 2, 2)
print(torch.bmm(x, y), x @ y, torch.matmul(x, torch.ones(2, 4)).shape, (torch.ones(4, 1, 3, 2) @ torch.ones(5, 2, 1)).shape)
for bad in [lambda: a @ a, lambda: torch.mm(a, v), lambda: torch.dot(v, torch.ones(3)), lambda: a @ 2, lambda: a.mm("x")]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
