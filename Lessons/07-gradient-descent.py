# %% [markdown]
# # 07 · Gradient descent and its cousins
#
# After this lesson you can say what `optimizer.step()` does for plain gradient descent,
# stochastic and mini-batch gradient descent, momentum, Nesterov momentum, Adagrad, RMSprop
# and Adam; write each update by hand and check it against `torch.optim`; and read their
# paths on a map of a loss surface. It assumes lesson 06 (the training loop).

# %% [markdown]
# ## A loss surface you can see
#
# A real network has thousands of parameters, so its loss cannot be drawn. A model with
# **two** parameters can: we fit a straight line $\hat y = w x + b$ to 64 noisy points
# with the **mean squared error** $L(w, b) = \frac{1}{N}\sum_i (w x_i + b - y_i)^2$.
# Every pair $(w, b)$ has a loss, so the loss is a landscape over a plane, and training is
# a walk downhill on it. The points come from the line $y = 2x - 1$ plus noise, with $x$
# between 1 and 3. For a straight line, the best $(w, b)$ has a closed-form answer
# (least squares: $w^* = \mathrm{cov}(x, y) / \mathrm{var}(x)$, $b^* = \bar y - w^* \bar x$),
# so we know where the walk should end.

# %% Imports
import math, os
import torch
import matplotlib
matplotlib.use("Agg")  # draw to files, never open a window
import matplotlib.pyplot as plt
os.makedirs("Plots", exist_ok=True)

# %% The data and the best line
torch.manual_seed(0)
x = 1 + 2 * torch.rand(64)
y = 2 * x - 1 + 0.3 * torch.randn(64)

def loss_at(p, xs=x, ys=y):
    return ((p[0] * xs + p[1] - ys) ** 2).mean()

xm, ym = x.mean(), y.mean()
w_star = ((x - xm) * (y - ym)).mean() / ((x - xm) ** 2).mean()
b_star = ym - w_star * xm
best = torch.stack([w_star, b_star])
print(f"best line: w* = {w_star:.4f}, b* = {b_star:.4f}, loss {loss_at(best):.4f}")
assert abs(w_star - 2) < 0.2 and abs(b_star + 1) < 0.4

# %% [markdown]
# ## The gradient, by hand and checked
#
# With the **residual** $r_i = w x_i + b - y_i$ (how far the line misses point $i$), the
# chain rule gives $\partial L/\partial w = \frac{2}{N}\sum_i r_i x_i$ and
# $\partial L/\partial b = \frac{2}{N}\sum_i r_i$. At the best line both are zero — that is
# what "bottom of the valley" means. We check the formula against autograd, and autograd
# against finite differences with `gradcheck` (float64).

# %% The gradient, checked
def grad_by_hand(p, xs=x, ys=y):
    r = p[0] * xs + p[1] - ys
    return torch.stack([2 * (r * xs).mean(), 2 * r.mean()])

p = torch.tensor([-1.0, 2.5], requires_grad=True)
loss_at(p).backward()
print("autograd:", p.grad, " by hand:", grad_by_hand(p.detach()))
assert torch.allclose(p.grad, grad_by_hand(p.detach()))
print("gradient at the best line:", grad_by_hand(best))
assert grad_by_hand(best).abs().max() < 1e-4
p64 = p.detach().double().requires_grad_(True)
assert torch.autograd.gradcheck(lambda q: loss_at(q, x.double(), y.double()), (p64,))

# %% [markdown]
# ## A long, narrow valley
#
# Because every $x$ is between 1 and 3, raising $w$ and lowering $b$ almost cancel: the
# valley runs diagonally, steep across and nearly flat along. Its steepness in each
# direction is measured by the **curvature**: how fast the slope changes along the valley's
# two main directions (in matrix terms, the eigenvalues of the matrix of second
# derivatives, the **Hessian**; here a 2×2 matrix with twice the mean of $x^2$ and 2 on
# its diagonal, and twice the mean of $x$ off it).
# Their ratio, the **condition number**, says how hard the valley is for gradient descent:
# here it is about 80. The steepest curvature also sets the largest step that does not
# blow up: gradient descent on this bowl converges only for $\eta < 2/\lambda_{max}$.

# %% Curvatures of the valley
a, c = 2 * (x * x).mean().item(), 2 * xm.item()
tr, det = a + 2, a * 2 - c * c
lam_max = (tr + math.sqrt(tr * tr - 4 * det)) / 2
lam_min = (tr - math.sqrt(tr * tr - 4 * det)) / 2
print(f"curvatures {lam_max:.3f} and {lam_min:.4f}; condition number {lam_max / lam_min:.1f}")
print(f"largest stable learning rate 2/lambda_max = {2 / lam_max:.4f}")
assert 50 < lam_max / lam_min < 120

