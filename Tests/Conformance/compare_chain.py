x = 5
print(1 < x < 10, 1 < x > 10, x == 5 == 5, 1 <= 1 < 2 <= 2)
print("a" < "b", [1, 2] < [1, 3], (1, 2) < (1, 2, 0), "abc" < "abd", 3 < 3.5)
print(1 in [1, 2], 3 not in [1, 2], "ell" in "hello", None is None, 1 is not None)
