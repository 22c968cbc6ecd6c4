d = {}
for k in ["z", "a", "m", "b"]:
    d[k] = len(d)
del d["a"]
d["a"] = 9
print(d, sorted(d), {1: 1, True: 2, 1.0: 3})
