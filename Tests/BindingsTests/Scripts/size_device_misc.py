import torch
s = torch.zeros(2, 3, 4).shape
print(s, s[1:], s[-1], s[::2], type(s[1:]).__name__, s == torch.Size([2, 3, 4]), tuple(s), s.numel())
print(torch.Size([5, 6]), torch.Size((1,)), len(torch.Size([])))
a, b, c = s
print(a * b * c)
print(torch.ones(2, 3).size(0) == s[0], torch.empty(s[:2]).shape, torch.zeros(*s).shape)
print(torch.get_num_threads() > 0, torch.__version__[:2])
print(torch.FloatTensor([1, 2]), torch.LongTensor([1.5, 2]), torch.DoubleTensor(2, 2).shape, torch.IntTensor([3]).dtype, torch.BoolTensor([0, 1]))
