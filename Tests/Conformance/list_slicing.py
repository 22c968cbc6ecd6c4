a = list(range(10))
print(a[2:5], a[::3], a[::-2], a[-3:], a[:-7], a[8:2:-2])
a[1:3] = ["x", "y", "z"]
print(a)
del a[::2]
print(a)
a[::2] = [0, 0, 0, 0]
print(a)
