e = ValueError("a", 1)
print(e.args, str(e), repr(e), repr(ValueError()), str(KeyError("k")), repr(KeyError("k")))
print(isinstance(e, Exception), isinstance(e, BaseException), issubclass(KeyError, LookupError))
