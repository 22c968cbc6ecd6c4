class MyList(list):
    def total(self): return sum(self)
m = MyList([1, 2, 3])
m.append(4)
print(m.total(), len(m), m[0], isinstance(m, list), type(m).__name__)
class MyDict(dict):
    def __missing__(self, key): return key * 2
d = MyDict(a=1)
print(d["a"], d["zz"])
class MyErr(ValueError): pass
try:
    raise MyErr("boom")
except ValueError as e:
    print(type(e).__name__, e)
