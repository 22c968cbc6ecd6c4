# %% [markdown]
# # 04 · Loss functions
#
# After this lesson you can compute the common losses by hand and match PyTorch's
# (`MSELoss`, `L1Loss`, `HuberLoss`, `CrossEntropyLoss`, `NLLLoss`, `BCELoss`,
# `BCEWithLogitsLoss`), say which one fits which problem and why, recognise the two
# classic mistakes (softmax before `CrossEntropyLoss`, `BCELoss` on saturated
# probabilities), and write your own loss and check its gradient with `gradcheck`.
#
# It assumes lessons 01–03 (modules, softmax, gradients).

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
# ## What a loss is
#
# A **loss** is one number that says how wrong the model's predictions are on a batch;
# training changes the parameters to make it smaller. What matters for training is not
# only its value but its **gradient with respect to the predictions**: that is the signal
# that flows back through the network. So for each loss we look at both.
#
# ## Regression: MSE, MAE, Huber
#
# For numeric targets $y$ and predictions $\hat y$, with the error $d = \hat y - y$:
#
# - **MSE** (mean squared error, `nn.MSELoss`): mean of $d^2$. Gradient $2d/N$: big
#   errors pull hard.
# - **MAE** (mean absolute error, `nn.L1Loss`): mean of $|d|$. Gradient $\pm 1/N$: every
#   error pulls equally, so one **outlier** (an example far from the rest) cannot
#   dominate.
# - **Huber** (`nn.HuberLoss`, threshold $\delta = 1$): $\tfrac12 d^2$ when
#   $|d| \le \delta$, $\delta(|d| - \tfrac12\delta)$ beyond. Quadratic near 0, linear
#   far away: MSE's smoothness with MAE's robustness.

# %% The three regression losses by hand
pred = torch.tensor([2.5, 0.0, 2.0, 8.0])
target = torch.tensor([3.0, -0.5, 2.0, 2.0])      # the last prediction is 6 off
d = pred - target
delta = 1.0                                       # Huber's threshold
mse, mae = (d ** 2).mean(), d.abs().mean()
huber = torch.where(d.abs() <= delta, 0.5 * d ** 2, delta * (d.abs() - 0.5 * delta)).mean()
print(f"MSE {mse.item():.4f}   MAE {mae.item():.4f}   Huber {huber.item():.4f}")
assert torch.allclose(mse, nn.MSELoss()(pred, target))
assert torch.allclose(mae, nn.L1Loss()(pred, target))
assert torch.allclose(huber, nn.HuberLoss(delta=delta)(pred, target))
share = (d[3] ** 2 / (d ** 2).sum()).item()
print(f"share of MSE from the outlier: {share:.1%}")
assert share > 0.98

# %% [markdown]
# The outlier makes up 98 % of the MSE. The **reduction** argument decides how the
# per-example losses are combined: `'mean'` (the default), `'sum'`, or `'none'` to get
# them all back, which is handy for finding the examples a model gets most wrong.

# %% Reductions
per_example = nn.MSELoss(reduction="none")(pred, target)
print(per_example)
assert torch.equal(per_example, d ** 2)
assert torch.allclose(nn.MSELoss(reduction="sum")(pred, target), per_example.sum())

# %% Gradients with respect to the predictions
N = len(pred)
grads = {}
for name, loss_fn, by_hand in [("MSE", nn.MSELoss(), 2 * d / N),
                               ("MAE", nn.L1Loss(), torch.sign(d) / N),
                               ("Huber", nn.HuberLoss(), d.clamp(-1, 1) / N)]:
    p = pred.clone().requires_grad_(True)
    loss_fn(p, target).backward()
    grads[name] = p.grad
    print(f"{name:<6} {p.grad}")
    assert torch.allclose(p.grad, by_hand)

# %% [markdown]
# The outlier pulls with 3.0 under MSE but only 0.25 under MAE and Huber. (At $d = 0$ the
# absolute value has no slope; PyTorch uses 0, the sign of 0.)
#
# ## On real data: the best constant prediction
#
# A neat way to see what each loss *wants*: predict one constant $c$ for every example
# and find the $c$ with the lowest loss. For MSE it is the **mean** of the targets, for
# MAE the **median** (the middle value; with an even count, anything between the two
# middle values is equally good), and Huber lands in between. We use the petal
# lengths of the 150 iris flowers in `Lessons/data/iris.csv` (Fisher, 1936), whose
# two flower shapes make the mean and median differ.

