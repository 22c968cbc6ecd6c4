x = 10
y = 2.5
print(f"{x=}", f"{y = }", f"{x*2=}")
print(f"{x=:5d}")
