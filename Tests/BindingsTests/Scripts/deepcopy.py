import copy
import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
(x * 3).sum().backward()
y = copy.deepcopy(x)
print(y, y.grad, y is x, y.requires_grad, y.is_leaf)
y.data.add_(1)
print(x, y)
z = copy.deepcopy(torch.tensor([1, 2]))
print(z, z.dtype)
try:
    copy.deepcopy(x * 2)
except RuntimeError as e:
    print("RuntimeError", str(e)[:60])
print(copy.deepcopy([x, {"k": torch.ones(1)}]))
