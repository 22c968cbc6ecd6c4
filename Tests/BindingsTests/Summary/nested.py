import torch
import torch.nn as nn
from torchsummary import summary

torch.manual_seed(2)


class Block(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU())

    def forward(self, x):
        return self.body(x)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(Block(3, 8), nn.MaxPool2d(2), Block(8, 16))
        self.head = nn.Sequential(nn.Flatten(), nn.Dropout(0.5), nn.Linear(16 * 4 * 4, 10))
        self.extra = nn.Linear(5, 3)

    def forward(self, x, y):
        return self.head(self.features(x)), self.extra(y)


model = Net()
for p in model.features[0].parameters():
    p.requires_grad = False
try:
    summary(model, [(3, 8, 8), (5,)], device="CPU")
except ValueError as e:
    print("ValueError", e)
summary(model, [(3, 8, 8), (1, 1, 5)], device="CPU")
print(torch.rand(2))
print(model.features[0].body[1].running_mean)
model.eval()
summary(Net().eval(), [(3, 8, 8), (2, 1, 5)], 4)
print(torch.rand(2))
try:
    summary(model, (3, 8, 8), device="tpu")
except Exception as e:  # wick's AssertionError is not yet the builtin class (see report)
    print(type(e).__name__, e)
summary(nn.Sequential(nn.ReLU()), (4,))
