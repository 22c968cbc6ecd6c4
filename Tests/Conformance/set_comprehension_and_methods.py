s = {x % 5 for x in range(20)}
print(sorted(s), len(s))
s.update([10, 11])
print(sorted(s), sorted(s.difference({10})), s.issuperset({0, 1}), {1, 2}.issubset([1, 2, 3]))
