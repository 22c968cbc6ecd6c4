import torch
import torch.nn as nn
import torch.nn.functional as F
from torchsummary import summary

torch.manual_seed(1)


class LeNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5, padding=2)
        self.pool = nn.MaxPool2d(2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.fc3(x)


device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
model = LeNet().to(device)
print(next(model.parameters()).device)
summary(model, (1, 28, 28))
print(torch.randn(2))
x = torch.rand(3, 1, 28, 28).to(device)
out = model(x)
print(x.device, out.device, out.shape, torch.cuda.is_available())
print(out.argmax(1))
