def g():
    yield 1
    raise ValueError("inside gen")
for x in g():
    print(x)
