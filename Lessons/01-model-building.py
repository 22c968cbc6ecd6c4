# %% [markdown]
# # 01 · Building a model
#
# After this lesson you can write your own network as a class, say what belongs in
# `__init__` and what in `forward`, inspect it (`print`, `summary`, parameter counts),
# put it on a device, save its weights and load them back, and write the same network
# in one line with `nn.Sequential`. You will also recognise the four architecture
# patterns that the rest of the course builds on.
#
# It assumes you know some Python (classes, lists) and what a tensor is: an n-dimensional
# array of numbers, like a NumPy array, that can also remember how it was computed.

# %% Imports
import os
import torch
from torch import nn
from torchsummary import summary
import matplotlib
matplotlib.use("Agg")  # draw to files, never open a window
import matplotlib.pyplot as plt

os.makedirs("Plots", exist_ok=True)   # figures and files of this lesson go here

# %% [markdown]
# ## A model is a class
#
# In PyTorch every network is an **`nn.Module`**: a Python object that owns some
# **parameters** (tensors of numbers the training will change) and knows how to turn an
# input into an output.
#
# You write one by subclassing `nn.Module` and filling in two methods:
#
# - `__init__` **builds the parts** once: layers, and the parameters inside them;
# - `forward` **describes the computation** every time data flows through:
#   which part is applied to what, in which order.
#
# The first line of `__init__` must be `super().__init__()`: it runs `nn.Module`'s own
# set-up, which creates the bookkeeping (the lists where parts and parameters are
# registered). Without it nothing can be registered.
#
# Our first model is a **multilayer perceptron** (MLP): a chain of fully connected
# layers. `nn.Linear(64, 32)` computes $y = x W^T + b$, turning 64 input numbers into 32.
# Between the layers we use ReLU, $\max(0, x)$, a simple **activation function**
# (lesson 03 is about those).

# %% A first nn.Module
class TinyNet(nn.Module):
    def __init__(self, n_in=64, n_hidden=32, n_out=10):
        super().__init__()                      # set up nn.Module's bookkeeping
        self.fc1 = nn.Linear(n_in, n_hidden)    # parts are built once, here
        self.fc2 = nn.Linear(n_hidden, n_out)

    def forward(self, x):
        h = torch.relu(self.fc1(x))             # the computation, run on every call
        return self.fc2(h)

# %% [markdown]
# Defining the class builds nothing yet. **Instantiating** it runs `__init__`, which draws
# the starting values of the weights at random; seeding the random generator first makes
# them the same on every run. `print(model)` lists the registered parts.

# %% Instantiate and print
torch.manual_seed(0)
model = TinyNet()
print(model)
print(model.fc1.weight.shape, model.fc1.bias.shape)
assert model.fc1.weight.shape == (32, 64)

# %% [markdown]
# ## Calling the model
#
# A **batch** is several examples stacked along the first dimension. Call the model
# like a function, `model(x)`: `nn.Module.__call__` runs `forward` for you, together with
# any **hooks** (functions you can attach to run before or after `forward`, e.g. to log
# shapes), so never call `model.forward(x)` directly in real code.
# A batch of 8 examples with 64 features gives 8 rows of 10 outputs.

# %% Forward a batch
torch.manual_seed(1)
x = torch.randn(8, 64)
out = model(x)
print(out.shape)
print(out[0])
assert out.shape == (8, 10)
assert torch.equal(out, model.forward(x))   # same numbers, but call model(x)

# %% [markdown]
# ## What goes wrong without `super().__init__()`
#
# Failure is worth seeing once. Assigning a layer to `self` is what registers it, and
# registering needs the bookkeeping that `nn.Module.__init__` creates. Forget the call
# and PyTorch stops you at the first assignment:

# %% Forgetting super().__init__()
class Broken(nn.Module):
    def __init__(self):
        self.fc = nn.Linear(4, 2)   # no super().__init__() before this line

torch.manual_seed(0)
try:
    Broken()
    failed = False
except AttributeError as e:
    print("AttributeError:", e)
    failed = True
assert failed

# %% [markdown]
# ## Counting parameters
#
# A `Linear(n_in, n_out)` layer holds a weight matrix of `n_out × n_in` numbers and a
# bias vector of `n_out` numbers. So TinyNet has
# $64 \cdot 32 + 32 + 32 \cdot 10 + 10 = 2410$ parameters.
# `named_parameters()` walks every registered part and yields (name, tensor) pairs.

# %% Parameters, one by one
for name, p in model.named_parameters():
    print(f"{name:<11} {str(tuple(p.shape)):<9} {p.numel():>5}")
n_params = sum(p.numel() for p in model.parameters())
print("total:", n_params)
assert n_params == 64 * 32 + 32 + 32 * 10 + 10 == 2410

