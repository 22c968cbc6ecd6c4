import Engine
import Script

/// `torch.utils.data.DataLoader` (in-process: `num_workers` is accepted and the batches are
/// loaded in the calling process, in the same order) and `default_collate`.
enum DataLoaderBindings {
    /// A loader's settings.
    final class LoaderObject: PyObject {
        var dataset: PyObject = PyNone.shared
        var batchSize: Int?
        var shuffle = false
        var dropLast = false
        var generator: Engine.Generator?
        var generatorObject: PyObject = PyNone.shared
        var collateFn: PyObject?
        var sampler: PyObject?
        var numWorkers = 0
        var batchSampler: PyObject?
    }

    static func loaderOf(_ o: PyObject) throws -> LoaderObject {
        guard let l = o as? LoaderObject else { throw PyError.type("expected a DataLoader, got \(pythonTypeName(o))") }
        return l
    }

    /// The class `torch.utils.data.DataLoader`.
    static let loaderClass: PyClass = {
        let c = PyClass(name: "DataLoader", bases: [Builtin.objectType], module: "torch.utils.data.dataloader")
        let spec = "cls, dataset, batch_size=, shuffle=, sampler=, batch_sampler=, num_workers=, collate_fn=, pin_memory=, drop_last=, timeout=, worker_init_fn=, multiprocessing_context=, generator=, *, prefetch_factor=, persistent_workers=, pin_memory_device=, in_order="
        c.method("__new__", spec) { a in
            let o = LoaderObject(cls: (a[0] as? PyClass) ?? c, withAttributes: true)
            o.dataset = a[1]
            let site = ArgumentSite("DataLoader", isMethod: false)
            if let b = a.values.count > 2 ? a.values[2] : nil {
                o.batchSize = b is PyNone ? nil : try Args.int(b, site, "batch_size", 1)
            } else {
                o.batchSize = 1
            }
            if let bs = o.batchSize, bs <= 0 {
                throw PyError.value("batch_size should be a positive integer value, but got batch_size=\(bs)")
            }
            o.shuffle = try a.optional(3).map(Runtime.truthy) ?? false
            o.sampler = a.optional(4)
            if let bs = a.optional(5) {
                let sizeGiven = a.values.count > 2 && a.values[2] != nil && (a[2] as? PyInt)?.value != 1
                let drop = try a.optional(9).map(Runtime.truthy) ?? false
                if sizeGiven || o.shuffle || o.sampler != nil || drop {
                    throw PyError.value("batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, and drop_last")
                }
                o.batchSampler = bs
                o.batchSize = nil
            }
            if o.shuffle && o.sampler != nil {
                throw PyError.value("sampler option is mutually exclusive with shuffle")
            }
            o.numWorkers = try a.optional(6).map { try Args.int($0, site, "num_workers", 5) } ?? 0
            if o.numWorkers < 0 {
                throw PyError.value("num_workers option should be non-negative; use num_workers=0 to disable multiprocessing.")
            }
            o.collateFn = a.optional(7)
            o.dropLast = try a.optional(9).map(Runtime.truthy) ?? false
            if let g = a.optional(13) {
                o.generator = try Args.generator(g)
                o.generatorObject = g
            }
            return o
        }
        c.define("__init__", "self, *args, **kwargs") { _ in PyNone.shared }
        c.method("__iter__", "self") { a in try iterate(try loaderOf(a[0])) }
        c.method("__len__", "self") { a in
            let l = try loaderOf(a[0])
            if let bs = l.batchSampler { return PyInt.make(try Runtime.length(bs)) }
            let n = try indexCount(l)
            guard let bs = l.batchSize else { return PyInt.make(n) }
            return PyInt.make(Sampling.batchCount(n, batchSize: bs, dropLast: l.dropLast))
        }
        c.property("dataset") { o in try loaderOf(o).dataset }
        c.property("batch_size") { o in try loaderOf(o).batchSize.map { PyInt.make($0) as PyObject } ?? PyNone.shared }
        c.property("drop_last") { o in PyBool.make(try loaderOf(o).dropLast) }
        c.property("num_workers") { o in PyInt.make(try loaderOf(o).numWorkers) }
        c.property("generator") { o in try loaderOf(o).generatorObject }
        return c
    }()

    static func indexCount(_ l: LoaderObject) throws -> Int {
        if let s = l.sampler { return try Runtime.length(s) }
        return try Runtime.length(l.dataset)
    }

