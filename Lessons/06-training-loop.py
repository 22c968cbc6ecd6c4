# %% [markdown]
# # 06 · The training loop
#
# After this lesson you can write the loop that trains every PyTorch model: the five moves
# of one step (forward, loss, `zero_grad`, `backward`, `step`), repeated over **batches**
# and **epochs** with a `DataLoader`; you can switch a model between `train()` and `eval()`
# mode, evaluate it under `torch.no_grad()`, measure its accuracy, and read a plot of
# training and validation loss. It assumes lessons 01–05: tensors, autograd, `nn.Module`
# layers, and losses.

# %% [markdown]
# ## The data: 178 Italian wines
#
# Each row of `Lessons/data/wine.csv` is one wine: 13 chemical measurements (alcohol,
# acidity, colour intensity, proline, …) and a **label** — which of three grape cultivars
# (varieties)
# it came from (0, 1 or 2). The task is **classification**: read the 13 numbers, name the
# cultivar. We read the file with Python's `csv` module and turn it into two tensors:
# the **features** `X` (one row per wine) and the **targets** `y` (one class number per wine).

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

# %% Load the wines
with open("Lessons/data/wine.csv") as f:
    rows = list(csv.reader(f))
header, rows = rows[0], rows[1:]
X = torch.tensor([[float(v) for v in r[:-1]] for r in rows])
y = torch.tensor([int(r[-1]) for r in rows])
print(X.shape, y.shape, X.dtype, y.dtype)
print("wines per class:", [(y == c).sum().item() for c in range(3)])
print(f"average proline {X[:, 12].mean():.1f}, average hue {X[:, 10].mean():.3f}")
assert X.shape == (178, 13) and y.shape == (178,)
assert 500 < X[:, 12].mean() < 1000 and 0.5 < X[:, 10].mean() < 1.5

# %% [markdown]
# ## Training set and validation set
#
# A model that only memorises its examples is useless; we want it to work on wines it has
# never seen. So we hide some wines from training: the **training set** (130 wines) is what
# the model learns from, the **validation set** (48 wines) is what we measure it on.
#
# The features live on very different scales — proline is around 750, hue around 1 — and
# a network learns badly when one input is a thousand times larger than another. So we
# **standardise**: subtract each column's mean and divide by its standard deviation, both
# computed on the *training* set only (the validation wines must stay unseen).

# %% Split and standardise
torch.manual_seed(0)
perm = torch.randperm(178)
train_idx, val_idx = perm[:130], perm[130:]
mean, std = X[train_idx].mean(dim=0), X[train_idx].std(dim=0)
X_train, y_train = (X[train_idx] - mean) / std, y[train_idx]
X_val, y_val = (X[val_idx] - mean) / std, y[val_idx]
print("proline before:", X[:3, 12].tolist())
print("proline after: ", [round(v, 4) for v in X_train[:3, 12].tolist()])
print("train column means:", round(X_train.mean(dim=0).abs().max().item(), 6))
assert X_train.mean(dim=0).abs().max() < 1e-5
assert (X_train.std(dim=0) - 1).abs().max() < 1e-5

# %% [markdown]
# ## A model and its loss before training
#
# The model is a small **multi-layer perceptron** (MLP): a `Linear` layer from 13 features
# to 16 hidden units, a ReLU, and a `Linear` layer to 3 outputs. The 3 outputs are
# **logits**: unnormalised scores, one per class; the largest one is the prediction.
#
# The **cross-entropy loss** turns logits $z$ into probabilities with softmax and takes
# $-\log$ of the probability given to the true class: $L = -\log \frac{e^{z_y}}{\sum_k e^{z_k}}$.
# A model that knows nothing gives each class probability $1/3$, so its loss is
# $\ln 3 \approx 1.0986$. A freshly initialised network should start near there.

# %% An untrained model
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(13, 16), nn.ReLU(), nn.Linear(16, 3))
loss_fn = nn.CrossEntropyLoss()
logits = model(X_train)
loss = loss_fn(logits, y_train)
print(model)
print("logits of the first two wines:\n", logits[:2])
print(f"initial loss {loss.item():.4f}   ln 3 = {math.log(3):.4f}")
assert abs(loss.item() - math.log(3)) < 0.2

