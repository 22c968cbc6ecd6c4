import json
try:
    json.loads("{bad")
except json.JSONDecodeError as e:
    print("error:", e)
json.loads("[1, 2")
