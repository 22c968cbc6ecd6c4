def read():
    for i in range(10):
        yield i
def evens(xs):
    for x in xs:
        if x % 2 == 0:
            yield x
def squares(xs):
    yield from (x * x for x in xs)
print(list(squares(evens(read()))), sum(squares(range(4))))
gen = (c.upper() for c in "abc")
print(next(gen), list(gen), list(gen))
