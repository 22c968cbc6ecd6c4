class A: pass
r = repr(A())
print(r.startswith("<__main__.A object at 0x"), str(A) , A)
