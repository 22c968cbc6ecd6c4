import torch
import torch.nn.functional as F

def show(name, y, x=None):
    print(name, y)
    print("  grad_fn:", y.grad_fn.name() if y.grad_fn is not None else None)
    if x is not None:
        y.backward(torch.arange(y.numel(), dtype=y.dtype).reshape(y.shape) - 1.5)
        print("  grad:", x.grad)
        x.grad = None

x = torch.tensor([[-2.5, -1.0, -0.2, 0.0], [0.3, 1.0, 2.0, 7.0]], requires_grad=True)
show("relu", F.relu(x), x)
show("relu6", F.relu6(x * 2), x)
show("leaky_relu", F.leaky_relu(x), x)
show("leaky_relu 0.2", F.leaky_relu(x, negative_slope=0.2), x)
show("leaky_relu pos", F.leaky_relu(x, 0.3), x)
w = torch.tensor([0.25], requires_grad=True)
y = F.prelu(x, w)
show("prelu", y, x)
print("  prelu w grad:", w.grad)
show("elu", F.elu(x), x)
show("elu alpha", F.elu(x, alpha=0.5), x)
show("selu", F.selu(x), x)
show("celu", F.celu(x, alpha=2.0), x)
show("gelu", F.gelu(x), x)
show("gelu tanh", F.gelu(x, approximate='tanh'), x)
show("silu", F.silu(x), x)
show("mish", F.mish(x), x)
show("sigmoid", F.sigmoid(x), x)
show("tanh", F.tanh(x), x)
show("hardtanh", F.hardtanh(x), x)
show("hardtanh range", F.hardtanh(x, min_val=-0.5, max_val=1.5), x)
show("softplus", F.softplus(x), x)
show("softplus beta", F.softplus(x, beta=2, threshold=3), x)
show("softsign", F.softsign(x), x)
show("logsigmoid", F.logsigmoid(x), x)
show("softmax 1", F.softmax(x, dim=1), x)
show("softmax 0", F.softmax(x, 0), x)
show("softmax -1 f64", F.softmax(x, dim=-1, dtype=torch.float64), x)
show("log_softmax", F.log_softmax(x, dim=1), x)
show("log_softmax implicit", F.log_softmax(x), x)
show("softmin", F.softmin(x, dim=1), x)
show("softmin implicit", F.softmin(x), x)
show("tanhshrink", F.tanhshrink(x), x)
show("softmax implicit 1d", F.softmax(torch.tensor([1.0, 2.0, 3.0])))
show("torch.softmax", torch.softmax(x, 1), x)
show("torch.log_softmax", torch.log_softmax(x.double(), dim=0), x)
show("Tensor.softmax", x.softmax(-1), x)
show("Tensor.log_softmax", x.log_softmax(dim=1), x)
show("torch.relu", torch.relu(x), x)
show("torch.sigmoid", torch.sigmoid(x), x)

# float64
d = torch.tensor([-1.5, 0.5, 3.0], dtype=torch.float64, requires_grad=True)
show("gelu f64", F.gelu(d), d)
show("elu f64", F.elu(d), d)
show("softmax f64", F.softmax(d, dim=0), d)

# in-place forms return their input
z = torch.tensor([-1.0, 2.0, -3.0])
r = F.relu(z, inplace=True)
print("inplace relu", r, r is z)
z = torch.tensor([-1.0, 2.0, -3.0])
print("relu_", F.relu_(z) is z, z)
z = torch.tensor([-1.0, 2.0, -3.0])
print("leaky_relu_", F.leaky_relu_(z, 0.1) is z, z)
z = torch.tensor([-1.0, 2.0, -3.0])
print("elu inplace", F.elu(z, inplace=True) is z, z)
z = torch.tensor([-1.0, 2.0, -3.0])
print("hardtanh_", F.hardtanh_(z) is z, z)
z = torch.tensor([-1.0, 2.0, -3.0])
print("torch.relu_", torch.relu_(z) is z, z)
# in-place on a non-leaf keeps the graph
a = torch.tensor([-1.0, 2.0, 3.0], requires_grad=True)
b = a * 2
c = F.relu(b, inplace=True)
print("inplace graph", c is b, c.grad_fn.name())
c.sum().backward()
print("  grad:", a.grad)

for f in [lambda: F.relu(x, foo=1), lambda: F.relu(), lambda: F.relu(x, True, 3),
          lambda: F.relu(x, input=x), lambda: F.gelu(x, approximate='bad'),
          lambda: F.softmax(x, 3), lambda: F.relu("a"),
          lambda: F.relu(torch.tensor([1.0], requires_grad=True), inplace=True),
          lambda: F.elu(x, alpha="a")]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
