def f(a, b, c=0, *rest, **kw):
    return a, b, c, rest, kw
args = [1, 2, 3, 4]
kw = {"x": 1}
print(f(*args), f(*args, **kw), f(1, *[2], c=5), f(**{"a": 1, "b": 2}))
print(max(*[3, 9, 2]), print(*["a", "b"], sep="-", end="!\n"))
