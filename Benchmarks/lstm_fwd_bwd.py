# LSTM(32 -> 128), batch_first, sequence 50, batch 32, linear head, MSE: forward + backward only
# (the training step of /work/shared/bench/lstm_train.py without the optimizer), timed as
# wick-bench's `lstm` workload.
import time

import torch
import torch.nn as nn

torch.manual_seed(0)
lstm = nn.LSTM(32, 128, batch_first=True)
head = nn.Linear(128, 1)
x = torch.randn(32, 50, 32)
y = torch.randn(32, 1)


def step():
    for p in list(lstm.parameters()) + list(head.parameters()):
        p.grad = None
    out, _ = lstm(x)
    loss = nn.functional.mse_loss(head(out[:, -1, :]), y)
    loss.backward()
    return loss


for _ in range(3):
    step()
# best of 5 blocks of 4 steps
dt = float("inf")
for _ in range(5):
    t0 = time.perf_counter()
    for _ in range(4):
        loss = step()
    dt = min(dt, (time.perf_counter() - t0) / 4)
print(f"lstm_forward_backward: {dt * 1e3:.3f} ms  loss {loss.item():.6f}")
