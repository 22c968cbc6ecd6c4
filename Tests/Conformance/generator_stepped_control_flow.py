def gen(n):
    i = 0
    while True:
        if i >= n:
            return "done"
        x = yield i
        if x is not None:
            i += x
        i += 1
g = gen(10)
print(next(g), g.send(3), next(g), list(g))
def nested():
    for i in range(3):
        for j in range(3):
            if j == 2:
                break
            if i == 1:
                continue
            yield (i, j)
    else:
        yield "else"
    yield from [7, 8]
    yield from gen(2)
print(list(nested()))
def err():
    yield 1
    raise ValueError("boom")
try:
    for v in err():
        print(v)
except ValueError as e:
    print("caught", e)
def stop():
    yield 1
    raise StopIteration
try:
    list(stop())
except RuntimeError as e:
    print("RuntimeError", e)
