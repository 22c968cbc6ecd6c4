class P:
    def __init__(self, name, age): self.name, self.age = name, age
    def __repr__(self): return self.name
people = [P("c", 30), P("a", 25), P("b", 30)]
print(sorted(people, key=lambda p: (p.age, p.name)), sorted(people, key=lambda p: p.age, reverse=True))
