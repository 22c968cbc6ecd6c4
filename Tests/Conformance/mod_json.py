import json
data = {"name": "wick", "version": 1, "tags": ["a", "b"], "ok": True, "none": None, "pi": 3.14, "nested": {"k": [1, {"z": 0}]}}
s = json.dumps(data)
print(s)
print(json.dumps(data, indent=2, sort_keys=True))
back = json.loads(s)
print(back == data, back["nested"]["k"][1], json.loads("[1, 2.5, \"x\", null, false]"))
print(json.dumps("héllo\n"), json.dumps([]), json.dumps({}), json.dumps((1, 2)), json.dumps(1e-7))
