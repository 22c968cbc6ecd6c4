xs = [3, 1, 2]
xs.append(5); xs.extend([9, 0]); xs.insert(1, 7)
print(xs, xs.pop(), xs.pop(0), xs)
xs.remove(2); print(xs, xs.index(5), xs.count(1))
xs.sort(); print(xs)
xs.sort(reverse=True); print(xs)
xs.reverse(); print(xs, xs.copy(), len(xs))
xs.clear(); print(xs)
