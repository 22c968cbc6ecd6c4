# Nested submodules and a ModuleList: named_parameters, children, modules, buffers.
import torch
import torch.nn as nn

torch.manual_seed(1)


class Block(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.lin = nn.Linear(d, d)
        self.act = nn.Tanh()
        self.register_buffer("steps", torch.zeros(1))

    def forward(self, x):
        self.steps += 1
        return self.act(self.lin(x))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.blocks = nn.ModuleList([Block(3) for _ in range(2)])
        self.head = nn.Linear(3, 1)
        self.scale = nn.Parameter(torch.ones(1))

    def forward(self, x):
        for b in self.blocks:
            x = b(x)
        return self.head(x) * self.scale


net = Net()
print(net)
for n, p in net.named_parameters():
    print(n, list(p.shape))
for n, b in net.named_buffers():
    print(n, b)
print([n for n, _ in net.named_children()])
print([n for n, _ in net.named_modules()])
print(len(list(net.modules())), len(list(net.children())), len(list(net.parameters())))
out = net(torch.randn(4, 3))
print(out.shape)
print(net.blocks[0].steps, net.blocks[-1].steps)
print(net.get_submodule("blocks.1.lin"))
print(len(net.blocks), type(net.blocks[0]).__name__)
print(net.blocks[0:1])
print(sum(p.numel() for p in net.parameters()))
