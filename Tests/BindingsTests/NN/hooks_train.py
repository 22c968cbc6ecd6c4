# Forward hooks and pre-hooks with handles; train/eval propagation; apply; requires_grad_.
import torch
import torch.nn as nn

torch.manual_seed(4)
net = nn.Sequential(nn.Linear(3, 2), nn.Sequential(nn.ReLU(), nn.Linear(2, 2)))


def pre(module, args):
    print("pre", type(module).__name__, args[0].shape)


def post(module, args, output):
    print("post", type(module).__name__, output.shape)
    return output * 0


h1 = net[0].register_forward_pre_hook(pre)
h2 = net[0].register_forward_hook(post)
out = net(torch.ones(1, 3))
print(out)
h1.remove()
h2.remove()
out2 = net(torch.ones(1, 3))
print(out2.shape, torch.equal(out, out2))
print(net.training, net[1].training, net[1][0].training)
net.eval()
print(net.training, net[1].training, net[1][0].training)
net.train()
print(net.training, net[1][1].training)
r = net.train(False)
print(r is net, net[1][1].training)
names = []
net.apply(lambda m: names.append(type(m).__name__))
print(names)
net.requires_grad_(False)
print([p.requires_grad for p in net.parameters()])
net.double()
print(net[0].weight.dtype)
print(net.to(torch.float32)[0].weight.dtype)
print(net.to("cpu") is net)
try:
    net.to("cuda")
except RuntimeError as e:
    print("RuntimeError (no cuda)")