# %% Load the petal lengths
with open("Lessons/data/iris.csv") as f:
    lines = f.read().splitlines()
print(lines[0])
petal = torch.tensor([float(row.split(",")[2]) for row in lines[1:]])
middle = sorted(petal.tolist())[74:76]          # the two middle values of 150
print(f"n = {len(petal)}, mean = {petal.mean().item():.4f}, middle values = {middle[0]:.1f}, {middle[1]:.1f}")
assert len(petal) == 150

# %% Loss of every constant prediction c
c = torch.linspace(0, 8, 801)                    # candidate constants, step 0.01
err = c[:, None] - petal[None, :]                # (801, 150): every c against every flower
curves = {"MSE": (err ** 2).mean(1), "MAE": err.abs().mean(1),
          "Huber": F.huber_loss(c[:, None].expand(-1, 150), petal.expand(801, -1),
                                reduction="none", delta=delta).mean(1)}
best = {name: c[curve.argmin()].item() for name, curve in curves.items()}
flat = c[curves["MAE"] <= curves["MAE"].min() + 1e-5]   # MAE's minimum is a flat stretch
print(f"best c:  MSE {best['MSE']:.2f}   Huber {best['Huber']:.2f}   "
      f"MAE anywhere in [{flat.min().item():.2f}, {flat.max().item():.2f}]")
assert abs(best["MSE"] - petal.mean().item()) < 0.01
assert abs(flat.min().item() - middle[0]) < 1e-3 and abs(flat.max().item() - middle[1]) < 1e-3
assert best["MSE"] < best["Huber"] < flat.min().item()

# %% [markdown]
# **Try it:** set `delta = 3.0`, go `%back` to the cell above and `%rerun` it. Does Huber's best constant
# move towards the mean or towards the median, and why does the cell's last check now
# fail? (Set `delta = 1.0` and `%rerun` again, then Enter to go on.)

# %% Figure: loss against the constant prediction
plt.figure(figsize=(7, 4.5))
for name, curve in curves.items():
    plt.plot(c.tolist(), curve.tolist(), label=name)
plt.axvline(petal.mean().item(), color="k", linestyle=":", label="mean")
plt.axvline(sum(middle) / 2, color="k", linestyle="--", label="median")
plt.yscale("log")
plt.xlabel("constant prediction c (cm)")
plt.ylabel("loss over 150 iris petal lengths")
plt.ylim(0.8, 300)                               # room for the legend at the top
plt.title("Each loss prefers a different constant")
plt.legend(loc="upper left")
plt.savefig("Plots/04-regression-losses.png")
plt.close()

# %% [markdown]
# ## Classification: cross-entropy
#
# A classifier outputs one **logit** (an unnormalised score) per class; softmax turns them
# into probabilities $p$ (lesson 03). **Cross-entropy** is $-\log p_{y}$, minus the log
# of the probability given to the correct class $y$: 0 when the model is sure and right,
# huge when it is sure and wrong. `nn.CrossEntropyLoss` takes the raw logits and the
# class indices, and averages over the batch.
#
# It is exactly **`NLLLoss`** (negative log-likelihood, which just picks $-$ the entry of
# the correct class) applied to **`log_softmax`** (the log of the softmax, computed
# stably in one step).

# %% Cross-entropy three ways
logits = torch.tensor([[2.0, 0.5, -1.0], [0.1, 0.2, 3.0], [1.0, 1.0, 1.0]])
labels = torch.tensor([0, 1, 2])                 # the correct class of each example
probs = F.softmax(logits, dim=1)
by_hand = -torch.log(probs[torch.arange(3), labels]).mean()
ce = nn.CrossEntropyLoss()(logits, labels)
nll = nn.NLLLoss()(F.log_softmax(logits, dim=1), labels)
print(f"by hand {by_hand.item():.4f}   CrossEntropyLoss {ce.item():.4f}   NLL {nll.item():.4f}")
assert torch.allclose(ce, by_hand) and torch.allclose(ce, nll)
assert abs(nn.CrossEntropyLoss()(logits[2:], labels[2:]).item() - math.log(3)) < 1e-6

