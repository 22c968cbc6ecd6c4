print(list(range(5)), list(range(2, 10, 3)), list(range(10, 0, -3)), len(range(0, 10, 3)))
r = range(1, 10, 2)
print(r, r[2], r[-1], r[1:3], 5 in r, 4 in r, list(reversed(range(3))), range(0) == range(5, 5))
