def v(x):
    print("v", x)
    return x
print(v(1) < v(2) < v(3), v(3) < v(2) < v(1))
