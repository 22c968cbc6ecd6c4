counter = [0]
def tick(c=counter):
    c[0] += 1
    return c[0]
print(tick(), tick(), counter)
