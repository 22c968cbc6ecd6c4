import Engine
import Script

/// `torch.Generator` and the random functions (`manual_seed rand randn randint randperm normal
/// bernoulli multinomial`), drawing bit for bit as PyTorch's CPU generator.
public final class GeneratorObject: PyObject {
    /// The engine generator.
    public let generator: Engine.Generator

    init(_ generator: Engine.Generator) {
        self.generator = generator
        super.init(cls: GeneratorObject.generatorClass)
    }

    /// The script object of the global generator (the one `torch.manual_seed` returns).
    static var global: GeneratorObject {
        if let g = globalObject { return g }
        let g = GeneratorObject(Engine.Generator.global)
        globalObject = g
        return g
    }
    nonisolated(unsafe) private static var globalObject: GeneratorObject?

    /// The class `torch.Generator`.
    public static let generatorClass: PyClass = {
        let c = PyClass(name: "Generator", bases: [Builtin.objectType], module: "torch")
        c.method("__new__", "cls, device=") { a in
            try Args.checkDevice(a.optional(1))
            return GeneratorObject(Engine.Generator())
        }
        c.method("manual_seed", "self, seed") { a in
            guard let g = a[0] as? GeneratorObject else { return a[0] }
            g.generator.manualSeed(UInt64(bitPattern: try seedValue(a[1])))
            return g
        }
        c.method("seed", "self") { a in
            guard let g = a[0] as? GeneratorObject else { return PyNone.shared }
            let s = UInt64.random(in: 0 ... UInt64(Int64.max))
            g.generator.manualSeed(s)
            return PyInt.make(Int64(s))
        }
        c.method("initial_seed", "self") { a in
            PyInt.make(Int64(bitPattern: (a[0] as? GeneratorObject)?.generator.initialSeed ?? 0))
        }
        c.method("get_state", "self") { a in
            stateTensor((a[0] as? GeneratorObject)?.generator.getState() ?? [])
        }
        c.method("set_state", "self, new_state") { a in
            guard let g = a[0] as? GeneratorObject else { return a[0] }
            try Tensor.setRNGState(try stateBytes(a[1]), generator: g.generator)
            return g
        }
        c.property("device") { _ in DeviceObject.cpu }
        c.method("__repr__", "self") { _ in PyStr("<torch._C.Generator object>") }
        return c
    }()

    /// A seed as PyTorch takes it (negative seeds wrap to 64 bits).
    static func seedValue(_ o: PyObject) throws -> Int64 {
        if let i = o as? PyInt { return i.value }
        if let t = o as? TensorObject, t.tensor.numel == 1 { return try bridge { try t.tensor.item() }.int64Value }
        if let f = o as? PyFloat, f.value == f.value.rounded(), abs(f.value) < 9e18 { return Int64(f.value) }
        throw PyError.type("manual_seed expected a long, but got \(pythonTypeName(o))")
    }

    /// The RNG state as a tensor: PyTorch uses a uint8 tensor; wick, which has no uint8
    /// dtype, keeps the same 5056 byte values in an int64 tensor.
    static func stateTensor(_ bytes: [UInt8]) -> PyObject {
        wrap(Tensor(bytes.map { Int64($0) }))
    }

    static func stateBytes(_ o: PyObject) throws -> [UInt8] {
        guard let t = o as? TensorObject, !t.tensor.dtype.isFloatingPoint else {
            throw PyError.type("expected a torch.ByteTensor, but got \(pythonTypeName(o))")
        }
        return t.tensor.toArray(Int64.self).map { UInt8(truncatingIfNeeded: $0) }
    }

