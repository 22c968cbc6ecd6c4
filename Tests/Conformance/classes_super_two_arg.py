class Base:
    def f(self): return "base"
class Child(Base):
    def f(self): return "child+" + super(Child, self).f()
print(Child().f())
