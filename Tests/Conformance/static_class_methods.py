class K:
    count = 0
    @staticmethod
    def add(a, b): return a + b
    @classmethod
    def make(cls):
        cls.count += 1
        return cls()
    def __repr__(self): return "K()"
class L(K): pass
print(K.add(1, 2), K().add(3, 4), K.make(), L.make(), K.count, L.count, type(L.make()).__name__)
