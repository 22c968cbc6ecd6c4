s = {1}
s.remove(1)
s.remove(1)
