print(int(" 7 "), int("-0"), int("1_000"))
int("1.5")
