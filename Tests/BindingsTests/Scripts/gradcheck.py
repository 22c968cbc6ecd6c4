import torch
from torch.autograd import gradcheck
from torch.autograd.gradcheck import GradcheckError
x = torch.randn(3, dtype=torch.float64, requires_grad=True)
w = torch.randn(3, 3, dtype=torch.float64, requires_grad=True)
print(gradcheck(lambda a, b: (b @ a).tanh(), (x, w)))
print(torch.autograd.gradcheck(torch.sigmoid, (x,), eps=1e-6, atol=1e-4))
print(gradcheck(lambda a: a.pow(2).sum(), [x]))

class Wrong(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x ** 2

    @staticmethod
    def backward(ctx, g):
        x, = ctx.saved_tensors
        return g * 3 * x

xs = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)
try:
    gradcheck(Wrong.apply, (xs,))
except GradcheckError as e:
    print(type(e).__name__, isinstance(e, RuntimeError))
    print(e)
print(gradcheck(Wrong.apply, (xs,), raise_exception=False))
try:
    gradcheck(lambda a: a * 2, (torch.ones(2, dtype=torch.float64),))
except Exception as e:
    print(type(e).__name__, e)
print(torch.autograd.gradcheck(torch.exp, (xs,)))
