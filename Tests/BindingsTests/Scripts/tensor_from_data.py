import torch
data = [[0.1 * i + j for i in range(20)] for j in range(3)]
t = torch.tensor(data)
print(t.shape, t.dtype, t[2, 19].item())
flat = [float(i) / 7 for i in range(50)]
print(torch.tensor(flat)[:5], torch.tensor(list(range(30))).dtype, torch.tensor(list(range(30)), dtype=torch.float64)[:3])
print(torch.tensor([True, False, True]).dtype, torch.tensor([1, True]).dtype, torch.tensor(3).dim())
print(torch.tensor([[1, 2], [3, 4]], dtype=torch.float32, requires_grad=True))
print(torch.tensor((1.5, 2)), torch.tensor([(1, 2), (3, 4)]))
print(torch.tensor([2 ** 40]), torch.tensor([1.5, 2.7], dtype=torch.int64))
try:
    torch.tensor([2 ** 40], dtype=torch.int32)
except Exception as e:
    print(type(e).__name__, e)
x = torch.ones(2, requires_grad=True)
y = torch.tensor(x.tolist())
print(y.requires_grad)
