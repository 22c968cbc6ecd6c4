class Bag:
    def __init__(self): self.items = []
    def __len__(self): return len(self.items)
    def __getitem__(self, i): return self.items[i]
    def __setitem__(self, i, v): self.items[i] = v
    def __contains__(self, v): return v in self.items
    def __iter__(self): return iter(self.items)
    def __bool__(self): return len(self.items) > 0
    def __call__(self, x): self.items.append(x); return self
b = Bag()
print(bool(b), len(b))
b(1)(2)(3)
b[0] = 10
print(len(b), b[0], b[-1], 2 in b, 5 in b, list(b), bool(b), [x * 2 for x in b])
