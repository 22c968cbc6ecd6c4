# A script Dataset subclass returning dicts, lists and numbers, batched by DataLoader.
import torch
from torch.utils.data import Dataset, DataLoader


class Squares(Dataset):
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        return {"x": torch.tensor([float(i), float(i * i)]), "label": i % 2, "weight": i / 10, "pair": [i, -i]}


ds = Squares(7)
print(len(ds), isinstance(ds, Dataset), ds[2]["x"])
torch.manual_seed(5)
for batch in DataLoader(ds, batch_size=3, shuffle=True):
    print(sorted(batch.keys()))
    print(batch["x"])
    print(batch["label"], batch["weight"], batch["pair"])
loader = DataLoader(ds, batch_size=2, collate_fn=lambda items: [it["label"] for it in items])
print(list(loader))


class Bare(Dataset):
    pass


try:
    Bare()[0]
except NotImplementedError as e:
    print("NotImplementedError:", e)
