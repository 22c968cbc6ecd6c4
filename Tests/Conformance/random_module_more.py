import random
random.seed(2024)
print([round(random.random(), 6) for _ in range(3)])
print([random.randint(-5, 5) for _ in range(8)])
print(random.sample([10, 20, 30, 40], 2), random.choice([1, 2, 3]))
random.seed(-5)
print(random.random())
random.seed(2 ** 40 + 17)
print(random.randrange(1000), random.uniform(0, 10))