# %% [markdown]
# The last example has equal logits, so every class gets probability 1/3 and its loss is
# $\log 3 \approx 1.0986$: the loss of pure guessing among 3 classes, a useful baseline
# to compare a first training loss with.
#
# The gradient of cross-entropy with respect to the logits is beautifully simple:
# $(p - \text{onehot}(y)) / N$, the predicted probabilities minus the truth, where
# $\text{onehot}(y)$ is the vector with 1 at the correct class and 0 elsewhere
# (`F.one_hot`).

# %% The gradient is p - onehot(y)
z = logits.clone().requires_grad_(True)
nn.CrossEntropyLoss()(z, labels).backward()
onehot = F.one_hot(labels, num_classes=3).float()
print(z.grad)
assert torch.allclose(z.grad, (probs - onehot) / 3, atol=1e-6)

# %% [markdown]
# **Mistake 1: softmax before `CrossEntropyLoss`.** The loss applies log-softmax itself.
# Feeding it probabilities applies softmax twice: the loss can no longer get near 0 and
# its gradients shrink, so training crawls. PyTorch cannot detect this for you.

# %% Double softmax
sure = torch.tensor([[10.0, 0.0, 0.0]])          # confident and correct
right = nn.CrossEntropyLoss()(sure, torch.tensor([0]))
wrong = nn.CrossEntropyLoss()(F.softmax(sure, dim=1), torch.tensor([0]))
print(f"logits in: {right.item():.6f}   probabilities in: {wrong.item():.6f}")
assert right.item() < 1e-3 and wrong.item() > 0.5

# %% [markdown]
# ## Two classes: BCE and BCE with logits
#
# For a yes/no target $y \in \{0, 1\}$ the model outputs one logit $z$, and
# $p = \sigma(z)$ is the probability of "yes". **Binary cross-entropy** is
# $-[\,y \log p + (1-y)\log(1-p)\,]$. `nn.BCELoss` takes $p$;
# `nn.BCEWithLogitsLoss` takes $z$ and fuses the sigmoid in, which is both simpler and
# numerically safer. Its gradient with respect to $z$ is $(\sigma(z) - y)/N$.

# %% BCE by hand, BCELoss and BCEWithLogitsLoss
z = torch.tensor([1.5, -0.3, 2.0, -4.0])
y = torch.tensor([1.0, 0.0, 0.0, 0.0])
p = torch.sigmoid(z)
by_hand = -(y * torch.log(p) + (1 - y) * torch.log(1 - p)).mean()
print(f"by hand {by_hand.item():.4f}   BCELoss {nn.BCELoss()(p, y).item():.4f}   "
      f"BCEWithLogitsLoss {nn.BCEWithLogitsLoss()(z, y).item():.4f}")
assert torch.allclose(by_hand, nn.BCELoss()(p, y))
assert torch.allclose(by_hand, nn.BCEWithLogitsLoss()(z, y))
zg = z.clone().requires_grad_(True)
nn.BCEWithLogitsLoss()(zg, y).backward()
assert torch.allclose(zg.grad, (torch.sigmoid(z) - y) / 4)

# %% [markdown]
# **Mistake 2: `BCELoss` on a saturated sigmoid.** In float32, $\sigma(20)$ rounds to
# exactly 1, so $\log(1 - p) = \log 0 = -\infty$. `BCELoss` clamps the log at $-100$ to
# avoid infinities, so a logit of 200 that is *wrong* costs only 100 — the same as a
# logit of 20 — and the gradient reaching the logit is exactly 0: the model gets no
# signal to fix its worst mistakes. `BCEWithLogitsLoss` computes both exactly.

# %% Saturation: BCELoss clamps, BCEWithLogitsLoss does not
for logit in [20.0, 120.0, 200.0]:
    zz = torch.tensor([logit])
    a = nn.BCELoss()(torch.sigmoid(zz), torch.tensor([0.0])).item()
    b = nn.BCEWithLogitsLoss()(zz, torch.tensor([0.0])).item()
    print(f"logit {logit:>5}: BCELoss {a:8.3f}   BCEWithLogitsLoss {b:8.3f}")
