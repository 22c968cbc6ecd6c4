s = "hello world"
print(s[0], s[-1], s[2:5], s[:3], s[6:], s[::2], s[::-1], s[-3:], s[100:], len(s))
print(s[1:-1:3], "abc"[5:1:-1])
