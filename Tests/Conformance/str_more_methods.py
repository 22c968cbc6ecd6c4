print("a-b-c".split("-", 1), "  x ".strip() == "x", "abc".upper().lower(), "Hello".swapcase() if False else "")
print("hello world".capitalize(), "tEST".title(), ",".join(str(i) for i in range(5)), "x".join("abc"))
print("a\nb\nc".splitlines(), "abc".index("c"), "aaa".count("a"), "abcabc".replace("b", ""))
print("%s=%d" % ("k", 5), "{:08.3f}".format(3.14159), "{:<5}|{:^5}|{:>5}".format("a", "b", "c"))
