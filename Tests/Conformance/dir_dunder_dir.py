class Plain:
    x = 1
    def f(self):
        pass

class Listed:
    def __dir__(self):
        return ["zeta", "alpha", "mid"]

print([n for n in dir(Plain()) if not n.startswith("__")])
print(dir(Listed()))
print("alpha" in dir(Listed()))
import math
print("sqrt" in dir(math))
