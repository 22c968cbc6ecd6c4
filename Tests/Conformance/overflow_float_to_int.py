print(int(1e18), int(-9.2e18))
int(float("inf"))
