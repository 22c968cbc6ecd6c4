import torch
s = torch.tensor(3.7)
print(float(s), int(s), bool(s), s.item(), f"{s:.2f}", f"{s}", "{:>8.3f}".format(s), format(torch.tensor(5), "03d"))
print(bool(torch.tensor([0.0])), int(torch.tensor([7])), float(torch.tensor([[2.0]])))
for bad in [lambda: bool(torch.ones(2)), lambda: float(torch.ones(2)), lambda: int(torch.ones(0)), lambda: bool(torch.ones(0)), lambda: torch.ones(2).item(), lambda: len(torch.tensor(1.0)), lambda: iter(torch.tensor(1.0)), lambda: f"{torch.ones(2):.2f}"]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
x = torch.tensor([[1, 2], [3, 4]])
print(len(x), [r for r in x], list(x[0]), x.tolist(), torch.tensor(5).tolist())
print(sum(torch.tensor([1.0, 2.0])), max(torch.tensor([3, 1, 2])), sorted(torch.tensor([3, 1, 2]).tolist()))
if torch.tensor(1):
    print("truthy")
d = {x: "x"}
print(d[x], hash(x) == hash(x), x in [x])
print(hasattr(torch.tensor(1.0), "__round__"))
print(x.cpu() is x, x.to("cpu") is x, x.to(torch.int64) is x, x.device, x.is_cuda, x.element_size(), x.stride(), x.dim())
print(torch.tensor([1.0, 2.0]).numel(), x.nelement(), x.ndimension())
