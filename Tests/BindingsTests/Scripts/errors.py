import torch
x = torch.ones(2, 3)
cases = [
    lambda: x.add("a"),
    lambda: torch.add(x, "a"),
    lambda: x + "a",
    lambda: x.mul(None),
    lambda: x.view(-1, -1),
    lambda: x.sum(dim=5),
    lambda: x.unsqueeze(5),
    lambda: x.transpose(0, 3),
    lambda: torch.tensor([1, 2]).float().long().mean(),
    lambda: x[0, 5],
    lambda: x.reshape(7),
    lambda: torch.stack([torch.ones(2), torch.ones(3)]),
    lambda: x.expand(3, 3),
    lambda: torch.ones(2).backward(),
    lambda: x.gather(1, torch.tensor([[5]])),
    lambda: torch.randint(5, 2, (3,)),
    lambda: torch.ones(2, dtype=torch.int64).exp_(),
    lambda: torch.arange(0, 10, 0),
    lambda: x.squeeze(4),
    lambda: torch.zeros(2).item(),
    lambda: torch.ones(3) @ torch.ones(4),
]
for case in cases:
    try:
        case()
        print("no error")
    except Exception as e:
        print(type(e).__name__, str(e).split("\n")[0])
