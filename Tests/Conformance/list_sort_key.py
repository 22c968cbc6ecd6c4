words = ["banana", "Apple", "cherry", "apple"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len, reverse=True))
pairs = [(1, "b"), (0, "a"), (1, "a")]
print(sorted(pairs), sorted(pairs, key=lambda p: p[1]), max(pairs, key=lambda p: p[1]))
