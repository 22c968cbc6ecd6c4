# Declarations that CPython accepts: after an import, after a comprehension variable, with uses only in inner scopes.
def f():
    import math
    global math
    return math.floor(2.5)


def g():
    squares = [x * x for x in range(3)]
    global x
    x = len(squares)
    return squares


def h():
    def inner():
        return y
    global y
    y = 2
    return inner


def k():
    count = 0

    def step():
        nonlocal count
        count += 1
        return count

    step()
    return step()


print(f())
print(g(), x)
print(h()())
print(k())
