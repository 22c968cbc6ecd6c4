t = (1, 2, 3)
print(t, t[1], t[-1], t[1:], len(t), t + (4,), t * 2, t.index(2), t.count(3), (1,), ())
a, b, c = t
print(a, b, c, tuple([1, 2]), tuple("ab"))
