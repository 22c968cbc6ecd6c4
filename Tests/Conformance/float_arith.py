print(7.5 // 2, 7.5 % 2, -7.5 // 2, -7.5 % 2, 7.5 % -2, 2.0 ** 0.5)
print(1.0 / 3, 3 * 0.1, 1e308 * 10, -1e308 * 10)
print(divmod(7.5, 2), round(2.5), round(3.5), round(-2.5), round(2.675, 2), round(1234.5678, -2))
print(int(3.9), int(-3.9), float(3), float("1.5"), float(" 2e3 "))
