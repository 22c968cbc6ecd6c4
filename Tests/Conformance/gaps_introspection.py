# Introspection, exceptions' args/repr, f-string forms, unpacking, rounding: CPython's results.
x = [1, 2, 3]
print(vars(type("T", (), {"a": 1}))["a"] if False else "", sorted(x, key=None), min(x, default=0, key=lambda v: -v))
class A:
    """Doc A"""
    def __init__(self):
        self.v = 1
a = A()
print(vars(a), a.__dict__, A.__doc__, A.__name__, A.__module__, type(a).__qualname__, a.__class__.__name__)
print(sorted(n for n in dir(a) if not n.startswith("_")), callable(A), hasattr(a, "v"), getattr(a, "w", 5))
try:
    raise ValueError("bad", 3)
except ValueError as e:
    print(e.args, str(e), repr(e))
try:
    {}["k"]
except KeyError as e:
    print(str(e), repr(e), e.args)
e = RuntimeError("x")
print(e.__cause__, e.__context__, isinstance(e, Exception), issubclass(RuntimeError, BaseException))
print(type(None).__name__, type(print).__name__, type(len), type(A.__init__).__name__, type(a.__init__).__name__)
print(str(type(1)), repr(int), repr(A)[:17], ValueError.__mro__ if False else "", ValueError.__name__)
print(f"{'nested {braces}'}", f"{3:{'>'}{5}}", f"{'x'!r:>5}", f"{1+1=}", f"{3.14159:.{2}f}")
print(divmod(-7, -2), -7 // 2.0, 7 % -3, 2 ** 0.5, (-8) ** (1/3) if False else "", 10 ** -2, abs(-0.0), -0.0)
print(int(True), True + True, float(True), str(True), 1 == 1.0, hash(True), bool("False"), not None)
print(list(zip(*zip([1, 2], [3, 4]))), [*range(3), *"ab"], {**{"a": 1}, "b": 2}, (*[1, 2],))
a1, *rest = [1, 2, 3]; print(a1, rest); (p, q), r = (1, 2), 3; print(p, q, r)
print(any(x > 2 for x in [1, 3]), sum(x * x for x in range(4)), "".join(reversed("abc")), max([], default=None))
print(round(2.5), round(3.5), round(-0.5), round(0.125, 2), round(1e300, 2), round(7, -1), round(15, -1), round(25, -1))
print(chr(0x1F600), ord("é"), ascii("é") if False else "", "é".encode() if False else "", len("🙂"), "🙂"[0])
