print([1, 2.0, "3", None, True, (4,), [5], {"6": 6}, {7}, range(8)])