# %% [markdown]
# ## One training step, move by move
#
# Training nudges every parameter $w$ a little downhill on the loss:
# $w \leftarrow w - \eta \, \partial L / \partial w$, where $\eta$ (the **learning rate**)
# sets the size of the nudge. This is **gradient descent**, and `torch.optim.SGD` does it
# for every parameter at once (SGD: *stochastic* gradient descent, because it is usually
# fed random batches — see below). One step is always five moves:
#
# 1. **forward**: `logits = model(x)`;
# 2. **loss**: `loss = loss_fn(logits, y)`;
# 3. **zero_grad**: clear the gradients left by the previous step;
# 4. **backward**: `loss.backward()` fills `.grad` of every parameter;
# 5. **step**: the optimizer updates the parameters using `.grad`.
#
# We check the update against the formula, and that the loss went down.

# %% One step, five moves
opt = torch.optim.SGD(model.parameters(), lr=0.1)
w = model[0].weight
before = w.detach().clone()
logits = model(X_train)                 # 1. forward
loss = loss_fn(logits, y_train)         # 2. loss
opt.zero_grad()                         # 3. zero_grad
loss.backward()                         # 4. backward
opt.step()                              # 5. step
after_loss = loss_fn(model(X_train), y_train).item()
print(f"loss {loss.item():.4f} -> {after_loss:.4f}")
assert torch.allclose(w.detach(), before - 0.1 * w.grad)
assert after_loss < loss.item()

# %% [markdown]
# ## Why `zero_grad`: gradients add up
#
# `backward()` does not overwrite `.grad`, it **adds** to it. That is useful (a big batch
# can be split into pieces whose gradients add), but in a plain loop it means that without
# `zero_grad` every step would use the sum of all gradients so far. Two `backward` calls
# on the same loss, without clearing in between, give exactly twice the gradient:

# %% Gradients add up
opt.zero_grad()
loss_fn(model(X_train), y_train).backward()
g1 = model[2].bias.grad.clone()
loss_fn(model(X_train), y_train).backward()   # no zero_grad in between
g2 = model[2].bias.grad.clone()
print("after one backward: ", g1)
print("after two backwards:", g2)
assert torch.allclose(g2, 2 * g1)
opt.zero_grad()
print("after zero_grad:", model[2].bias.grad)   # None: cleared (set_to_none=True)
assert model[2].bias.grad is None

# %% [markdown]
# ## The gradient that starts it all
#
# `backward` begins at the loss. For cross-entropy averaged over $N$ examples the
# gradient with respect to the logits has a simple form: the predicted probabilities
# minus the one-hot target, divided by $N$:
# $\partial L / \partial z_{ik} = (\mathrm{softmax}(z_i)_k - [k = y_i]) / N$.
# The loss pushes up the true class's logit and pushes down the others, each in
# proportion to how much probability it got. We compare our formula with autograd, and
# then let `gradcheck` compare autograd with finite differences (in float64, where
# rounding errors are small enough for the comparison to be strict).

# %% The loss gradient, checked
z = model(X_train[:5]).detach().requires_grad_(True)
F.cross_entropy(z, y_train[:5]).backward()
by_hand = (F.softmax(z.detach(), dim=1) - F.one_hot(y_train[:5], 3)) / 5
print("autograd:\n", z.grad)
print("by hand:\n", by_hand)
assert torch.allclose(z.grad, by_hand, atol=1e-6)
z64 = z.detach().double().requires_grad_(True)
ok = torch.autograd.gradcheck(lambda t: F.cross_entropy(t, y_train[:5]), (z64,))
print("gradcheck:", ok)
assert ok

# %% [markdown]
# ## Batches and epochs
#
# Computing the loss on all the data for every step is slow on big data sets. Instead we
# take a step on a small random **batch** (here 32 wines). One pass over the whole
# training set is an **epoch**. A `DataLoader` cuts a `Dataset` into batches, and with
# `shuffle=True` it deals them in a new random order every epoch, so each epoch's batches
# differ. 130 wines in batches of 32 give 5 batches: four full ones and one of 2.

# %% A DataLoader
train_ds = TensorDataset(X_train, y_train)
torch.manual_seed(0)
loader = DataLoader(train_ds, batch_size=32, shuffle=True)
sizes = [xb.shape[0] for xb, yb in loader]
print("batches per epoch:", len(loader), " sizes:", sizes)
xb, yb = next(iter(loader))
print("one batch:", xb.shape, yb.shape, "labels", yb[:8].tolist())
assert len(loader) == 5 and sizes == [32, 32, 32, 32, 2]

