import torch
print(torch.is_anomaly_enabled() if hasattr(torch, "is_anomaly_enabled") else "n/a")
x = torch.tensor([0.0, 1.0], requires_grad=True)
with torch.autograd.set_detect_anomaly(True):
    y = (x.sqrt() * 0).sum()
    y.backward()
print(x.grad)
x.grad = None
try:
    with torch.autograd.detect_anomaly():
        z = (x / x).sum()
        z.backward()
except RuntimeError as e:
    print("RuntimeError", str(e).split("\n")[0])
print(torch.zeros(1) * 0)
