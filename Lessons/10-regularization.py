# %% [markdown]
# # 10 · Regularization
#
# After this lesson you can recognise **overfitting** — a model that learns its training
# examples by heart and gets worse on new ones — from its training and validation
# curves, and fight it with the four standard tools: **dropout**, **weight decay**,
# **batch normalization** and **early stopping**. You will check what each one computes
# and compare them on one figure. It assumes lessons 06–09.

# %% [markdown]
# ## A small sample invites memorising
#
# We return to the diabetes data of lesson 08 (ten measurements per patient, predict the
# disease progression a year later), but train on only **60 patients** and validate on
# 200 others. The network is far bigger than 60 examples need: two hidden layers of 128
# units, about 18 000 parameters — enough to memorise every training patient.
#
# As in lesson 09 we compute in float64 (`dtype=torch.float64`, `model.double()`), so that
# these long training runs print the same digits on every machine.

# %% Imports
import copy, csv, math, os
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import TensorDataset, DataLoader
import matplotlib
matplotlib.use("Agg")  # draw to files, never open a window
import matplotlib.pyplot as plt
os.makedirs("Plots", exist_ok=True)

# %% Load, split and standardise
with open("Lessons/data/diabetes.csv") as f:
    rows = list(csv.reader(f))[1:]
D = torch.tensor([[float(v) for v in r] for r in rows], dtype=torch.float64)
torch.manual_seed(0)
perm = torch.randperm(442)
train_idx, val_idx = perm[:60], perm[60:260]
D = (D - D[train_idx].mean(dim=0)) / D[train_idx].std(dim=0)
X_train, y_train = D[train_idx, :10], D[train_idx, 10]
X_val, y_val = D[val_idx, :10], D[val_idx, 10]
print(X_train.shape, X_val.shape)

# %% [markdown]
# `make_model` builds the network, optionally with dropout or batch norm after each hidden
# layer (both explained below); `fit` trains it for 50 epochs with mini-batches of 10,
# SGD with momentum, and records the mean squared error on the training and validation
# sets after every epoch.

# %% make_model
def make_model(dropout=0.0, batchnorm=False):
    torch.manual_seed(0)
    layers, n_in = [], 10
    for _ in range(2):
        layers.append(nn.Linear(n_in, 128))
        if batchnorm: layers.append(nn.BatchNorm1d(128))
        layers.append(nn.ReLU())
        if dropout > 0: layers.append(nn.Dropout(dropout))
        n_in = 128
    layers.append(nn.Linear(128, 1))
    return nn.Sequential(*layers).double()

# %% The plain network
model = make_model()
print(model)
n_params = sum(p.numel() for p in model.parameters())
print("parameters:", n_params)
assert 17000 < n_params < 19000

# %% mse: the loss on a whole set
def mse(model, X, y):
    model.eval()
    with torch.no_grad():
        return F.mse_loss(model(X).squeeze(1), y).item()

# %% fit: train and record both losses
def fit(model, weight_decay=0.0, epochs=50, on_epoch=None):
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, weight_decay=weight_decay)
    torch.manual_seed(0)
    loader = DataLoader(TensorDataset(X_train, y_train), batch_size=10, shuffle=True)
    hist = {"train": [], "val": []}
    for epoch in range(epochs):
        model.train()
        for xb, yb in loader:
            opt.zero_grad()
            F.mse_loss(model(xb).squeeze(1), yb).backward()
            opt.step()
        hist["train"].append(mse(model, X_train, y_train))
        hist["val"].append(mse(model, X_val, y_val))
        if on_epoch is not None and on_epoch(model, hist): break
    return hist

# %% [markdown]
# ## Overfitting, seen
#
# The training loss falls towards zero: the network fits the 60 patients almost exactly.
# The validation loss falls for a couple of epochs, reaches its best, and then *rises*,
# ending worse than the best by half or more: everything learned after that point is
# about the particular 60 patients — their noise — not about diabetes. The widening gap
# between the two curves is overfitting.

# %% The plain network overfits
curves = {"no regularization": fit(make_model())}
plain = curves["no regularization"]
best_epoch = plain["val"].index(min(plain["val"]))
print(f"training loss   {plain['train'][0]:.4f} -> {plain['train'][-1]:.4f}")
print(f"validation loss best {min(plain['val']):.4f} at epoch {best_epoch + 1}, final {plain['val'][-1]:.4f}")
assert plain["train"][-1] < 0.02
assert plain["val"][-1] > 1.5 * min(plain["val"])

