import torch
x = torch.tensor([0.5, 1.0, 2.0, 4.0])
for name in ["sqrt", "rsqrt", "exp", "log", "log1p", "expm1", "log2", "sin", "cos", "tan", "tanh", "sigmoid", "reciprocal", "square", "erf", "abs", "neg", "sign", "floor", "ceil", "round", "relu"]:
    print(name, getattr(torch, name)(x - 1), getattr(x - 1, name)())
print(torch.clamp(x, 1, 3), x.clamp(max=2), torch.clip(x, min=0.7), x.clamp(min=torch.tensor([1.0, 0.0, 3.0, 0.0])))
print(torch.where(x > 1, x, -x), torch.where(x > 1, x, 0.0), torch.where(x > 1, 1.0, 0.0), torch.where(torch.tensor([True, False, True])))
print(torch.lerp(x, torch.zeros(4), 0.25), x.lerp(torch.ones(4), torch.tensor([0.0, 0.5, 1.0, 2.0])))
print(torch.round(torch.tensor([1.2345, 2.5]), decimals=2), torch.tensor([0.5, 1.5, 2.5]).round())
print(torch.abs(torch.tensor([-1, 2])), torch.tensor([-3, 0, 2]).sign())
try:
    torch.clamp(x)
except RuntimeError as e:
    print("RuntimeError", e)
try:
    torch.exp("a")
except TypeError as e:
    print("TypeError", e)
