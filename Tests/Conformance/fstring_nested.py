width = 8
prec = 3
v = 3.14159265
print(f"{v:{width}.{prec}f}|")
d = {"a": 1}
print(f"{d['a']} {[i for i in range(3)]}")
