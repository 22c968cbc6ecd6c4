for x in range(4):
    print("even" if x % 2 == 0 else "odd", x if x else "zero")
