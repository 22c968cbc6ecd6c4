def f(x):
    try:
        r = 10 / x
    except ZeroDivisionError:
        print("zero")
        return "handled"
    else:
        print("else", r)
        return "ok"
    finally:
        print("finally", x)
print(f(2))
print(f(0))
def g():
    try:
        return 1
    finally:
        print("cleanup")
print(g())
