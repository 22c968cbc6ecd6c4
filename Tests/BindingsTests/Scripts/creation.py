import torch
print(torch.zeros(2, 3))
print(torch.zeros((2, 3), dtype=torch.int64))
print(torch.ones([3]))
print(torch.full((2, 2), 7))
print(torch.full((2,), 1.5))
print(torch.eye(3))
print(torch.eye(2, 3, dtype=torch.float64))
print(torch.arange(5))
print(torch.arange(1, 4, 0.5))
print(torch.arange(0, 10, 3))
print(torch.linspace(-1, 1, 5))
print(torch.logspace(0, 2, 3))
x = torch.tensor([[1, 2], [3, 4]])
print(torch.zeros_like(x), torch.ones_like(x, dtype=torch.float32))
print(torch.full_like(x, 9))
print(torch.empty(2, 3).shape)
print(torch.tensor([1, 2.5, True]))
print(torch.tensor(((1, 2), (3, 4))).dtype)
print(torch.tensor([]))
print(torch.tensor([torch.tensor(1.0), torch.tensor(2.0)]))
print(torch.as_tensor([1, 2]), torch.as_tensor(x) is x)
print(torch.zeros(2, requires_grad=True))
print(torch.tensor(5).item(), torch.tensor(2.5).item(), torch.tensor(True).item())
print(torch.tensor([[1.5, 2], [3, 4]]).tolist())
print(torch.is_tensor(x), torch.is_tensor([1]), torch.numel(x))
print(x.new_zeros(2), x.new_ones((1, 2)), x.new_full((2,), 3), x.new_tensor([5, 6]))
for bad in [lambda: torch.tensor([[1, 2], [3]]), lambda: torch.tensor("a"), lambda: torch.zeros("a"),
            lambda: torch.tensor([1, 2], requires_grad=True), lambda: torch.zeros(-1),
            lambda: torch.tensor([torch.ones(2), torch.ones(2)])]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
