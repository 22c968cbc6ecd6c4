y = 10
g = (x + y for x in range(3))
y = 20
print(list(g))
print([(i, j) for i in range(2) for j in range(i, 3)])
