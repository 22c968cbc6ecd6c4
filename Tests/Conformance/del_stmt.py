x = 1
del x
d = {"a": 1, "b": 2}
del d["a"]
l = [1, 2, 3]
del l[0]
class O: pass
o = O(); o.a = 1
del o.a
print(d, l, hasattr(o, "a"))
print(x)
