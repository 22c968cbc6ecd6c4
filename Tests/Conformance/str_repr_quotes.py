print(repr("it's"), repr('say "hi"'), repr('both \' "'), repr("tab\t"), repr("\x00"))
print(str(["a", 'b"c']), repr(("x",)))
