import torch
x = torch.arange(6.0)
print(x.view(2, 3), x.view((3, 2)), x.reshape(-1, 2), torch.reshape(x, (3, -1)))
m = x.view(2, 3)
print(m.t(), m.T, m.transpose(0, 1), torch.transpose(m, 0, 1), m.permute(1, 0), torch.permute(m, (1, 0)))
print(m.unsqueeze(0).shape, m.unsqueeze(-1).shape, torch.zeros(1, 2, 1).squeeze().shape, torch.zeros(1, 2, 1).squeeze(0).shape)
print(m.flatten(), torch.zeros(2, 3, 4).flatten(1).shape, torch.zeros(2, 12).unflatten(1, (3, 4)).shape)
print(m.expand(2, 2, 3).shape, torch.ones(1, 3).expand_as(m), m.repeat(2, 1), m.repeat(1, 2).shape)
print(torch.cat([m, m]), torch.cat((m, m), dim=1), torch.stack([x, x]), torch.stack([x, x], dim=1).shape)
print(x.split(2), torch.split(x, [1, 5]), x.chunk(3), torch.chunk(x, 4), x.unbind(0)[:2])
print(x.narrow(0, 1, 3), m.select(1, 2), m.index_select(1, torch.tensor([0, 2])))
print(m.gather(1, torch.tensor([[0, 0], [1, 2]])), torch.tril(torch.ones(3, 3)), torch.ones(3, 3).triu(1))
print(m.flip(0), torch.flip(m, [0, 1]), m.masked_fill(m > 2, -1.0), torch.masked_fill(m, m < 2, 0.5))
print(m.contiguous().is_contiguous(), m.t().is_contiguous(), m.clone(), m.size(), m.size(-1), m.dim(), m.numel())
print(torch.zeros(3).scatter(0, torch.tensor([2, 0]), torch.tensor([5.0, 6.0])), torch.zeros(3).scatter_add(0, torch.tensor([1, 1]), torch.tensor([1.0, 2.0])))
print(torch.hstack([x, x]).shape, torch.vstack([x, x]).shape)
print(m.shape == (2, 3), m.shape[0], list(m.shape), m.shape.numel(), len(m.shape))
for bad in [lambda: x.view(4, 2), lambda: m.t().view(6), lambda: torch.cat([m, x]), lambda: m.unsqueeze(1.5), lambda: m.reshape("a"), lambda: torch.cat(m)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
