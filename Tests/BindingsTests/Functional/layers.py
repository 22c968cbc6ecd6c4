import torch
import torch.nn.functional as F

def show(name, y, *leaves):
    print(name, y)
    print("  grad_fn:", y.grad_fn.name() if y.grad_fn is not None else None)
    if y.grad_fn is not None and leaves:
        y.backward(torch.arange(y.numel(), dtype=y.dtype).reshape(y.shape) / 4 - 1)
        for t in leaves:
            print("  grad:", t.grad)
            t.grad = None

torch.manual_seed(0)
x = torch.randn(2, 3, requires_grad=True)
w = torch.randn(4, 3, requires_grad=True)
b = torch.randn(4, requires_grad=True)
show("linear", F.linear(x, w, b), x, w, b)
show("linear nobias", F.linear(x, w), x, w)
show("linear 3d", F.linear(torch.ones(2, 2, 3), w, bias=b), w, b)

img = torch.randn(1, 2, 5, 5, dtype=torch.float64, requires_grad=True)
k = torch.randn(3, 2, 3, 3, dtype=torch.float64, requires_grad=True)
kb = torch.randn(3, dtype=torch.float64, requires_grad=True)
show("conv2d", F.conv2d(img, k, kb), img, k, kb)
show("conv2d stride pad", F.conv2d(img, k, stride=2, padding=1), img, k)
show("conv2d same", F.conv2d(img, k, padding='same', dilation=(1, 2)), k)
show("conv2d groups", F.conv2d(img, torch.ones(4, 1, 2, 2, dtype=torch.float64), groups=2).sum())
seq = torch.randn(2, 2, 6, dtype=torch.float64, requires_grad=True)
k1 = torch.randn(3, 2, 3, dtype=torch.float64, requires_grad=True)
show("conv1d", F.conv1d(seq, k1, stride=2, padding=1), seq, k1)
kt = torch.randn(2, 3, 2, 2, dtype=torch.float64, requires_grad=True)
show("conv_transpose2d", F.conv_transpose2d(img[:, :, :3, :3].detach(), kt, stride=2, padding=1, output_padding=1), kt)

m = torch.tensor([[[[1.0, 5.0, 2.0, 0.0], [3.0, -1.0, 4.0, 8.0], [0.5, 0.5, 9.0, 1.0], [2.0, 6.0, 7.0, 3.0]]]], requires_grad=True)
show("max_pool2d", F.max_pool2d(m, 2), m)
show("max_pool2d stride 1", F.max_pool2d(m, kernel_size=3, stride=1), m)
out, idx = F.max_pool2d(m, 2, return_indices=True)
print("max_pool2d indices", out, idx)
show("max_pool2d pad ceil", F.max_pool2d(m, 3, stride=2, padding=1, ceil_mode=True), m)
show("avg_pool2d", F.avg_pool2d(m, 2), m)
show("avg_pool2d pad", F.avg_pool2d(m, 3, stride=2, padding=1, count_include_pad=False), m)
show("avg_pool2d divisor", F.avg_pool2d(m, (2, 2), divisor_override=3), m)
show("adaptive 1", F.adaptive_avg_pool2d(m, 1), m)
show("adaptive (3,2)", F.adaptive_avg_pool2d(m, (3, 2)), m)
show("adaptive (None,2)", F.adaptive_avg_pool2d(m, (None, 2)), m)
s1 = torch.tensor([[[1.0, 3.0, 2.0, 5.0, 4.0, 0.0]]], requires_grad=True)
show("max_pool1d", F.max_pool1d(s1, 2), s1)
o1, i1 = F.max_pool1d(s1, 3, stride=1, return_indices=True)
print("max_pool1d indices", o1, i1)

emb = torch.randn(5, 3, requires_grad=True)
ids = torch.tensor([[0, 2, 4], [4, 1, 0]])
show("embedding", F.embedding(ids, emb), emb)
show("embedding padding_idx", F.embedding(ids, emb, padding_idx=0), emb)