    /// One epoch: draws the base seed as `_BaseDataLoaderIter` does, then the sampler's order.
    static func iterate(_ l: LoaderObject) throws -> PyObject {
        _ = Sampling.randomInt64(l.generator ?? Engine.Generator.global)
        let site = ArgumentSite("sampler", isMethod: false)
        if let bs = l.batchSampler {
            let batches = try Runtime.toArray(bs).map { try Runtime.toArray($0).map { try Args.int($0, site, "index", 0) } }
            return batchIterator(l, batches)
        }
        let indices: [Int]
        if let s = l.sampler {
            indices = try Runtime.toArray(s).map { try Args.int($0, ArgumentSite("sampler", isMethod: false), "index", 0) }
        } else {
            let n = try Runtime.length(l.dataset)
            indices = l.shuffle ? Sampling.randomPermutation(n, generator: l.generator) : Sampling.sequential(n)
        }
        guard let bs = l.batchSize else {
            var i = 0
            return PyNativeIterator {
                guard i < indices.count else { return nil }
                defer { i += 1 }
                let item = try Runtime.getItem(l.dataset, PyInt.make(indices[i]))
                if let f = l.collateFn { return try Runtime.call(f, [item]) }
                return try convert(item)
            }
        }
        return batchIterator(l, try bridge { try Sampling.batches(indices, batchSize: bs, dropLast: l.dropLast) })
    }

    /// Loads and collates `batches` one by one.
    static func batchIterator(_ l: LoaderObject, _ batches: [[Int]]) -> PyObject {
        var k = 0
        return PyNativeIterator {
            guard k < batches.count else { return nil }
            defer { k += 1 }
            let samples = try batches[k].map { try Runtime.getItem(l.dataset, PyInt.make($0)) }
            if let f = l.collateFn { return try Runtime.call(f, [PyList(samples)]) }
            return try bridge { try collate(samples) }
        }
    }

    /// `default_convert(data)` (unbatched loading): tuples and lists become lists, dicts are
    /// converted per key, anything else is returned as is.
    static func convert(_ data: PyObject) throws -> PyObject {
        if data is PyTuple || data is PyList { return PyList(try Runtime.toArray(data).map(convert)) }
        if let d = data as? PyDict {
            let out = PyDict()
            for (k, v) in d.table.pairs { try out.set(k.object, try convert(v)) }
            return out
        }
        return data
    }

    /// `default_collate(batch)`: tensors are stacked, Python numbers become a tensor (floats
    /// float64, ints int64), strings stay a list, dicts collate per key, and tuples and lists
    /// collate per position into a list.
    static func collate(_ batch: [PyObject], transposed: Bool = false) throws -> PyObject {
        guard let elem = batch.first else { throw PyError.index("list index out of range") }
        if elem is TensorObject {
            let tensors = try batch.map { item -> Tensor in
                guard let t = item as? TensorObject else { throw PyError.type("expected Tensor as element \(0) in argument 0, but got \(pythonTypeName(item))") }
                return t.tensor
            }
            return TensorObject.wrap(try Collate.tensors(tensors))
        }
        if elem is PyFloat || elem is PyInt {
            let numbers = try batch.map { item -> Scalar in
                guard let s = Args.scalarOrNil(item) else { throw PyError.type("must be real number, not \(pythonTypeName(item))") }
                return s
            }
            return TensorObject.wrap(try Collate.numbers(numbers))
        }
        if elem is PyStr { return transposed ? PyTuple(batch) : PyList(batch) }
        if let d = elem as? PyDict {
            let out = PyDict()
            for (k, _) in d.table.pairs {
                let column = try batch.map { item -> PyObject in
                    guard let di = item as? PyDict, let v = try di.get(k.object) else { throw PyError.key(k.object) }
                    return v
                }
                try out.set(k.object, try collate(column))
            }
            return out
        }
        if elem is PyTuple || elem is PyList {
            let rows = try batch.map { try Runtime.toArray($0) }
            let size = rows[0].count
            guard rows.allSatisfy({ $0.count == size }) else {
                throw PyError.runtime("each element in list of batch should be of equal size")
            }
            return PyList(try (0..<size).map { j in try collate(rows.map { $0[j] }, transposed: true) })
        }
        throw PyError.type("default_collate: batch must contain tensors, numpy arrays, numbers, dicts or lists; found <class '\(pythonTypeName(elem))'>")
    }
}
