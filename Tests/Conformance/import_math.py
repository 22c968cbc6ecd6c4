import math
print(math.pi, math.e, math.sqrt(16), math.floor(-2.5), math.ceil(2.1), math.exp(1), math.log(math.e), math.log(8, 2))
print(math.isclose(0.1 + 0.2, 0.3), math.isnan(float("nan")), math.isinf(math.inf), math.factorial(10), math.comb(5, 2))
print(math.tanh(0.5), math.atan2(1, 1), math.hypot(3, 4), math.fabs(-1), math.trunc(-2.7), math.prod([1, 2, 3, 4]), math.fsum([0.1] * 10))
print(math.log10(1000), math.log2(8), math.sin(0), math.cos(0), math.radians(180), math.degrees(math.pi), math.gamma(5), math.erf(0.5))
