class U:
    @staticmethod
    def clamp(x, lo=0, hi=10): return max(lo, min(hi, x))
u = U()
print(U.clamp(15), u.clamp(-3), u.clamp(5, hi=4))
