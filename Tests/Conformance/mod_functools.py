from functools import reduce, partial, lru_cache
print(reduce(lambda a, b: a * b, [1, 2, 3, 4]), reduce(lambda a, b: a + b, [], 0))
def power(base, exp): return base ** exp
square = partial(power, exp=2)
print(square(5), partial(power, 2)(10))
@lru_cache(maxsize=None)
def fib(n): return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80))
