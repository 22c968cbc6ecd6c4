# Attribute and call-site caches stay correct when classes, instances and modules change.
class P:
    def __init__(self):
        self.__dict__  # touch
        self.v = 1
    @property
    def x(self):
        return "prop"
p = P()
p.__dict__["x"] = "inst"
print(p.x)
class A:
    y = 1
    def m(self): return "method"
a = A()
for i in range(3):
    print(a.y, a.m())
    A.y = i + 10
    if i == 1:
        a.m = lambda: "shadow"
del a.m
print(a.m())
class G:
    def __getattr__(self, n): return "got " + n
g = G()
g.z = 1
print(g.z, g.w)
del g.z
print(g.z)
class Many:
    def __init__(self):
        for i in range(20): setattr(self, "a%d" % i, i)
m = Many()
for i in range(3): print(m.a0, m.a15, m.a19)
m.a15 = "x"; print(m.a15)
class BadInit:
    def __init__(self): return 5
try:
    BadInit()
except TypeError as e: print(e)
class C:
    @classmethod
    def c(cls, x): return (cls.__name__, x)
    @staticmethod
    def s(x): return x * 2
c = C()
print(c.c(1), c.s(2), C.c(3), C.s(4))
f = c.c
print(f(5))
class D:
    def __init__(self, a, b=2, *rest): self.t = (a, b, rest)
print(D(1).t, D(1, 3).t, D(1, 3, 4, 5).t)
try:
    D()
except TypeError as e: print(e)
class E(Exception):
    def __init__(self, msg): super().__init__(msg); self.extra = 1
try:
    raise E("boom")
except E as e: print(e, e.extra, e.args)
class F:
    def __init__(self, x): self.x = x
    def __eq__(self, o): return self.x == o.x
    __hash__ = None
try:
    {F(1)}
except TypeError as e: print(e)
class Slot:
    pass
Slot.count = len
print(Slot().count([1,2]))
import math
print(math.pi, math.floor(2.5))
math.myval = 3
print(math.myval)
del math.myval
try: math.myval
except AttributeError as e: print(e)
lst = [3, 1, 2]
lst.sort(); print(lst, lst.count(1))
print("a-b".split("-"), " x ".strip())
print(sum([1, 2, 3]), sum((x for x in range(4)), 10))
d = {}
for k in range(100): d[k % 7] = k
print(d, len(d))
st = set()
for k in range(50): st.add(k * 3 % 11)
print(sorted(st), 4 in st)
print({(1, 2): 3}[(1, 2)], {1.0: "f"}[1], {"a": 1}.get("a"))
