# %% [markdown]
# # 02 · Layers
#
# After this lesson you can say, for each common layer, what it computes, which
# parameters it holds and how many, and what shape comes out for a given input shape:
# `Linear`, `Conv2d`, pooling, `Flatten`, `BatchNorm`, `Dropout`, `Embedding`, and the
# recurrent layers `RNN`, `LSTM` and `GRU`. Each one is checked against a few lines of
# plain tensor code that compute the same thing.
#
# It assumes lesson 01 (what an `nn.Module` is, how to count parameters).

# %% Imports
import os
import torch
from torch import nn
import matplotlib
matplotlib.use("Agg")  # draw to files, never open a window
import matplotlib.pyplot as plt

os.makedirs("Plots", exist_ok=True)

def n_params(m):
    return sum(p.numel() for p in m.parameters())

# %% [markdown]
# ## Linear: every output sees every input
#
# `nn.Linear(in_features, out_features)` holds a **weight** matrix $W$ of shape
# `(out, in)` and a **bias** vector $b$ of shape `(out,)`, and computes
# $y = x W^T + b$. Each output is a weighted sum of all inputs plus a constant, which is
# why it is also called a *fully connected* layer. It acts on the **last** dimension
# only, so any leading dimensions (batch, time, …) pass through unchanged.

# %% Linear by hand
torch.manual_seed(0)
fc = nn.Linear(3, 2)
x = torch.randn(4, 3)
y = fc(x)
by_hand = x @ fc.weight.T + fc.bias
print(y)
assert torch.allclose(y, by_hand)
assert n_params(fc) == 3 * 2 + 2 == 8
print(fc(torch.randn(5, 7, 3)).shape)   # leading dimensions are kept

# %% [markdown]
# ## Conv2d: a small filter sliding over an image
#
# Images are stored as `(batch N, channels C, height H, width W)`. A **convolution**
# layer holds `out_channels` small **kernels** (filters), each of shape
# `(in_channels, k, k)`. It slides each kernel over the image; at every position the
# output is the sum of the kernel times the patch under it, plus a bias. The same
# few weights are reused at every position, so a conv layer has far fewer parameters
# than a Linear layer over all pixels, and it finds a pattern wherever it appears. Each
# kernel produces one output image, called a **feature map** (or channel).
#
# Parameters: `out · in · k · k` weights plus `out` biases.

# %% One output pixel by hand
torch.manual_seed(0)
conv = nn.Conv2d(in_channels=1, out_channels=2, kernel_size=3)
img = torch.randn(1, 1, 5, 5)
out = conv(img)
print(out.shape)
patch = img[0, :, 1:4, 2:5]                       # the 3×3 patch at row 1, column 2
pixel = (patch * conv.weight[1]).sum() + conv.bias[1]
print(out[0, 1, 1, 2].item(), pixel.item())
assert torch.allclose(out[0, 1, 1, 2], pixel)
assert n_params(conv) == 2 * 1 * 3 * 3 + 2 == 20

# %% [markdown]
# **Output size.** With input size $H$, kernel $k$, **padding** $p$ (zeros added around
# the border) and **stride** $s$ (how far the kernel jumps each step), the output size is
#
# $$H_{out} = \left\lfloor \frac{H + 2p - k}{s} \right\rfloor + 1 .$$
#
# `padding=1` with `k=3` keeps the size ("same" padding); `stride=2` halves it.

# %% Output shapes for several settings
def conv_out(h, k, p, s):
    return (h + 2 * p - k) // s + 1

torch.manual_seed(0)
x = torch.zeros(1, 3, 32, 32)
for k, p, s in [(3, 0, 1), (3, 1, 1), (3, 1, 2), (5, 2, 1), (7, 3, 2)]:
    shape = nn.Conv2d(3, 8, kernel_size=k, padding=p, stride=s)(x).shape
    print(f"k={k} padding={p} stride={s}: {tuple(shape)}")
    assert shape[2] == shape[3] == conv_out(32, k, p, s)

