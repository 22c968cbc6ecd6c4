# %% [markdown]
# # 05 · Autograd and gradient checking
#
# After this lesson you can read the computation graph PyTorch records (`grad_fn`,
# `next_functions`), predict what `backward()` puts in `.grad` (and why it must be reset
# with `zero_grad`), compute a gradient numerically by central differences and choose
# the step size, use `torch.autograd.gradcheck`, and write your own differentiable
# operation as a `torch.autograd.Function` whose backward pass is verified.
#
# It assumes lessons 01–04 and the chain rule: if $f(u(a))$, then
# $\dfrac{df}{da} = \dfrac{df}{du}\,\dfrac{du}{da}$.

# %% Imports
import math
import os
import torch
import matplotlib
matplotlib.use("Agg")  # draw to files, never open a window
import matplotlib.pyplot as plt

os.makedirs("Plots", exist_ok=True)

# %% [markdown]
# ## The graph autograd records
#
# **Autograd** (automatic differentiation) is how PyTorch finds gradients. When a tensor
# has `requires_grad=True`, every operation on it is recorded: the result remembers, in
# `grad_fn`, the backward function of the operation that made it, and that node links
# through `next_functions` to the nodes of its inputs. Tensors you create yourself are
# **leaves** (`is_leaf`, no `grad_fn`); their node in the graph is an `AccumulateGrad`
# (printed with its C++ name, `torch::autograd::AccumulateGrad`), which will store the
# gradient in `.grad`. `node.name()` gives a node's name.
#
# Take $f = (ab + c)^2$ with $a = 2$, $b = 3$, $c = 1$.

# %% Build a small graph
a = torch.tensor(2.0, requires_grad=True)
b = torch.tensor(3.0, requires_grad=True)
c = torch.tensor(1.0, requires_grad=True)
u = a * b + c
f = u ** 2
print("f =", f.item(), " is_leaf:", a.is_leaf, f.is_leaf)
print("f.grad_fn:", f.grad_fn.name())
assert f.item() == 49.0 and a.is_leaf and not f.is_leaf

# %% Walk the graph from f back to the leaves
def show(node, depth=0):
    print("    " * depth + node.name())
    for child, _ in node.next_functions:
        if child is not None:
            show(child, depth + 1)

show(f.grad_fn)
assert f.grad_fn.next_functions[0][0].name() == "AddBackward0"

# %% [markdown]
# ## `backward()` applies the chain rule
#
# `f.backward()` walks this graph from the top. Each node multiplies the gradient
# arriving from above by its own local derivative and passes the product down:
#
# - `PowBackward0`: $df/du = 2u = 14$;
# - `AddBackward0` passes it unchanged to $ab$ and to $c$: $df/dc = 14$;
# - `MulBackward0`: $df/da = 14 \cdot b = 42$, $df/db = 14 \cdot a = 28$.
#
# Only leaves keep their gradient in `.grad`; the intermediate `u` does not, unless you
# ask with `u.retain_grad()` before calling `backward`.

# %% Gradients by hand and by backward()
u.retain_grad()
f.backward()
print("grads:", a.grad.item(), b.grad.item(), c.grad.item(), " u.grad:", u.grad.item())
assert u.grad.item() == 2 * 7
assert (a.grad.item(), b.grad.item(), c.grad.item()) == (14 * 3, 14 * 2, 14)

# %% [markdown]
# To save memory, `backward()` frees the values the graph saved (here `u`, needed by the
# power's derivative). A second `backward()` on the same graph therefore fails, unless
# the first one was called with `retain_graph=True`:

# %% A graph can be walked only once
try:
    f.backward()
    walked_twice = True
except RuntimeError as e:
    print("RuntimeError:", str(e).split(" (")[0])
    walked_twice = False
assert not walked_twice

# %% [markdown]
# ## Gradients accumulate
#
# `backward()` **adds** to `.grad`; it never overwrites it. That is deliberate: a
# gradient summed over several losses, or over several small batches, is just several
# `backward()` calls. But it means a training loop must reset the gradients before
# each step — `optimizer.zero_grad()` or `model.zero_grad()`, which set them to
# `None` — otherwise every step uses the sum of all past gradients.

# %% Two backward passes add up
w = torch.tensor([1.0, -2.0], requires_grad=True)
loss = (w ** 2).sum()                   # d loss / dw = 2w
loss.backward(retain_graph=True)
print("after one backward:", w.grad)
loss.backward()
print("after two:         ", w.grad)
assert torch.equal(w.grad, 2 * (2 * w.detach()))

# %% Resetting, as a training loop does
w.grad = None                           # what zero_grad() does
(w ** 2).sum().backward()
print("after reset:       ", w.grad)
assert torch.equal(w.grad, 2 * w.detach())

# %% [markdown]
# Inside `with torch.no_grad():` nothing is recorded (use it for evaluation and for
# updating weights by hand), and `x.detach()` gives the same numbers cut off from the
# graph.

