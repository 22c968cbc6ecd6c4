# %% [markdown]
# # 09 · Initialization
#
# After this lesson you can explain why a network must not start with all-equal weights,
# predict how the spread of the activations grows or shrinks through a deep network from
# the spread of its weights, choose Xavier or He initialization with `torch.nn.init`,
# watch activations layer by layer with forward hooks, and recognise a badly initialized
# network from its training curve. It assumes lessons 06–08.

# %% [markdown]
# ## The data: handwritten digits
#
# `Lessons/data/digits.csv` holds 1797 small images of handwritten digits, 8×8 pixels
# with values 0–16, flattened to 64 numbers per row, and the digit (0–9) as the label.
# We take 800 images to train on and 200 to validate on, and standardise each pixel
# (the small constant avoids dividing by zero for pixels that are always blank).

# %% Imports
import csv, math, os
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import TensorDataset, DataLoader
import matplotlib
matplotlib.use("Agg")  # draw to files, never open a window
import matplotlib.pyplot as plt
os.makedirs("Plots", exist_ok=True)

# %% Load and standardise the digits
with open("Lessons/data/digits.csv") as f:
    rows = list(csv.reader(f))[1:1001]
X = torch.tensor([[float(v) for v in r[:-1]] for r in rows])
y = torch.tensor([int(r[-1]) for r in rows])
X = (X - X[:800].mean(dim=0)) / (X[:800].std(dim=0) + 0.01)
X_train, y_train, X_val, y_val = X[:800], y[:800], X[800:], y[800:]
print(X_train.shape, X_val.shape, "digits in the first ten rows:", y[:10].tolist())
assert X.shape == (1000, 64)

# %% [markdown]
# ## Zeros: every unit the same
#
# It is tempting to start every weight at zero. Then every hidden unit computes the same
# thing, receives the same gradient, and takes the same step — forever. This is the
# **symmetry** problem: a layer of 16 identical units is no better than one unit. With
# tanh and zeros it is even worse: every hidden activation is $\tanh(0) = 0$, so the
# output weights get zero gradient, and so does the first layer. Only the output bias
# learns. We train for 100 steps and look.

# %% All weights zero
def tiny_net(value):
    net = nn.Sequential(nn.Linear(64, 16), nn.Tanh(), nn.Linear(16, 10))
    for p in net.parameters():
        nn.init.constant_(p, value)
    return net

net = tiny_net(0.0)
opt = torch.optim.SGD(net.parameters(), lr=0.1)
for _ in range(100):
    opt.zero_grad(); F.cross_entropy(net(X_train), y_train).backward(); opt.step()
print("largest first-layer weight:", net[0].weight.abs().max().item())
print("output bias after training:", net[2].bias.detach())
assert net[0].weight.abs().max() == 0 and net[2].weight.abs().max() == 0
assert net[2].bias.abs().max() > 0

# %% [markdown]
# Any constant has the same flaw. Start all weights at $0.1$: the units move now, but in
# lockstep — after training, the 16 rows of the first weight matrix (one row per hidden
# unit) are still identical (up to float rounding, which may differ from row to row in
# the last bit). **Random** initial weights break the symmetry.

# %% All weights 0.1
net = tiny_net(0.1)
opt = torch.optim.SGD(net.parameters(), lr=0.1)
for _ in range(100):
    opt.zero_grad(); F.cross_entropy(net(X_train), y_train).backward(); opt.step()
W = net[0].weight.detach()
print("first weights of units 0 and 7:", W[0, :4], W[7, :4])
print(f"largest difference between any unit and unit 0: {(W - W[0]).abs().max():.1e}")
assert (W - W[0]).abs().max() < 1e-5 and (W[0] - 0.1).abs().max() > 0.01

# %% [markdown]
# ## How big should random weights be?
#
# A unit adds up $n$ inputs times $n$ weights: $y = \sum_{i=1}^{n} w_i x_i$. If the
# weights and inputs are independent with mean 0, the variances add:
# $\mathrm{Var}(y) = n\,\mathrm{Var}(w)\,\mathrm{Var}(x)$. So each layer multiplies the
# variance by $n\,\mathrm{Var}(w)$, and ten layers multiply it by that number to the
# tenth power. To keep it steady we need $\mathrm{Var}(w) = 1/n$. We check the formula on
# one layer of width 100 with weights of standard deviation 0.2: the output's standard
# deviation should be $\sqrt{100 \cdot 0.04} = 2$.

