x = None
print(x, repr(x), str(x), x is None, x == None, bool(x), [None], {None: 1}[None])
def f(): pass
print(f(), type(f()).__name__)
