# %% [markdown]
# # 03 · Activation functions
#
# After this lesson you can write down the common activation functions (sigmoid, tanh,
# ReLU, Leaky ReLU, PReLU, ELU, SELU, GELU, SiLU, softmax) and their derivatives, check
# that PyTorch's automatic derivatives agree with your formulas, and explain the two
# classic ways activations break training: **vanishing gradients** in deep sigmoid
# networks and **dead ReLUs**.
#
# It assumes lessons 01–02 and the idea of a derivative. A **gradient** is the vector of
# derivatives of a number (the loss) with respect to many inputs or parameters; training
# moves the parameters a little against it. `backward()` computes it (lesson 05 shows how).

# %% Imports
import math
import os
import torch
from torch import nn
import torch.nn.functional as F
import matplotlib
matplotlib.use("Agg")  # draw to files, never open a window
import matplotlib.pyplot as plt

os.makedirs("Plots", exist_ok=True)

# %% [markdown]
# ## Why a network needs them
#
# An **activation function** is applied element by element between layers. Without it,
# two Linear layers are just one Linear layer in disguise: $W_2(W_1x+b_1)+b_2 =
# (W_2W_1)x + (W_2b_1+b_2)$. However many you stack, the model can only draw straight
# lines. A non-linear function between them is what lets depth add power.

# %% Two Linear layers collapse into one
torch.manual_seed(0)
l1, l2 = nn.Linear(3, 5), nn.Linear(5, 2)
x = torch.randn(4, 3)
W, b = l2.weight @ l1.weight, l2.weight @ l1.bias + l2.bias
print(l2(l1(x)))
print(x @ W.T + b)
assert torch.allclose(l2(l1(x)), x @ W.T + b, atol=1e-6)
assert not torch.allclose(l2(torch.relu(l1(x))), x @ W.T + b, atol=1e-6)

# %% [markdown]
# ## The classics: sigmoid and tanh
#
# The **sigmoid** $\sigma(x) = \dfrac{1}{1+e^{-x}}$ squashes any number into $(0, 1)$;
# its derivative is $\sigma'(x) = \sigma(x)\,(1-\sigma(x))$, at most $0.25$ (at $x=0$).
# **tanh** squashes into $(-1, 1)$, is centred on 0, and is a rescaled sigmoid,
# $\tanh(x) = 2\sigma(2x) - 1$; its derivative $1 - \tanh^2(x)$ is at most 1.
# Both **saturate**: far from 0 the curve is flat and the derivative is almost 0.

# %% Values of sigmoid and tanh
pts = torch.tensor([-5.0, -1.0, 0.0, 1.0, 5.0])
print("sigmoid:", torch.sigmoid(pts))
print("tanh:   ", torch.tanh(pts))
assert torch.sigmoid(torch.tensor(0.0)).item() == 0.5
assert torch.allclose(torch.tanh(pts), 2 * torch.sigmoid(2 * pts) - 1, atol=1e-6)
s5 = torch.sigmoid(torch.tensor(5.0))
print("sigmoid'(5) =", (s5 * (1 - s5)).item())
assert (s5 * (1 - s5)).item() < 0.01     # saturated: almost no gradient

# %% [markdown]
# ## The ReLU family
#
# - **ReLU** (rectified linear unit): $\max(0, x)$. Derivative 1 for $x>0$, 0 for $x<0$
#   (PyTorch uses 0 at exactly 0). Cheap, and it does not saturate for positive inputs.
# - **Leaky ReLU**: $x$ for $x>0$, $\alpha x$ otherwise, with a small slope
#   $\alpha = 0.01$, so negative inputs still pass a little gradient.
# - **PReLU** (parametric ReLU): Leaky ReLU whose slope $\alpha$ is a learned
#   parameter (starting at 0.25).
# - **ELU** (exponential linear unit): $x$ for $x>0$, $\alpha(e^x-1)$ otherwise: smooth,
#   and its negative outputs (down to $-\alpha$) pull the mean activation towards 0.
# - **SELU** (scaled ELU): $\lambda\,\mathrm{ELU}_\alpha(x)$ with the constants
#   $\alpha \approx 1.6733$, $\lambda \approx 1.0507$ chosen so activations keep mean 0
#   and variance 1 through many layers.

# %% Values of the ReLU family
print("relu:      ", F.relu(pts))
print("leaky_relu:", F.leaky_relu(pts, negative_slope=0.01))
print("elu:       ", F.elu(pts))
print("selu:      ", F.selu(pts))
assert F.relu(torch.tensor(-3.0)).item() == 0.0
assert abs(F.leaky_relu(torch.tensor(-3.0)).item() - (-0.03)) < 1e-8
assert abs(F.elu(torch.tensor(-50.0)).item() + 1.0) < 1e-6     # ELU floors at -alpha
alpha, lam = 1.6732632423543772, 1.0507009873554805
assert abs(F.selu(torch.tensor(1.0)).item() - lam) < 1e-6