# %% Variances add up
torch.manual_seed(0)
x = torch.randn(2000, 100)
w = torch.randn(100, 100) * 0.2
out = x @ w
print(f"input std {x.std():.3f}, output std {out.std():.3f}, predicted {math.sqrt(100 * 0.2 ** 2):.3f}")
assert abs(out.std().item() - 2.0) < 0.1

# %% [markdown]
# ## Xavier and He
#
# Two rules turn this into recipes, each available in `torch.nn.init`:
#
# - **Xavier** (Glorot & Bengio, 2010): $\mathrm{Var}(w) = 2/(n_{in} + n_{out})$, a
#   compromise between keeping the forward activations and the backward gradients steady.
#   Made for tanh-like activations, which pass small values through almost unchanged.
# - **He** (Kaiming He et al., 2015): $\mathrm{Var}(w) = 2/n_{in}$. ReLU zeroes half of its
#   inputs, which halves the variance; the factor 2 gives it back. Made for ReLU.
#
# We also try two fixed standard deviations, **small** (0.01) and **large** (1.0), and
# PyTorch's **default** for `nn.Linear`, a uniform distribution with standard deviation
# $1/\sqrt{3 n_{in}}$. First, the standard deviations these give for a 100×100 layer:

# %% Five initializations
inits = {
    "small (0.01)": lambda w: nn.init.normal_(w, std=0.01),
    "large (1.0)": lambda w: nn.init.normal_(w, std=1.0),
    "Xavier": lambda w: nn.init.xavier_normal_(w),
    "He": lambda w: nn.init.kaiming_normal_(w, nonlinearity="relu"),
    "PyTorch default": lambda w: nn.init.kaiming_uniform_(w, a=math.sqrt(5)),
}
torch.manual_seed(0)
for name, init in inits.items():
    w = torch.empty(100, 100)
    init(w)
    print(f"{name:16s} weight std {w.std():.4f}")
    if name == "Xavier": assert abs(w.std().item() - math.sqrt(2 / 200)) < 0.005
    if name == "He": assert abs(w.std().item() - math.sqrt(2 / 100)) < 0.005

# %% [markdown]
# ## Watching activations with forward hooks
#
# A **forward hook** is a function you attach to a module with
# `module.register_forward_hook(hook)`; PyTorch calls `hook(module, input, output)` every
# time the module runs. It lets us look inside a network without changing its code. We
# build a 10-layer network of width 100 (Linear, then activation, ten times), initialise
# its weights with one recipe and its biases with zeros, attach a hook to every
# activation that records the mean and standard deviation of its output, and feed it 500
# random inputs.

# %% deep_net: ten Linear + activation layers
def deep_net(init, act, width=100, depth=10):
    layers = []
    for _ in range(depth):
        lin = nn.Linear(width, width)
        init(lin.weight)
        nn.init.zeros_(lin.bias)
        layers += [lin, act()]
    return nn.Sequential(*layers)

# %% activation_stats: a hook on every activation
def activation_stats(init, act):
    torch.manual_seed(0)
    net = deep_net(init, act)
    stats = []
    for m in net:
        if isinstance(m, act):
            m.register_forward_hook(lambda mod, inp, out: stats.append((out.mean().item(), out.std().item())))
    with torch.no_grad():
        net(torch.randn(500, 100))
    return stats

# %% Activation statistics for every recipe
layer_stats = {}
for act in [nn.Tanh, nn.ReLU]:
    for name, init in inits.items():
        layer_stats[(act.__name__, name)] = activation_stats(init, act)
        stds = [s for _, s in layer_stats[(act.__name__, name)]]
        print(f"{act.__name__:5s} {name:16s} std layer 1 {stds[0]:.3g}, layer 5 {stds[4]:.3g}, layer 10 {stds[9]:.3g}")

# %% [markdown]
# ## What the numbers say
#
# - **small**: each layer multiplies the standard deviation by about $\sqrt{100}\cdot 0.01 = 0.1$;
#   after ten layers the signal is $10^{-10}$ — nothing reaches the output.
# - **large**: with tanh the units **saturate** (their outputs pile up at $\pm 1$, where
#   tanh is flat and its gradient is near zero); with ReLU the standard deviation grows
#   about sevenfold per layer, to $10^8$.
# - **Xavier** suits tanh (it shrinks slowly), but with ReLU it loses a factor $\sqrt 2$
#   per layer: about $0.7^{10} \approx 0.03$ after ten layers.
# - **He** keeps ReLU activations at the same scale through all ten layers.
# - **PyTorch's default** is too small for a deep stack: it is fine for the two- and
#   three-layer networks of earlier lessons.

