print(min(1, 2), max("abc"), min([3, 1], key=lambda x: -x), max([], default=None), min((2, "b"), (1, "z")))
max([])
