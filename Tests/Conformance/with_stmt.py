class CM:
    def __init__(self, name): self.name = name
    def __enter__(self):
        print("enter", self.name)
        return self
    def __exit__(self, t, v, tb):
        print("exit", self.name, t.__name__ if t else None)
        return t is KeyError
with CM("a") as a, CM("b") as b:
    print("body", a.name, b.name)
with CM("c"):
    raise KeyError("swallowed")
print("after")
with CM("d"):
    raise ValueError("propagates")
