# torch.save / torch.load of a state dict, a checkpoint dict, views and a Parameter.
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Linear(3, 2)
torch.save(model.state_dict(), '/tmp/wick_pth_script_model.pth')
sd = torch.load('/tmp/wick_pth_script_model.pth', weights_only=True)
print(type(sd).__name__, list(sd.keys()))
print(sd['weight'])
m2 = nn.Linear(3, 2)
print(m2.load_state_dict(torch.load('/tmp/wick_pth_script_model.pth')))
print(torch.equal(m2.weight, model.weight), m2.weight.requires_grad, type(m2.weight).__name__)

ck = {'epoch': 3, 'loss': 0.25, 'note': 'x', 'pair': (1, 2.5), 'items': [1, None, True], 'inner': {1: torch.arange(3)}}
torch.save(ck, '/tmp/wick_pth_script_ck.pth')
back = torch.load('/tmp/wick_pth_script_ck.pth', map_location='cpu')
print(back)

x = torch.arange(6.).reshape(2, 3)
torch.save([x, x[1]], '/tmp/wick_pth_script_views.pth')
a, b = torch.load('/tmp/wick_pth_script_views.pth')
a[1, 0] = 100.
print(b)

p = nn.Parameter(torch.ones(2))
torch.save(p, '/tmp/wick_pth_script_p.pth')
q = torch.load('/tmp/wick_pth_script_p.pth')
print(type(q).__name__, q.requires_grad)
print(q)
g = torch.tensor([1.0, 2.0], requires_grad=True)
torch.save({'g': g}, '/tmp/wick_pth_script_g.pth')
print(torch.load('/tmp/wick_pth_script_g.pth')['g'])

try:
    torch.load('/tmp/wick_pth_no_such_file.pth')
except Exception as e:
    print(type(e).__name__, e)
try:
    torch.load('/tmp/wick_pth_script_model.pth', map_location='cuda')
except RuntimeError as e:
    print('RuntimeError', e)
