try:
    1 / 0
except ZeroDivisionError as e:
    print("caught", e, type(e).__name__, e.args)
try:
    int("abc")
except (TypeError, ValueError) as e:
    print("multi", e)
try:
    [][0]
except LookupError as e:
    print("base class", repr(e))
try:
    raise KeyError("k")
except Exception as e:
    print(str(e), repr(e))
