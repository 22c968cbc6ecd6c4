# help(obj) prints pydoc's text for functions, methods, classes and built-ins (LANGUAGE.md §6).
import random, os
import math
def f(x, y=2, *args, z, **kw):
    """Add things.

    More text here.
    """
    return x
def g(a): return a
help(f)
help(g)
class A:
    """A class doc."""
    def m(self, q):
        "meth doc"
help(A)
help(len)
help(math.sqrt)
help(A.m)
help(A().m)
class B: pass
help(B)
help(lambda x: x)
class A:
    """Doc of A.

    Second para."""
    x = 1
    def __init__(self, a):
        self.a = a
    def m(self, q=3):
        "meth doc"
    @property
    def p(self):
        "prop doc"
        return 1
    @staticmethod
    def s(z): pass
    @classmethod
    def c(cls): pass
class B(A):
    def n(self): pass
help(B)
help(A(1))
help("nosuch")
help(print)
def k(a, *, b=1): pass
help(k)
help(math.log)
help("len")
help("math.sqrt")
help(random.seed)
help(os.path.join)
class P:
    def __eq__(self, o): return True
    def __repr__(self):
        "Custom."
        return "P"
    _private = 3
    __add__ = lambda self, o: self
    y = [1, 2]
help(P)
def deco(x=None, *, y="s"):
    '''   Leading spaces.
        indented more
    back'''
help(deco)