# %% [markdown]
# ## Full-batch gradient descent, by hand and by `torch.optim.SGD`
#
# **Gradient descent** (GD) repeats $p \leftarrow p - \eta \nabla L(p)$ with the gradient
# over *all* the data ("full batch"). We write the loop by hand with our gradient formula
# (plain tensors: no autograd involved), and check that `optim.SGD` with the same learning
# rate, fed by `backward()`, lands on the same numbers.

# %% Gradient descent by hand and by optim.SGD
start, lr, steps = [-1.0, 2.5], 0.15, 100
p = torch.tensor(start)
for _ in range(steps):
    p = p - lr * grad_by_hand(p)
q = torch.tensor(start, requires_grad=True)
opt = torch.optim.SGD([q], lr=lr)
for _ in range(steps):
    opt.zero_grad()
    loss_at(q).backward()
    opt.step()
print("by hand:", p, " optim.SGD:", q.detach())
print(f"loss after {steps} steps: {loss_at(p):.4f} (best {loss_at(best):.4f})")
assert torch.allclose(p, q.detach(), atol=1e-5)

# %% [markdown]
# ## Stochastic and mini-batch gradient descent
#
# With a million examples, one full-batch gradient is a million forward passes. **Stochastic**
# gradient descent (SGD) estimates the gradient from **one** random example per step;
# **mini-batch** GD from a few (here 8). Each estimate is noisy, but on average it is the
# full gradient — the mean of the 64 one-example gradients *is* the full-batch gradient:

# %% One-example gradients average to the full gradient
p0 = torch.tensor(start)
per_example = torch.stack([grad_by_hand(p0, x[i:i + 1], y[i:i + 1]) for i in range(64)])
print("full-batch gradient:         ", grad_by_hand(p0))
print("mean of one-example gradients:", per_example.mean(dim=0))
print("their spread (std):          ", per_example.std(dim=0))
assert torch.allclose(per_example.mean(dim=0), grad_by_hand(p0), atol=1e-5)

# %% [markdown]
# ## The three walks on the map
#
# `walk` runs any optimizer for 100 steps on batches of a given size, drawn at random
# each step, and records the path and the full loss after each step. Plain gradient descent,
# mini-batch and stochastic gradient descent all use the same learning rate.

# %% walk: run an optimizer, record its path
def walk(make_opt, batch_size=64, steps=100, seed=0):
    torch.manual_seed(seed)
    q = torch.tensor(start, requires_grad=True)
    opt = make_opt([q])
    path, losses = [start], [loss_at(q).item()]
    for _ in range(steps):
        idx = torch.randint(0, 64, (batch_size,)) if batch_size < 64 else torch.arange(64)
        opt.zero_grad()
        loss_at(q, x[idx], y[idx]).backward()
        opt.step()
        path.append(q.detach().tolist())
        losses.append(loss_at(q).item())
    return path, losses

# %% Three batch sizes
sgd = lambda ps: torch.optim.SGD(ps, lr=0.15)
runs = {"full batch (64)": walk(sgd, 64), "mini-batch (8)": walk(sgd, 8),
        "stochastic (1)": walk(sgd, 1)}
for name, (path, losses) in runs.items():
    print(f"{name:16s} final loss {losses[-1]:.4f}  at w={path[-1][0]:.3f}, b={path[-1][1]:.3f}")
full, mini = runs["full batch (64)"][1][-1], runs["mini-batch (8)"][1][-1]
assert full < runs["stochastic (1)"][1][-1] and mini < 1.1 * full

# %% [markdown]
# The full-batch walk is smooth; the stochastic one staggers around it (and off the map),
# because each step follows one point's opinion. After 100 steps the mini-batch walk is
# within 10% of the full batch while looking at 8 times fewer examples. None has reached
# the best line yet: the steep direction limits the step size, and along the flat floor
# of the valley small steps take a long time. The map below draws the **contour lines**
# (lines of equal loss, log-spaced) of $L(w, b)$ with the three paths.

