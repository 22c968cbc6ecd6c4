# The classic tutorial model: define, print, forward, backward, gradients.
import torch
import torch.nn as nn

torch.manual_seed(0)


class MyModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(64, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = torch.relu(self.fc1(x))
        return self.fc2(x)


model = MyModel()
print(model)
x = torch.randn(2, 64)
out = model(x)
print(out.shape, out.grad_fn.name())
print(out[0, :4])
loss = out.sum()
loss.backward()
print(model.fc1.weight.grad.shape)
print(model.fc2.bias.grad)
print(model.fc1.weight[0, :3])
print(sum(p.numel() for p in model.parameters() if p.requires_grad))
print(type(model.fc1).__name__, isinstance(model, nn.Module), isinstance(model.fc1, nn.Linear))
print(model.fc1 is model.fc1)
print(model.fc1.in_features, model.fc1.out_features)
for name, p in model.named_parameters():
    print(name, tuple(p.shape), p.requires_grad, type(p).__name__)
model.zero_grad()
print(model.fc1.weight.grad)


class Legacy(nn.Module):
    def __init__(self, n):
        super(Legacy, self).__init__()
        self.n = n
        self.layer = nn.Linear(n, 2, bias=False)

    def forward(self, x, scale=1.0):
        return self.layer(x) * scale


m = Legacy(3)
print(m)
print(m.n, m.layer.bias)
y = m(torch.ones(1, 3), scale=2.0)
print(y)