# %% [markdown]
# ## A real picture through hand-made filters
#
# `Lessons/data/digits.csv` holds 8×8 images of handwritten digits (grey levels 0–16).
# We load one and put two hand-made kernels into a conv layer: one responds to
# **vertical edges** (dark on the left, bright on the right), the other to
# **horizontal edges**. A trained CNN learns kernels like these by itself.

# %% Load one digit
with open("Lessons/data/digits.csv") as f:
    lines = f.read().splitlines()
header, first = lines[0].split(","), lines[1].split(",")
digit = torch.tensor([float(v) for v in first[:64]]).reshape(1, 1, 8, 8) / 16
print("label:", first[64], " pixels:", len(header) - 1)
print(digit[0, 0])
assert digit.shape == (1, 1, 8, 8) and digit.max() <= 1

# %% Edge filters
torch.manual_seed(0)
edges = nn.Conv2d(1, 2, kernel_size=3, padding=1, bias=False)
with torch.no_grad():
    edges.weight[0, 0] = torch.tensor([[-1., 0., 1.], [-2., 0., 2.], [-1., 0., 1.]])
    edges.weight[1, 0] = edges.weight[0, 0].T
maps = edges(digit).detach()
print(maps.shape)
print(maps[0, 0].round(decimals=2))
assert maps[0, 0, 2, 1] > 0 > maps[0, 0, 2, 3]   # left side of a stroke +, right side -

# %% [markdown]
# The vertical-edge map is positive where brightness grows to the right (the left side of
# a stroke: row 2, column 1) and negative where it falls (the right side: column 3).
# A flat region gives 0, because the kernel's weights sum to zero.

# %% Flat regions give zero
flat = torch.full((1, 1, 8, 8), 0.5)
print(edges(flat)[0, 0, 3, 3].item())
assert edges(flat)[0, 0, 3, 3].item() == 0.0
assert edges.weight[0].sum().item() == 0.0

# %% Figure: the digit and its two edge maps
fig, axes = plt.subplots(1, 3, figsize=(9, 3))
panels = [(digit[0, 0], "input digit"), (maps[0, 0], "vertical edges"),
          (maps[0, 1], "horizontal edges")]
for ax, (m, name) in zip(axes, panels):
    ax.imshow(m.tolist(), cmap="gray")
    ax.set_title(name)
    ax.set_xlabel("column")
    ax.set_ylabel("row")
plt.suptitle("A 3x3 convolution finds edges")
plt.savefig("Plots/02-conv-edges.png")
plt.close()

# %% [markdown]
# **Try it:** turn the digit on its side and filter it — type
# `edges(digit.transpose(2, 3))[0, 0]` — and compare the result with the horizontal-edge
# map `maps[0, 1]`. How are the two related, and why? (Look at how the second kernel was
# made from the first.)

# %% [markdown]
# ## Pooling: shrinking a map
#
# **Pooling** summarises each window of a feature map by one number, with no
# parameters: `MaxPool2d(2)` keeps the largest of each 2×2 block, `AvgPool2d(2)` their
# mean. It halves height and width, so later layers see a wider region of the image.
# `AdaptiveAvgPool2d(1)` averages the whole map to one number per channel, whatever
# the input size (the usual last step of a CNN).

# %% Max and average pooling
m = torch.arange(16.).reshape(1, 1, 4, 4)
print(m[0, 0])
mx, av = nn.MaxPool2d(2)(m), nn.AvgPool2d(2)(m)
print(mx[0, 0])
print(av[0, 0])
assert mx[0, 0].tolist() == [[5.0, 7.0], [13.0, 15.0]]
assert av[0, 0].tolist() == [[2.5, 4.5], [10.5, 12.5]]
assert nn.AdaptiveAvgPool2d(1)(m).item() == 7.5
assert n_params(nn.MaxPool2d(2)) == 0

