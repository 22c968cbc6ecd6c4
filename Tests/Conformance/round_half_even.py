print([round(x) for x in [0.5, 1.5, 2.5, 3.5, -0.5, -1.5]])
print(round(0.125, 2), round(0.375, 2), round(1.005, 2), round(5, -1), round(15, -1), round(25, -1))
print(type(round(2.5)), type(round(2.5, 1)))
