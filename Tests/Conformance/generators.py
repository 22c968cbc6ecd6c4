def gen():
    yield 1
    yield 2
    return 3
g = gen()
print(next(g), next(g))
try:
    next(g)
except StopIteration as e:
    print("stop", e.value)
def count(n):
    i = 0
    while i < n:
        yield i
        i += 1
print(list(count(4)), sum(count(5)))
def inner():
    yield "a"
    yield "b"
    return "r"
def outer():
    r = yield from inner()
    yield r
print(list(outer()))
