# Train a small MLP on the iris data set (Lessons/data/iris.csv) with Adam, mini-batches from
# a shuffled DataLoader and a StepLR schedule; reaches >= 95 % training accuracy.
import csv
import os
import torch
import torch.nn as nn
from torch.utils.data import TensorDataset, DataLoader

path = os.path.join(os.path.dirname(__file__), "..", "..", "..", "Lessons", "data", "iris.csv")
with open(path) as f:
    rows = list(csv.reader(f))
header, rows = rows[0], rows[1:]
print(header, len(rows))
features = torch.tensor([[float(v) for v in r[:4]] for r in rows])
labels = torch.tensor([int(r[4]) for r in rows])
mean, std = features.mean(0), features.std(0)
features = (features - mean) / std

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 3))
loader = DataLoader(TensorDataset(features, labels), batch_size=16, shuffle=True)
opt = torch.optim.Adam(model.parameters(), lr=0.01)
sched = torch.optim.lr_scheduler.StepLR(opt, step_size=20, gamma=0.5)
loss_fn = nn.CrossEntropyLoss()
for epoch in range(40):
    total = 0.0
    for xb, yb in loader:
        opt.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        opt.step()
        total += loss.item() * len(yb)
    sched.step()
    if epoch % 10 == 9:
        print(epoch + 1, round(total / len(rows), 4), sched.get_last_lr())
with torch.no_grad():
    acc = (model(features).argmax(1) == labels).float().mean().item()
print("accuracy", round(acc, 4), acc >= 0.95)
