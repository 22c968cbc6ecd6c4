a = b = c = []
a.append(1)
print(a, b, c)
x = y = 5
x += 1
print(x, y)
