import torch
x = torch.ones(2, requires_grad=True)
print(torch.is_grad_enabled())
with torch.no_grad():
    print(torch.is_grad_enabled(), (x * 2).requires_grad)
    with torch.enable_grad():
        print((x * 2).requires_grad)
print(torch.is_grad_enabled())

@torch.no_grad()
def f(t):
    return t * 2

@torch.no_grad
def g(t):
    return t * 3

class Model:
    @torch.no_grad()
    def evaluate(self, t):
        return t + 1

print(f(x).requires_grad, g(x).requires_grad, Model().evaluate(x).requires_grad, (x * 2).requires_grad)
torch.set_grad_enabled(False)
print(torch.is_grad_enabled(), (x + 1).requires_grad)
torch.set_grad_enabled(True)
with torch.set_grad_enabled(False):
    print((x + 1).requires_grad)
print(torch.is_grad_enabled())
with torch.autograd.no_grad():
    y = x * 5
print(y.grad_fn, y.requires_grad)
try:
    with torch.no_grad():
        raise ValueError("inside")
except ValueError as e:
    print(e, torch.is_grad_enabled())
with torch.inference_mode():
    print((x * 2).requires_grad)
