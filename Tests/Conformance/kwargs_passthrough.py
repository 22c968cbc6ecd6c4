def inner(**kw): return sorted(kw.items())
def outer(*args, **kw): return args, inner(**kw)
print(outer(1, 2, a=3, b=4), outer())
