import torch
x = torch.ones(2, 3)
cases = [lambda: torch.zeros(2, "a"), lambda: x.view(2, "a"), lambda: x.unsqueeze("a"), lambda: x.transpose(0, "a"),
         lambda: torch.cat([x, "a"]), lambda: torch.stack(x), lambda: x.mm(2), lambda: torch.matmul(x, "a"),
         lambda: x.expand("a"), lambda: x.index_select(0, [0]), lambda: torch.ones(2, dtype="float"),
         lambda: torch.arange("a"), lambda: torch.full((2,), "a"), lambda: x.sub(1, alpha="a"),
         lambda: x[torch.tensor([0.5])], lambda: x.add("a"), lambda: torch.add(x, "a"), lambda: x + "a",
         lambda: x @ 2, lambda: torch.exp([1.0]), lambda: torch.zeros("a"), lambda: x.reshape("a"),
         lambda: x.sum(dim=5), lambda: torch.tensor("a"), lambda: x[1.5], lambda: x.unsqueeze(1.5), lambda: torch.cat(x)]
for c in cases:
    try:
        c()
        print("no error")
    except Exception as e:
        print(type(e).__name__, str(e).split("\n")[0])
