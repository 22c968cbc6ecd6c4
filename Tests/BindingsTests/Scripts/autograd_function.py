import torch

class MyReLU(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x.clamp(min=0)

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        return grad_output * (x > 0).float()

class Scale(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, k):
        ctx.k = k
        print("needs", ctx.needs_input_grad)
        return x * k, x + k

    @staticmethod
    def backward(ctx, g1, g2):
        return g1 * ctx.k + g2, None

x = torch.tensor([-1.0, 2.0, 3.0], requires_grad=True)
y = MyReLU.apply(x)
print(y, y.grad_fn.name(), type(y.grad_fn).__name__)
y.sum().backward()
print(x.grad)
x.grad = None
a, b = Scale.apply(x, 3.0)
print(a, b)
(a.sum() + b.sum()).backward()
print(x.grad)
with torch.no_grad():
    print(MyReLU.apply(x).requires_grad)
print(MyReLU.apply(torch.tensor([1.0, -1.0])))

class Bad(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2

    @staticmethod
    def backward(ctx, g):
        return g, g

try:
    Bad.apply(x).sum().backward()
except RuntimeError as e:
    print("RuntimeError", e)

class Exp(torch.autograd.Function):
    @staticmethod
    def forward(ctx, i):
        result = i.exp()
        ctx.save_for_backward(result)
        return result

    @staticmethod
    def backward(ctx, grad_output):
        result, = ctx.saved_tensors
        return grad_output * result

z = torch.tensor([0.0, 1.0], dtype=torch.float64, requires_grad=True)
print(torch.autograd.gradcheck(Exp.apply, (z,)))