# %% no_grad and detach
with torch.no_grad():
    v = w * 3
print("under no_grad: requires_grad", v.requires_grad, " grad_fn", v.grad_fn)
print("detached:      requires_grad", (w * 3).detach().requires_grad)
assert not v.requires_grad and v.grad_fn is None

# %% [markdown]
# ## Numerical gradients: the independent check
#
# How do we know autograd, or a backward we wrote ourselves, is right? Compare with the
# definition of the derivative. Nudge the input by a small step $h$:
#
# - **forward difference**: $\dfrac{f(x+h) - f(x)}{h}$, error proportional to $h$;
# - **central difference**: $\dfrac{f(x+h) - f(x-h)}{2h}$, error proportional to $h^2$,
#   because in $f(x \pm h) = f(x) \pm h f'(x) + \tfrac{h^2}{2} f''(x) \pm \dots$ (the
#   Taylor expansion) the $h^2$ terms cancel in the difference.
#
# This error, from cutting the expansion short, is the **truncation error**.
#
# But $h$ cannot be arbitrarily small: $f(x+h)$ and $f(x-h)$ are each rounded to about
# 16 significant digits (float64), and dividing their tiny difference by a tiny $h$
# magnifies that **rounding error** like $10^{-16}/h$. The best $h$ balances the two.
#
# We measure this on $g(x) = e^x \sin x$ at $x = 1$, whose derivative
# $e^x(\sin x + \cos x)$ we know exactly. (Plain Python floats are float64.)

# %% The function and its exact derivative
offset = 0.0                     # a constant added to g: it changes no derivative

def g(x):
    return math.exp(x) * math.sin(x) + offset

exact = math.exp(1.0) * (math.sin(1.0) + math.cos(1.0))
print(f"g(1) = {g(1.0):.6f}   g'(1) = {exact:.6f}")

# %% Error against step size
steps = [10.0 ** -k for k in range(1, 13)]
fwd = [abs((g(1 + h) - g(1)) / h - exact) for h in steps]
cen = [abs((g(1 + h) - g(1 - h)) / (2 * h) - exact) for h in steps]
for h, e1, e2 in zip(steps, fwd, cen):
    print(f"h = {h:.0e}   forward error {e1:.1e}   central error {e2:.1e}")

# %% [markdown]
# **Try it:** set `offset = 1e6`, go `%back` to the cell above and `%rerun` it. Adding a constant changes
# nothing in the derivative — so why does the table change, and where is the best step
# now? (Then Enter: which checks fail? Set `offset = 0.0` and redo both cells to go on.)

# %% Check what the table shows
best_fwd, best_cen = steps[fwd.index(min(fwd))], steps[cen.index(min(cen))]
print(f"best h: forward {best_fwd:.0e}, central {best_cen:.0e}")
assert 1e-9 <= best_fwd <= 1e-7 and 1e-7 <= best_cen <= 1e-4
assert min(cen) < 1e-9 < min(fwd) / 10      # central is far more accurate
assert 80 < cen[1] / cen[2] < 120           # 10x smaller h, 100x smaller error: h^2
assert cen[-1] > 1e-6                       # tiny h: rounding error takes over

# %% Figure: error against step size on log axes
plt.figure(figsize=(7, 4.5))
plt.plot(steps, fwd, "o-", label="forward difference")
plt.plot(steps, cen, "s-", label="central difference")
plt.plot(steps, [h for h in steps], "k:", label="h (slope 1)")
plt.plot(steps, [h * h for h in steps], "k--", label="h² (slope 2)")
plt.xscale("log")
plt.yscale("log")
plt.ylim(1e-13, 1)
plt.xlabel("step size h")
plt.ylabel("|numerical - exact derivative|")
plt.title("Finite differences: truncation vs rounding error")
plt.legend(loc="upper center")
plt.savefig("Plots/05-step-size.png")
plt.close()

# %% [markdown]
# ## Numerical gradient of a tensor function
#
# For a function of many inputs, nudge one element at a time: that is $2n$ evaluations
# for $n$ inputs, far too slow for training (autograd gets all $n$ derivatives for about
# the cost of one more evaluation) but perfect for checking. We use float64 and
# $h = 10^{-6}$, near the best step we just found.

# %% Central differences, element by element
def numerical_grad(fn, x, h=1e-6):
    grad = torch.zeros_like(x)
    flat, out = x.detach().clone().reshape(-1), grad.reshape(-1)
    for i in range(flat.numel()):
        old = flat[i].item()
        flat[i] = old + h
        up = fn(flat.reshape(x.shape)).item()
        flat[i] = old - h
        down = fn(flat.reshape(x.shape)).item()
        flat[i] = old
        out[i] = (up - down) / (2 * h)
    return grad

# %% Compare with autograd
def fn(x):
    return (torch.sin(x) * x ** 2).sum() + torch.logsumexp(x, dim=0).sum()