# %% [markdown]
# A parameter is **trainable** when `requires_grad` is `True`: the training will compute
# its gradient and change it. **Freezing** a part (`requires_grad_(False)`) keeps its
# values fixed, which is how you reuse a pretrained layer. Counting only trainable
# parameters then gives 330, the ones in `fc2`.

# %% Trainable versus frozen
model.fc1.requires_grad_(False)
n_train = sum(p.numel() for p in model.parameters() if p.requires_grad)
print("trainable:", n_train, "frozen:", n_params - n_train)
assert n_train == 32 * 10 + 10 == 330
model.fc1.requires_grad_(True)   # unfreeze again for the rest of the lesson

# %% [markdown]
# ## `summary`: the table of layers
#
# The `torchsummary` package runs the model once on a made-up batch and prints every
# layer with its output shape (`-1` stands for "any batch size") and its parameter
# count. Its input size leaves out the batch dimension: `(64,)` means "examples of 64
# features". It draws that made-up batch from the random generator, so we seed first.

# %% summary(model, (64,))
torch.manual_seed(0)
summary(model, (64,))

# %% [markdown]
# ## Devices
#
# A **device** is where tensors live and computations run: the CPU, or a GPU (`cuda`).
# A model and its inputs must be on the same device. The usual idiom picks a GPU when
# there is one and the CPU otherwise; `model.to(device)` moves every parameter.
# (This course runs on the CPU, so here the device is `cpu`.)

# %% Pick a device
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
model = model.to(device)
x = x.to(device)
print("device:", device)
assert next(model.parameters()).device.type == device.type
assert model(x).device.type == device.type

# %% [markdown]
# ## Saving and loading the weights
#
# The **state dict** is an ordered dictionary from parameter names to tensors: everything
# needed to rebuild the trained numbers, without the code. Save it with `torch.save`, and
# later build a fresh model from the same class and fill it with `load_state_dict`.

# %% The state dict
sd = model.state_dict()
for k, v in sd.items():
    print(k, tuple(v.shape))
assert list(sd.keys()) == ["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"]

# %% Save, then load into a fresh model
torch.save(model.state_dict(), "Plots/01-model.pth")
torch.manual_seed(123)          # a different seed: different starting weights
fresh = TinyNet()
print("same before loading:", torch.equal(fresh(x), model(x)))
fresh.load_state_dict(torch.load("Plots/01-model.pth", weights_only=True))
print("same after loading: ", torch.equal(fresh(x), model(x)))
assert torch.equal(fresh(x), model(x))

# %% [markdown]
# Loading checks that the names and shapes match. Loading TinyNet's weights into a model
# with a different hidden width fails loudly, which protects you from silently running
# with the wrong weights:

# %% A mismatched load fails
torch.manual_seed(0)
wide = TinyNet(n_hidden=16)
try:
    wide.load_state_dict(torch.load("Plots/01-model.pth", weights_only=True))
    loaded = True
except RuntimeError as e:
    print("\n".join(str(e).splitlines()[:2]))
    loaded = False
assert not loaded

# %% [markdown]
# ## `nn.Sequential`: a chain without a class
#
# When `forward` just applies parts one after another, `nn.Sequential` writes the whole
# model in one expression. Its parts are named `0`, `1`, `2`, …
#
# Layers draw their starting weights in the order they are built. Build the same layers
# in the same order from the same seed and you get the same numbers, so this Sequential
# computes exactly what TinyNet computes.

# %% The same network as a Sequential
torch.manual_seed(0)
seq = nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10))
torch.manual_seed(0)
again = TinyNet()
print(seq)
print(list(seq.state_dict().keys()))
assert torch.equal(seq(x), again(x))
assert seq[0].weight.shape == again.fc1.weight.shape

# %% [markdown]
# **Try it:** swap the activation in place — type `seq[1] = nn.Tanh()`, then
# `torch.equal(seq(x), again(x))`. Why is it now `False`, and why does
# `seq.state_dict()` still have exactly the same keys? (To undo, go `%back` to the cell above and `%rerun` it.)

# %% [markdown]
# ## Architecture patterns at a glance
#
# Most networks are built from four patterns:
#
# | pattern | made of | good for |
# | --- | --- | --- |
# | MLP | Linear → activation → Linear | tables of numbers (lesson 06) |
# | CNN | Conv2d → ReLU → pooling → Flatten → Linear | images: the same small filter slides over the picture |
# | RNN | LSTM/GRU over time steps → Linear on the last state | sequences: text, signals |
# | residual | `x + f(x)` | very deep networks: the signal and its gradient can skip `f` |
#
# Lesson 02 explains each layer; here we only build one of each and look at shapes.

