for exc in [ZeroDivisionError, KeyError, IndexError, UnboundLocalError, RecursionError, NotImplementedError, FileNotFoundError, StopIteration, KeyboardInterrupt, IndentationError, TabError, OverflowError]:
    print(exc.__name__, [c.__name__ for c in exc.__mro__])
