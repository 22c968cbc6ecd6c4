# list/dict/set/tuple methods, dict-view set operators, isdisjoint, float.as_integer_ratio.
print("{:>{w}}".format("x", w=5), "{!r:>6}".format("a"), "{0[1]}".format([5, 6]), "{a.real}".format(a=3))
l = [1, 2, 3, 4]
print(l.index(3, 1), l[::2], l[-1:0:-1], l * 2, [0] * 3 + [1], sorted(l, key=lambda x: x % 2))
del l[1:3]; print(l); l[1:1] = [9, 8]; print(l); l.extend((7,)); print(l, l.pop(0), l.remove(9), l)
d = {"a": 1, "b": 2}
print(d.keys() & {"a"}, list(d.values()), d | {"c": 3}, {**d, "a": 0}, dict.fromkeys("ab", 0), d.popitem(), d)
print(sorted(d.items()), "a" in d, len(d), d.update(z=1), d, d.copy() == d, list(reversed(d)))
s2 = {3, 1, 2}
print(s2 - {1}, s2 | {4}, s2 & {1, 5}, s2 ^ {1, 9}, s2 <= {1, 2, 3, 4}, s2.issubset({1, 2, 3}), s2.isdisjoint({7}), frozenset([1]))
print(sorted(s2), s2.copy(), s2.pop() in {1, 2, 3}, len(s2), {x % 3 for x in range(10)})
t = (1, 2, 3)
print(t[1:], t + (4,), t * 2, t.index(2), t.count(1), tuple(reversed(t)), max(t), (1, 2) < (1, 3), hash(t) == hash((1, 2, 3)))
print((5).bit_length(), 3.5.is_integer(), (2.5).as_integer_ratio())
print((0.1).as_integer_ratio(), (-2.5).as_integer_ratio(), (1e10).as_integer_ratio(), (0.0).as_integer_ratio(), (7).as_integer_ratio())
print({"a": 1, "b": 2}.items() - {("a", 1)}, {1: 0} .keys() | [2], [3] & {3: 0}.keys(), {"x": 1}.keys().isdisjoint(["y"]))
