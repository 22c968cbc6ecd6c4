print(True + 1, sum([True, True, False]), True * 10, int(True), str(True), repr(False), True & False, True | False)
print(isinstance(False, int), type(True).__name__, [1, 2][True], f"{True}", f"{True:d}")
