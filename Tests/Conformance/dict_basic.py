d = {"a": 1, "b": 2}
d["c"] = 3
print(d, d["a"], len(d), "a" in d, "z" in d, list(d), list(d.keys()), list(d.values()), list(d.items()))
print(d.get("z"), d.get("z", 0), d.pop("a"), d, d.setdefault("e", 5), d)
d.update({"b": 20}, f=6); print(d)
del d["b"]; print(d, dict(a=1), dict([("x", 1)]), {**d, "g": 7})
for k, v in d.items():
    print(k, v)
