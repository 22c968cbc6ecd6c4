import Engine
import Script

/// `torch.utils.data` samplers for scripts: `SequentialSampler`, `RandomSampler` (without
/// replacement), `SubsetRandomSampler` and `BatchSampler`, drawing as PyTorch 2.15 does when
/// iterated (so a `DataLoader(sampler=…)` gives PyTorch's order for the same seeds).
enum SamplerBindings {
    /// A sampler's settings.
    final class SamplerObject: PyObject {
        enum Kind { case sequential, random, subsetRandom, batch }
        var kind: Kind = .sequential
        var source: PyObject = PyNone.shared
        var numSamples: Int?
        var generator: Engine.Generator?
        var indices: [PyObject] = []
        var batchSize = 1
        var dropLast = false
    }

    static func samplerOf(_ o: PyObject) throws -> SamplerObject {
        guard let s = o as? SamplerObject else { throw PyError.type("expected a sampler, got \(pythonTypeName(o))") }
        return s
    }

    /// The base class `torch.utils.data.Sampler`.
    static let samplerClass: PyClass = {
        let c = PyClass(name: "Sampler", bases: [Builtin.objectType], module: "torch.utils.data.sampler")
        c.method("__iter__", "self") { a in try iterate(try samplerOf(a[0])) }
        c.method("__len__", "self") { a in PyInt.make(try length(try samplerOf(a[0]))) }
        return c
    }()

    static func make(_ name: String, _ spec: String, _ fill: @escaping (SamplerObject, Arguments) throws -> Void) -> PyClass {
        let c = PyClass(name: name, bases: [samplerClass], module: "torch.utils.data.sampler")
        c.method("__new__", "cls, " + spec) { a in
            let o = SamplerObject(cls: (a[0] as? PyClass) ?? c, withAttributes: true)
            try fill(o, a)
            return o
        }
        c.define("__init__", "self, *args, **kwargs") { _ in PyNone.shared }
        return c
    }

    static func generator(_ o: PyObject?) throws -> Engine.Generator? {
        guard let o, !(o is PyNone) else { return nil }
        return try Args.generator(o)
    }

    /// `(name, class)` for every sampler class.
    static let classes: [(String, PyClass)] = [
        ("Sampler", samplerClass),
        ("SequentialSampler", make("SequentialSampler", "data_source") { o, a in
            o.kind = .sequential
            o.source = a[1]
        }),
        ("RandomSampler", make("RandomSampler", "data_source, replacement=, num_samples=, generator=") { o, a in
            o.kind = .random
            o.source = a[1]
            if try a.optional(2).map(Runtime.truthy) ?? false { throw TorchErrors.unsupported("RandomSampler(replacement=True)") }
            if let n = a.optional(3) {
                let v = try Args.int(n, ArgumentSite("RandomSampler", isMethod: false), "num_samples", 2)
                guard v > 0 else { throw PyError.value("num_samples should be a positive integer value, but got num_samples=\(v)") }
                o.numSamples = v
            }
            o.generator = try generator(a.optional(4))
        }),
        ("SubsetRandomSampler", make("SubsetRandomSampler", "indices, generator=") { o, a in
            o.kind = .subsetRandom
            o.indices = try Runtime.toArray(a[1])
            o.generator = try generator(a.optional(2))
        }),
        ("BatchSampler", make("BatchSampler", "sampler, batch_size, drop_last") { o, a in
            o.kind = .batch
            o.source = a[1]
            let bs = a[2] as? PyInt
            guard let bs, bs.cls !== Builtin.boolType, bs.value > 0, let size = Int(exactly: bs.value) else {
                throw PyError.value("batch_size should be a positive integer value, but got batch_size=\(try Runtime.repr(a[2]))")
            }
            guard let drop = a[3] as? PyInt, drop.cls === Builtin.boolType else {
                throw PyError.value("drop_last should be a boolean value, but got drop_last=\(try Runtime.repr(a[3]))")
            }
            o.batchSize = size
            o.dropLast = drop.value != 0
        }),
    ]

    static func length(_ s: SamplerObject) throws -> Int {
        switch s.kind {
        case .sequential: return try Runtime.length(s.source)
        case .random: return try s.numSamples ?? Runtime.length(s.source)
        case .subsetRandom: return s.indices.count
        case .batch: return Sampling.batchCount(try Runtime.length(s.source), batchSize: s.batchSize, dropLast: s.dropLast)
        }
    }

    /// One pass, drawn when iteration starts.
    static func iterate(_ s: SamplerObject) throws -> PyObject {
        let items: [PyObject]
        switch s.kind {
        case .sequential:
            items = Sampling.sequential(try Runtime.length(s.source)).map { PyInt.make($0) }
        case .random:
            items = Sampling.randomPermutation(try Runtime.length(s.source), numSamples: s.numSamples, generator: s.generator).map { PyInt.make($0) }
        case .subsetRandom:
            let perm = (s.generator ?? Engine.Generator.global).randperm(s.indices.count)
            items = perm.compactMap { i in Int(exactly: i).flatMap { $0 < s.indices.count ? s.indices[$0] : nil } }
        case .batch:
            let indices = try Runtime.toArray(s.source).map { try Args.int($0, ArgumentSite("BatchSampler", isMethod: false), "index", 0) }
            items = try bridge { try Sampling.batches(indices, batchSize: s.batchSize, dropLast: s.dropLast) }.map { PyList($0.map { PyInt.make($0) }) }
        }
        return try Runtime.iterate(PyList(items))
    }
}
