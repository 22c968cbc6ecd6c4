def make():
    a = 0
    b = 0
    def step():
        nonlocal a, b
        a, b = b + 1, a + 2
        return a, b
    return step
s = make()
print(s(), s(), s())
