print(-2 ** 2, (-2) ** 2, 2 ** -1, 2 ** 3 ** 2, not 1 == 2, 1 + 2 * 3 - 4 / 2)
print(1 | 2 ^ 3 & 4, 1 << 2 + 1, -3 % 5, 2 * 3 % 4, 10 - 2 - 3, 2 ** -2)
print(1 if True else 2 if False else 3, (lambda: 1 or 2)())