# %% A CNN and a recurrent model
torch.manual_seed(0)
cnn = nn.Sequential(
    nn.Conv2d(1, 8, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
    nn.Flatten(), nn.Linear(8 * 4 * 4, 10))

class SeqClassifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(input_size=5, hidden_size=16, batch_first=True)
        self.head = nn.Linear(16, 3)

    def forward(self, x):
        outputs, (h, c) = self.lstm(x)    # outputs: one vector per time step
        return self.head(outputs[:, -1])  # classify from the last step

# %% A residual block
class Residual(nn.Module):
    def __init__(self, width):
        super().__init__()
        self.f = nn.Sequential(nn.Linear(width, width), nn.ReLU(), nn.Linear(width, width))

    def forward(self, x):
        return x + self.f(x)   # the skip connection

# %% Shapes through each pattern
torch.manual_seed(0)
rnn, res = SeqClassifier(), Residual(64)
cases = [("MLP", seq, torch.randn(4, 64)), ("CNN", cnn, torch.randn(4, 1, 8, 8)),
         ("RNN", rnn, torch.randn(4, 7, 5)), ("residual", res, torch.randn(4, 64))]
for name, m, inp in cases:
    n = sum(p.numel() for p in m.parameters())
    print(f"{name:<9} in {str(tuple(inp.shape)):<13} out {str(tuple(m(inp).shape)):<8} params {n:>6,}")
assert cnn(torch.zeros(4, 1, 8, 8)).shape == (4, 10)
assert rnn(torch.zeros(4, 7, 5)).shape == (4, 3)
assert sum(p.numel() for p in res.parameters()) == 2 * (64 * 64 + 64)

# %% [markdown]
# A residual block at initialisation stays close to the **identity** (output = input) when `f` is small, so
# stacking many of them does not scramble the input. We can check that the block really
# adds its input: with `f`'s last layer set to zero, the block *is* the identity.

# %% The skip connection at work
with torch.no_grad():
    res.f[2].weight.zero_()
    res.f[2].bias.zero_()
torch.manual_seed(0)
z = torch.randn(3, 64)
assert torch.equal(res(z), z)
print("residual block with f = 0 is the identity:", torch.equal(res(z), z))

# %% [markdown]
# ## How the parameter count grows
#
# A Linear layer from width $w$ to width $w$ has $w^2 + w$ parameters, so doubling the
# width of an MLP roughly **quadruples** its size, while adding a layer only adds one
# more $w^2$. The figure uses log axes because the counts span four orders of
# magnitude; on log–log axes $w^2$ is a straight line of slope 2.

# %% Parameters versus width
def mlp(width, depth, n_in=64, n_out=10):
    layers, d = [], n_in
    for _ in range(depth):
        layers += [nn.Linear(d, width), nn.ReLU()]
        d = width
    return nn.Sequential(*layers, nn.Linear(d, n_out))

def count(m):
    return sum(p.numel() for p in m.parameters())

widths = [8, 16, 32, 64, 128, 256]
depths = (1, 2, 4)
torch.manual_seed(0)          # building layers draws their starting weights
print(count(mlp(32, 2)))
assert count(mlp(32, 2)) == 64 * 32 + 32 + 32 * 32 + 32 + 32 * 10 + 10

# %% Figure: parameters versus width
torch.manual_seed(0)
counts = {depth: [count(mlp(w, depth)) for w in widths] for depth in depths}
print({depth: c[-1] for depth, c in counts.items()})
plt.figure(figsize=(6, 4))
for depth, c in counts.items():
    plt.plot(widths, c, "o-", label=f"{depth} hidden layer(s)")
plt.plot(widths, [w * w for w in widths], "k:", label="w² (slope 2)")
plt.xscale("log")
plt.yscale("log")
plt.xlabel("hidden width w")
plt.ylabel("number of parameters")
plt.title("MLP size grows with width squared")
plt.legend()
plt.savefig("Plots/01-parameter-growth.png")
plt.close()

# %% [markdown]
# **Try it:** set `depths = (1, 2, 4, 8)`, go `%back` to the figure cell and `%rerun` it. At width 256, how
# many times more parameters does depth 8 have than depth 4 — and why is that ratio
# close to 2?

# %% [markdown]
# ## Summary
#
# - A model is an `nn.Module` subclass: `super().__init__()` first, parts built in
#   `__init__`, the computation written in `forward`, and the model called as `model(x)`.
# - Parameters register themselves when assigned to `self`; count them with
#   `sum(p.numel() for p in model.parameters())`, and see them layer by layer with
#   `print(model)` and `summary(model, input_size)`.
# - Put the model and its data on the same `device`; save `model.state_dict()` and load it
#   into a fresh instance of the same class.
# - `nn.Sequential` writes a plain chain in one line; MLP, CNN, RNN and residual blocks
#   are the patterns everything else is built from.
#
# Next: **02 · Layers**, what each of these building blocks computes.
