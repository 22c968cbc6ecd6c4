# collections.deque (maxlen, appendleft, popleft, rotate, …), warnings filters, extra exception classes.
from collections import deque
d = deque([1, 2, 3], maxlen=3)
d.append(4); print(d, d.maxlen, len(d), d[0], list(d))
d.appendleft(0); print(d)
d.extend([7, 8]); print(d); d.extendleft("ab"); print(d)
e = deque(); e.append(1); e.appendleft(2); e.extend(range(3)); print(e, e.maxlen, e.popleft(), e.pop(), e)
e.rotate(2); print(e); e.rotate(-1); print(e, e.count(0), e.index(1), 1 in e, isinstance(e, list))
print(deque(range(5), 2), deque() == deque(), deque([1]) == [1], sum(deque([1, 2])), sorted(deque([3, 1])))
for bad in (lambda: deque().pop(), lambda: deque().popleft(), lambda: deque([1], maxlen=1).insert(0, 2), lambda: deque([], -1)):
    try:
        bad()
    except (IndexError, ValueError) as ex:
        print(type(ex).__name__, ex)
window = deque(maxlen=3)
avgs = []
for x in [1, 2, 3, 4, 5]:
    window.append(x)
    avgs.append(sum(window) / len(window))
print(avgs)
import warnings
warnings.filterwarnings("ignore")
warnings.simplefilter("ignore", UserWarning)
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    print("inside")
print(issubclass(EOFError, Exception), issubclass(RuntimeWarning, Warning), IOError is OSError, issubclass(TimeoutError, OSError), FutureWarning.__name__)
