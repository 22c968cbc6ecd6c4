# DataLoader batch order (shuffle with two seeds, with a generator, drop_last), len(loader),
# TensorDataset, Subset, random_split (lengths and fractions), default_collate.
import torch
from torch.utils.data import DataLoader, TensorDataset, Subset, random_split, default_collate

x = torch.arange(10.0).reshape(10, 1)
y = torch.arange(10)
ds = TensorDataset(x, y)
print(len(ds), ds[3])
for seed in [0, 7]:
    torch.manual_seed(seed)
    loader = DataLoader(ds, batch_size=4, shuffle=True)
    print("seed", seed, len(loader))
    for epoch in range(2):
        print([yb.tolist() for _, yb in loader])
    print(torch.rand(2))
loader = DataLoader(ds, batch_size=3, drop_last=True)
print(len(loader), [yb.tolist() for _, yb in loader])
g = torch.Generator().manual_seed(3)
loader = DataLoader(ds, batch_size=5, shuffle=True, generator=g, num_workers=2)
print([yb.tolist() for _, yb in loader], [yb.tolist() for _, yb in loader])
xb, yb = next(iter(DataLoader(ds, batch_size=2)))
print(xb, yb)
torch.manual_seed(1)
a, b = random_split(ds, [7, 3])
print(len(a), len(b), a.indices, b.indices)
parts = random_split(range(10), [0.5, 0.3, 0.2], generator=torch.Generator().manual_seed(42))
print([p.indices for p in parts], [len(p) for p in parts])
parts = random_split(list(range(11)), [0.5, 0.5], generator=torch.Generator().manual_seed(1))
print([list(p) for p in parts])
sub = Subset(ds, [9, 0, 4])
print(len(sub), sub[0], sub[-1][1])
print(default_collate([(1, 2.5, "a"), (3, 4.5, "b")]))
print(default_collate([{"x": torch.ones(2), "n": 1}, {"x": torch.zeros(2), "n": 2}]))
try:
    random_split(ds, [3, 3])
except ValueError as e:
    print("ValueError:", e)