# %% [markdown]
# ## `train()`, `eval()` and `no_grad`
#
# Some layers behave differently while training and while predicting. **Dropout**
# (lesson 10) zeroes random activations during training and does nothing at prediction
# time; batch norm uses batch statistics in training and stored ones otherwise.
# `model.train()` and `model.eval()` set that mode on every layer.
#
# When we only measure, we do not need gradients: `torch.no_grad()` stops autograd from
# recording the graph, which saves memory and time. The result has no `grad_fn`.

# %% train/eval mode and no_grad
torch.manual_seed(0)
drop = nn.Dropout(p=0.5)
ones = torch.ones(8)
drop.train()
t = drop(ones)
print("train mode:", t)              # some zeroed, the rest scaled by 1/(1-p) = 2
assert ((t == 0) | (t == 2)).all()
drop.eval()
print("eval mode: ", drop(ones))     # unchanged
assert torch.equal(drop(ones), ones)
with torch.no_grad():
    out = model(X_val)
print("requires_grad inside no_grad:", out.requires_grad, " grad_fn:", out.grad_fn)
assert out.grad_fn is None and not out.requires_grad

# %% [markdown]
# ## Accuracy, and an evaluation function
#
# The loss is what we optimise; **accuracy**, the fraction of wines whose largest logit
# is the true class, is what we understand. `evaluate` puts the model in eval mode,
# switches off the graph, and returns both. Guessing the commonest class for every wine
# gets about 42% of these validation wines right; the untrained model does little better.

# %% Accuracy
def accuracy(logits, y):
    return (logits.argmax(dim=1) == y).float().mean().item()

# %% An evaluation function
def evaluate(model, X, y):
    model.eval()
    with torch.no_grad():
        logits = model(X)
        return loss_fn(logits, y).item(), accuracy(logits, y)

# %% The untrained model's score
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(13, 16), nn.ReLU(), nn.Linear(16, 3))
val_loss, val_acc = evaluate(model, X_val, y_val)
print(f"untrained: validation loss {val_loss:.4f}, accuracy {val_acc:.3f}")
majority = max((y_val == c).sum().item() for c in range(3)) / len(y_val)
print(f"always guessing the commonest class: accuracy {majority:.3f}")
assert val_acc <= majority + 0.1

# %% [markdown]
# ## The whole loop
#
# Now the five moves run for every batch of every epoch. After each epoch we record the
# average training loss and the validation loss and accuracy. Note `model.train()` at the
# start of each epoch: `evaluate` left the model in eval mode.

# %% The training function
def train(model, loader, opt, epochs, zero_grad=True):
    hist = {"train": [], "val": [], "val_acc": []}
    for epoch in range(epochs):
        model.train()
        total = 0.0
        for xb, yb in loader:
            loss = loss_fn(model(xb), yb)
            if zero_grad:                   # the Try it below turns this off
                opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item() * xb.shape[0]
        hist["train"].append(total / len(loader.dataset))
        vl, va = evaluate(model, X_val, y_val)
        hist["val"].append(vl); hist["val_acc"].append(va)
    return hist

# %% The learning rate
lr = 0.1            # the size of each step (the Try it below changes it)

# %% Train for 30 epochs
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(13, 16), nn.ReLU(), nn.Linear(16, 3))
opt = torch.optim.SGD(model.parameters(), lr=lr)
loader = DataLoader(train_ds, batch_size=32, shuffle=True)
hist = train(model, loader, opt, epochs=30)
for e in [0, 4, 9, 19, 29]:
    print(f"epoch {e+1:2d}  train {hist['train'][e]:.4f}  val {hist['val'][e]:.4f}"
          f"  val acc {hist['val_acc'][e]:.3f}")
assert hist["val"][-1] < hist["val"][0] / 5
assert hist["val_acc"][-1] >= 0.9

# %% [markdown]
# ## Reading the curves
#
# For about ten epochs both losses fall together. After that the training loss keeps
# falling while the validation loss levels off near 0.12: the model now improves mostly on
# wines it has already seen. That widening **gap** is the first sign of overfitting
# (lesson 10). The losses span more than a factor of ten, so the loss panel uses a log scale.

