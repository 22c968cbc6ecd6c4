x = 3
name = "bob"
print(f"{x} {name} {x + 1} {name.upper()}")
print(f"{x!r} {name!r} {name!s}")
print(f"{{literal}} {x}")
