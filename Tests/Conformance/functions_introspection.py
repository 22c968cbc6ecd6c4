def f(a, b=1):
    """Adds things."""
    return a + b
print(f.__name__, f.__doc__, (lambda: 0).__name__, callable(f))
class C:
    def m(self): pass
print(C.m.__name__, C().m.__name__, C.__name__, C().__class__.__name__)
