class MyError(Exception):
    def __init__(self, code):
        super().__init__(f"code {code}")
        self.code = code
class Sub(MyError): pass
try:
    raise Sub(42)
except MyError as e:
    print(type(e).__name__, e, e.code, e.args, isinstance(e, Exception))
