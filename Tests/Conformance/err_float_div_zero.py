print(2.0 // 1)
print(1.0 % 0.0)
