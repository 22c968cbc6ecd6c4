# Subclasses of list/dict/set/Exception calling super().__init__(…), __missing__, iterator arguments consumed once.
class L(list):
    def __init__(self, *a):
        super().__init__(*a)
        self.tag = "t"
class D(dict):
    def __init__(self, **kw):
        super().__init__(**kw)
    def __missing__(self, key):
        return key * 2
class E(Exception):
    def __init__(self, msg, code):
        super().__init__(msg)
        self.code = code
l = L([1, 2]); d = D(a=1)
print(l, l.tag, len(l), d, d["a"], d["zz"], E("m", 3).code, str(E("m", 3)))
class Base:
    def __init__(self):
        super().__init__()
        self.x = 1
print(Base().x, object.__new__(Base).__class__.__name__ if False else "")
class G(list):
    def __init__(self, it, name):
        super().__init__(x * 2 for x in it)
        self.name = name
g = G((i for i in range(3)), "g")
print(g, g.name, G.__mro__ if False else "", isinstance(g, list))
class P(list):
    pass
print(P(i for i in range(3)), P())
class S(set):
    def __init__(self, it):
        super().__init__(it)
        self.n = len(self)
print(sorted(S([3, 1, 3])), S([1]).n)
class Q(list):
    def __init__(self, x):
        self.x = x
print(Q([1, 2]), Q([1]).x)
for bad in (lambda: list(1, 2), lambda: list(x=1), lambda: dict(1, 2), lambda: set([1], [2])):
    try:
        bad()
    except TypeError as e:
        print(e)
