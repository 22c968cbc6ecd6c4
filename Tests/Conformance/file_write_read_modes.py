with open('/tmp/wick_conformance_ft.txt', 'w') as f:
    for i in range(3):
        f.write(f"line {i}\n")
with open('/tmp/wick_conformance_ft.txt', 'a') as f:
    f.write("more\n")
print(open('/tmp/wick_conformance_ft.txt').read(), end='')
f = open('/tmp/wick_conformance_ft.txt')
print([l for l in f])
f.close()
g = open('/tmp/wick_conformance_ft.txt', 'w'); g.close()
try:
    g.write('x')
except ValueError as e:
    print('ValueError', e)
print(repr(open('/tmp/wick_conformance_ft.txt').read()))