    /// Installs the random functions.
    static func install() {
        Definitions.function("manual_seed", "seed") { a in
            Tensor.manualSeed(UInt64(bitPattern: try seedValue(a[0])))
            return global
        }
        Definitions.function("seed", "") { _ in PyInt.make(Int64(bitPattern: Tensor.seed() & UInt64(Int64.max))) }
        Definitions.function("initial_seed", "") { _ in PyInt.make(Int64(bitPattern: Tensor.initialSeed())) }
        Definitions.function("get_rng_state", "") { _ in stateTensor(Tensor.getRNGState()) }
        Definitions.function("set_rng_state", "new_state") { a in
            try Tensor.setRNGState(try stateBytes(a[0]))
            return PyNone.shared
        }
        let common = "generator=, out=, dtype=, layout=, device=, requires_grad=, pin_memory="
        for name in ["rand", "randn"] {
            let site = ArgumentSite(name, isMethod: false)
            Definitions.function(name, "*size, \(common)") { a in
                let shape = try Args.size(a.rest.first, Array(a.rest.dropFirst()), site)
                let g = try Args.generator(a.optional(0)), dtype = try Args.dtype(a.optional(2), site)
                let t = name == "rand" ? try Tensor.rand(shape, dtype: dtype, generator: g) : try Tensor.randn(shape, dtype: dtype, generator: g)
                return try TensorFactory.finish(t, requiresGrad: a.optional(5), device: a.optional(4))
            }
            Definitions.function(name + "_like", "input, *, \(common)") { a in
                let likeSite = ArgumentSite(name + "_like", isMethod: false)
                let x = try Args.tensor(a[0], likeSite, "input", 0)
                let g = try Args.generator(a.optional(1)), dtype = try Args.dtype(a.optional(3), likeSite)
                let t = name == "rand" ? try x.randLike(dtype: dtype, generator: g) : try x.randnLike(dtype: dtype, generator: g)
                return try TensorFactory.finish(t, requiresGrad: a.optional(6), device: a.optional(5))
            }
        }
        Definitions.function("randint", "low, high=, size=, *, \(common)") { a in
            let site = ArgumentSite("randint", isMethod: false)
            // randint(high, size) or randint(low, high, size).
            var low: Int64 = 0, high: Int64, sizeObject: PyObject?
            if let s = a.optional(2) {
                low = Int64(try Args.int(a[0], site, "low", 0)); high = Int64(try Args.int(a[1], site, "high", 1)); sizeObject = s
            } else {
                high = Int64(try Args.int(a[0], site, "high", 0)); sizeObject = a.optional(1)
            }
            guard let size = sizeObject else { throw PyError.type("randint() missing required argument 'size' (pos 2)") }
            let t = try Tensor.randint(low: low, high: high, shape: try Args.intList(size, site, "size", 2),
                                       dtype: try Args.dtype(a.optional(5), site) ?? .int64, generator: try Args.generator(a.optional(3)))
            return try TensorFactory.finish(t, requiresGrad: a.optional(8), device: a.optional(7))
        }
        Definitions.function("randint_like", "input, low=, high=, *, \(common)") { a in
            let site = ArgumentSite("randint_like", isMethod: false)
            let x = try Args.tensor(a[0], site, "input", 0)
            var low: Int64 = 0, high: Int64
            if let h = a.optional(2) { low = Int64(try Args.int(a[1], site, "low", 1)); high = Int64(try Args.int(h, site, "high", 2)) }
            else { high = Int64(try Args.int(a[1], site, "high", 1)) }
            let t = try x.randintLike(low: low, high: high, dtype: try Args.dtype(a.optional(5), site), generator: try Args.generator(a.optional(3)))
            return try TensorFactory.finish(t, requiresGrad: a.optional(8), device: a.optional(7))
        }
        Definitions.function("randperm", "n, *, \(common)") { a in
            let site = ArgumentSite("randperm", isMethod: false)
            let t = try Tensor.randperm(try Args.int(a[0], site, "n", 0), dtype: try Args.dtype(a.optional(3), site) ?? .int64,
                                        generator: try Args.generator(a.optional(1)))
            return try TensorFactory.finish(t, requiresGrad: a.optional(6), device: a.optional(5))
        }
        Definitions.function("normal", "mean=, std=, size=, *, \(common)") { a in
            let site = ArgumentSite("normal", isMethod: false)
            let g = try Args.generator(a.optional(3))
            let mean = a.optional(0) ?? PyFloat(0), std = a.optional(1) ?? PyFloat(1)
            let t: Tensor
            switch (mean as? TensorObject, std as? TensorObject) {
            case let (m?, s?): t = try Tensor.normal(mean: m.tensor, std: s.tensor, generator: g)
            case let (m?, nil): t = try Tensor.normal(mean: m.tensor, std: try Args.double(std, site, "std", 1), generator: g)
            case let (nil, s?): t = try Tensor.normal(mean: try Args.double(mean, site, "mean", 0), std: s.tensor, generator: g)
            case (nil, nil):
                guard let size = a.optional(2) else {
                    throw PyError.type("normal() received an invalid combination of arguments - got (float, float), but expected one of:\n * (Tensor mean, Tensor std, *, torch.Generator generator = None, Tensor out = None)\n * (Tensor mean, float std = 1, *, torch.Generator generator = None, Tensor out = None)\n * (float mean, Tensor std, *, torch.Generator generator = None, Tensor out = None)\n * (float mean, float std, tuple of ints size, *, torch.Generator generator = None, Tensor out = None, torch.dtype dtype = None, torch.layout layout = None, torch.device device = None, bool pin_memory = False, bool requires_grad = False)\n")
                }
                t = try Tensor.normal(mean: try Args.double(mean, site, "mean", 0), std: try Args.double(std, site, "std", 1),
                                      shape: try Args.intList(size, site, "size", 2), dtype: try Args.dtype(a.optional(5), site), generator: g)
            }
            return try TensorFactory.finish(t, requiresGrad: a.optional(8), device: a.optional(7))
        }
        Definitions.both("bernoulli", "p=, *, generator=") { a, site in
            let x = try site.input(a), g = try Args.generator(a.optional(2))
            if let p = a.optional(1) { return wrap(try x.bernoulli(p: try Args.double(p, site, "p", 1), generator: g)) }
            return wrap(try x.bernoulli(generator: g))
        }
        Definitions.both("multinomial", "num_samples, replacement=, *, generator=") { a, site in
            wrap(try site.input(a).multinomial(numSamples: try Args.int(a[1], site, "num_samples", 1),
                                                replacement: try a.optional(2).map { try Args.bool($0, site, "replacement", 2) } ?? false,
                                                generator: try Args.generator(a.optional(3))))
        }
    }
}