# %% [markdown]
# ## Flatten: from maps to a vector
#
# Between the conv part and the Linear part of a CNN the maps `(N, C, H, W)` must become
# vectors `(N, C·H·W)`. `nn.Flatten()` does that, keeping the batch dimension.

# %% Flatten
torch.manual_seed(0)
fmaps = torch.randn(2, 8, 4, 4)
flat = nn.Flatten()(fmaps)
print(fmaps.shape, "->", flat.shape)
assert flat.shape == (2, 8 * 4 * 4)
assert torch.equal(flat[1], fmaps[1].reshape(-1))

# %% [markdown]
# ## BatchNorm: one scale for every feature
#
# **Batch normalisation** rescales each feature (each column, or each channel of an
# image) using the mean $\mu$ and variance $\sigma^2$ of that feature over the batch:
#
# $$\hat x = \frac{x - \mu}{\sqrt{\sigma^2 + \epsilon}}, \qquad y = \gamma \hat x + \beta .$$
#
# $\gamma$ (`weight`) and $\beta$ (`bias`) are learned, 2 numbers per feature. This
# keeps the inputs of the next layer on a steady scale, which makes training faster and
# less sensitive to the learning rate. The variance here is the *biased* one (divide by
# $N$), and $\epsilon = 10^{-5}$ avoids dividing by zero.

# %% BatchNorm1d by hand
torch.manual_seed(0)
bn = nn.BatchNorm1d(3)
x = torch.randn(16, 3) * torch.tensor([1., 5., 0.1]) + torch.tensor([0., 10., -3.])
y = bn(x)
mu, var = x.mean(0), x.var(0, unbiased=False)
assert torch.allclose(y, (x - mu) / torch.sqrt(var + bn.eps), atol=1e-5)
print("column means before:", x.mean(0))
print("column means after: ", y.mean(0).detach().round(decimals=4))
print("column stds after:  ", y.std(0, unbiased=False).detach())
assert y.mean(0).abs().max() < 1e-5
assert (y.std(0, unbiased=False) - 1).abs().max() < 1e-3
assert n_params(bn) == 2 * 3
assert 0.999 < y.std(0, unbiased=False)[2].item() < 0.9999   # epsilon shows here

# %% [markdown]
# The third feature's standard deviation comes out as 0.9994, not 1: its variance is
# only about 0.01, so the $\epsilon$ added to it is no longer negligible.
#
# BatchNorm behaves differently in the two **modes** of a module. In **training mode**
# (`model.train()`, the default) it uses the batch's statistics and updates
# **running averages**: `running = 0.9 · running + 0.1 · batch` (momentum 0.1; the running
# variance uses the unbiased estimate, dividing by $N-1$). In **evaluation mode**
# (`model.eval()`) it uses those running averages, so one example's output no longer
# depends on the other examples in its batch.
#
# After this single batch the running averages have moved only a tenth of the way from
# their starting values (mean 0, variance 1) towards the batch's statistics, so the eval
# output below is far from normalised. Over hundreds of training batches they settle.

# %% Running statistics and eval mode
print("running mean:", bn.running_mean)
assert torch.allclose(bn.running_mean, 0.1 * mu)
assert torch.allclose(bn.running_var, 0.9 * 1 + 0.1 * x.var(0))
bn.eval()
y_eval = bn(x).detach()
assert torch.allclose(y_eval, (x - bn.running_mean) / torch.sqrt(bn.running_var + bn.eps), atol=1e-5)
print("eval output means:", y_eval.mean(0))
bn.train()

# %% Figure: a feature before and after BatchNorm
torch.manual_seed(1)
x = torch.randn(512, 3) * torch.tensor([1., 5., 0.1]) + torch.tensor([0., 10., -3.])
y = nn.BatchNorm1d(3)(x).detach()
plt.figure(figsize=(6, 4))
for j in range(3):
    plt.hist(x[:, j].tolist(), bins=40, alpha=0.5, label=f"feature {j} before")
