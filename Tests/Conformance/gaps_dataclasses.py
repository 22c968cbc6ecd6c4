# dataclasses: @dataclass with field(), frozen, order, eq, __post_init__, inheritance; asdict/astuple/fields/replace.
from dataclasses import dataclass, field, asdict, astuple, fields, FrozenInstanceError, replace, is_dataclass
from typing import List

@dataclass
class Point:
    x: int
    y: int = 0

p = Point(1, 2)
print(p, Point(3), Point(y=5, x=1))
print(p == Point(1, 2), p == Point(2, 1), p != Point(1, 2), p == (1, 2))
print(asdict(p), astuple(p), [f.name for f in fields(p)], is_dataclass(p), is_dataclass(Point), is_dataclass(1))
print(replace(p, y=10), p)

@dataclass
class Line:
    start: Point
    end: Point
    tags: List[str] = field(default_factory=list)
    note: str = field(default="", repr=False)

l = Line(Point(0, 0), Point(1, 1))
l.tags.append("a")
print(l, Line(p, p).tags, asdict(l), astuple(l))

@dataclass(order=True, frozen=True)
class Version:
    major: int
    minor: int = 0

vs = sorted([Version(1, 2), Version(0, 9), Version(1, 0)])
print(vs, Version(1) < Version(1, 1), Version(2) >= Version(1, 9), hash(Version(1, 2)) == hash(Version(1, 2)))
print({Version(1): "one"}[Version(1, 0)])

@dataclass
class Counter:
    name: str
    count: int = 0
    history: list = field(default_factory=list)

    def __post_init__(self):
        self.name = self.name.upper()

    def bump(self):
        self.count += 1
        self.history.append(self.count)
        return self

c = Counter("hits").bump().bump()
print(c, c.history)

@dataclass
class Base:
    a: int
    b: str = "b"

@dataclass
class Child(Base):
    c: float = 1.5

print(Child(1), Child(1, "x", 2.5), [f.name for f in fields(Child)])

@dataclass(eq=False)
class Plain:
    v: int
print(Plain(1) == Plain(1), len({Plain(1), Plain(1)}))
print(Point.__doc__, Version.__doc__)
print(Point.__init__.__qualname__ if False else "", Point.__match_args__)

for make in (lambda: Point(), lambda: Point(1, 2, 3), lambda: Point(1, z=3), lambda: Point(1, x=3)):
    try:
        make()
    except TypeError as e:
        print("TypeError", "__init__()" in str(e))

@dataclass(frozen=True)
class Frozen:
    a: int
f = Frozen(1)
try:
    f.a = 2
except FrozenInstanceError as e:
    print(type(e).__name__, isinstance(e, AttributeError), e)
try:
    del f.a
except AttributeError as e:
    print(type(e).__name__, e)
print(f, f.a)
try:
    @dataclass
    class Mutable:
        a: list = []
except ValueError as e:
    print(e)
try:
    @dataclass
    class Order:
        a: int = 1
        b: int
except TypeError as e:
    print(e)
try:
    hash(Point(1))
except TypeError as e:
    print(e)
try:
    Version(1) < Point(1)
except TypeError as e:
    print(e)
try:
    asdict(Point)
except TypeError as e:
    print(e)
print(fields(Point)[0].name, fields(Point)[1].default, fields(Point)[0].type)
