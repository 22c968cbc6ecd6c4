class Point:
    """A point."""
    dims = 2
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def norm2(self):
        return self.x ** 2 + self.y ** 2
    def __repr__(self):
        return f"Point({self.x}, {self.y})"
p = Point(3, 4)
print(p, p.norm2(), Point.dims, p.dims, Point.__name__, Point.__doc__, type(p).__name__)
p.z = 5
print(p.__dict__, isinstance(p, Point), hasattr(p, "z"), getattr(p, "q", None))
