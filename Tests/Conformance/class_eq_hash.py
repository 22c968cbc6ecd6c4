class K:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return isinstance(o, K) and o.v == self.v
    def __hash__(self): return hash(self.v)
s = {K(1), K(1), K(2)}
print(len(s), K(1) in s, K(3) in s, K(1) == K(1), K(1) != K(2))
class NoHash:
    def __eq__(self, o): return True
try:
    {NoHash()}
except TypeError as e:
    print(e)
