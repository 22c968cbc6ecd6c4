# A built-in function stored on a class stays a plain function (CPython's builtins do not bind).
import math


class A:
    size = len
    magnitude = abs
    root = math.sqrt

    def method(self):
        return "bound"


a = A()
print(a.size([1, 2, 3]))
print(A.size("ab"))
print(a.magnitude(-3))
print(a.root(16.0))
print(a.method())
f = a.size
print(f((1, 2)))
print(A.__dict__["size"] is len)
print(a.method.__name__)
