def parse(s):
    try:
        return int(s)
    except ValueError:
        raise TypeError(f"cannot parse {s!r}")
print(parse("5"))
parse("x")