# %% [markdown]
# PReLU holds its slope as a parameter, so `backward` gives it a gradient too: for an
# output summed over inputs, $\partial / \partial\alpha$ is the sum of the negative inputs.

# %% PReLU learns its slope
prelu = nn.PReLU()
print("initial slope:", prelu.weight)
out = prelu(pts).sum()
out.backward()
print("d out / d slope:", prelu.weight.grad.item())
assert prelu.weight.item() == 0.25
assert prelu.weight.grad.item() == (-5.0) + (-1.0)

# %% [markdown]
# ## Smooth modern ones: GELU and SiLU
#
# Transformers (the networks behind today's language models) use **GELU** (Gaussian error linear unit), $x\,\Phi(x)$, where
# $\Phi(x) = \tfrac12\,(1+\mathrm{erf}(x/\sqrt2))$ is the probability that a standard
# normal number is below $x$. **SiLU** (sigmoid linear unit, also called *swish*) is
# $x\,\sigma(x)$. Both look like ReLU far from 0 but are smooth and dip slightly below 0.

# %% GELU and SiLU from their formulas
Phi = 0.5 * (1 + torch.erf(pts / math.sqrt(2)))
print("gelu:", F.gelu(pts))
print("silu:", F.silu(pts))
assert torch.allclose(F.gelu(pts), pts * Phi, atol=1e-6)
assert torch.allclose(F.silu(pts), pts * torch.sigmoid(pts), atol=1e-6)
assert F.gelu(torch.tensor(-0.75)).item() < 0 and F.silu(torch.tensor(-1.28)).item() < 0

# %% [markdown]
# ## Derivatives: formulas against autograd
#
# Here is every derivative written by hand. We evaluate each function on a grid of
# points, let autograd compute the derivative (`y.sum().backward()` fills `x.grad` with
# $dy_i/dx_i$, since each $y_i$ depends only on $x_i$), and compare.

# %% Two helpers for the formulas
def sig(x):
    return 1 / (1 + torch.exp(-x))

def gauss(x):                       # standard normal density
    return torch.exp(-x * x / 2) / math.sqrt(2 * math.pi)

# %% The derivatives, one line each
acts = {  # name: (function, derivative by hand)
    "sigmoid": (torch.sigmoid, lambda x: sig(x) * (1 - sig(x))),
    "tanh": (torch.tanh, lambda x: 1 - torch.tanh(x) ** 2),
    "relu": (F.relu, lambda x: (x > 0).to(x.dtype)),
    "leaky_relu": (F.leaky_relu, lambda x: torch.where(x > 0, 1.0, 0.01).to(x.dtype)),
    "elu": (F.elu, lambda x: torch.where(x > 0, 1.0, torch.exp(x))),
    "selu": (F.selu, lambda x: lam * torch.where(x > 0, 1.0, alpha * torch.exp(x))),
    "gelu": (F.gelu, lambda x: 0.5 * (1 + torch.erf(x / math.sqrt(2))) + x * gauss(x)),
    "silu": (F.silu, lambda x: sig(x) * (1 + x * (1 - sig(x)))),
}

# %% Autograd agrees with every formula
grid = torch.arange(-80, 81) / 20          # -4 to 4 in steps of 0.05, 0 exactly included
for name, (f, df) in acts.items():
    x = grid.clone().requires_grad_(True)
    f(x).sum().backward()
    err = (x.grad - df(grid)).abs().max().item()
    print(f"{name:<11} max |autograd - formula| = {err:.1e}")
    assert err < 1e-5, name

# %% [markdown]
# **Try it:** add one more activation — type
# `acts["softplus"] = (F.softplus, lambda x: sig(x))` — then go `%back` to the cell above and `%rerun` it.
# Softplus, $\log(1+e^x)$, is a smooth ReLU whose derivative is exactly the sigmoid:
# does autograd agree? The gradcheck and the figures below will include it too.

# %% [markdown]
# A second, independent check is **gradcheck**: it nudges each input by a tiny step
# $\epsilon$ and measures how the output moves (a *numerical* derivative, lesson 05), then
# compares with autograd. It needs `float64` numbers, because in `float32` the rounding
# errors of the nudged outputs swamp the tiny differences. (Random points are almost
# never within $\epsilon$ of ReLU's kink at 0, where no derivative exists.)

# %% gradcheck for every activation, softmax included
torch.manual_seed(0)
x64 = torch.randn(20, dtype=torch.float64, requires_grad=True)
results = {name: torch.autograd.gradcheck(f, (x64,)) for name, (f, _) in acts.items()}
results["softmax"] = torch.autograd.gradcheck(lambda z: F.softmax(z, dim=0), (x64,))
print(results)
assert all(results.values())

