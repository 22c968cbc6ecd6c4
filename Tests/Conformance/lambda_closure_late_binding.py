fs = [lambda: i for i in range(3)]
print([f() for f in fs])
def make(n):
    return lambda x: x + n
print(make(1)(1), make(10)(1))
