class Node:
    def __init__(self, v, nxt=None): self.v, self.nxt = v, nxt
    def __repr__(self): return f"Node({self.v}, {self.nxt!r})"
print(Node(1, Node(2)))
