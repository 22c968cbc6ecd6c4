def f(a, *, key=None, reverse=False):
    return a, key, reverse
print(f(1), f(1, key=len), f(1, reverse=True))
def g(*, required):
    return required
print(g(required=5))
g()