# %% [markdown]
# ## Dropout
#
# **Dropout** (Srivastava et al., 2014) sets each hidden activation to zero with
# probability $p$ during training, a fresh random choice for every example and every
# step, and multiplies the survivors by $1/(1-p)$ so the average activation is unchanged.
# No unit can rely on any particular other unit being there, so the network cannot build
# the delicate combinations of units, each useless without the others, that memorise
# single examples. In `eval()` mode
# dropout does nothing. We check both claims on 10 000 ones with $p = 0.5$.

# %% Dropout, checked
torch.manual_seed(0)
drop = nn.Dropout(p=0.5)
out = drop(torch.ones(10000))
print(f"fraction zeroed {(out == 0).float().mean():.4f}, survivors equal {out.max():.1f}, mean {out.mean():.4f}")
assert abs((out == 0).float().mean().item() - 0.5) < 0.02 and out.max() == 2.0
assert abs(out.mean().item() - 1) < 0.04
drop.eval()
assert torch.equal(drop(torch.ones(5)), torch.ones(5))

# %% Train with dropout
curves["dropout 0.5"] = fit(make_model(dropout=0.5))
print(f"dropout: final training {curves['dropout 0.5']['train'][-1]:.4f}, validation {curves['dropout 0.5']['val'][-1]:.4f}")
assert curves["dropout 0.5"]["train"][-1] > 10 * plain["train"][-1]
assert curves["dropout 0.5"]["val"][-1] < 0.75 * plain["val"][-1]

# %% [markdown]
# With dropout the training loss stays well above zero — memorising is now hard — and
# the final validation loss is clearly lower than without it.
#
# ## Weight decay
#
# **Weight decay** adds a penalty for large weights to the loss,
# $L' = L + \frac{\lambda}{2}\sum w^2$. Its gradient is $\lambda w$, so every step also
# shrinks each weight by a fraction $\eta\lambda$ towards zero ("decay"). Smaller weights
# make a smoother function that cannot bend around every training point. In PyTorch you
# pass `weight_decay=λ` to the optimizer, which adds $\lambda w$ to each gradient. We
# check that this is the same as adding the penalty to the loss ourselves, and gradcheck
# the penalty.

# %% Weight decay is a penalty in the loss
torch.manual_seed(0)
lam = 0.1
m1, m2 = make_model(), make_model()
xb, yb = X_train[:10], y_train[:10]
opt1 = torch.optim.SGD(m1.parameters(), lr=0.01, weight_decay=lam)
F.mse_loss(m1(xb).squeeze(1), yb).backward(); opt1.step()
opt2 = torch.optim.SGD(m2.parameters(), lr=0.01)
penalty = lam / 2 * sum((p ** 2).sum() for p in m2.parameters())
(F.mse_loss(m2(xb).squeeze(1), yb) + penalty).backward(); opt2.step()
same = all(torch.allclose(a, b) for a, b in zip(m1.parameters(), m2.parameters()))
print("optimizer weight_decay == penalty in the loss:", same)
assert same
w = torch.randn(5, dtype=torch.float64, requires_grad=True)
assert torch.autograd.gradcheck(lambda t: lam / 2 * (t ** 2).sum(), (w,))

# %% Train with weight decay
curves["weight decay 0.1"] = fit(make_model(), weight_decay=lam)
wd = curves["weight decay 0.1"]
print(f"weight decay: final training {wd['train'][-1]:.4f}, validation {wd['val'][-1]:.4f}")
assert wd["val"][-1] < 0.75 * plain["val"][-1]

# %% [markdown]
# ## Batch normalization
#
# **Batch normalization** (Ioffe & Szegedy, 2015) standardises each hidden unit over the
# batch — subtract the batch mean, divide by the batch standard deviation — and then
# applies a learned scale $\gamma$ and shift $\beta$. It was invented to make deep
# networks train faster and with larger learning rates; because each example's output
# depends on the other examples in its batch, it also adds some noise, which is said to
# regularise a little. In `eval()` mode it uses running averages of the mean and variance
# collected during training, so a single example gives a fixed answer. We check both modes.

# %% Batch norm, checked
torch.manual_seed(0)
bn = nn.BatchNorm1d(3)
h = torch.randn(8, 3) * 5 + 10
out = bn(h).detach()
print(f"train mode: largest |batch mean| {out.mean(dim=0).abs().max():.1e}, std", out.std(dim=0, unbiased=False))
assert out.mean(dim=0).abs().max() < 1e-5 and (out.std(dim=0, unbiased=False) - 1).abs().max() < 1e-3
print("running mean after one batch (momentum 0.1):", bn.running_mean)
assert torch.allclose(bn.running_mean, 0.1 * h.mean(dim=0))
bn.eval()
assert torch.allclose(bn(h), (h - bn.running_mean) / torch.sqrt(bn.running_var + bn.eps), atol=1e-5)

