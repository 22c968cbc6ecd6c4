import torch
import torch.nn.functional as F

torch.manual_seed(3)
x = torch.randn(2, 4, dtype=torch.float64, requires_grad=True)
y = torch.softmax(x, 1, dtype=torch.float32)
print(y, y.dtype)
y = x.softmax(dim=0)
print(y)
(y * torch.arange(8.0, dtype=torch.float64).reshape(2, 4)).sum().backward()
print(x.grad)
x.grad = None
print(x.log_softmax(1, torch.float32))
print(torch.selu(x), torch.celu(x, 0.5))
print(torch.prelu(x, torch.tensor([0.1], dtype=torch.float64)))
z = torch.tensor([-1.0, 0.0, 2.0])
print(torch.sigmoid_(z) is z, z)
z = torch.tensor([-1.0, 0.0, 2.0])
print(torch.tanh_(z) is z, z)
img = torch.randn(1, 1, 4, 4, dtype=torch.float64)
k = torch.randn(2, 1, 2, 2, dtype=torch.float64)
print(torch.conv2d(img, k, None, 2))
print(torch.conv2d(img, k, padding=1).shape)
print(torch.conv1d(img.reshape(1, 1, 16), k[:, :, 0], stride=2))
print(torch.conv_transpose2d(img, k.transpose(0, 1)).shape)
print(torch.max_pool2d(img, 2))
print(torch.max_pool1d(img[0], 2))
print(torch.pairwise_distance(x, x + 1))
print(F.softmax(x, dim=1, _stacklevel=5))
print(F.conv2d(img, k, stride=(1, 2), padding=(1, 0)))
print(F.max_pool2d(img, (2, 1), (2, 1)))
print(F.max_pool1d(img[0], kernel_size=(2,), stride=(1,)))
print(F.max_pool2d(img, kernel_size=2, return_indices=True)[1])
print(F.avg_pool2d(img, kernel_size=3, stride=1, ceil_mode=True))
print(F.embedding(torch.tensor([1, 0]), torch.eye(3)))
for f in [lambda: F.conv2d(img, k, stride=(1, 2, 3)),
          lambda: F.max_pool1d(img[0], (2, 2)),
          lambda: F.softmax(x, dim=(0, 1))]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
