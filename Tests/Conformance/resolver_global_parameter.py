def f(a, b=2):
    global b
    return a + b


print(f(1))
