sq = lambda x: x * x
add = lambda a, b=1: a + b
print(sq(4), add(1), add(1, 2), (lambda *a, **k: (a, k))(1, x=2), sorted([3, 1, 2], key=lambda v: -v))
