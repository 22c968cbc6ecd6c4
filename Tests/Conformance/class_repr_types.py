print(int, str, list, dict, type(1.0), type(print).__name__, type(len), ValueError)
