print("-" * 20)
print("=" * 0 + "|", "ab" * 3, 3 * "x")
print("\n".join(["line1", "line2"]))
