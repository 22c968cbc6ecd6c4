import math, random
random.seed(3)
vals = [math.floor(random.random() * 100) for _ in range(5)]
print(vals, max(vals) - min(vals))
