a, b = 0, 1
out = []
while a < 100:
    out.append(a)
    a, b = b, a + b
print(out)
