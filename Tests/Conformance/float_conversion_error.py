print(float("3.5"))
float("abc")
