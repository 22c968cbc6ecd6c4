print(max("apple", "banana"), min(["b", "a", "c"]), max([1, 3, 2], key=lambda v: -v), sorted(["b", "A", "a"]))
