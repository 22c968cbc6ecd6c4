print(True + True, True * 3, not 0, not [], bool(""), bool("x"), bool(None), bool(0.0))
print(1 and 2, 0 and 2, 1 or 2, 0 or 2, None or "d", [] and 5)
print(True == 1, False == 0, isinstance(True, int), True is True)
