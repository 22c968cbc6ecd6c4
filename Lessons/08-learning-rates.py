# %% [markdown]
# # 08 · Learning rates
#
# After this lesson you can tell a learning rate that is too small, good, or too large
# from its loss curve; explain why a too-large one makes training blow up (and predict
# where, from the curvature of the loss); change the learning rate during training with
# PyTorch's schedulers — `StepLR`, `ExponentialLR`, `CosineAnnealingLR`, `OneCycleLR`,
# `ReduceLROnPlateau`; and find a good starting value with a learning-rate range test.
# It assumes lessons 06 (the training loop) and 07 (gradient descent).

# %% [markdown]
# ## The data: diabetes progression
#
# `Lessons/data/diabetes.csv` has 442 patients: ten measurements taken at a first visit
# (age, sex, body-mass index, blood pressure and six blood serum values) and, as the
# target, a number measuring how far the disease progressed one year later. This is
# **regression**: predict a number, not a class. We standardise every column (mean 0,
# standard deviation 1), so a model that always predicts the average has a mean squared
# error of about 1, and anything below 1 is learned.

# %% Imports
import csv, math, os
import torch
import torch.nn as nn
from torch.utils.data import TensorDataset, DataLoader
from torch.optim import lr_scheduler
import matplotlib
matplotlib.use("Agg")  # draw to files, never open a window
import matplotlib.pyplot as plt
os.makedirs("Plots", exist_ok=True)

# %% Load and standardise the data
with open("Lessons/data/diabetes.csv") as f:
    rows = list(csv.reader(f))[1:]
D = torch.tensor([[float(v) for v in r] for r in rows])
D = (D - D.mean(dim=0)) / D.std(dim=0)
X, y = D[:, :10], D[:, 10:]
loss_fn = nn.MSELoss()
print(X.shape, y.shape)
print(f"loss of always predicting the average: {loss_fn(torch.zeros_like(y), y):.4f}")
assert abs(loss_fn(torch.zeros_like(y), y).item() - 1) < 0.01

# %% [markdown]
# ## The model, and the best it can do
#
# We use the simplest network, one `nn.Linear(10, 1)` layer: **linear regression**.
# Its loss surface is a bowl with a single bottom, so "the best possible loss" is a
# well-defined number. We find it by running full-batch SGD with momentum for a long time
# and check that we really are at the bottom: the gradient there is (nearly) zero.

# %% The best possible loss
torch.manual_seed(0)
model = nn.Linear(10, 1)
opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
for _ in range(300):
    opt.zero_grad()
    loss = loss_fn(model(X), y)
    loss.backward()
    opt.step()
best_loss = loss_fn(model(X), y).item()
grad_size = max(p.grad.abs().max().item() for p in model.parameters())
print(f"best possible loss {best_loss:.4f}, largest gradient entry there {grad_size:.1e}")
assert grad_size < 1e-3 and 0.4 < best_loss < 0.6

# %% [markdown]
# ## Why a large step blows up: one parameter
#
# Take the simplest bowl, $f(w) = \frac{\lambda}{2} w^2$, whose gradient is $\lambda w$
# ($\lambda$ is its **curvature**: how fast the slope changes). One gradient-descent step
# gives $w \leftarrow w - \eta\lambda w = (1 - \eta\lambda)\, w$: every step multiplies $w$
# by the same factor. If $|1 - \eta\lambda| < 1$, $w$ shrinks to the bottom; if
# $\eta\lambda > 2$ the factor is below $-1$ and $w$ flips sign and grows every step:
# **divergence**. So the largest safe learning rate is $2/\lambda$. We check the factor
# with `optim.SGD` on $\lambda = 4$ (safe below $\eta = 0.5$), and the gradient with gradcheck.