plt.hist(y.reshape(-1).tolist(), bins=40, alpha=0.7, color="k", label="all features after")
plt.xlabel("value")
plt.ylabel("count")
plt.title("BatchNorm puts every feature on the same scale")
plt.legend()
plt.savefig("Plots/02-batchnorm.png")
plt.close()
assert y.mean(0).abs().max() < 1e-5

# %% [markdown]
# ## Dropout: random silence during training
#
# **Dropout** with probability $p$ sets each element to zero with probability $p$ while
# training, and multiplies the survivors by $1/(1-p)$ so the expected value stays the
# same. A network trained this way cannot rely on any single unit, which reduces
# **overfitting** (fitting the training examples so closely that new examples suffer).
# In evaluation mode it does nothing.

# %% Dropout in training and in eval mode
torch.manual_seed(0)
drop = nn.Dropout(p=0.5)
ones = torch.ones(2, 8)
d = drop(ones)
print(d)
assert ((d == 0) | (d == 2)).all()             # dropped, or scaled by 1/(1-p) = 2
drop.eval()
assert torch.equal(drop(ones), ones)
torch.manual_seed(0)
big = nn.Dropout(0.5)(torch.ones(100_000))
print("fraction zeroed:", (big == 0).float().mean().item(), " mean:", big.mean().item())
assert abs((big == 0).float().mean().item() - 0.5) < 0.01

# %% [markdown]
# ## Embedding: a learned table of vectors
#
# Words, users, or categories arrive as integer ids. `nn.Embedding(num, dim)` is a
# table of `num` rows of `dim` learned numbers; looking up id $i$ returns row $i$.
# It is exactly `weight[ids]`, with `num · dim` parameters.

# %% Embedding is a lookup
torch.manual_seed(0)
emb = nn.Embedding(num_embeddings=10, embedding_dim=4)
ids = torch.tensor([[1, 2, 4], [4, 3, 9]])   # 2 sentences of 3 token ids
vecs = emb(ids)
print(vecs.shape)
assert torch.equal(vecs, emb.weight[ids])
assert torch.equal(vecs[0, 2], vecs[1, 0])    # the same id, the same vector
assert n_params(emb) == 10 * 4

# %% [markdown]
# ## Recurrent layers: a memory carried through time
#
# A sequence has a **time** dimension. A recurrent layer reads it one step at a time and
# carries a **hidden state** $h_t$ from step to step. The plain RNN computes
#
# $$h_t = \tanh(x_t W_{ih}^T + b_{ih} + h_{t-1} W_{hh}^T + b_{hh}),$$
#
# starting from $h_0 = 0$. With `batch_first=True` inputs are `(batch, time, features)`.
# It returns all the hidden states (`output`) and the last one (`h_n`).

# %% RNN by hand
torch.manual_seed(0)
rnn = nn.RNN(input_size=3, hidden_size=4, batch_first=True)
x = torch.randn(2, 5, 3)                     # 2 sequences, 5 steps, 3 features
output, h_n = rnn(x)
h = torch.zeros(2, 4)
for t in range(5):
    h = torch.tanh(x[:, t] @ rnn.weight_ih_l0.T + rnn.bias_ih_l0
                   + h @ rnn.weight_hh_l0.T + rnn.bias_hh_l0)
    assert torch.allclose(output[:, t], h, atol=1e-6)
print(output.shape, h_n.shape)
assert torch.allclose(h_n[0], h, atol=1e-6)

# %% [markdown]
# **LSTM** (long short-term memory) adds a second state, the **cell** $c_t$, and three
# **gates** (input, forget, output: each a sigmoid, a smooth step from 0 to 1 that
# lesson 03 shows) that decide what to write,
# keep and show; with the candidate values (the new content proposed at each step) that
# makes 4 blocks of weights. **GRU**
# (gated recurrent unit) has 2 gates and a candidate, 3 blocks, and no cell.
# So with hidden size $H$ and input size $I$, one layer has
# $g\,(H I + H H + 2H)$ parameters with $g$ = 1 (RNN), 4 (LSTM), 3 (GRU).