# %% The gap, in numbers
print(f"epoch 20 -> 30: train {hist['train'][19]:.4f} -> {hist['train'][-1]:.4f}, "
      f"val {hist['val'][19]:.4f} -> {hist['val'][-1]:.4f}")
assert hist["train"][-1] < hist["train"][19] * 0.7     # training loss still falling
assert hist["val"][-1] > hist["val"][19] * 0.85         # validation loss levelled off
assert hist["train"][-1] < hist["val"][-1] / 2          # the gap

# %% Figure: loss and accuracy
epochs = list(range(1, 31))
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
ax1.plot(epochs, hist["train"], label="training loss")
ax1.plot(epochs, hist["val"], label="validation loss")
ax1.set_yscale("log")
ax1.set_xlabel("epoch"); ax1.set_ylabel("cross-entropy loss")
ax1.set_title("Wine MLP: loss"); ax1.legend()
ax2.plot(epochs, hist["val_acc"], color="C2", label="validation accuracy")
ax2.set_xlabel("epoch"); ax2.set_ylabel("accuracy")
ax2.set_title("Wine MLP: accuracy"); ax2.legend()
plt.tight_layout()
plt.savefig("Plots/06-training-loop.png")
plt.close()

# %% [markdown]
# ## Try it
#
# Type `lr = 1.0`, then `%cells` to see the cell numbers, `%goto` the cell *Train for 30
# epochs* and `%rerun` it: does the loss still fall smoothly? Then try `lr = 0.01`: how
# many epochs would it need to reach the same loss? (Set `lr = 0.1` and `%rerun` to go on.)
# (The `assert`s check the numbers of the original settings: after a change, an
# `AssertionError` only tells you that the result moved.)

# %% [markdown]
# ## Batch size changes the number of steps
#
# With the same 30 epochs, a smaller batch means more steps: 130 wines give 1 step per
# epoch at full batch, 5 at batch 32, 17 at batch 8. Each small-batch step is noisier
# but there are many more of them, so in the same number of epochs the model gets further.

# %% Three batch sizes
curves = {}
for bs in [130, 32, 8]:
    torch.manual_seed(0)
    m = nn.Sequential(nn.Linear(13, 16), nn.ReLU(), nn.Linear(16, 3))
    ld = DataLoader(train_ds, batch_size=bs, shuffle=True)
    curves[bs] = train(m, ld, torch.optim.SGD(m.parameters(), lr=0.1), epochs=30)["val"]
    print(f"batch {bs:3d}: {len(ld):2d} steps/epoch, final validation loss {curves[bs][-1]:.4f}")
assert curves[8][-1] < curves[32][-1] < curves[130][-1]

# %% Figure: batch sizes
plt.figure(figsize=(6, 4))
for bs, c in curves.items():
    plt.plot(epochs, c, label=f"batch size {bs}")
plt.yscale("log")
plt.xlabel("epoch"); plt.ylabel("validation loss")
plt.title("Same epochs, different batch sizes")
plt.legend()
plt.savefig("Plots/06-batch-sizes.png")
plt.close()

# %% [markdown]
# ## Try it
#
# Train without `zero_grad`, so the gradients pile up from step to step. Type
# `torch.manual_seed(0); m = nn.Sequential(nn.Linear(13, 16), nn.ReLU(), nn.Linear(16, 3))`
# and then `h = train(m, loader, torch.optim.SGD(m.parameters(), lr=0.1), 30, zero_grad=False)`
# and compare `h["train"]` and `h["val"]` with `hist["train"]` and `hist["val"]`. What
# happens to each loss, and why?

# %% [markdown]
# ## Summary
#
# - One step is five moves: forward, loss, `zero_grad`, `backward`, `step`; `backward`
#   adds to `.grad`, so forgetting `zero_grad` silently corrupts training.
# - A `DataLoader` deals shuffled batches; one pass over the data is an epoch.
# - `model.train()` / `model.eval()` switch layers like dropout; measure under
#   `torch.no_grad()`.
# - Watch training *and* validation loss: the gap between them tells you whether the
#   model generalises.
# - Next: **07 · Gradient descent** — what `step` can do besides $w - \eta g$.