assert nn.BCELoss()(torch.sigmoid(torch.tensor([200.0])), torch.tensor([0.0])).item() == 100.0
assert nn.BCEWithLogitsLoss()(torch.tensor([200.0]), torch.tensor([0.0])).item() == 200.0

# %% The gradient through the clamp is zero
zz = torch.tensor([20.0], requires_grad=True)
nn.BCELoss()(torch.sigmoid(zz), torch.tensor([0.0])).backward()
z2 = torch.tensor([20.0], requires_grad=True)
nn.BCEWithLogitsLoss()(z2, torch.tensor([0.0])).backward()
print("d loss / d logit:  BCELoss", zz.grad.item(), "  BCEWithLogitsLoss", z2.grad.item())
assert zz.grad.item() == 0.0 and z2.grad.item() == 1.0

# %% [markdown]
# Every gradient formula above was checked against autograd at a few points. `gradcheck`
# (lesson 05 explains it) checks autograd itself against numerical differences, in
# float64, at random points — here for every built-in loss of this lesson.

# %% gradcheck every loss of the lesson
torch.manual_seed(0)
q = torch.randn(5, 3, dtype=torch.float64, requires_grad=True)
t = torch.randn(5, 3, dtype=torch.float64)
cls = torch.tensor([0, 2, 1, 1, 0])
bits = torch.tensor([[1.0, 0.0, 1.0]] * 5, dtype=torch.float64)
checks = {"MSE": lambda q: F.mse_loss(q, t), "MAE": lambda q: F.l1_loss(q, t),
          "Huber": lambda q: F.huber_loss(q, t), "CrossEntropy": lambda q: F.cross_entropy(q, cls),
          "NLL": lambda q: F.nll_loss(F.log_softmax(q, dim=1), cls),
          "BCE": lambda q: F.binary_cross_entropy(torch.sigmoid(q), bits),
          "BCEWithLogits": lambda q: F.binary_cross_entropy_with_logits(q, bits)}
passed = {name: torch.autograd.gradcheck(fn, (q,)) for name, fn in checks.items()}
print(passed)
assert all(passed.values())

# %% [markdown]
# ## Why not MSE for classification?
#
# One could put MSE on the probability, $(\sigma(z) - y)^2$. But when the model is
# confidently wrong ($z = -10$ for $y = 1$) the sigmoid is saturated and the gradient
# almost vanishes: the model learns slowest exactly when it is most wrong. Cross-entropy's
# gradient $\sigma(z) - y$ stays near $-1$ there.

# %% Gradients when confidently wrong
zs = torch.linspace(-10, 10, 201, requires_grad=True)
bce_curve = F.binary_cross_entropy_with_logits(zs, torch.ones(201), reduction="none")
mse_curve = (torch.sigmoid(zs) - 1) ** 2
g_bce, = torch.autograd.grad(bce_curve.sum(), zs, retain_graph=True)
g_mse, = torch.autograd.grad(mse_curve.sum(), zs, retain_graph=True)
print(f"at z = -10:  d BCE/dz = {g_bce[0].item():.6f}   d MSE/dz = {g_mse[0].item():.6f}")
assert abs(g_bce[0].item() + 1) < 1e-3 and abs(g_mse[0].item()) < 1e-3

# %% Figure: loss and gradient against the logit, target y = 1
fig, axes = plt.subplots(1, 2, figsize=(10, 4))
for name, curve, g in [("BCE with logits", bce_curve, g_bce), ("MSE on sigmoid", mse_curve, g_mse)]:
    axes[0].plot(zs.tolist(), curve.tolist(), label=name)
    axes[1].plot(zs.tolist(), g.abs().tolist(), label=name)
axes[0].set_title("Loss for target y = 1")
axes[0].set_xlabel("logit z")
axes[0].set_ylabel("loss")
axes[0].legend()
axes[1].set_title("Size of the gradient")
axes[1].set_xlabel("logit z")
axes[1].set_ylabel("|d loss / dz| (log scale)")
axes[1].set_yscale("log")
axes[1].legend(loc="lower left")
plt.savefig("Plots/04-classification-losses.png")
plt.close()

