import torch
import torch.nn as nn
from torchsummary import summary

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(64, 128), nn.ReLU(), nn.Linear(128, 10))
summary(model, (64,))
print(torch.rand(3))
summary(model, (64,), batch_size=16, device="cpu")
print(torch.rand(2))
