# A training checkpoint: model and Adam state dicts saved together, then resumed.
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 1))
opt = torch.optim.Adam(model.parameters(), lr=0.01)
x = torch.randn(8, 4)
y = torch.randn(8, 1)
for _ in range(3):
    opt.zero_grad()
    loss = ((model(x) - y) ** 2).mean()
    loss.backward()
    opt.step()
torch.save({'epoch': 3, 'model': model.state_dict(), 'optimizer': opt.state_dict(), 'loss': loss.item()},
           '/tmp/wick_pth_script_checkpoint.pth')

ck = torch.load('/tmp/wick_pth_script_checkpoint.pth', weights_only=True)
print(sorted(ck.keys()), ck['epoch'], round(ck['loss'], 3))
print(list(ck['model'].keys()))
print(ck['optimizer']['param_groups'][0]['lr'], ck['optimizer']['param_groups'][0]['params'])
print(sorted(ck['optimizer']['state'].keys()), ck['optimizer']['state'][0]['step'])

model2 = nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 1))
opt2 = torch.optim.Adam(model2.parameters(), lr=0.01)
model2.load_state_dict(ck['model'])
opt2.load_state_dict(ck['optimizer'])
for m, o in ((model, opt), (model2, opt2)):
    o.zero_grad()
    l = ((m(x) - y) ** 2).mean()
    l.backward()
    o.step()
print(torch.allclose(model[0].weight, model2[0].weight), model2[2].bias)