torch.manual_seed(0)
x = torch.randn(3, 4, dtype=torch.float64, requires_grad=True)
fn(x).backward()
num = numerical_grad(fn, x)
err = (num - x.grad).abs().max().item()
print(f"max |numerical - autograd| = {err:.1e}")
assert err < 1e-8

# %% [markdown]
# ## `torch.autograd.gradcheck`
#
# `gradcheck(fn, inputs)` does exactly this for every input that requires a gradient
# and every output element: it builds the whole **Jacobian** (every output against every
# input) twice, numerically with central differences (`eps=1e-6`) and with autograd,
# and checks that they agree (`atol=1e-5`, `rtol=1e-3`). It returns `True`, or raises an
# error that shows both Jacobians. Inputs must be float64: in float32 the rounding error
# at $h = 10^{-6}$ would be around $10^{-7}/10^{-6}$, far above the tolerance.

# %% gradcheck on a function with several inputs and outputs
def layer(x, W, b):
    return torch.tanh(x @ W.T + b)

torch.manual_seed(0)
inputs = (torch.randn(5, 3, dtype=torch.float64, requires_grad=True),
          torch.randn(4, 3, dtype=torch.float64, requires_grad=True),
          torch.randn(4, dtype=torch.float64, requires_grad=True))
ok = torch.autograd.gradcheck(layer, inputs)
print("gradcheck(layer):", ok)
assert ok

# %% [markdown]
# ## Your own differentiable operation
#
# Sometimes you want to write the backward pass yourself: to save memory, to use a
# formula that is more stable than the one autograd would derive, or to wrap a
# computation autograd cannot see. Subclass `torch.autograd.Function` with two static
# methods:
#
# - `forward(ctx, x)` computes the result, and stores what the backward pass will need
#   with `ctx.save_for_backward(...)`;
# - `backward(ctx, grad_out)` receives $\partial L/\partial y$ and must return
#   $\partial L/\partial x = $ `grad_out` $\cdot\, dy/dx$, one result per input of `forward`.
#
# Call it with `MySiLU.apply(x)`. Here is SiLU, $y = x\,\sigma(x)$, whose derivative
# $\sigma(x)\,(1 + x(1-\sigma(x)))$ we derived in lesson 03.

# %% A custom autograd.Function
class MySiLU(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * torch.sigmoid(x)

    @staticmethod
    def backward(ctx, grad_out):
        (x,) = ctx.saved_tensors
        s = torch.sigmoid(x)
        return grad_out * s * (1 + x * (1 - s))

# %% Check it against F.silu and with gradcheck
torch.manual_seed(0)
x = torch.randn(8, dtype=torch.float64, requires_grad=True)
y = MySiLU.apply(x)
print("grad_fn:", y.grad_fn.name())
assert torch.allclose(y, torch.nn.functional.silu(x))
assert torch.autograd.gradcheck(MySiLU.apply, (x,))
print("gradcheck(MySiLU): True")

# %% [markdown]
# ## gradcheck catches a wrong backward
#
# The most common bug is a backward that is *almost* right. Suppose we forget the
# product rule and return only `grad_out * sigmoid(x)`. The forward values are still
# perfect, training would still run, and the model would quietly learn worse.
# gradcheck refuses it:

# %% A buggy backward
class BuggySiLU(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * torch.sigmoid(x)

    @staticmethod
    def backward(ctx, grad_out):
        (x,) = ctx.saved_tensors
        return grad_out * torch.sigmoid(x)      # forgot the x * sigma'(x) term

# %% gradcheck on the buggy backward
try:
    torch.autograd.gradcheck(BuggySiLU.apply, (x,))
    caught = False
except RuntimeError as e:                       # torch's GradcheckError is a RuntimeError
    print(type(e).__name__ + ":", str(e).splitlines()[0])
    caught = True
assert caught
assert not torch.autograd.gradcheck(BuggySiLU.apply, (x,), raise_exception=False)

# %% [markdown]
# **Try it:** run gradcheck on the *correct* `MySiLU` with float32 inputs — type
# `torch.autograd.gradcheck(MySiLU.apply, (x.float().detach().requires_grad_(),), raise_exception=False)`.
# Why does a right backward fail the check now?

# %% [markdown]
# ## Summary
#
# - Every operation on a tensor that requires a gradient adds a node (`grad_fn`) to a
#   graph; `next_functions` links it to its inputs; leaves end in `AccumulateGrad`.
# - `backward()` applies the chain rule from the output down and **adds** into the
#   leaves' `.grad`: reset with `zero_grad()` before every training step.
# - Central differences have error $\propto h^2$ until rounding ($\approx 10^{-16}/h$)
#   takes over; in float64 $h \approx 10^{-6}$ is a good step.
# - `torch.autograd.gradcheck` (float64) compares the numerical and autograd Jacobians;
#   run it on every custom `autograd.Function` — it catches backward bugs the forward
#   values never show.
#
# Next: **06 · The training loop**, training a first model on real data.
