class O: pass
o = O()
o.n = 1
o.n += 5
d = {"k": [1]}
d["k"] += [2]
d["k"][0] *= 10
print(o.n, d)
