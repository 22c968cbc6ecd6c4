# A user __hash__/__eq__ pair decides dict keys and set members.
class Key:
    def __init__(self, k):
        self.k = k

    def __hash__(self):
        return hash(self.k)

    def __eq__(self, other):
        return isinstance(other, Key) and other.k == self.k

    def __repr__(self):
        return f"Key({self.k!r})"


d = {Key(1): "one", Key("a"): "a"}
print(d[Key(1)], d[Key("a")])
d[Key(1)] = "uno"
print(len(d), d[Key(1)])
s = {Key(2), Key(2), Key(3)}
print(len(s), Key(3) in s, Key(4) in s)
print(hash(Key(5)) == hash(5))


class Constant:
    def __hash__(self):
        return 7

    def __eq__(self, other):
        return False


print(len({Constant(), Constant()}))
print(hash(Constant()))


class NoHash:
    def __eq__(self, other):
        return True


try:
    {NoHash()}
except TypeError as e:
    print("TypeError:", e)


class BadHash:
    def __hash__(self):
        return "x"


try:
    hash(BadHash())
except TypeError as e:
    print("TypeError:", e)
