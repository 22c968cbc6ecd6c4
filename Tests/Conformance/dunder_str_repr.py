class A:
    def __str__(self): return "str-A"
    def __repr__(self): return "repr-A"
class B:
    def __repr__(self): return "repr-B"
print(A(), str(A()), repr(A()), [A()], B(), str(B()), f"{A()} {A()!r}")
