a = "x"
print(hash(a) == hash("x"), id(a) == id(a), hash((1, 2)) == hash((1, 2)), hash(0) == hash(0.0) == hash(False))
