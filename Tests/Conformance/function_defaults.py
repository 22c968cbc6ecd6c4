# Reading and assigning __defaults__.
def g(a, b=1, c=2):
    return a + b + c


print(g.__defaults__)
print(g(1))
g.__defaults__ = (10, 20)
print(g(1), g.__defaults__)
g.__defaults__ = (5,)
print(g(1, 2), g.__defaults__)
try:
    g(1)
except TypeError as e:
    print("TypeError:", e)
g.__defaults__ = None
print(g.__defaults__)
print(g(1, 2, 3))


def h(x, *, y=3):
    return x + y


print(h.__defaults__)
print((lambda a=1: a).__defaults__)
try:
    g.__defaults__ = [1]
except TypeError as e:
    print("TypeError:", e)
