print({3, 1, 2}, set([10, 5, 7, 100, 64, 33]), {-1, -2, 0, 8, 16})
s = set()
for i in [40, 8, 24, 16, 0, 32, 1, 9, 17]:
    s.add(i)
print(s)
s.discard(8)
s.add(72)
print(s, list(s), sorted(s))
big = set(range(50, 0, -3))
print(big)
print({1.5, 2.5, 0.25, 3.0}, {(1, 2), (0, 0), (2, 1)}, {True, 2, 0})
a, b = {1, 2, 3, 9, 17}, {3, 4, 17, 33}
print(a | b, a & b, a - b, b - a, a ^ b)
print(a.union([100, 0]), a.intersection([9, 1]), a.difference({1}), a.symmetric_difference([1, 50]))
c = set(a)
c |= {64, 128}
c -= {1}
c &= {2, 3, 64, 9, 128, 200}
c ^= {7, 2}
print(c, set({5: 1, 3: 2, 11: 0}), frozenset([4, 2, 9]))
print(hash(1.5), hash(-2.25), hash(1e100), hash((1, 2)), hash((1, (2, 3.5))), hash(()), hash(float("inf")))
