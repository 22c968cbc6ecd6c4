# printf-style % formatting: mapping keys, * widths, flags, precision, %c, and CPython's errors.
print("%s is %d years %.2f" % ("Tom", 3, 2.5), "%5s|%-5s|%05d|%x|%r" % ("a", "b", 42, 255, "q"), "%(a)s" % {"a": 1})
print("%*d|%-*d|%.3s|%c%c|%+d|% d|%#x|%#o|%.3d|%5.1f%%" % (5, 42, 4, 7, "abcdef", "x", 65, 5, 7, 255, 8, 7, 3.14159))
print("%(name)s has %(n)03d" % {"name": "A", "n": 7}, "%d" % 3.99, "%i" % -2.5, "%e" % 12345.678, "%g" % 0.00001234)
for bad in [lambda: "%d %d" % (1,), lambda: "%d" % (1, 2), lambda: "%d" % "x", lambda: "abc" % 5, lambda: "%z" % 1, lambda: "%(a)s" % 1]:
    try:
        print(bad())
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__, e)
print("abc" % {}, "%s" % [1, 2], "%s" % (1,), "%r" % ((1, 2),), "%5.2s|" % "abc")