# %% Check: what the numbers say
std_at = lambda act, name, layer: layer_stats[(act, name)][layer - 1][1]
assert std_at("Tanh", "small (0.01)", 10) < 1e-8
assert std_at("ReLU", "large (1.0)", 10) > 1e6
assert 0.5 < std_at("ReLU", "He", 10) / std_at("ReLU", "He", 1) < 2
assert std_at("ReLU", "Xavier", 10) / std_at("ReLU", "Xavier", 1) < 0.1
assert std_at("Tanh", "Xavier", 10) > 0.1
assert std_at("ReLU", "PyTorch default", 10) < 1e-3

# %% [markdown]
# Saturation, measured: the fraction of tanh outputs beyond $\pm 0.99$ in the last layer.
# At those values the gradient $1 - \tanh^2$ is below $0.02$, so almost nothing flows back.

# %% Saturation, measured
def saturated_fraction(init):
    torch.manual_seed(0)
    net = deep_net(init, nn.Tanh)
    with torch.no_grad():
        out = net(torch.randn(500, 100))
    return (out.abs() > 0.99).float().mean().item()

saturated = {name: saturated_fraction(inits[name]) for name in ["large (1.0)", "Xavier"]}
for name, frac in saturated.items():
    print(f"{name:12s} saturated: {frac:.1%}")
assert saturated["large (1.0)"] > 0.5 and saturated["Xavier"] < 0.01

# %% [markdown]
# The gradient claim, checked: the derivative of tanh is $1 - \tanh^2(a)$. Autograd agrees
# with that formula, `gradcheck` agrees with autograd, and where $\tanh(a) = 0.99$ it is
# $1 - 0.99^2 = 0.0199$.

# %% The tanh gradient, checked
a_sat = 0.5 * math.log(1.99 / 0.01)          # the a where tanh(a) = 0.99
a = torch.tensor([0.0, 1.0, a_sat], dtype=torch.float64, requires_grad=True)
torch.tanh(a).sum().backward()
print("autograd:", a.grad, " 1 - tanh^2:", 1 - torch.tanh(a.detach()) ** 2)
assert torch.allclose(a.grad, 1 - torch.tanh(a.detach()) ** 2)
assert abs(a.grad[2].item() - 0.0199) < 1e-9
assert torch.autograd.gradcheck(torch.tanh, (a.detach().requires_grad_(True),))

# %% A helper for the figure: one activation's two panels
def plot_column(axes, col, act):
    for name in inits:
        st = layer_stats[(act, name)]
        axes[0][col].plot(layers, [s for _, s in st], "o-", label=name)
        axes[1][col].plot(layers, [m for m, _ in st], "o-", label=name)
    axes[0][col].set_yscale("log")
    axes[0][col].set_title(f"{act}: standard deviation of activations")
    axes[1][col].set_title(f"{act}: mean of activations")
    axes[0][col].set_ylabel("std"); axes[1][col].set_ylabel("mean")
    if act == "ReLU": axes[1][col].set_yscale("log")
    for row in range(2):
        axes[row][col].set_xlabel("layer"); axes[row][col].legend()

# %% Figure: activations layer by layer
layers = list(range(1, 11))
fig, axes = plt.subplots(2, 2, figsize=(12, 8))
for col, act in enumerate(["Tanh", "ReLU"]):
    plot_column(axes, col, act)
plt.tight_layout()
plt.savefig("Plots/09-activations.png")
plt.close()

# %% [markdown]
# The mean panels say the same thing from another side: tanh outputs stay centred at 0,
# while ReLU outputs are never negative, so their mean tracks their spread.
#
# ## Try it
#
# Xavier for tanh is even better with PyTorch's **gain** for tanh, $5/3$: a factor on the
# weights' standard deviation that makes up for tanh squashing its inputs. Type
# `gained = lambda w: nn.init.xavier_normal_(w, gain=nn.init.calculate_gain("tanh"))`, then
# `[round(s, 3) for _, s in activation_stats(gained, nn.Tanh)]`, and compare with plain
# Xavier, `[round(s, 3) for _, s in layer_stats[("Tanh", "Xavier")]]`. Does the standard
# deviation still shrink from layer to layer?

# %% [markdown]
# ## Does it matter for training?
#
# Now the real test: a 10-layer ReLU network (64 → 64 → … → 10) trained on the digits for
# 8 epochs, with SGD and momentum, once per initialization. A loss of
# $\ln 10 \approx 2.303$ means the network guesses uniformly among the 10 digits — it has
# learned nothing. A run that produces a non-finite loss is stopped.
#
# One detail: we train in float64 (`net.double()`). A deep network trained with momentum
# amplifies tiny rounding differences — change the last bit of one weight and, a few
# hundred steps later, the loss differs in the third digit. In float32 the numbers below
# would depend on the exact order in which your machine adds things up; in float64 they
# agree to many digits everywhere.

