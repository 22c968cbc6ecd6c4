# String method argument errors use CPython's wording.
for f in (lambda: "x".ljust(5, "ab"), lambda: "x".center(5, ""), lambda: ",".join(["a", 2]), lambda: "".join([1])):
    try:
        f()
    except TypeError as e:
        print("TypeError:", e)
print("-".join(["a", "b"]), "".join(x for x in "xyz"), ", ".join(map(str, range(3))))
