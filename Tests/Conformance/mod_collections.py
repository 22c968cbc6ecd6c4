from collections import OrderedDict, defaultdict, Counter, namedtuple
od = OrderedDict()
od["b"] = 1; od["a"] = 2
od.move_to_end("b")
print(od, list(od.keys()), od.popitem())
dd = defaultdict(list)
dd["x"].append(1); dd["y"].append(2); dd["x"].append(3)
print(dict(dd), dd["x"], len(dd))
c = Counter("abracadabra")
print(c.most_common(2), c["a"], c["z"], sorted(c.elements())[:4])
print(Counter([1, 1, 2]))
Point = namedtuple("Point", ["x", "y"])
p = Point(1, y=2)
print(p, p.x, p[1], p._asdict(), p._replace(x=5), Point._fields, tuple(p), p == (1, 2))
x, y = p
print(x + y)
