print([], (), {}, set(), "", [[]], [()], {"": []}, frozenset())
