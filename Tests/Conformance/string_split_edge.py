print("".split(), "".split(","), " a ".split(" "), "a,,b".split(","), "abc".split("abc"), "x".rsplit("x"))
print("  lead".lstrip(), "trail  ".rstrip(), "xxhixx".strip("x"), "www.example.com".lstrip("w."))
