import torch
i = torch.tensor([1, 2, 3], dtype=torch.int32)
print(i.sum(), i.sum().dtype, i.prod().dtype, i.cumsum(0).dtype, torch.tensor([True, True]).sum())
f = torch.tensor([1.5, 2.5])
print(f.sum(dtype=torch.float64), f.mean(dtype=torch.float64), f.cumsum(0, dtype=torch.float64))
print(i.float().mean(), i.double().std(), (i > 1).sum(), (i > 1).float().mean())
print(torch.tensor([[1, 2], [3, 4]]).sum(1), torch.tensor([1, 2]).max(), torch.tensor([1, 2]).argmax())
try:
    i.mean()
except RuntimeError as e:
    print("RuntimeError", e)
