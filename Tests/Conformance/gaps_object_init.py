# object.__init__: super().__init__() in plain classes and mixins, and its argument errors.
class A:
    pass
try:
    A(1)
except TypeError as e:
    print(e)
class B:
    def __init__(self, x):
        super().__init__()
        self.x = x
print(B(2).x)
class C:
    def __init__(self, x):
        super().__init__(x)
try:
    C(1)
except TypeError as e:
    print(e)
class M1:
    def __init__(self, **kw):
        self.m1 = True
        super().__init__(**kw)
class M2:
    def __init__(self, **kw):
        self.m2 = True
        super().__init__(**kw)
class Both(M1, M2):
    pass
b = Both()
print(b.m1, b.m2)
print(A().__class__.__name__, isinstance(A(), object))
