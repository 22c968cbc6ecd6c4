a = [1]
b = a
c = [1]
print(a is b, a is c, a == c, None is None, 256 is 256 if False else True)
x = None
print(x is None, x is not None)
