d = {"x": 1, "y": 2}
print(d.keys(), d.values(), d.items())
for k in d:
    print(k, d[k])
print(sorted(d.values(), reverse=True), "x" in d.keys(), len(d.items()))
