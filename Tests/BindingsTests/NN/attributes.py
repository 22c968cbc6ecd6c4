# setattr/getattr/delattr on modules: registration and PyTorch's errors.
import torch
import torch.nn as nn

torch.manual_seed(3)


class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(2, 2)
        self.count = 0


m = M()
print(hasattr(m, "fc"), hasattr(m, "fc3"), m.count)
try:
    m.fc3
except AttributeError as e:
    print("AttributeError:", e)
m.w = nn.Parameter(torch.ones(2))
print([n for n, _ in m.named_parameters()])
try:
    m.w = torch.zeros(2)
except TypeError as e:
    print("TypeError:", e)
try:
    m.fc = 5
except TypeError as e:
    print("TypeError:", e)
m.w = None
print([n for n, _ in m.named_parameters()], m.w)
m.fc = nn.Linear(2, 4)
print(m.fc)
del m.fc
print(hasattr(m, "fc"), list(m.children()))
del m.count
print(hasattr(m, "count"))
try:
    del m.nothing
except AttributeError as e:
    print("AttributeError:", e)
try:
    m.register_buffer("a.b", torch.zeros(1))
except KeyError as e:
    print("KeyError:", e)
try:
    m.register_parameter("p", torch.zeros(1))
except TypeError as e:
    print("TypeError:", e)
try:
    m.add_module("x", 3)
except TypeError as e:
    print("TypeError:", e)
m.register_buffer("buf", torch.arange(3))
print(m.buf, list(m.state_dict().keys()))
m.buf = torch.ones(3)
print(m.buf, [n for n, _ in m.named_buffers()])


class NoInit(nn.Module):
    def __init__(self):
        self.fc = nn.Linear(1, 1)


try:
    NoInit()
except AttributeError as e:
    print("AttributeError:", e)


class NoForward(nn.Module):
    pass


NoForward()(torch.ones(1))
