# Ten steps of SGD (momentum, nesterov, weight decay) and Adam/AdamW/RMSprop/Adagrad on a
# small model, printing the parameters; zero_grad; step(closure); print(opt); defaults.
import torch
import torch.nn as nn

def run(make, name):
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 2))
    opt = make(model.parameters())
    x = torch.randn(8, 3)
    y = torch.randn(8, 2)
    for _ in range(10):
        opt.zero_grad()
        loss = ((model(x) - y) ** 2).mean()
        loss.backward()
        opt.step()
    print(name, round(loss.item(), 5))
    for p in model.parameters():
        print(p.data)

run(lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9), "SGD momentum")
run(lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.8, nesterov=True, weight_decay=0.01), "SGD nesterov")
run(lambda ps: torch.optim.Adam(ps, lr=0.01), "Adam")
run(lambda ps: torch.optim.AdamW(ps, lr=0.01, betas=(0.8, 0.99), amsgrad=True), "AdamW")
run(lambda ps: torch.optim.RMSprop(ps, lr=0.01, momentum=0.5), "RMSprop")
run(lambda ps: torch.optim.Adagrad(ps, lr=0.1), "Adagrad")

torch.manual_seed(1)
w = torch.randn(3, requires_grad=True)
opt = torch.optim.SGD([w], lr=0.1)
print(opt)
print(opt.defaults)

def closure():
    opt.zero_grad()
    loss = (w ** 2).sum()
    loss.backward()
    return loss

for _ in range(3):
    print(opt.step(closure))
print(w)
opt.zero_grad(set_to_none=False)
print(w.grad)
opt.zero_grad()
print(w.grad)
print(torch.optim.Adam([w], lr=1e-3))
try:
    torch.optim.SGD([], lr=0.1)
except ValueError as e:
    print("ValueError:", e)
try:
    torch.optim.SGD([w], lr=-1)
except ValueError as e:
    print("ValueError:", e)
