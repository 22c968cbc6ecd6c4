# functools.cmp_to_key and total_ordering.
import functools
def cmp(a, b):
    return (a > b) - (a < b)
print(sorted([3, 1, 2], key=functools.cmp_to_key(cmp)), sorted(["bb", "a", "ccc"], key=functools.cmp_to_key(lambda x, y: len(y) - len(x))))
print(max([3, 9, 2], key=functools.cmp_to_key(cmp)))
@functools.total_ordering
class V:
    def __init__(self, n): self.n = n
    def __eq__(self, o): return self.n == o.n
    def __lt__(self, o): return self.n < o.n
print(V(1) <= V(2), V(2) <= V(2), V(3) > V(2), V(2) > V(2), V(2) >= V(2), V(1) >= V(2), sorted([V(3), V(1)], reverse=True)[0].n)
@functools.total_ordering
class W:
    def __init__(self, n): self.n = n
    def __eq__(self, o): return self.n == o.n
    def __ge__(self, o): return self.n >= o.n
print(W(1) < W(2), W(2) < W(2), W(1) <= W(1), W(3) > W(1), W(1) > W(1))
try:
    @functools.total_ordering
    class X:
        pass
except ValueError as e:
    print(e)
