# numpy's error texts for common mistakes.
import numpy as np


def attempt(label, f):
    try:
        r = f()
        print(label, "->", repr(r))
    except Exception as e:
        print(label, "->", type(e).__name__ + ":", e)


a = np.array([1.0, 2.0, 3.0])
m = np.arange(6).reshape(2, 3)
attempt("broadcast", lambda: a + np.array([1.0, 2.0]))
attempt("broadcast 2d", lambda: m + np.ones((3, 2)))
attempt("index", lambda: a[3])
attempt("index 2d", lambda: m[0, 5])
attempt("too many", lambda: a[0, 0])
attempt("mask size", lambda: a[np.array([True, False])])
attempt("float index", lambda: a[np.array([0.5])])
attempt("truth", lambda: bool(a > 1))
attempt("float()", lambda: float(a))
attempt("reshape", lambda: m.reshape(4, 2))
attempt("axis", lambda: m.sum(axis=2))
attempt("negative power", lambda: np.array([2]) ** -1)
attempt("bool minus", lambda: np.array([True]) - np.array([False]))
attempt("max empty", lambda: np.array([]).max())
attempt("inhomogeneous", lambda: np.array([[1, 2], [3]]))
attempt("negative dims", lambda: np.zeros(-1))
attempt("linspace num", lambda: np.linspace(0, 1, -2))
attempt("meshgrid indexing", lambda: np.meshgrid(a, a, indexing='xx'))
attempt("len 0d", lambda: len(np.array(1.0)))
attempt("iter 0d", lambda: list(np.array(1.0)))
attempt("unhashable", lambda: {a: 1})
attempt("dtype", lambda: np.array([1], dtype='foo'))
attempt("assign broadcast", lambda: m.__setitem__(0, [1, 2]))
b = np.array([1, 2])
attempt("inplace cast", lambda: b.__iadd__(0.5))
