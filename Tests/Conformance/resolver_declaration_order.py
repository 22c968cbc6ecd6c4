# The "used prior" check runs in source order, before the check for a missing nonlocal binding.
print("never printed")


def f():
    nonlocal q


def h():
    print(z)
    global z
