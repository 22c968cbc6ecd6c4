d = {"a": 1, "b": 2}
print({v: k for k, v in d.items()}, dict(zip("xyz", range(3))), dict.fromkeys("ab", 0))