# %% digit_net
def digit_net(init, hidden=9):
    torch.manual_seed(0)
    layers, n_in = [], 64
    for _ in range(hidden):                  # hidden layers
        layers += [nn.Linear(n_in, 64), nn.ReLU()]
        n_in = 64
    layers.append(nn.Linear(64, 10))
    net = nn.Sequential(*layers)
    for m in net:
        if isinstance(m, nn.Linear) and init is not None:
            init(m.weight)
            nn.init.zeros_(m.bias)
    return net

# %% Validation accuracy
def val_accuracy(net):
    with torch.no_grad():
        return (net(X_val.double()).argmax(dim=1) == y_val).float().mean().item()

# %% train_digits
def train_digits(init, epochs=8, hidden=9):
    net = digit_net(init, hidden).double()
    opt = torch.optim.SGD(net.parameters(), lr=0.02, momentum=0.9)
    torch.manual_seed(0)
    loader = DataLoader(TensorDataset(X_train.double(), y_train), batch_size=50, shuffle=True)
    losses = []
    for epoch in range(epochs):
        total = 0.0
        for xb, yb in loader:
            loss = F.cross_entropy(net(xb), yb)
            opt.zero_grad(); loss.backward(); opt.step()
            total += loss.item() / len(loader)
        losses.append(total)
        if not math.isfinite(total):
            break
    return losses, val_accuracy(net)

# %% Train once per initialization
train_inits = dict(inits)
train_inits["PyTorch default"] = None       # leave nn.Linear's own initialization
train_inits["zeros"] = nn.init.zeros_
results = {name: train_digits(init) for name, init in train_inits.items()}
for name, (losses, acc) in results.items():
    print(f"{name:16s} loss {losses[0]:.3f} -> {losses[-1]:.3f} after {len(losses)} epochs,"
          f" validation accuracy {acc:.3f}")

# %% [markdown]
# Zeros, small weights and PyTorch's default all stay at $\ln 10$: the signal dies on the
# way in, so the gradient dies on the way back, and the network cannot even start. Large
# weights blow up at once (`nan`, "not a number", in the first epoch). Xavier is still
# above a loss of 2 after two epochs and then learns; He is ahead of it from the second
# epoch on. Both end below 0.2 with more than 80% of the validation digits right.
# Depth makes initialization decisive: a shallow network forgives far more (the Try it
# below shows how much).

# %% Check: what training shows
for name in ["zeros", "small (0.01)", "PyTorch default"]:
    assert abs(results[name][0][-1] - math.log(10)) < 0.01
assert not math.isfinite(results["large (1.0)"][0][-1])
he, xavier = results["He"][0], results["Xavier"][0]
assert xavier[1] > 2.0 and all(he[e] < xavier[e] for e in range(1, 6))
assert he[-1] < 0.2 and xavier[-1] < 0.2
assert results["He"][1] > 0.8 and results["Xavier"][1] > 0.8

# %% Figure: training curves
plt.figure(figsize=(7, 4.5))
for name, (losses, acc) in results.items():
    finite = [l for l in losses if math.isfinite(l)]
    plt.plot(range(1, len(finite) + 1), finite, "o-", label=f"{name} (val acc {acc:.2f})")
plt.axhline(math.log(10), color="k", linestyle=":", label="ln 10: guessing")
plt.yscale("log")
plt.xlabel("epoch"); plt.ylabel("training loss (cross-entropy)")
plt.title("10-layer ReLU network on digits: effect of initialization")
plt.legend()
plt.savefig("Plots/09-training.png")
plt.close()

# %% [markdown]
# ## Try it
#
# Train a 3-layer network instead (2 hidden layers): type
# `shallow = {name: train_digits(init, hidden=2)[1] for name, init in train_inits.items()}`
# and look at `shallow`, the validation accuracy per initialization. Which ones train now?

# %% [markdown]
# ## Summary
#
# - All-equal initial weights (zeros or any constant) keep every unit identical: start random.
# - Each layer multiplies the activations' variance by $n\,\mathrm{Var}(w)$; across many
#   layers anything but 1 (after the activation's own effect) explodes or vanishes.
# - Xavier ($2/(n_{in}+n_{out})$) suits tanh, He ($2/n_{in}$) suits ReLU; both are in `torch.nn.init`.
# - Forward hooks let you watch every layer's activations without editing the model.
# - Next: **10 · Regularization** — when the network learns the training set too well.