# %% Train with batch norm
curves["batch norm"] = fit(make_model(batchnorm=True))
bnc = curves["batch norm"]
print(f"batch norm: best validation {min(bnc['val']):.4f}, final {bnc['val'][-1]:.4f}")
assert min(bnc["val"]) > min(plain["val"])
assert bnc["val"][-1] > wd["val"][-1] and bnc["val"][-1] > curves["dropout 0.5"]["val"][-1]

# %% [markdown]
# Batch norm is not a cure here. With batches of only 10, the batch statistics are
# noisy and so are the running averages used in `eval()` mode: both of its curves on the
# figure below jump around, and its best validation loss is worse than the plain
# network's. Use batch norm for what it is best at — training deep networks — and do not
# count on it against overfitting.
#
# ## Early stopping
#
# The simplest remedy: watch the validation loss, remember the weights from the best
# epoch, and stop when it has not improved for `patience` epochs; then put the best
# weights back. `copy.deepcopy(model.state_dict())` takes a snapshot of the weights.

# %% EarlyStopping
class EarlyStopping:
    def __init__(self, patience):
        self.patience, self.best, self.best_state, self.bad = patience, float("inf"), None, 0
    def __call__(self, model, hist):
        if hist["val"][-1] < self.best:
            self.best, self.bad = hist["val"][-1], 0
            self.best_state = copy.deepcopy(model.state_dict())
        else:
            self.bad += 1
        return self.bad >= self.patience        # True means: stop

# %% Train with early stopping
stopper = EarlyStopping(patience=5)
model = make_model()
curves["early stopping"] = fit(model, on_epoch=stopper)
model.load_state_dict(stopper.best_state)
stopped_at = len(curves["early stopping"]["val"])
print(f"stopped after {stopped_at} epochs; restored validation loss {mse(model, X_val, y_val):.4f}")
assert stopped_at == best_epoch + 1 + 5 and mse(model, X_val, y_val) == min(plain["val"])

# %% [markdown]
# It stopped five epochs after the best one and gave back exactly the plain network's
# best validation loss, in a fraction of the training time.
#
# ## All of them on one figure

# %% Figure: all of them
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12, 4.5))
for i, (name, h) in enumerate(curves.items()):
    epochs = range(1, len(h["val"]) + 1)
    ax1.plot(epochs, h["train"], color=f"C{i}", label=name)
    ax2.plot(epochs, h["val"], color=f"C{i}", label=name)
ax2.axvline(stopped_at, color="C4", linestyle=":", label="early stop")
ax1.set_yscale("log"); ax1.set_title("Training loss (60 patients)")
ax2.set_title("Validation loss (200 other patients)")
for ax in (ax1, ax2):
    ax.set_xlabel("epoch"); ax.set_ylabel("mean squared error"); ax.legend()
plt.tight_layout()
plt.savefig("Plots/10-regularization.png")
plt.close()

# %% Final validation losses
print("final validation loss (the early-stopped model: its restored best)")
final = {name: h["val"][-1] for name, h in curves.items()}
final["early stopping"] = mse(model, X_val, y_val)
for name, v in sorted(final.items(), key=lambda kv: kv[1]):
    print(f"  {name:18s} {v:.4f}")
assert min(final, key=final.get) == "early stopping"

# %% [markdown]
# ## Try it
#
# Combine two tools: type `h = fit(make_model(dropout=0.5), weight_decay=0.1)` and
# `print(h["val"][-1])`. Is the final validation loss better than either tool alone?

# %% [markdown]
# ## Try it
#
# Give the plain network four times as many training patients. Type
# `X_train, y_train = D[perm[:240], :10], D[perm[:240], 10]` and
# `X_val, y_val = D[perm[240:440], :10], D[perm[240:440], 10]` (`fit` reads these
# names), then `big = fit(make_model())` and compare `min(big["val"])` and
# `big["val"][-1]` with the plain run's. Does it still overfit as badly? More data is
# the best regularizer.

# %% [markdown]
# ## Summary
#
# - Overfitting shows as a training loss that keeps falling while the validation loss
#   turns up; always watch both.
# - Dropout (zero random activations in training, scale the rest by $1/(1-p)$, nothing in
#   `eval()` mode) and weight decay ($\frac{\lambda}{2}\sum w^2$ in the loss, `weight_decay=λ`
#   in the optimizer) both keep the network from memorising.
# - Batch norm standardises each unit over the batch; it helps deep networks train, but it
#   is not a dependable regularizer (here it did not help).
# - Early stopping keeps the best validation weights; more data beats every trick.
# - With lessons 06–10 you have the whole training toolkit: loop, optimizer, learning
#   rate, initialization and regularization. Next, bigger models built on it.
