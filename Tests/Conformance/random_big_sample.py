import random
random.seed(7)
print(random.sample(range(1000), 30))
print(random.randrange(1 << 40), random.randint(-10**12, 10**12))
