# __annotations__ of functions, classes and modules, evaluated when defined.


def f(x: int, y: str = "a", *args: float, z: bool = True, **kw: dict) -> list:
    return [x]


print(f.__annotations__)


def g(a, b):
    pass


print(g.__annotations__)
g.__annotations__["a"] = int
print(g.__annotations__)


class C:
    x: int
    y: float = 1.5
    name: "str"

    def m(self, v: int) -> None:
        local: int = 3
        undefined_in_function: NoSuchName  # never evaluated in a function body


print(C.__annotations__)
print(C.y, hasattr(C, "x"))
print(C.m.__annotations__)
C().m(1)


class D(C):
    pass


print(D.__annotations__)
top: int = 5
other: str
print(__annotations__)
print(top)
