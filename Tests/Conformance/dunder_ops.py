class V:
    def __init__(self, x): self.x = x
    def __add__(self, o): return V(self.x + (o.x if isinstance(o, V) else o))
    def __radd__(self, o): return V(o + self.x)
    def __sub__(self, o): return V(self.x - o.x)
    def __mul__(self, k): return V(self.x * k)
    def __rmul__(self, k): return V(self.x * k * 10)
    def __truediv__(self, k): return V(self.x / k)
    def __neg__(self): return V(-self.x)
    def __abs__(self): return V(abs(self.x))
    def __eq__(self, o): return isinstance(o, V) and self.x == o.x
    def __lt__(self, o): return self.x < o.x
    def __hash__(self): return hash(self.x)
    def __repr__(self): return f"V({self.x})"
a, b = V(1), V(2)
print(a + b, a + 5, 5 + a, b - a, a * 3, 3 * a, b / 2, -a, abs(V(-3)), a == V(1), a != b, a < b, b > a)
print(sum([a, b], V(0)), sorted([b, a]), {a: 1}[V(1)], max([a, b]))