# %% One parameter: the factor per step
lam = 4.0
for lr in [0.1, 0.45, 0.55]:
    w = torch.tensor([1.0], requires_grad=True)
    opt = torch.optim.SGD([w], lr=lr)
    for _ in range(10):
        opt.zero_grad()
        (lam / 2 * w ** 2).sum().backward()
        opt.step()
    factor = 1 - lr * lam
    print(f"lr {lr}: factor {factor:+.2f}, w after 10 steps {w.item():+.4f} = factor**10 {factor ** 10:+.4f}")
    assert abs(w.item() - factor ** 10) < 1e-4
w64 = torch.tensor([0.7], dtype=torch.float64, requires_grad=True)
assert torch.autograd.gradcheck(lambda t: (lam / 2 * t ** 2).sum(), (w64,))

# %% [markdown]
# ## The same limit on the real problem
#
# With many parameters the loss curves differently in different directions, and the
# **steepest** curvature $\lambda_{max}$ sets the limit $\eta < 2/\lambda_{max}$. For linear
# regression with mean squared error the matrix of curvatures is
# $H = \frac{2}{N} A^\top A$, where $A$ is the data with a column of ones added (for the
# bias). Its largest **eigenvalue** (the curvature along the steepest direction) comes from **power iteration**: multiply a vector by $H$
# again and again, normalising it each time; it turns towards the steepest direction.

# %% Steepest curvature by power iteration
A = torch.cat([X, torch.ones(len(X), 1)], dim=1)
H = 2 * A.t() @ A / len(X)
v = torch.ones(11)
for _ in range(100):
    v = H @ v
    v = v / v.norm()
lam_max = (v @ H @ v).item()
print(f"steepest curvature {lam_max:.3f}; largest safe learning rate 2/lambda_max = {2 / lam_max:.3f}")
assert 0.2 < 2 / lam_max < 0.3

# %% [markdown]
# ## Too small, good, too large
#
# Now three learning rates, 50 full-batch steps each: $0.003$ (far too small), $0.2$
# (just below the limit) and $0.3$ (just above it). The run stops as soon as the loss
# passes $10^6$ or stops being a finite number — in a real training loop you would
# check the same thing instead of letting `nan`s fill your model.

# %% run: full-batch training that stops on divergence
def run(lr, steps=50):
    torch.manual_seed(0)
    model = nn.Linear(10, 1)
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    losses = []
    for step in range(steps):
        loss = loss_fn(model(X), y)
        losses.append(loss.item())
        if not math.isfinite(loss.item()) or loss.item() > 1e6:
            print(f"lr {lr}: diverged at step {step} (loss {loss.item():.1e}), stopped")
            break
        opt.zero_grad()
        loss.backward()
        opt.step()
    return losses

# %% Three learning rates
lr_runs = {lr: run(lr) for lr in [0.003, 0.2, 0.3]}
for lr, losses in lr_runs.items():
    print(f"lr {lr}: {len(losses)} steps, loss {losses[0]:.4f} -> {losses[-1]:.4g}")
assert lr_runs[0.003][-1] > 1.5 * best_loss            # too small: still far from the bottom
assert lr_runs[0.2][-1] < 1.01 * best_loss             # good: at the bottom
assert lr_runs[0.2][5] < 1.05 * best_loss              # ... and near it after 5 steps
assert len(lr_runs[0.3]) < 50 and lr_runs[0.3][-1] > 1e6   # too large: blew up

# %% Figure: too small, good, too large
plt.figure(figsize=(7, 4.5))
for lr, losses in lr_runs.items():
    plt.plot(range(len(losses)), losses, label=f"lr = {lr}")
plt.axhline(best_loss, color="k", linestyle=":", label="best possible")
plt.yscale("log")
plt.xlabel("step"); plt.ylabel("mean squared error")
plt.title("Too small, good, too large")
plt.legend()
plt.savefig("Plots/08-learning-rates.png")
plt.close()

