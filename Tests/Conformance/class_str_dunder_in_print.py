class Matrix:
    def __init__(self, rows): self.rows = rows
    def __str__(self): return "\n".join(" ".join(str(v) for v in r) for r in self.rows)
    def __len__(self): return len(self.rows)
    def __getitem__(self, idx):
        i, j = idx
        return self.rows[i][j]
m = Matrix([[1, 2], [3, 4]])
print(m)
print(len(m), m[1, 0], m[0, 1])
