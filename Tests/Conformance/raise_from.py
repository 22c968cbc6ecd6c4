try:
    try:
        {}["x"]
    except KeyError as e:
        raise ValueError("bad value") from e
except ValueError as e:
    print(e, repr(e.__cause__))
