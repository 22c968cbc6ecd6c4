# typing: subscriptable aliases, TypeVar, Generic bases, cast/TYPE_CHECKING, NamedTuple class syntax.
from typing import List, Dict, Optional, Tuple, Union, Callable, Any, NamedTuple, TypeVar, Iterable, Sequence
import typing
Vector = List[float]
Pair = Tuple[int, int]
MaybeInt = Optional[int]
T = TypeVar("T")
def scale(v: Vector, k: float = 2.0) -> Vector:
    return [k * x for x in v]
print(scale([1.0, 2.0]))
class Point(NamedTuple):
    x: int
    y: int = 0
p = Point(1)
print(p, p.x, p._replace(y=3))
print(typing.TYPE_CHECKING, typing.cast(int, "x"))
print(Vector, Pair, MaybeInt, Dict[str, List[int]], Callable[[int], str], T, Union[int, str], Optional[Point])
from typing import Generic
class Stack(Generic[T]):
    def __init__(self):
        self.items: List[T] = []
s = Stack()
print(s.items, Point._fields, Point._field_defaults, p._asdict(), isinstance(p, tuple), p == (1, 0), len(p), p[0])
x, y = p
print(x, y)
try:
    Point()
except TypeError as e:
    print(e)
try:
    List()
except TypeError as e:
    print(e)
