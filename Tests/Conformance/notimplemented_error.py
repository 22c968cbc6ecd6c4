class Base:
    def forward(self):
        raise NotImplementedError("subclasses implement forward")
Base().forward()