# %% [markdown]
# The too-small rate is safe but slow: after 50 steps it is still far from the bottom.
# The good rate is within 5% of the bottom after 5 steps. The too-large rate *first*
# looks fine for a few steps and then explodes — the error along the steepest direction
# is multiplied by $|1 - 0.3\,\lambda_{max}| > 1$ every step. The best rate is often just
# below the one that blows up.
#
# ## Try it
#
# Add a fourth rate: type `lr_runs[0.24] = run(0.24)` and look at `lr_runs[0.24][::5]`.
# $0.24$ is a hair below $2/\lambda_{max}$: does it converge, and how fast? To see it
# drawn, `%cells`, `%goto` the cell *Figure: too small, good, too large* and `%rerun` it.

# %% [markdown]
# ## Mini-batches need a decaying learning rate
#
# With mini-batches each gradient is noisy (lesson 07). Near the bottom the true
# gradient is almost zero, but the noise is not, so a fixed learning rate keeps the model
# jittering around the bottom. Making the learning rate smaller as training goes on
# calms the jitter. A **scheduler** changes `optimizer.param_groups[...]["lr"]` each time
# you call its `step()`:
#
# - `StepLR(step_size=5, gamma=0.3)`: multiply by 0.3 every 5 epochs;
# - `ExponentialLR(gamma=0.8)`: multiply by 0.8 every epoch;
# - `CosineAnnealingLR(T_max=15)`: glide from the start value to 0 along half a cosine;
# - `OneCycleLR(max_lr, total_steps)`: **warm up** from `max_lr/25` to `max_lr` over the first
#   30% of steps, then glide down to almost 0; stepped after every batch, not every epoch;
# - `ReduceLROnPlateau(factor=0.3, patience=1)`: watch a number you pass to `step(loss)`,
#   and multiply the rate by 0.3 when it has not improved for more than 1 epoch.

# %% make_scheduler
def make_scheduler(name, opt, steps_per_epoch):
    if name == "StepLR": return lr_scheduler.StepLR(opt, step_size=5, gamma=0.3)
    if name == "ExponentialLR": return lr_scheduler.ExponentialLR(opt, gamma=0.8)
    if name == "CosineAnnealingLR": return lr_scheduler.CosineAnnealingLR(opt, T_max=15)
    if name == "OneCycleLR":
        return lr_scheduler.OneCycleLR(opt, max_lr=0.1, total_steps=15 * steps_per_epoch,
                                       cycle_momentum=False)
    if name == "ReduceLROnPlateau":
        return lr_scheduler.ReduceLROnPlateau(opt, factor=0.3, patience=1)
    return None   # "constant"

# %% [markdown]
# `train_with` runs 15 epochs of mini-batch SGD (batches of 8, starting rate 0.1) and
# records the learning rate at the start of each epoch and the loss on all the data at
# the end of it. Note where each kind of scheduler is stepped.

# %% train_with
def train_with(name, epochs=15, batch_size=8):
    torch.manual_seed(0)
    model = nn.Linear(10, 1)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    loader = DataLoader(TensorDataset(X, y), batch_size=batch_size, shuffle=True)
    sched = make_scheduler(name, opt, len(loader))
    lrs, losses = [], []
    for epoch in range(epochs):
        lrs.append(opt.param_groups[0]["lr"])
        for xb, yb in loader:
            opt.zero_grad()
            loss_fn(model(xb), yb).backward()
            opt.step()
            if name == "OneCycleLR": sched.step()          # every batch
        with torch.no_grad():
            losses.append(loss_fn(model(X), y).item())
        if name == "ReduceLROnPlateau": sched.step(losses[-1])   # needs the number
        elif name not in ("constant", "OneCycleLR"): sched.step()
    return lrs, losses

# %% Six schedules
names = ["constant", "StepLR", "ExponentialLR", "CosineAnnealingLR", "OneCycleLR", "ReduceLROnPlateau"]
sched_runs = {n: train_with(n) for n in names}
for n, (lrs, losses) in sched_runs.items():
    print(f"{n:18s} lr {lrs[0]:.4f} -> {lrs[-1]:.5f}   final loss {losses[-1]:.4f}"
          f"  ({100 * (losses[-1] / best_loss - 1):.1f}% above best)")
