import torch
x = torch.tensor([-1.0, 0.5, 2.0], requires_grad=True)
y = x * 1
y.relu_()
print(y, y.grad_fn.name())
z = x * 2
z.sigmoid_()
print(z, z.grad_fn.name())
(y.sum() + z.sum()).backward()
print(x.grad)
w = x * 2
w.exp_().sigmoid_()
try:
    w.sum().backward()
except RuntimeError as e:
    print("RuntimeError", str(e)[:60])
a = torch.tensor([1.0, 4.0, 9.0])
print(a.sqrt_(), a.neg_(), a.abs_(), a.reciprocal_(), a.log_(), a.tanh_(), a.square_(), a.round_(decimals=2))
b = torch.tensor([0.5, 1.5])
print(b.log1p_(), b.expm1_(), b.log2_())
try:
    torch.tensor([1, 2]).exp_()
except RuntimeError as e:
    print("RuntimeError", e)
try:
    torch.tensor([1.0], requires_grad=True).relu_()
except RuntimeError as e:
    print("RuntimeError", e)
