import torch
x = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
w = torch.tensor([[0.5], [1.5]], requires_grad=True)
b = torch.tensor([0.1], requires_grad=True)
for name, t in [("add", x + 1), ("mul", x * x), ("sub", x - 2), ("div", x / 3), ("neg", -x), ("pow", x ** 2),
                ("mm", x.mm(w)), ("matmul", x @ w), ("addmm", torch.addmm(b, x, w)), ("sum", x.sum()),
                ("mean", x.mean()), ("relu", x.relu()), ("sigmoid", x.sigmoid()), ("tanh", x.tanh()),
                ("exp", x.exp()), ("log", x.log()), ("t", x.t()), ("view", x.view(4)), ("reshape", x.reshape(-1)),
                ("index", x[0]), ("slice", x[:, 1]), ("mask", x[x > 1]), ("max", x.max()), ("sqrt", x.sqrt()),
                ("rsub", 1 - x), ("rdiv", 1 / x), ("clamp", x.clamp(min=2)), ("unsqueeze", x.unsqueeze(0)),
                ("transpose", x.transpose(0, 1)), ("cat", torch.cat([x, x])), ("stack", torch.stack([x, x])),
                ("abs", x.abs()), ("std", x.std()), ("var", x.var()), ("norm", x.norm()), ("prod", x.prod()),
                ("cumsum", x.cumsum(0)), ("logsumexp", x.logsumexp(1)), ("expand", x[0:1].expand(3, 2)),
                ("where", torch.where(x > 2, x, torch.zeros(1))), ("float64", x.double()), ("permute", x.permute(1, 0))]:
    print(name, t.grad_fn.name(), type(t.grad_fn).__name__)
y = (x * 2).sum()
fn = y.grad_fn
print(fn.name(), len(fn.next_functions))
nxt = fn.next_functions[0][0]
print(nxt.name(), nxt.next_functions[0][0].name(), nxt.next_functions[1])
acc = nxt.next_functions[0][0]
print(acc.variable is x)
print(list(torch.tensor([1.0, 2.0], requires_grad=True) * 1)[0].grad_fn.name())
