d = {"a": 1, "b": 2, "c": 3}
print(d.popitem(), d, d.pop("a", None), d.pop("zz", "dflt"), d)
d.clear()
print(d, len(d))
