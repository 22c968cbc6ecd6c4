class A:
    def __init__(self):
        self.a = "A"
        super().__init__()
class B:
    def __init__(self):
        self.b = "B"
class C(A, B):
    pass
c = C()
print(c.a, c.b, [k.__name__ for k in C.__mro__])
