def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(20))
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
print(fact(20))
