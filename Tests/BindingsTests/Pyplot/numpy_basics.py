# The numpy subset: creation, printing, arithmetic, indexing, reductions (LANGUAGE.md §7).
import numpy as np

a = np.array([0.1, 0.25, 3])
print(repr(a))
print(a)
print(repr(np.array([1e-5, 1.0])), repr(np.array([1, 10])), repr(np.array([True, False])))
print(repr(np.array([1., 2.], dtype=np.float32)), repr(np.array([1, 2], dtype='float64')))
print(repr(np.linspace(0, 1, 30)))
print(repr(np.arange(12.).reshape(3, 4) / 7))
print(repr(np.array([[1, 2], [3, 4]])))
print(np.array([[1.5, 2], [3, 4]]))
print(repr(np.array([])), repr(np.zeros((0, 3))), repr(np.zeros((2, 2))), repr(np.ones(3, dtype=int)))
print(repr(np.array([np.nan, 1.0, -np.inf])))
print(repr(np.array(3.0)), np.array(3.0).shape, np.array(3.0).ndim)
print(repr(np.arange(2000.)))
print(np.arange(1500))
print(repr(np.array([123456789.0, 1.5])), repr(np.array([0.00001234, 5.0])))
print(str(np.array([1., 2.]).dtype), repr(np.array([1., 2.]).dtype), np.arange(3).dtype, np.array([1.5]).dtype == np.float64)
print(repr(np.arange(5)), repr(np.arange(1, 2, 0.25)), repr(np.arange(0, 1, 0.1)), repr(np.arange(10, 0, -3)))
print(repr(np.linspace(-1, 1, 5)), repr(np.linspace(0, 1, 4, endpoint=False)), repr(np.linspace(2, 3, 1)))

# arithmetic and promotion
x = np.array([1, 2, 3])
f = np.array([0.5, 1.5, 2.5])
print(repr(x + 1), repr(x + 0.5), repr(x * f), repr(x / 2), repr(x // 2), repr(-x % 2), repr(x ** 2), repr(2 ** x))
print(repr(f - 1), repr(1 - f), repr(3 / f), repr(f ** 0.5), repr(-f), repr(abs(-f)))
print(repr(x > 1), repr(f <= 1.5), repr(x == np.array([1, 0, 3])), repr((x > 1) & (x < 3)), repr(~(x > 1)))
m = np.arange(6).reshape(2, 3)
print(repr(m + np.array([10, 20, 30])), repr(m * np.array([[1], [2]])), repr(m.T), m.shape, m.T.shape, m.size, len(m))
f32 = np.array([1.5, 2.5], dtype=np.float32)
print(repr(f32 * 2.1), repr(f32 + np.array([1.0, 1.0])), repr(f32 / 3))

# indexing
print(m[0], m[1, 2], m[-1, -1], repr(m[:, 1]), repr(m[1, ::-1]), repr(m[:, None].shape), repr(m[..., 0]))
v = np.linspace(0, 1, 6)
print(v[2], repr(v[1:4]), repr(v[::2]), repr(v[v > 0.5]), repr(v[[0, 2, 4]]), repr(v[np.array([5, 0])]))
b = np.zeros((2, 3))
b[0, 1] = 5
b[1] = [1, 2, 3]
b[:, 2] = -1
print(b)
row = b[0]
row[0] = 7
print(b[0, 0], b.tolist())
c = np.arange(6.).reshape(2, 3)
c[c > 2] = 0
print(c, c.sum())
for r in np.array([[1, 2], [3, 4]]):
    print(r, r.sum())

# reductions
d = np.array([[1.0, 2.0, 4.0], [3.0, 5.0, 7.0]])
print(np.mean(d), np.std(d), d.sum(), d.max(), d.min(), np.argmax(d), d.argmin(), np.var(d))
print(repr(d.mean(axis=0)), repr(d.sum(axis=1)), repr(np.std(d, axis=1)), repr(d.max(axis=0)), repr(np.argmax(d, axis=1)))
print(repr(np.mean(d, axis=1, keepdims=True)), np.std([1, 2, 3, 4], ddof=1), np.sum([1, 2, 3]), np.mean([True, False, True, True]))
print((np.array([1, 2, 3]) == np.array([1, 0, 3])).mean(), x.sum(), x.sum(axis=0))
big = np.linspace(0, 1, 1001)
print(big.sum(), big.mean(), big.std())
X, Y = np.meshgrid(np.linspace(-1, 1, 3), np.arange(2))
print(repr(X), repr(Y))
Xi, Yi = np.meshgrid([1, 2], [3, 4, 5], indexing='ij')
print(Xi.shape, repr(Yi))
print(repr(np.exp(np.array([0.0, 1.0]))), repr(np.log(np.array([1, 10]))), repr(np.sqrt(np.arange(4))), np.sqrt(2.0))
print(repr(np.clip(np.array([-2.0, 0.5, 3.0]), 0, 1)), repr(np.concatenate([np.array([1, 2]), np.array([3])])))
print(repr(np.zeros_like(x)), repr(np.ones_like(f)), np.allclose(f, f + 1e-9), np.allclose(f, f + 1))
print(repr(np.array([[1, 2], [3, 4]]).flatten()), repr(np.arange(6).reshape(3, -1)), repr(x.astype(np.float32)))
print(f"{np.mean(d):.3f} {d[0, 1]:.2f} {np.float64(2.5)}")
print(np.pi, np.e, np.inf, float(np.array(2.5)), int(np.array(7)))
