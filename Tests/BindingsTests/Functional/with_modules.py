import math
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils import clip_grad_norm_, parameters_to_vector, vector_to_parameters

print(nn.functional is F, nn.init.zeros_ is torch.nn.init.zeros_)
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))
for m in model.modules():
    if isinstance(m, nn.Linear):
        r = nn.init.kaiming_normal_(m.weight, mode='fan_out', nonlinearity='relu')
        print(r is m.weight, type(r).__name__, r.requires_grad, r.grad_fn)
        nn.init.constant_(m.bias, 0.1)
print(model[0].weight)
print(model[2].bias)
p = nn.Parameter(torch.empty(2, 3))
print(nn.init.xavier_uniform_(p) is p, p)
print(nn.init.trunc_normal_(p, std=0.5) is p)

x = torch.randn(5, 3)
target = torch.tensor([0, 1, 1, 0, 1])
loss = F.cross_entropy(model(x), target)
print(loss)
loss.backward()
total = clip_grad_norm_(model.parameters(), max_norm=0.5)
print("total", total)
print([p.grad for p in model.parameters()])
print("after clip norm", torch.nn.utils.get_total_norm([p.grad for p in model.parameters()]))
torch.nn.utils.clip_grad_value_(model.parameters(), 0.05)
print(model[0].weight.grad)

vec = parameters_to_vector(model.parameters())
print(vec.shape, vec.grad_fn.name())
vector_to_parameters(vec * 0 + 0.5, model.parameters())
print(model[2].weight, model(torch.ones(1, 3)))

# functional layer forms against module forward
torch.manual_seed(1)
lin = nn.Linear(3, 2)
print(torch.equal(F.linear(x, lin.weight, lin.bias), lin(x)))
print(torch.equal(F.leaky_relu(x, 0.2), nn.LeakyReLU(0.2)(x)), torch.equal(F.log_softmax(x, 1), nn.LogSoftmax(dim=1)(x)))
print(torch.equal(F.mse_loss(x, x * 2), nn.MSELoss()(x, x * 2)))
print(F.dropout(x, 0.5, training=model.training).shape)
