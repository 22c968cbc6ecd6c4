# Oversized Python objects raise MemoryError before anything is allocated (LANGUAGE.md §9).
cases = [
    ("list repeat", lambda: [0] * 10**13),
    ("str repeat", lambda: 's' * 10**13),
    ("tuple repeat", lambda: (1, 2) * 10**13),
    ("range to list", lambda: list(range(10**13))),
    ("range to tuple", lambda: tuple(range(10**13))),
    ("format width", lambda: f"{1:>10000000000000}"),
    ("format method width", lambda: "{:^10000000000000}".format("x")),
    ("ljust", lambda: "x".ljust(10**13)),
    ("center", lambda: "x".center(10**13)),
    ("zfill", lambda: "7".zfill(10**13)),
    ("replace growth", lambda: ("a" * 10**6).replace("a", "b" * 10**7)),
    ("huge repeat", lambda: [0] * 10**18),
]
for name, make in cases:
    try:
        make()
        print(name, "allocated")
    except MemoryError as e:
        print(name, type(e).__name__, repr(e), e.args)
try:
    f"{1:>100000000000000000000}"
except ValueError as e:
    print("ValueError:", e)
print(len([0] * 10), len("ab" * 3), "x".ljust(4, "-"), "ab".center(6, "*"), "aaa".replace("a", "b", 2))
print("abc".replace("", "-"), "abc".replace("", "-", 2), "a.b.c".replace(".", "", 1))
big = [None] * 10**13
