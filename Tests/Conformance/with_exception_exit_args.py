class CM:
    def __enter__(self): return "value"
    def __exit__(self, exc_type, exc, tb):
        print("exit got", exc_type.__name__ if exc_type else None, exc)
        return True
with CM() as v:
    print("in", v)
    1 / 0
print("suppressed")
