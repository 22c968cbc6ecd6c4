from collections import defaultdict
counts = defaultdict(int)
for w in "the cat the dog the end".split():
    counts[w] += 1
print(sorted(counts.items()), counts.default_factory)
