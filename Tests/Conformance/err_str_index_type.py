"abc"["x"]
