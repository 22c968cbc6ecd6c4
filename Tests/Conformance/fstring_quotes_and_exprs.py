d = {"k": "v"}
items = [1, 2, 3]
print(f"{d['k']}|{len(items)}|{items[-1] * 2}|{'yes' if items else 'no'}|{sum(i for i in items)}")
print(f"{'a' + 'b'}", f'{"x"}', f"{3:{'>'}{5}}")
