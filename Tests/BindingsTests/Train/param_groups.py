# Parameter groups with their own options, live edits of param_groups, add_param_group,
# state_dict / load_state_dict, and opt.state.
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
opt = torch.optim.SGD([
    {"params": model[0].parameters()},
    {"params": model[2].parameters(), "lr": 0.01},
], lr=0.1, momentum=0.9)
print(len(opt.param_groups))
for g in opt.param_groups:
    print(sorted(g.keys()), g["lr"], g["momentum"], len(g["params"]), "lr" in g, "betas" in g)
print(opt)
x = torch.randn(5, 2)
for step in range(4):
    opt.zero_grad()
    model(x).sum().backward()
    opt.step()
    for g in opt.param_groups:
        g["lr"] = g["lr"] * 0.5
print([g["lr"] for g in opt.param_groups])
print(model[0].weight.data)
print(model[2].weight.data)
sd = opt.state_dict()
print(sorted(sd.keys()))
print(sorted(sd["state"].keys()))
print(sd["state"][0]["momentum_buffer"])
print(sd["param_groups"][1])
print(len(opt.state), opt.state[model[2].bias]["momentum_buffer"])

extra = torch.zeros(2, requires_grad=True)
opt.add_param_group({"params": [extra], "lr": 1.0})
print(len(opt.param_groups), opt.param_groups[2]["momentum"], opt.param_groups[2]["lr"])

torch.manual_seed(0)
model2 = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
opt2 = torch.optim.SGD([
    {"params": model2[0].parameters()},
    {"params": model2[2].parameters(), "lr": 0.01},
], lr=0.1, momentum=0.9)
opt2.load_state_dict(sd)
print([g["lr"] for g in opt2.param_groups])
print(opt2.state_dict()["state"][3]["momentum_buffer"])

w = torch.ones(2, requires_grad=True)
adam = torch.optim.Adam([w], lr=0.1)
w.sum().backward()
adam.step()
st = adam.state_dict()
print(st["state"][0]["step"], st["state"][0]["exp_avg"], st["state"][0]["exp_avg_sq"])
print(st["param_groups"][0]["betas"], st["param_groups"][0]["params"])
try:
    torch.optim.SGD([{"params": [w]}, {"params": [w]}], lr=0.1)
except ValueError as e:
    print("ValueError:", e)
fresh = torch.ones(1, requires_grad=True)
o3 = torch.optim.Adam([fresh])
print(o3.state[fresh], len(o3.state))
print(o3.state)
fresh.sum().backward()
o3.step()
print(o3.state)
