# Error messages of torch.optim, lr_scheduler and torch.utils.data for bad arguments.
import torch
from torch.utils.data import DataLoader, TensorDataset, random_split

w = torch.zeros(2, requires_grad=True)


def attempt(label, f):
    try:
        f()
        print(label, "no error")
    except Exception as e:
        print(label, type(e).__name__ + ":", e)


attempt("tensor params", lambda: torch.optim.SGD(w, lr=0.1))
attempt("empty", lambda: torch.optim.Adam([]))
attempt("bad lr", lambda: torch.optim.Adam([w], lr=-0.5))
attempt("bad beta", lambda: torch.optim.Adam([w], betas=(1.5, 0.9)))
attempt("bad momentum", lambda: torch.optim.SGD([w], lr=0.1, momentum=-1))
attempt("nesterov", lambda: torch.optim.SGD([w], lr=0.1, nesterov=True))
attempt("non-leaf", lambda: torch.optim.SGD([w * 2], lr=0.1))
attempt("bad eps", lambda: torch.optim.RMSprop([w], eps=-1))
opt = torch.optim.SGD([w], lr=0.1)
attempt("missing key", lambda: opt.param_groups[0]["nope"])
attempt("plateau factor", lambda: torch.optim.lr_scheduler.ReduceLROnPlateau(opt, factor=2.0))
attempt("plateau mode", lambda: torch.optim.lr_scheduler.ReduceLROnPlateau(opt, mode="up"))
attempt("lambda count", lambda: torch.optim.lr_scheduler.LambdaLR(opt, lr_lambda=[lambda e: 1.0, lambda e: 2.0]))
ds = TensorDataset(torch.arange(6.0))
attempt("batch 0", lambda: DataLoader(ds, batch_size=0))
attempt("shuffle+sampler", lambda: DataLoader(ds, shuffle=True, sampler=[0, 1]))
attempt("split sum", lambda: random_split(ds, [2, 2]))
attempt("split frac", lambda: random_split(ds, [1.5, -0.5]))
attempt("index", lambda: ds[6])
print(len(DataLoader(ds, batch_size=4)), len(DataLoader(ds, batch_size=4, drop_last=True)))
print([b[0].tolist() for b in DataLoader(ds, batch_size=4, sampler=[5, 4, 3, 2, 1])])
print([b for b in DataLoader(ds, batch_size=None)][:2])
