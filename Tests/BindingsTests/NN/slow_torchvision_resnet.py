# torchvision.models.resnet18 built offline (seeded: same weights as torchvision), the transfer
# pattern replacing fc and freezing the backbone.
import torch
import torch.nn as nn
import torchvision
from torchvision.models import resnet18

torch.manual_seed(10)
model = resnet18(num_classes=10, weights=None)
print(type(model).__name__, isinstance(model, nn.Module))
print(model.layer1)
print(model.fc, model.fc.in_features)
print(sum(p.numel() for p in model.parameters()))
print(model.conv1.weight[0, 0, 0])
print([n for n, _ in model.named_children()])
print(len(model.state_dict()))
model.fc = nn.Linear(model.fc.in_features, 3)
model.eval()
with torch.no_grad():
    out = model(torch.randn(1, 3, 32, 32))
print(out.shape)
print(out)
for p in model.parameters():
    p.requires_grad = False
for p in model.fc.parameters():
    p.requires_grad = True
print(sum(p.numel() for p in model.parameters() if p.requires_grad))
