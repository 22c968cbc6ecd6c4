assert 1 + 1 == 2, "math"
try:
    assert False, "custom message"
except AssertionError as e:
    print("caught:", e)
assert 1 == 2, f"expected {1} == {2}"
