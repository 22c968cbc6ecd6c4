import Engine
print("wick-bench: no benchmarks yet")