ln_in = torch.randn(2, 3, 4, requires_grad=True)
lw = torch.randn(4, requires_grad=True)
lb = torch.randn(4, requires_grad=True)
show("layer_norm", F.layer_norm(ln_in, (4,), lw, lb), ln_in, lw, lb)
show("layer_norm 2d", F.layer_norm(ln_in, [3, 4], eps=1e-3), ln_in)

bn_in = torch.randn(4, 3, requires_grad=True)
rm = torch.zeros(3)
rv = torch.ones(3)
bw = torch.tensor([1.0, 2.0, 0.5], requires_grad=True)
bb = torch.tensor([0.0, 0.1, -0.1], requires_grad=True)
show("batch_norm train", F.batch_norm(bn_in, rm, rv, bw, bb, training=True, momentum=0.2), bn_in, bw, bb)
print("  running", rm, rv)
show("batch_norm eval", F.batch_norm(bn_in, rm, rv, bw, bb), bn_in)
show("batch_norm no stats", F.batch_norm(torch.randn(2, 2, 3), None, None, training=True))
bn4 = torch.randn(2, 2, 2, 2)
rm2, rv2 = torch.zeros(2), torch.ones(2)
F.batch_norm(bn4, rm2, rv2, training=True)
print("batch_norm 4d running", rm2, rv2)

p = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
show("pad", F.pad(p, (1, 2)), p)
show("pad value", F.pad(p, [1, 0, 0, 1], value=-1.0), p)
show("pad reflect", F.pad(p.unsqueeze(0), (1, 1), mode='reflect'), p)
show("pad replicate", F.pad(p.unsqueeze(0), (2, 1), mode='replicate'), p)
show("pad circular", F.pad(p.unsqueeze(0), (1, 1), mode='circular'), p)
print("one_hot", F.one_hot(torch.tensor([0, 2, 1])))
print("one_hot 4", F.one_hot(torch.tensor([[0, 2], [3, 1]]), num_classes=4))
v = torch.tensor([[3.0, 4.0], [1.0, -1.0], [0.0, 0.0]], requires_grad=True)
show("normalize", F.normalize(v), v)
show("normalize p1 dim0", F.normalize(v, p=1, dim=0), v)
u = torch.tensor([[1.0, 0.0], [2.0, 2.0], [-1.0, 0.5]], requires_grad=True)
show("cosine_similarity", F.cosine_similarity(v, u), v, u)
show("cosine_similarity dim0", F.cosine_similarity(v, u, dim=0), v)
show("pairwise_distance", F.pairwise_distance(v, u), v, u)
show("pairwise_distance p1 keepdim", F.pairwise_distance(v, u, p=1.0, keepdim=True), v)
show("torch.cosine_similarity", torch.cosine_similarity(v, u), v)

torch.manual_seed(1)
d = torch.ones(3, 4, requires_grad=True)
show("dropout", F.dropout(d), d)
show("dropout p", F.dropout(d, p=0.25), d)
show("dropout eval", F.dropout(d, 0.5, training=False), d)
dd = torch.ones(2, 3)
print("dropout inplace", F.dropout(dd, 0.5, inplace=True) is dd, dd)
show("torch.dropout", torch.dropout(d, 0.5, True), d)
print(torch.rand(2))

for f in [lambda: F.linear(x, torch.randn(2, 4)),
          lambda: F.conv2d(img, torch.randn(3, 5, 3, 3, dtype=torch.float64)),
          lambda: F.conv2d(img, k, padding='full'),
          lambda: F.max_pool2d(m, 5),
          lambda: F.embedding(torch.tensor([7]), emb),
          lambda: F.layer_norm(ln_in, (5,)),
          lambda: F.batch_norm(torch.randn(1, 3), None, None, training=True),
          lambda: F.one_hot(torch.tensor([1.0])),
          lambda: F.one_hot(torch.tensor([3]), 2),
          lambda: F.dropout(d, 1.5),
          lambda: F.pad(p, (1,)),
          lambda: F.max_pool2d(m),
          lambda: F.adaptive_avg_pool2d(torch.ones(3), 2)]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
