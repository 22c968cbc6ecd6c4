class A: pass
a = A()
print(hasattr(a, "x"))
print(a.x)
