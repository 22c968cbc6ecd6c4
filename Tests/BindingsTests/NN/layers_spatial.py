# Convolution, pooling, normalisation, dropout and embedding layers: repr, attributes, seeded weights.
import torch
import torch.nn as nn

torch.manual_seed(8)
conv = nn.Conv2d(2, 4, 3, stride=2, padding=1, bias=False)
conv1 = nn.Conv1d(3, 2, kernel_size=(2,), dilation=2, groups=1, padding="same", padding_mode="reflect")
convt = nn.ConvTranspose2d(4, 2, (2, 3), stride=2, output_padding=1)
layers = [
    conv, conv1, convt, nn.ConvTranspose1d(2, 2, 3), nn.MaxPool1d(3, stride=2), nn.MaxPool2d(2),
    nn.MaxPool2d((2, 3), stride=1, padding=1, ceil_mode=True), nn.AvgPool2d(3, 1, count_include_pad=False),
    nn.AdaptiveAvgPool2d((5, None)), nn.AdaptiveAvgPool2d(1), nn.BatchNorm1d(3, momentum=None),
    nn.BatchNorm2d(4, eps=1e-3, affine=False), nn.LayerNorm([2, 3], elementwise_affine=False), nn.LayerNorm(4),
    nn.Dropout(0.25), nn.Dropout(inplace=True), nn.Embedding(10, 3, padding_idx=0),
]
for layer in layers:
    print(repr(layer))
print(conv.kernel_size, conv.stride, conv.padding, conv.dilation, conv.groups, conv.in_channels, conv.out_channels)
print(conv1.padding, conv1.padding_mode, conv1.kernel_size, convt.output_padding, convt.transposed)
print(conv.weight[0, 0])
print(conv.bias, convt.bias)
print(layers[5].kernel_size, layers[5].stride, layers[6].kernel_size, layers[6].stride, layers[7].stride)
print(layers[8].output_size, layers[9].output_size, layers[4].kernel_size, layers[4].stride)
bn = layers[11]
print(bn.running_mean, bn.running_var, bn.num_batches_tracked, bn.weight, bn.momentum, bn.eps)
print(layers[10].momentum, layers[10].weight, layers[12].normalized_shape, layers[13].normalized_shape)
print([n for n, _ in layers[10].named_buffers()])
print(list(layers[10].state_dict().keys()))
drop = layers[14]
print(drop.p, drop.inplace, layers[15].p)
emb = layers[16]
print(emb.num_embeddings, emb.embedding_dim, emb.padding_idx, emb.weight[:2])
print(emb(torch.tensor([[0, 2], [1, 0]])).shape)
pre = nn.Embedding.from_pretrained(torch.tensor([[1.0, 2.0], [3.0, 4.0]]))
print(pre, pre.weight.requires_grad, pre(torch.tensor([1])))
pre2 = nn.Embedding.from_pretrained(torch.ones(2, 2), freeze=False, padding_idx=1)
print(pre2, pre2.weight.requires_grad)
x = torch.randn(2, 2, 5, 5)
print(conv(x).shape, convt(conv(x)).shape)
b2 = nn.BatchNorm2d(2)
y = b2(x)
print(b2.running_mean, b2.num_batches_tracked)
b2.eval()
print(torch.allclose(b2(x), (x - b2.running_mean.view(1, 2, 1, 1)) / torch.sqrt(b2.running_var.view(1, 2, 1, 1) + 1e-5)))
d = nn.Dropout(0.5)
print(d(torch.ones(8)))
d.eval()
print(d(torch.ones(4)))
net = nn.Sequential(nn.Conv2d(1, 2, 3), nn.BatchNorm2d(2), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Dropout(0.1), nn.Linear(2, 3))
print(net)
print(net(torch.randn(4, 1, 4, 4)).shape)
net.eval()
print(net[1].training, net[5].training)
