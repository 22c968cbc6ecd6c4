# The sampler classes, alone and through DataLoader(sampler=…, batch_sampler=…).
import torch
from torch.utils.data import (DataLoader, TensorDataset, SequentialSampler, RandomSampler,
                              SubsetRandomSampler, BatchSampler)

ds = TensorDataset(torch.arange(7) * 10)
print(list(SequentialSampler(ds)), len(SequentialSampler(ds)))
torch.manual_seed(3)
print(list(RandomSampler(ds)), list(RandomSampler(ds, num_samples=10)), len(RandomSampler(ds, num_samples=10)))
print(list(RandomSampler(ds, generator=torch.Generator().manual_seed(2))))
torch.manual_seed(4)
print(list(SubsetRandomSampler([1, 3, 5])), list(SubsetRandomSampler([0, 2, 4, 6])))
print(list(BatchSampler(SequentialSampler(ds), batch_size=3, drop_last=False)))
print(len(BatchSampler(range(7), batch_size=3, drop_last=True)), list(BatchSampler(range(7), 3, True)))
torch.manual_seed(5)
print([b[0].tolist() for b in DataLoader(ds, batch_size=2, sampler=RandomSampler(ds))])
print([b[0].tolist() for b in DataLoader(ds, sampler=SubsetRandomSampler([0, 1, 2]))])
bs = BatchSampler(RandomSampler(ds), batch_size=4, drop_last=False)
loader = DataLoader(ds, batch_sampler=bs)
print(len(loader), [b[0].tolist() for b in loader])
print(torch.rand(1))
try:
    DataLoader(ds, batch_size=2, batch_sampler=bs)
except ValueError as e:
    print("ValueError:", e)
try:
    BatchSampler(range(3), 0, False)
except ValueError as e:
    print("ValueError:", e)