# %% The loss on a grid of (w, b)
ws = torch.linspace(-1.5, 3.5, 60)
bs = torch.linspace(-3.0, 3.5, 60)
W = ws.unsqueeze(0).expand(60, 60)
B = bs.unsqueeze(1).expand(60, 60)
Z = ((W.unsqueeze(-1) * x + B.unsqueeze(-1) - y) ** 2).mean(dim=-1)
levels = torch.logspace(-1.2, 1.6, 15).tolist()
assert Z.shape == (60, 60) and abs(Z.min().item() - loss_at(best).item()) < 0.2

# %% draw_paths
def draw_paths(ax, runs, title):
    ax.contour(W, B, Z, levels=levels, colors="gray", linewidths=0.6)
    for name, (path, _) in runs.items():
        ax.plot([p[0] for p in path], [p[1] for p in path], ".-", markersize=3, label=name)
    ax.plot([w_star.item()], [b_star.item()], "k*", markersize=12, label="best line")
    ax.set_xlim(-1.5, 3.5); ax.set_ylim(-3.0, 4.0)
    ax.set_xlabel("w (slope)"); ax.set_ylabel("b (intercept)")
    ax.set_title(title); ax.legend()

# %% draw_losses, and the figure
def draw_losses(ax, runs, title):
    for name, (_, losses) in runs.items():
        ax.plot(range(len(losses)), losses, label=name)
    ax.axhline(loss_at(best).item(), color="k", linestyle=":", label="best possible")
    ax.set_yscale("log")
    ax.set_xlabel("step"); ax.set_ylabel("mean squared error (all 64 points)")
    ax.set_title(title); ax.legend()

fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12, 5))
draw_paths(ax1, runs, "Batch size: paths on the loss surface")
draw_losses(ax2, runs, "Batch size: loss per step")
plt.tight_layout()
plt.savefig("Plots/07-batch-size.png")
plt.close()

# %% [markdown]
# ## Try it
#
# Walk with a larger step: type `path, losses = walk(lambda ps: torch.optim.SGD(ps, lr=0.25))`
# and look at `losses[::10]`. $0.25$ is above $2/\lambda_{max}$: what does the full-batch
# loss do? (Lesson 08 is about this.)

# %% [markdown]
# ## Momentum: a heavy ball
#
# Along the valley floor the gradient points the same way step after step; across the
# valley it flips sign. **Momentum** keeps a running **velocity** $v$ that adds up the
# gradients, so consistent directions build speed and zigzags cancel:
# $v \leftarrow \mu v + g$, $p \leftarrow p - \eta v$, with $\mu = 0.9$ typically.
# **Nesterov** momentum takes the step a look-ahead would suggest:
# $p \leftarrow p - \eta (g + \mu v)$. These are PyTorch's exact formulas; we check them.

# %% Momentum by hand and by optim.SGD
def momentum_by_hand(steps, mu=0.9, lr=0.05, nesterov=False):
    p, v = torch.tensor(start), torch.zeros(2)
    for _ in range(steps):
        g = grad_by_hand(p)
        v = mu * v + g
        p = p - lr * (g + mu * v if nesterov else v)
    return p

for nest in [False, True]:
    q = torch.tensor(start, requires_grad=True)
    opt = torch.optim.SGD([q], lr=0.05, momentum=0.9, nesterov=nest)
    for _ in range(20):
        opt.zero_grad(); loss_at(q).backward(); opt.step()
    print(f"nesterov={nest}: by hand {momentum_by_hand(20, nesterov=nest)}, optim {q.detach()}")
    assert torch.allclose(momentum_by_hand(20, nesterov=nest), q.detach(), atol=1e-4)

# %% [markdown]
# ## Adaptive learning rates: Adagrad, RMSprop, Adam
#
# These give every parameter its own step size by dividing by the typical size of its
# gradient, so a flat direction gets big steps and a steep one small steps.
#
# - **Adagrad**: divide by $\sqrt{\text{sum of all past } g^2}$ — steps shrink forever.
# - **RMSprop**: divide by $\sqrt{\text{moving average of } g^2}$ (average weight $\alpha=0.99$).
# - **Adam**: RMSprop's denominator plus a moving average $m$ of $g$ itself (momentum,
#   $\beta_1 = 0.9$), both corrected for starting at zero:
#   $p \leftarrow p - \eta\, \hat m / (\sqrt{\hat s} + \epsilon)$.
#
# A consequence: Adam's first step moves *every* parameter by almost exactly $\eta$,
# whatever the size of its gradient.

# %% Adam by hand
def adam_by_hand(steps, lr=0.1, b1=0.9, b2=0.999, eps=1e-8):
    p, m, s = torch.tensor(start), torch.zeros(2), torch.zeros(2)
    for t in range(1, steps + 1):
        g = grad_by_hand(p)
        m, s = b1 * m + (1 - b1) * g, b2 * s + (1 - b2) * g * g
        p = p - lr * (m / (1 - b1 ** t)) / ((s / (1 - b2 ** t)).sqrt() + eps)
    return p

