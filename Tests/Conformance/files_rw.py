import os
path = "_wick_conformance_tmp.txt"
with open(path, "w") as f:
    f.write("line1\n")
    f.write("line2\n")
with open(path) as f:
    print(repr(f.read()))
with open(path) as f:
    for line in f:
        print(line.strip())
with open(path, "a") as f:
    f.write("line3\n")
print(open(path).readlines())
os.remove(path)
print(os.path.exists(path))