# %% [markdown]
# ## Which loss when
#
# | problem | model output | loss |
# | --- | --- | --- |
# | predict a number | one value | `MSELoss`; `HuberLoss`/`L1Loss` with outliers |
# | one of C classes | C logits | `CrossEntropyLoss` (never softmax first) |
# | yes/no, or several independent yes/no labels | one logit per label | `BCEWithLogitsLoss` |
# | you already have log-probabilities | C log-probabilities | `NLLLoss` |
#
# ## Your own loss
#
# Any function built from tensor operations is a loss autograd can differentiate. Take
# **log-cosh**, $\mathrm{mean}\,\log\cosh(d)$: like $\tfrac12 d^2$ near 0 and like
# $|d| - \log 2$ far away — a smooth Huber. Its derivative is $\tanh(d)/N$. We write
# it as a module and check the gradient against the formula *and* with `gradcheck`.

# %% A custom loss module
class LogCoshLoss(nn.Module):
    def forward(self, pred, target):
        d = pred - target
        return torch.log((torch.exp(d) + torch.exp(-d)) / 2).mean()   # cosh(d) = (e^d + e^-d)/2

p = pred.clone().requires_grad_(True)
loss = LogCoshLoss()(p, target)
loss.backward()
print(f"log-cosh {loss.item():.4f}", p.grad)
assert torch.allclose(p.grad, torch.tanh(d) / N)

# %% gradcheck the custom loss in float64
torch.manual_seed(0)
p64 = torch.randn(6, dtype=torch.float64, requires_grad=True)
t64 = torch.randn(6, dtype=torch.float64)
ok = torch.autograd.gradcheck(lambda q: LogCoshLoss()(q, t64), (p64,))
print("gradcheck:", ok)
assert ok

# %% [markdown]
# A formula that is right on paper can still fail on a computer. $e^{d}$, and with it
# $\cosh(d)$, overflows float32 for $|d| > 88$, so the loss becomes infinite. Rewriting with
# $\log\cosh d = |d| + \log(1 + e^{-2|d|}) - \log 2$ (the last terms via `F.softplus`,
# which computes $\log(1+e^x)$ safely) gives the same values where both work, and finite
# values everywhere.

# %% A stable rewrite, checked the same way
class StableLogCosh(nn.Module):
    def forward(self, pred, target):
        a = (pred - target).abs()
        return (a + F.softplus(-2 * a) - math.log(2)).mean()

far = torch.tensor([100.0])
print(LogCoshLoss()(far, torch.zeros(1)).item(), StableLogCosh()(far, torch.zeros(1)).item())
assert math.isinf(LogCoshLoss()(far, torch.zeros(1)).item())
assert abs(StableLogCosh()(far, torch.zeros(1)).item() - (100 - math.log(2))) < 1e-4
assert torch.allclose(StableLogCosh()(pred, target), LogCoshLoss()(pred, target))
assert torch.autograd.gradcheck(lambda q: StableLogCosh()(q, t64), (p64,))

# %% [markdown]
# **Try it:** leave the outlier out — type
# `[f(pred[:3], target[:3]).item() for f in (nn.MSELoss(), nn.HuberLoss(), LogCoshLoss())]`.
# Without it, how close are the three losses, and why?

# %% [markdown]
# ## Summary
#
# - Regression: MSE (gradient grows with the error, best constant = mean), MAE (constant
#   pull, best constant = median), Huber and log-cosh in between.
# - Multi-class: `CrossEntropyLoss` on raw logits = `NLLLoss` on `log_softmax`; its
#   gradient is $p - \text{onehot}(y)$; a 3-class guess costs $\log 3$.
# - Binary: prefer `BCEWithLogitsLoss` — `BCELoss` on a saturated sigmoid clamps at 100
#   and loses the gradient; MSE on probabilities vanishes when most wrong.
# - A custom loss is any tensor expression; check it with `gradcheck` in float64 and
#   watch for overflow.
#
# Next: **05 · Autograd and gradient checking**, how `backward()` finds all these
# gradients.
