# LeNet-style CNN on 1x28x28, batch 64: forward + backward only (the training step of
# /work/shared/bench/cnn_train.py without the optimizer), timed as wick-bench's `cnn` workload.
import time
import torch
import torch.nn as nn
import torch.nn.functional as F


class LeNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5, padding=2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.fc3(x)


torch.manual_seed(0)
model = LeNet()
x = torch.randn(64, 1, 28, 28)
y = torch.randint(0, 10, (64,))


def step():
    model.zero_grad()
    loss = F.cross_entropy(model(x), y)
    loss.backward()
    return loss


for _ in range(5):
    step()
dt = float("inf")
for _ in range(5):
    t0 = time.perf_counter()
    for _ in range(10):
        loss = step()
    dt = min(dt, (time.perf_counter() - t0) / 10)
print(f"cnn_fwd_bwd: {dt * 1e3:.3f} ms  final loss {loss.item():.4f}")
