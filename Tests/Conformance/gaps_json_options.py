# json.dumps/dump honour separators=, ensure_ascii= and default= as CPython does.
import json
print(json.dumps({1, 2} if False else [1], default=str), json.dumps(object, default=lambda o: "X"), json.dumps("a\bb\fc"))
print(json.dumps({"b": [1, 2], "a": None}, indent="\t", sort_keys=True))
try:
    json.dumps(object)
except TypeError as e:
    print(e)
