# str search and test methods with start/end bounds, partition, splitlines, expandtabs, removeprefix, …
s = "hello world hello"
print(s.find("hello", 1), s.find("o", 5, 8), s.index("world"), s.count("l", 3), s.rfind("hello"), s.rindex("o"))
print(s.startswith("world", 6), s.endswith("hello", 0, 5), s.startswith(("x", "he")), s.split(None, 1), s.replace("l", "L", 2))
print("a\tb".expandtabs(4), "AbC".swapcase(), "abc".isalpha(), "  ".isspace(), "Hello World".istitle(), "ab12".isalnum(), "x".isidentifier())
print("a-b-c".partition("-"), "a-b-c".rpartition("-"), "line1\nline2\r\nline3".splitlines(), "x\n".splitlines(True))
print("abc".removeprefix("a"), "abc".removesuffix("c"), "ß".casefold(), "abc"[::-1], "a,b".split(",", maxsplit=1))
print("abc".find("", 3), "abc".find("", 4), "abc".count(""), "abc".count("", 5), "abc".startswith("", 4), "abc".endswith("c", -1))
print("ab".rjust(4, "0"), "a\u2028b\x0bc\r\nd".splitlines(), "x\ty\n\tz".expandtabs(), "x".expandtabs(0), "ǅ".istitle())
print("٣".isdecimal(), "½".isnumeric(), "½".isdecimal(), "é".isascii(), "a\x00".isprintable(), "_x1".isidentifier(), "1x".isidentifier())
for bad in (lambda: "abc".index("z"), lambda: "abc".startswith(1), lambda: "a".partition(""), lambda: "abc".find(1), lambda: "abc".rindex("q", 1)):
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
