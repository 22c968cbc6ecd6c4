class Recorder:
    def __init__(self):
        object.__setattr__(self, "log", []) if False else None
        self.__dict__["log"] = []
    def __setattr__(self, name, value):
        self.__dict__["log"].append(name) if False else None
        object.__setattr__(self, name, value) if False else None
r = Recorder()
print("ok")
