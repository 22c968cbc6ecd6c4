import torch
import torch.nn.functional as F

def show(name, loss, *leaves):
    print(name, loss)
    print("  grad_fn:", loss.grad_fn.name() if loss.grad_fn is not None else None)
    if loss.grad_fn is not None:
        if loss.dim() == 0:
            loss.backward()
        else:
            loss.backward(torch.arange(loss.numel(), dtype=loss.dtype).reshape(loss.shape) - 1.5)
        for t in leaves:
            print("  grad:", t.grad)
            t.grad = None

x = torch.tensor([[0.5, -1.0, 2.0], [1.5, 0.0, -0.5]], requires_grad=True)
y = torch.tensor([[1.0, -0.5, 0.0], [1.0, 2.5, -0.25]], requires_grad=True)
for red in ["mean", "sum", "none"]:
    show("mse " + red, F.mse_loss(x, y, reduction=red), x, y)
    show("l1 " + red, F.l1_loss(x, y, reduction=red), x, y)
    show("smooth_l1 " + red, F.smooth_l1_loss(x, y, reduction=red, beta=0.5), x, y)
    show("huber " + red, F.huber_loss(x, y, reduction=red, delta=0.8), x)
w = torch.tensor([[1.0, 2.0, 0.5], [0.0, 1.0, 3.0]])
show("mse weighted", F.mse_loss(x, y, weight=w), x, y)
show("l1 weighted sum", F.l1_loss(x, y, reduction="sum", weight=w), x)
show("huber weighted", F.huber_loss(x, y, weight=w), x)
show("mse legacy", F.mse_loss(x, y, size_average=False), x)
show("mse legacy reduce", F.mse_loss(x, y, reduce=False), x)

logits = torch.tensor([[1.0, 2.0, 0.5, -1.0], [0.1, -0.3, 2.2, 0.0], [1.5, 1.5, -2.0, 0.3]], requires_grad=True)
labels = torch.tensor([1, 2, 0])
show("cross_entropy", F.cross_entropy(logits, labels), logits)
show("cross_entropy sum", F.cross_entropy(logits, labels, reduction="sum"), logits)
show("cross_entropy none", F.cross_entropy(logits, labels, reduction="none"), logits)
cw = torch.tensor([1.0, 2.0, 0.5, 1.0])
show("cross_entropy weight", F.cross_entropy(logits, labels, weight=cw), logits)
show("cross_entropy ignore", F.cross_entropy(logits, torch.tensor([1, -100, 0])), logits)
show("cross_entropy ignore_index=2", F.cross_entropy(logits, labels, ignore_index=2), logits)
show("cross_entropy smoothing", F.cross_entropy(logits, labels, label_smoothing=0.1), logits)
probs = torch.tensor([[0.1, 0.6, 0.2, 0.1], [0.0, 0.0, 1.0, 0.0], [0.25, 0.25, 0.25, 0.25]])
show("cross_entropy probs", F.cross_entropy(logits, probs), logits)
lp = F.log_softmax(logits, dim=1)
show("nll", F.nll_loss(lp, labels), logits)
show("nll weight sum", F.nll_loss(lp.detach(), labels, weight=cw, reduction="sum"))

p = torch.tensor([0.2, 0.9, 0.5, 0.01], requires_grad=True)
t = torch.tensor([0.0, 1.0, 1.0, 0.0])
show("bce", F.binary_cross_entropy(p, t), p)
show("bce weight none", F.binary_cross_entropy(p, t, weight=torch.tensor([1.0, 2.0, 3.0, 4.0]), reduction="none"), p)
z = torch.tensor([-1.0, 2.0, 0.3, -4.0], requires_grad=True)
show("bce logits", F.binary_cross_entropy_with_logits(z, t), z)
show("bce logits pos_weight", F.binary_cross_entropy_with_logits(z, t, pos_weight=torch.tensor([2.0])), z)
kq = torch.tensor([[0.5, 1.0, -1.0], [2.0, 0.0, 0.1]], requires_grad=True)
inp = F.log_softmax(kq.detach(), dim=1)
tgt = torch.tensor([[0.2, 0.5, 0.3], [0.7, 0.2, 0.1]])
show("kl_div batchmean", F.kl_div(F.log_softmax(kq, dim=1), tgt, reduction="batchmean"), kq)
show("kl_div sum", F.kl_div(F.log_softmax(kq, dim=1), tgt, reduction="sum"), kq)
show("kl_div log_target", F.kl_div(F.log_softmax(kq, dim=1), tgt.log(), reduction="sum", log_target=True), kq)
show("kl_div mean", F.kl_div(inp, tgt))
a1 = torch.tensor([[1.0, 2.0, 3.0], [0.5, -1.0, 0.0]], requires_grad=True)
a2 = torch.tensor([[1.0, 0.0, 3.5], [-0.5, 1.0, 0.2]])
show("cosine_embedding", F.cosine_embedding_loss(a1, a2, torch.tensor([1, -1])), a1)
show("cosine_embedding margin", F.cosine_embedding_loss(a1, a2, torch.tensor([-1, -1]), margin=-0.5, reduction="sum"), a1)
an = torch.tensor([[0.0, 1.0], [1.0, 1.0]], requires_grad=True)
po = torch.tensor([[0.5, 1.0], [1.0, 0.0]])
ne = torch.tensor([[0.0, 0.5], [3.0, 1.0]])
show("triplet", F.triplet_margin_loss(an, po, ne), an)
show("triplet swap p1", F.triplet_margin_loss(an, po, ne, margin=2.0, p=1, swap=True, reduction="none"), an)

d = torch.tensor([[0.5, -1.0], [2.0, 0.25]], dtype=torch.float64, requires_grad=True)
show("mse f64", F.mse_loss(d, torch.zeros(2, 2, dtype=torch.float64)), d)
show("ce f64", F.cross_entropy(d, torch.tensor([0, 1])), d)

for f in [lambda: F.mse_loss(x, y, reduction="bad"),
          lambda: F.cross_entropy(logits, labels, reduction="avg"),
          lambda: F.mse_loss(x, y, reduction="bad", weight=w),
          lambda: F.mse_loss(x, y, weight=torch.ones(3)),
          lambda: F.mse_loss(torch.ones(3), torch.ones(4)),
          lambda: F.mse_loss(x),
          lambda: F.cross_entropy(logits, torch.tensor([0, 5, 1])),
          lambda: F.nll_loss(lp, torch.tensor([0, 1])),
          lambda: F.binary_cross_entropy(torch.tensor([1.5]), torch.tensor([1.0])),
          lambda: F.cross_entropy(logits, labels, weights=cw),
          lambda: F.kl_div(inp, tgt, reduction="none", bad=1)]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
