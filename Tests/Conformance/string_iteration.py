for ch in "héllo":
    print(ch, end=" ")
print()
print(list("abc"), "".join(reversed("abc")), "abc" * 2, "b" in "abc", len("héllo"))
