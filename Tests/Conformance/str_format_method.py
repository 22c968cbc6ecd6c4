print("{} {}".format(1, 2), "{1} {0}".format("a", "b"), "{x}-{y}".format(x=1, y=2))
print("{:.2f} {:>4} {!r}".format(3.14159, 7, "s"), "{0[1]} {1.real}".format([5, 6], 3))
