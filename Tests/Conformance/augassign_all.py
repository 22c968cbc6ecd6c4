x = 10
x += 1; x -= 2; x *= 3; x //= 2; x %= 7; x **= 2; x <<= 2; x >>= 1; x |= 1; x &= 15; x ^= 3
print(x)
y = 7.0
y /= 2
print(y)
s = "a"
s += "b"; s *= 2
print(s)
