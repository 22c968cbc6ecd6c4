from math import sqrt, pi as PI
from math import *
print(sqrt(9), PI, floor(2.5))
import math as m
print(m.cos(0))
