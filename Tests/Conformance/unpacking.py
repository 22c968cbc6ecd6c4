a, b = 1, 2
a, b = b, a
print(a, b)
first, *rest = [1, 2, 3, 4]
*init, last = "abc"
x, (y, z) = 1, (2, 3)
h, *m, t = range(5)
print(first, rest, init, last, x, y, z, h, m, t)
print([*range(3), *"ab"], (*[1], 2), {**{"a": 1}, "b": 2})
