import torch
torch.manual_seed(0)
X = torch.randn(20, 2)
true_w = torch.tensor([[2.0], [-3.0]])
Y = X @ true_w + 0.5
w = torch.zeros(2, 1, requires_grad=True)
b = torch.zeros(1, requires_grad=True)
lr = 0.1
for step in range(50):
    pred = X @ w + b
    loss = ((pred - Y) ** 2).mean()
    loss.backward()
    with torch.no_grad():
        w -= lr * w.grad
        b -= lr * b.grad
    w.grad.zero_()
    b.grad.zero_()
    if step % 10 == 0:
        print(step, f"{loss.item():.6f}")
print(w, b)
print(loss.grad_fn.name(), loss.grad_fn.next_functions[0][0].name())
