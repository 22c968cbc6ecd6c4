import torch
x = torch.tensor([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]], requires_grad=True)
s = torch.softmax(x, dim=1)
print(s, x.softmax(0), torch.log_softmax(x, 1), x.log_softmax(dim=-1))
print(s.grad_fn.name(), torch.log_softmax(x, 1).grad_fn.name())
(s[:, 0].sum() + x.log_softmax(1)[:, 1].sum()).backward()
print(x.grad)
print(torch.softmax(torch.tensor([1.0, 2.0]), 0, dtype=torch.float64))
