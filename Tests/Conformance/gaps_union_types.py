# PEP 604 unions (int | None) in isinstance/issubclass and their repr.
print(isinstance(3, int | float), int | None, None | int, isinstance(None, int | None), issubclass(bool, str | int))
print(isinstance("x", int | float), int | str | int, type(int | str).__name__)
def f(x: int | None = None) -> list[int] | None:
    return x
print(f(3))