# %% Adam's first step, and Adam checked
q = torch.tensor(start, requires_grad=True)
opt = torch.optim.Adam([q], lr=0.1)
for t in range(10):
    opt.zero_grad(); loss_at(q).backward(); opt.step()
    if t == 0:
        print("first step moved by", (q.detach() - torch.tensor(start)).abs())
        assert torch.allclose((q.detach() - torch.tensor(start)).abs(), torch.full((2,), 0.1))
print("10 steps, by hand:", adam_by_hand(10), " optim.Adam:", q.detach())
assert torch.allclose(adam_by_hand(10), q.detach(), atol=1e-5)

# %% [markdown]
# ## Six optimizers on one map
#
# Same start, same surface, full batch, 100 steps each. The learning rates are each
# method's reasonable value for this problem (plain GD cannot go above 0.19 here; momentum
# multiplies the effective step, so it needs a smaller $\eta$). Momentum and Nesterov reach
# the bottom (within 1% of the best loss); plain GD is still more than 20% above it.

# %% Six optimizers
optimizers = {
    "GD": lambda ps: torch.optim.SGD(ps, lr=0.15),
    "momentum": lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.9),
    "Nesterov": lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.9, nesterov=True),
    "Adagrad": lambda ps: torch.optim.Adagrad(ps, lr=1.0),
    "RMSprop": lambda ps: torch.optim.RMSprop(ps, lr=0.1),
    "Adam": lambda ps: torch.optim.Adam(ps, lr=0.2),
}
opt_runs = {name: walk(make) for name, make in optimizers.items()}
final = {name: losses[-1] for name, (_, losses) in opt_runs.items()}
for name, l in final.items():
    print(f"{name:9s} loss after 100 steps {l:.4f}")
best_loss = loss_at(best).item()
assert final["momentum"] < 1.01 * best_loss and final["Nesterov"] < 1.01 * best_loss
assert final["GD"] > 1.2 * best_loss

# %% Figure: six optimizers
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12, 5))
draw_paths(ax1, opt_runs, "Optimizers: paths on the loss surface")
draw_losses(ax2, opt_runs, "Optimizers: loss per step")
plt.tight_layout()
plt.savefig("Plots/07-optimizers.png")
plt.close()

# %% [markdown]
# ## Reading the picture
#
# Plain GD creeps along the valley floor. Momentum overshoots across the valley and swings
# back and forth (the saw-tooth in its loss curve) while it races along it — the heavy
# ball. Nesterov builds the same speed with much smaller swings, because it corrects with
# the look-ahead gradient, and gets to the bottom first. Adagrad, RMSprop and Adam start
# with a diagonal step (equal in $w$ and $b$), then turn into the valley; on this tiny,
# smooth problem they are no faster than plain GD, and Adam, whose momentum makes it
# wobble, is the slowest of all. No optimizer wins everywhere: Adam is a robust default
# for networks with many parameters of different scales; SGD with momentum is often the
# best when its learning rate is tuned.

# %% Check: the picture in numbers
print("loss at step 40:", {n: round(r[1][40], 4) for n, r in opt_runs.items()})
assert opt_runs["Nesterov"][1][40] < opt_runs["momentum"][1][40]
assert final["Adam"] == max(final.values())

# %% [markdown]
# ## Try it
#
# Type `optimizers["momentum"] = lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.5)`,
# then `%cells`, `%goto` the cell *Six optimizers* and `%rerun` it, then Enter for the
# figure: is the path calmer? Is the loss after 100 steps better or worse? (An
# `AssertionError` after such a change only says that the numbers moved.)

# %% [markdown]
# ## Summary
#
# - Gradient descent is $p \leftarrow p - \eta \nabla L$; on a surface with a steep and a
#   flat direction the steep one caps $\eta$ below $2/\lambda_{max}$ and the flat one is slow.
# - Stochastic and mini-batch gradients are noisy but unbiased estimates of the full
#   gradient, and far cheaper per step.
# - Momentum and Nesterov add up past gradients; Adagrad, RMSprop and Adam scale each
#   parameter's step by the size of its gradients.
# - Every `torch.optim` update is a few lines of tensor arithmetic you can write and check.
# - Next: **08 · Learning rates** — choosing $\eta$, and changing it during training.
