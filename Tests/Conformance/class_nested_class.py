class Outer:
    class Inner:
        def hi(self): return "inner"
    def make(self): return self.Inner()
print(Outer().make().hi(), Outer.Inner.__name__, Outer.Inner.__qualname__)
