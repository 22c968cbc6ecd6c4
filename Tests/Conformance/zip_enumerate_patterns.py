names = ["a", "b", "c"]
scores = [90, 80, 70]
for i, (n, s) in enumerate(zip(names, scores)):
    print(i, n, s)
print(dict(zip(names, scores)), list(zip(*[(1, 2), (3, 4)])))
