import torch
print(torch.cuda.is_available(), torch.cuda.device_count(), torch.backends.mps.is_available())
d = torch.device("cpu")
print(d, repr(d), d.type, d.index, d == torch.device("cpu"))
dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
x = torch.ones(2, device=dev)
print(x.to(dev), x.device, x.to(d).device, torch.zeros(1, device="cpu"))
c = torch.device("cuda:0")
print(c.type, c.index)