# %% Figure: every activation on one axis
xs = torch.linspace(-4, 4, 161)
plt.figure(figsize=(7, 5))
for name, (f, _) in acts.items():
    plt.plot(xs.tolist(), f(xs).tolist(), label=name)
plt.xlabel("x")
plt.ylabel("activation(x)")
plt.title("Activation functions")
plt.ylim(-2, 4)
plt.grid(True)
plt.legend()
plt.savefig("Plots/03-activations.png")
plt.close()

# %% Figure: their derivatives
plt.figure(figsize=(7, 5))
for name, (f, _) in acts.items():
    x = xs.clone().requires_grad_(True)
    f(x).sum().backward()
    plt.plot(xs.tolist(), x.grad.tolist(), label=name)
plt.xlabel("x")
plt.ylabel("d activation / dx (autograd)")
plt.title("Derivatives: sigmoid never exceeds 0.25")
plt.axhline(0.25, color="k", linestyle=":", label="0.25")
plt.grid(True)
plt.legend()
plt.savefig("Plots/03-derivatives.png")
plt.close()

# %% [markdown]
# ## Softmax: from scores to probabilities
#
# **Softmax** works on a whole vector rather than element by element:
# $\mathrm{softmax}(z)_i = e^{z_i} / \sum_j e^{z_j}$. The outputs are positive and sum to 1,
# so they can be read as class probabilities; the inputs $z$ are called **logits**.
# Adding the same number to every logit changes nothing. Its derivative is a matrix
# (the **Jacobian**, every output against every input):
# $\partial s_i / \partial z_j = s_i(\delta_{ij} - s_j)$, where $\delta_{ij}$ is 1 when
# $i = j$ and 0 otherwise; as a matrix, $\mathrm{diag}(s) - s s^T$.

# %% Softmax values
z = torch.tensor([2.0, 1.0, 0.1])
s = F.softmax(z, dim=0)
print(s, s.sum().item())
assert abs(s.sum().item() - 1) < 1e-6
assert torch.allclose(F.softmax(z + 100, dim=0), s)
assert torch.allclose(s, torch.exp(z) / torch.exp(z).sum())

# %% The Jacobian, row by row with autograd
zz = z.clone().requires_grad_(True)
rows = []
for i in range(3):
    (g,) = torch.autograd.grad(F.softmax(zz, dim=0)[i], zz)
    rows.append(g)
J = torch.stack(rows)
print(J)
diag_s = torch.eye(3) * s                    # s on the diagonal, 0 elsewhere
assert torch.allclose(J, diag_s - torch.outer(s, s), atol=1e-6)

# %% [markdown]
# Computing $e^{z}$ naively overflows for large logits: $e^{1000}$ is infinite in any
# floating-point format, and `inf / inf` is `nan`. PyTorch subtracts the largest logit
# first (allowed, since shifting changes nothing), so `F.softmax` stays exact.

# %% Naive softmax overflows, F.softmax does not
big = torch.tensor([1000.0, 1001.0])
naive = torch.exp(big) / torch.exp(big).sum()
print("naive:  ", naive)
print("stable: ", F.softmax(big, dim=0))
assert torch.isnan(naive).all()
assert torch.allclose(F.softmax(big, dim=0), F.softmax(big - 1001, dim=0))

# %% [markdown]
# ## Vanishing gradients
#
# In a deep network the gradient of an early layer is a product of one factor per layer
# above it, and each factor contains the activation's derivative. With sigmoid that factor
# is at most 0.25, so the gradient shrinks roughly geometrically with depth: the first
# layers of a 20-layer sigmoid network barely learn. With ReLU the derivative is 1 for
# active units, and a matching **initialisation** (the rule that draws the starting
# weights) keeps the gradient's size nearly constant: **Kaiming** init draws weights with
# variance $2/n$ for $n$ inputs. For sigmoid and tanh we give them their own best rule,
# **Xavier** init, variance $2/(n_{in}+n_{out})$ — it does not save the sigmoid.
#
# We build 20 layers of width 64, push a batch through, backpropagate (call `backward()` to get every gradient),
# and record the
# size (the **norm**, $\sqrt{\sum g^2}$) of each layer's weight gradient.

# %% A deep network, its gradient norms per layer
depth = 20

def grad_norms(act, init, depth, width=64):
    torch.manual_seed(0)
    layers = [nn.Linear(width, width) for _ in range(depth)]
    for l in layers:
        init(l.weight)
        nn.init.zeros_(l.bias)
    h = torch.randn(128, width)
    for l in layers:
        h = act(l(h))
    h.pow(2).mean().backward()
    return [l.weight.grad.norm().item() for l in layers]

