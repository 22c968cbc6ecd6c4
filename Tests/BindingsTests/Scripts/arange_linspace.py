import torch
print(torch.arange(0, 1, 0.1), torch.arange(5, dtype=torch.float32), torch.arange(10, 0, -3))
print(torch.arange(0.0, 3.0), torch.arange(1, 2.5, 0.5).dtype, torch.arange(3).dtype)
print(torch.linspace(0, 10, 6), torch.linspace(0, 1, 1), torch.linspace(-5, 5, steps=3, dtype=torch.float64))
print(torch.logspace(-1, 1, 3), torch.logspace(0, 3, 4, base=2))
print(torch.arange(4, requires_grad=False), torch.arange(4.0, requires_grad=True))
for bad in [lambda: torch.arange(0, 5, -1), lambda: torch.linspace(0, 1, -1)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
