# Operator, constructor and attribute fast paths must follow class changes made at run time.
class V:
    def __init__(self, x, scale=1, *, tag="v"):
        self.x = x * scale
        self.tag = tag

    def __add__(self, other):
        return V(self.x + (other.x if isinstance(other, V) else other))

    def __eq__(self, other):
        return isinstance(other, V) and self.x == other.x

    def __repr__(self):
        return f"V({self.x})"


a, b = V(1), V(2, 10)
print(a + b, a + 5, a == V(1), a != V(1), a == 1)
V.__add__ = lambda self, other: "patched"
print(a + b)
del V.__add__
try:
    a + b
except TypeError as e:
    print(e)
V.__radd__ = lambda self, other: ("radd", other)
print(3 + a)
print(V(2, tag="t").tag, V(3).tag, V(x=4).x)
try:
    V()
except TypeError as e:
    print(e)
try:
    V(1, 2, 3)
except TypeError as e:
    print(e)


class W(V):
    pass


w = W(7)
print(w.x, isinstance(w, V), isinstance(w, (int, V)), isinstance(1, (str, float)))
try:
    isinstance(w, 3)
except TypeError as e:
    print(e)
W.__init__ = lambda self: setattr(self, "x", -1)
print(W().x)
W.x = property(lambda self: "from property")
print(w.x)
del W.x
w.x = 5
print(w.x, w.__dict__)


def f(a, b=2, c=3):
    return a + b + c


print(f(1), f(1, 1), f(1, 1, 1), f(c=0, a=1))
try:
    f()
except TypeError as e:
    print(e)
try:
    f(1, d=4)
except TypeError as e:
    print(e)