# %% Three networks
kaiming = lambda w: nn.init.kaiming_normal_(w, nonlinearity="relu")
norms = {
    "sigmoid (Xavier init)": grad_norms(torch.sigmoid, nn.init.xavier_normal_, depth),
    "tanh (Xavier init)": grad_norms(torch.tanh, nn.init.xavier_normal_, depth),
    "relu (Kaiming init)": grad_norms(torch.relu, kaiming, depth),
}
for name, n in norms.items():
    print(f"{name:<22} layer 1: {n[0]:.2e}   layer {len(n)}: {n[-1]:.2e}   ratio {n[0] / n[-1]:.1e}")

# %% [markdown]
# **Try it:** set `depth = 40`, go `%back` to the cell above and `%rerun` it. How many orders of magnitude
# does the sigmoid network lose now? Then go on with `%next`: does the ReLU network
# still pass its check, and what does the figure look like?

# %% Check: the sigmoid network's first layer starves
sig_n, relu_n = norms["sigmoid (Xavier init)"], norms["relu (Kaiming init)"]
assert sig_n[0] / sig_n[-1] < 1e-4          # vanished by over four orders of magnitude
assert 0.1 < relu_n[0] / relu_n[-1] < 10    # ReLU keeps it within a factor of 10

# %% Figure: gradient norm against depth
plt.figure(figsize=(7, 4.5))
for name, n in norms.items():
    plt.plot(list(range(1, len(n) + 1)), n, "o-", label=name)
plt.yscale("log")
plt.xlabel("layer (1 = nearest the input)")
plt.ylabel("norm of the weight gradient")
plt.title(f"Vanishing gradients in a {len(sig_n)}-layer network")
plt.legend()
plt.savefig("Plots/03-vanishing-gradients.png")
plt.close()

# %% [markdown]
# ## SELU keeps the scale by itself
#
# With LeCun initialisation (weights with variance $1/n$), SELU's constants make the
# activations' standard deviation settle near 1 however deep the stack, with no
# BatchNorm. tanh with the same weights shrinks the signal layer after layer.

# %% Standard deviation through 30 layers
def std_after(act, depth=30, width=128):
    torch.manual_seed(0)
    h = torch.randn(256, width)
    for _ in range(depth):
        h = act(h @ (torch.randn(width, width) / math.sqrt(width)))
    return h.std().item()

std_selu, std_tanh = std_after(F.selu), std_after(torch.tanh)
print(f"selu: {std_selu:.3f}   tanh: {std_tanh:.3f}")
assert abs(std_selu - 1) < 0.1
assert std_tanh < 0.5

# %% [markdown]
# ## Dead ReLUs
#
# A ReLU unit whose input is negative for *every* example outputs 0 everywhere and
# gets a gradient of exactly 0, so no training step can ever change its weights: it is
# **dead**. It typically happens when one large update (a learning rate that is too big)
# pushes a bias far negative. Here we simulate that push on a layer of 100 units.

# %% Killing units with one bad update
torch.manual_seed(0)
layer = nn.Linear(10, 100)
x = torch.randn(256, 10)

def dead_units(layer):
    return ((layer(x) > 0).sum(0) == 0).sum().item()   # never positive on any example

print("dead before:", dead_units(layer))
with torch.no_grad():
    layer.bias -= 3.0          # what one oversized step might do
print("dead after: ", dead_units(layer))
assert dead_units(layer) > 50

# %% Dead units receive no gradient; Leaky ReLU still gets one
dead = (layer(x) > 0).sum(0) == 0
for name, act in [("relu", F.relu), ("leaky_relu", F.leaky_relu)]:
    layer.zero_grad()
    act(layer(x)).sum().backward()
    g = layer.weight.grad[dead].abs().sum().item()
    print(f"{name:<10} gradient reaching the dead units: {g:.4f}")
    assert (g == 0) == (name == "relu")

# %% [markdown]
# ## Summary
#
# - Without a non-linear activation, stacked Linear layers collapse into one.
# - sigmoid and tanh saturate; sigmoid's derivative is at most 0.25, which makes
#   gradients **vanish** in deep stacks. ReLU (with Kaiming initialisation) keeps them
#   at a steady size.
# - Every derivative here was checked two ways: autograd against the formula, and
#   `torch.autograd.gradcheck` in float64 against numerical differences.
# - Softmax turns logits into probabilities; compute it with `F.softmax` (stable), never as
#   `exp(z) / exp(z).sum()`.
# - ReLU units can **die**; Leaky ReLU, PReLU, ELU, GELU and SiLU keep a gradient for
#   negative inputs.
#
# Next: **04 · Loss functions**, the number that training makes small.