assert sched_runs["constant"][1][-1] > 1.3 * best_loss
assert all(sched_runs[n][1][-1] < 1.01 * best_loss for n in names[1:])

# %% [markdown]
# ## Checking the schedules against their formulas
#
# StepLR at epoch 10 has been cut twice: $0.1 \cdot 0.3^2 = 0.009$. ExponentialLR at
# epoch 10 is $0.1 \cdot 0.8^{10}$. The cosine is halfway down at epoch 7.5, so at epoch 5
# it is $0.05\,(1 + \cos(\pi \cdot 5/15)) = 0.075$. OneCycle starts at $0.1/25 = 0.004$.
# ReduceLROnPlateau only ever goes down, by factors of 0.3.

# %% The schedules against their formulas
lr_of = {n: r[0] for n, r in sched_runs.items()}
print("StepLR[10]", lr_of["StepLR"][10], " Exponential[10]", lr_of["ExponentialLR"][10])
print("Cosine[5]", lr_of["CosineAnnealingLR"][5], " OneCycle[0]", lr_of["OneCycleLR"][0])
assert math.isclose(lr_of["StepLR"][10], 0.1 * 0.3 ** 2, rel_tol=1e-9)
assert math.isclose(lr_of["ExponentialLR"][10], 0.1 * 0.8 ** 10, rel_tol=1e-9)
assert math.isclose(lr_of["CosineAnnealingLR"][5], 0.05 * (1 + math.cos(math.pi / 3)), rel_tol=1e-9)
assert math.isclose(lr_of["OneCycleLR"][0], 0.1 / 25, rel_tol=1e-9)
plateau = lr_of["ReduceLROnPlateau"]
assert all(b <= a for a, b in zip(plateau, plateau[1:])) and plateau[-1] < plateau[0]

# %% Figure: schedules
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12, 4.5))
for n, (lrs, losses) in sched_runs.items():
    ax1.plot(range(15), lrs, ".-", label=n)
    ax2.plot(range(1, 16), [l - best_loss for l in losses], label=n)
ax1.set_yscale("log"); ax1.set_xlabel("epoch"); ax1.set_ylabel("learning rate")
ax1.set_title("Learning-rate schedules"); ax1.legend()
ax2.set_yscale("log"); ax2.set_xlabel("epoch"); ax2.set_ylabel("loss minus best possible")
ax2.set_title("Distance from the bottom"); ax2.legend()
plt.tight_layout()
plt.savefig("Plots/08-schedules.png")
plt.close()

# %% [markdown]
# With a constant rate the loss never settles: its distance from the bottom (right, log
# scale) jumps up and down, and at the last epoch it is still more than 30% above it.
# Every decaying schedule ends within 1% of the best. Which decay works best depends on
# the problem; cosine and one-cycle are common defaults for deep networks.
#
# ## Try it
#
# Train with batches of 64 instead of 8: type
# `runs64 = {n: train_with(n, batch_size=64)[1][-1] / best_loss for n in names}` and look
# at `runs64` (final loss divided by the best). Bigger batches mean less noise: does the
# constant rate still lose?

# %% [markdown]
# ## The learning-rate range test
#
# How do you pick the starting rate for a new model? The **range test** (L. Smith, 2015)
# trains for a short while with a rate that grows exponentially each step — here from
# $10^{-4}$ to $10$ over 100 steps — and records the loss. The loss first barely moves
# (rate too small), then falls fast, then turns up and explodes (rate too large). A good
# rate is a bit below the bottom of that curve, where it is still falling steeply.

