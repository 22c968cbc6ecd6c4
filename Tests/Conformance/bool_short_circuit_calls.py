def t(x):
    print("eval", x)
    return x
print(t(0) and t(1), t(1) or t(2), t(0) or t("") or t("last"))
