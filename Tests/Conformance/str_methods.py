s = "  Hello, World  "
print(s.strip(), s.lstrip(), s.rstrip() + "|", s.upper(), s.lower())
print("a,b,,c".split(","), "a b  c".split(), "a b c".split(None, 1), "a,b,c".rsplit(",", 1))
print("-".join(["x", "y", "z"]), "hello".replace("l", "L"), "hello".find("l"), "hello".find("z"))
print("hello".count("l"), "ab".ljust(5, "*"), "ab".rjust(5), "ab".center(6, "-"), "42".zfill(5), "-42".zfill(6))
print("123".isdigit(), "12a".isdigit(), "hello world".title(), "abc".startswith("ab"), "abc".endswith(("x", "c")))
