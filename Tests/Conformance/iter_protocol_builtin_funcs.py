class Squares:
    def __init__(self, n): self.n = n
    def __iter__(self):
        for i in range(self.n):
            yield i * i
s = Squares(5)
print(list(s), sum(s), max(s), sorted(s, reverse=True), list(zip(s, "abcde")), 9 in s, list(enumerate(s))[:2])