# %% Parameter counts and output shapes
torch.manual_seed(0)
I, H = 3, 4
x = torch.randn(2, 5, I)
for name, cls, g in [("RNN", nn.RNN, 1), ("LSTM", nn.LSTM, 4), ("GRU", nn.GRU, 3)]:
    layer = cls(I, H, batch_first=True)
    output, state = layer(x)
    h_n = state[0] if name == "LSTM" else state   # LSTM returns (h_n, c_n)
    print(f"{name:<5} params {n_params(layer):>4}  output {tuple(output.shape)}  h_n {tuple(h_n.shape)}")
    assert n_params(layer) == g * (H * I + H * H + 2 * H)

# %% [markdown]
# Two options change the shapes: `num_layers=2` stacks a second recurrent layer on the
# outputs of the first (so `h_n` holds one state per layer), and `bidirectional=True`
# also reads the sequence backwards and concatenates both directions' outputs.

# %% Stacked and bidirectional
torch.manual_seed(0)
lstm = nn.LSTM(I, H, num_layers=2, bidirectional=True, batch_first=True)
output, (h_n, c_n) = lstm(x)
print(output.shape, h_n.shape, c_n.shape)
assert output.shape == (2, 5, 2 * H)           # both directions side by side
assert h_n.shape == (2 * 2, 2, H)              # layers × directions, batch, hidden
assert torch.allclose(output[:, -1, :H], h_n[2])   # last layer, forward direction

# %% [markdown]
# **Try it:** build the same stack reading in one direction only — type
# `out1, (h1, c1) = nn.LSTM(I, H, num_layers=2, batch_first=True)(x)` — and predict
# `out1.shape` and `h1.shape` before printing them.

# %% How many parameters each layer costs
torch.manual_seed(0)
layers = {"Linear": nn.Linear(64, 64), "Conv2d 3x3": nn.Conv2d(64, 64, 3),
          "BatchNorm": nn.BatchNorm1d(64), "Embedding": nn.Embedding(1000, 64),
          "RNN": nn.RNN(64, 64), "GRU": nn.GRU(64, 64), "LSTM": nn.LSTM(64, 64)}
counts = [n_params(m) for m in layers.values()]
print(dict(zip(layers.keys(), counts)))
assert counts[-1] == 4 * counts[-3]   # an LSTM is four RNNs' worth of weights

# %% Figure: parameters per layer
plt.figure(figsize=(9, 4))
plt.bar(range(len(counts)), counts, label="parameters")
plt.xticks(range(len(counts)), list(layers.keys()))
plt.yscale("log")
plt.xlabel("layer")
plt.ylabel("number of parameters (log scale)")
plt.title("Parameters per layer, 64 features in and out (Embedding: 1000 ids)")
plt.legend()
plt.savefig("Plots/02-layer-sizes.png")
plt.close()

# %% [markdown]
# ## Summary
#
# - `Linear` mixes all features ($xW^T+b$); `Conv2d` reuses a small kernel at every
#   position, with output size $\lfloor (H+2p-k)/s \rfloor + 1$; pooling and `Flatten`
#   have no parameters and only change shapes.
# - `BatchNorm` and `Dropout` behave differently in `train()` and `eval()` mode — always
#   switch to `eval()` before measuring a model.
# - `Embedding` is a learned lookup table, `weight[ids]`.
# - `RNN`, `GRU` and `LSTM` carry a hidden state through time, with 1, 3 and 4 blocks of
#   weights; `output` holds every step, `h_n` the last one per layer and direction.
#
# Next: **03 · Activation functions**, the non-linear functions between the layers.
