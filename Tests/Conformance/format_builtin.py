print(format(1234.5678, ",.2f"), format(0.5, "%"), format(42, "b"), format("s", ">3"), format(1e-10, ".3g"), format(123456789.0, "e"))
print(format(3.0, ""), format(2.50, "g"), format(100, "_"), format(-0.0001234, ".2e"), format(5, "+d"), format(5.5, " .1f"))
