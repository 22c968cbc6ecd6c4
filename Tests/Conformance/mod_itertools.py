import itertools
print(list(itertools.product([1, 2], "ab")), list(itertools.product(range(2), repeat=2)))
print(list(itertools.chain([1], (2, 3), "a")), list(itertools.chain.from_iterable([[1], [2, 3]])))
print(list(itertools.islice(itertools.count(5, 2), 4)), list(itertools.islice("abcdefg", 1, 6, 2)))
print(list(itertools.combinations("abcd", 2)), len(list(itertools.permutations(range(4)))), list(itertools.permutations("ab")))
print(list(itertools.accumulate([1, 2, 3, 4])), list(itertools.repeat("x", 3)), list(itertools.zip_longest("ab", "c", fillvalue="-")))
