import sys
sys.stdout.write("written\n")
print(type(sys.argv).__name__, sys.getrecursionlimit())
sys.exit(3)
