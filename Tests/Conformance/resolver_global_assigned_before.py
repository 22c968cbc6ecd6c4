# An assignment inside a nested block still counts as "before" the declaration.
def f():
    for i in range(3):
        x = i
    if True:
        global x


f()