# %% The range test
def range_test(model):
    opt = torch.optim.SGD(model.parameters(), lr=1e-4)
    loader = DataLoader(TensorDataset(X, y), batch_size=8, shuffle=True)
    grow = (10 / 1e-4) ** (1 / 100)
    lrs, losses = [], []
    while len(lrs) < 100 and not (losses and losses[-1] > 4 * min(losses)):
        for xb, yb in loader:
            lr = 1e-4 * grow ** len(lrs)
            opt.param_groups[0]["lr"] = lr
            opt.zero_grad(); loss_fn(model(xb), yb).backward(); opt.step()
            with torch.no_grad():
                lrs.append(lr); losses.append(loss_fn(model(X), y).item())
            if len(lrs) == 100 or losses[-1] > 4 * min(losses): break
    return lrs, losses

# %% Run it on our linear model
torch.manual_seed(0)
test_lrs, test_losses = range_test(nn.Linear(10, 1))
print(f"stopped after {len(test_lrs)} steps at lr {test_lrs[-1]:.3f}")

# %% [markdown]
# Each point of the test is one noisy mini-batch step, so we read a **smoothed** curve:
# an exponential moving average, $s_t = 0.8\, s_{t-1} + 0.2\, \ell_t$, divided by
# $1 - 0.8^t$ to undo its start at zero (the same correction Adam uses, lesson 07).

# %% Smooth the curve
smooth, avg = [], 0.0
for t, l in enumerate(test_losses, start=1):
    avg = 0.8 * avg + 0.2 * l
    smooth.append(avg / (1 - 0.8 ** t))
i_min = smooth.index(min(smooth))
print(f"lowest smoothed loss {smooth[i_min]:.4f} at lr {test_lrs[i_min]:.3f}")
print(f"blew up at lr {test_lrs[-1]:.3f}; 2/lambda_max was {2 / lam_max:.3f}")
assert 0.03 < test_lrs[i_min] < 0.2
assert 2 / lam_max < test_lrs[-1] < 2 * (2 / lam_max)

# %% Figure: range test
plt.figure(figsize=(7, 4.5))
plt.plot(test_lrs, test_losses, alpha=0.4, label="loss after each step")
plt.plot(test_lrs, smooth, label="smoothed")
plt.axvline(test_lrs[i_min], color="C2", linestyle="--", label="lowest smoothed loss")
plt.axvline(2 / lam_max, color="C3", linestyle=":", label="2 / steepest curvature")
plt.xscale("log"); plt.yscale("log")
plt.xlabel("learning rate"); plt.ylabel("mean squared error")
plt.title("Learning-rate range test"); plt.legend()
plt.savefig("Plots/08-range-test.png")
plt.close()

# %% [markdown]
# The smoothed loss is lowest near $\eta \approx 0.08$; above about 0.1 it turns noisy, and
# it blows up soon after the $2/\lambda_{max}$ we computed from the curvature. The test
# finds that limit without any algebra — which is what you need for a network whose
# curvature you cannot compute. A good starting rate is a little below the lowest point,
# where the curve still falls steeply: about 0.05 for this problem.
#
# ## Try it
#
# Test a small network instead of one Linear layer: type `torch.manual_seed(0)`, then
# `lrs2, losses2 = range_test(nn.Sequential(nn.Linear(10, 32), nn.ReLU(), nn.Linear(32, 1)))`
# and look at `lrs2[-1]`, `min(losses2)` and `lrs2[losses2.index(min(losses2))]`. Where
# does it blow up, and where is its loss lowest?

# %% [markdown]
# ## Summary
#
# - Too small a learning rate is slow, too large blows up; on a bowl with steepest
#   curvature $\lambda_{max}$ the limit is $\eta < 2/\lambda_{max}$, and the best rate is
#   often just below it.
# - In a training loop, check `math.isfinite(loss.item())` and stop, instead of training on `nan`.
# - With mini-batches, a decaying schedule (step, exponential, cosine, one-cycle, or
#   on-plateau) lets the model settle at the bottom instead of jittering around it.
# - A range test finds a good starting rate in one short run.
# - Next: **09 · Initialization** — where the parameters start matters as much as how they move.
