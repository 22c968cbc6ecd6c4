a = [1, 2]
b = a
a += [3]
print(a, b, a is b, a * 2, [0] * 3, a + [4], 2 in a)
print([[1, 2], [3]] == [[1, 2], [3]], [1, 2] != [1, 2], min(a), max(a), sum(a))
