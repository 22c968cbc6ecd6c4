# Tensor.numpy(), torch.from_numpy and torch.tensor(ndarray) round trips.
import numpy as np
import torch

t = torch.tensor([1.0, 2.0, 3.0])
n = t.numpy()
print(repr(n), n.dtype, n.shape)
print(repr(torch.arange(4).numpy()), repr(torch.tensor([True, False]).numpy()), repr(torch.ones(2, 2, dtype=torch.float64).numpy()))
print(torch.from_numpy(np.array([1.0, 2.0])))
print(torch.from_numpy(np.arange(3)), torch.from_numpy(np.array([1.5], dtype=np.float32)))
print(torch.tensor(np.array([1.0, 2.0])), torch.tensor(np.array([[1, 2], [3, 4]])))
print(torch.tensor(np.linspace(0, 1, 3), dtype=torch.float32), torch.as_tensor(np.array([0.5])))
print(torch.tensor(np.array([1.0, 2.0]), requires_grad=True))
w = torch.ones(3, requires_grad=True)
try:
    w.numpy()
except RuntimeError as e:
    print("RuntimeError:", e)
print(repr(w.detach().numpy()), repr((w * 2).detach().numpy()))
try:
    np.array(w)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    torch.from_numpy([1.0])
except TypeError as e:
    print("TypeError:", e)
x = np.linspace(-1, 1, 5)
y = torch.tensor(x, dtype=torch.float32) ** 2
print(y, repr(y.numpy() * 2))
preds = torch.tensor([0, 2, 1, 1])
labels = np.array([0, 1, 1, 1])
print((preds.numpy() == labels).mean(), np.mean(preds.numpy() == labels))
losses = [torch.tensor(0.5).item(), 0.25]
print(repr(np.array(losses)), np.array(losses).mean())
print(torch.tensor([np.array([1.0, 2.0]), np.array([3.0, 4.0])]))
