class A: pass
a = A()
setattr(a, "x", 5)
print(getattr(a, "x"), hasattr(a, "x"), getattr(a, "y", "default"))
delattr(a, "x")
print(hasattr(a, "x"), vars(a))
