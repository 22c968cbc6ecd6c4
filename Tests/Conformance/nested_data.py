grid = [[0] * 3 for _ in range(3)]
grid[1][1] = 5
print(grid)
shared = [[0] * 3] * 2
shared[0][0] = 1
print(shared)
d = {"a": {"b": {"c": 1}}}
d["a"]["b"]["d"] = 2
print(d)
