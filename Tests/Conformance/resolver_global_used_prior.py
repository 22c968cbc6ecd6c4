# A name read in a function before its `global` declaration is a compile-time error.
counter = 0


def bump():
    print(counter)
    global counter
    counter += 1


bump()
