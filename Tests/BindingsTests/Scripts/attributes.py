import torch
x = torch.arange(6.0).reshape(2, 3)
print(x.shape, x.size(), x.ndim, x.dim(), x.numel(), x.dtype, x.device, x.is_leaf, x.requires_grad, x.grad, x.grad_fn)
print(x.T, x.mT.shape, x.data, x.is_contiguous(), x.T.is_contiguous(), x._version)
x.add_(1)
print(x._version)
x.requires_grad = True
print(x.requires_grad, x.is_leaf)
x.grad = torch.ones(2, 3)
print(x.grad)
for bad in [lambda: setattr(x, "grad", torch.ones(3)), lambda: setattr(x, "grad", torch.ones(2, 3, dtype=torch.float64)), lambda: setattr(x, "grad", 5)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
x.note = "hello"
print(x.note)
d = x.detach()
d[0, 0] = 100
print(x[0, 0].item(), d.requires_grad)
x.data = torch.zeros(2, 3)
print(x, x.requires_grad)
print(type(x).__name__, isinstance(x, torch.Tensor), type(x) is torch.Tensor, torch.Tensor)
print(torch.Tensor([1, 2]), torch.Tensor(2, 3).shape)
try:
    x.no_such_attribute
except AttributeError as e:
    print("AttributeError", e)
