try:
    1 + "a"
except TypeError as e:
    print(e)
try:
    len(5)
except TypeError as e:
    print(e)
try:
    None()
except TypeError as e:
    print(e)
try:
    [] < 1
except TypeError as e:
    print(e)
try:
    hash([])
except TypeError as e:
    print(e)
try:
    for x in 5: pass
except TypeError as e:
    print(e)
"a" * "b"
