# itertools (lazy combinatorics, takewhile/dropwhile/groupby/tee/…) and lru_cache keyword keys, in CPython's order.
import itertools as it, functools
print(list(it.product("ab", range(2))), list(it.product([1, 2], repeat=2)), list(it.product()), list(it.product([], [1])), list(it.product([1], repeat=0)))
print(list(it.combinations("abcd", 2)), list(it.combinations([1, 2], 3)), list(it.combinations([1], 0)))
print(list(it.combinations_with_replacement("abc", 2)), list(it.combinations_with_replacement([], 2)), list(it.combinations_with_replacement([], 0)))
print(list(it.permutations([1, 2, 3])), list(it.permutations("abcd", 2))[:5], list(it.permutations([], 0)), list(it.permutations([1], 2)))
print(list(it.islice(it.permutations(range(20)), 2)), next(it.product(range(100), repeat=12)))
print(list(it.takewhile(lambda x: x < 3, [1, 2, 3, 1])), list(it.dropwhile(lambda x: x < 3, [1, 2, 3, 1])), list(it.filterfalse(None, [0, 1, 2])))
print(list(it.starmap(pow, [(2, 3), (3, 2)])), list(it.compress("abcdef", [1, 0, 1, 0, 1, 1])), list(it.pairwise("abcd")), list(it.pairwise("a")))
print([(k, list(g)) for k, g in it.groupby("aaabbcaa")], [(k, len(list(g))) for k, g in it.groupby([1, 3, 2, 4, 5], key=lambda x: x % 2)])
a, b = it.tee(range(5)); print(list(a), list(b)); c, d = it.tee("xyz", 2); print(next(c), list(d), list(c))
calls = []
@functools.lru_cache(maxsize=None)
def f(x, y=0):
    calls.append((x, y))
    return x + y
print(f(1), f(1), f(1, y=2), f(1, y=3), len(calls))
