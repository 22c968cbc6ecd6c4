a = {1, 2, 3}
b = {2, 3, 4}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b), 2 in a, len(a))
a.add(10); a.discard(1); a.remove(2)
print(sorted(a), sorted(a.union([7])), sorted(a.intersection({3, 10})), sorted(a.difference({3})))
print(set(), {1} == {1}, {1} <= {1, 2}, frozenset([1]) == {1}, sorted({x % 3 for x in range(10)}))
