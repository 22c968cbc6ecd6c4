def search(xs, target):
    i = 0
    while i < len(xs):
        if xs[i] == target:
            break
        i += 1
    else:
        return -1
    return i
print(search([4, 5, 6], 5), search([4, 5, 6], 9))
