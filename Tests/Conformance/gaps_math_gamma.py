# math.gamma/lgamma follow CPython's own Lanczos code (bit-exact), with its domain and range errors.
import math
vals = [0.5, 1.5, 2.5, 3.7, 10, 10.5, 0.001, 1e-25, -0.5, -1.5, -2.7, 25.3, 100.1, 141.5, 171.2, 50, 23, 24, -150.5, 7.77]
for v in vals:
    print(v, repr(math.gamma(v)), repr(math.lgamma(v)))
for v in (0, -1, -2.0, 172, 1e308, float("-inf")):
    for f in (math.gamma, math.lgamma):
        try:
            print(f(v))
        except (ValueError, OverflowError) as e:
            print(type(e).__name__, e)
