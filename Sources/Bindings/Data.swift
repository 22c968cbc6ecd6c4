import Engine
import Script

/// `torch.utils.data` for scripts: `Dataset` (script classes subclass it), `TensorDataset`,
/// `Subset`, `random_split`, `DataLoader` and `default_collate`, drawing random numbers
/// exactly as PyTorch 2.15 does (so `shuffle=True` orders match for the same seeds).
public enum DataBindings {
    /// Adds `torch.utils.data` to every fresh torch module (once per process).
    public static func install() { _ = installed }

    private static let installed: Bool = {
        TorchModule.extensions.append { torch in build(torch) }
        for name in ["torch.utils", "torch.utils.data", "torch.utils.data.dataset", "torch.utils.data.dataloader", "torch.utils.data.sampler",
                     "torch.utils.data._utils", "torch.utils.data._utils.collate"] {
            TorchModule.registerSubmodule(name)
        }
        return true
    }()

    static func build(_ torch: PyModule) {
        let data = TorchModule.submodule("torch.utils.data", in: torch)
        let datasetModule = TorchModule.submodule("torch.utils.data.dataset", in: torch)
        for (name, cls) in [("Dataset", datasetClass), ("TensorDataset", tensorDatasetClass), ("Subset", subsetClass)] {
            data[name] = cls
            datasetModule[name] = cls
        }
        let samplerModule = TorchModule.submodule("torch.utils.data.sampler", in: torch)
        for (name, cls) in SamplerBindings.classes {
            data[name] = cls
            samplerModule[name] = cls
        }
        data["DataLoader"] = DataLoaderBindings.loaderClass
        TorchModule.submodule("torch.utils.data.dataloader", in: torch)["DataLoader"] = DataLoaderBindings.loaderClass
        let split = PyNativeFunction(name: "random_split", parameters: "dataset, lengths, generator=") { a in
            try bridge { try randomSplit(a) }
        }
        data["random_split"] = split
        datasetModule["random_split"] = split
        let collate = PyNativeFunction(name: "default_collate", parameters: "batch") { a in
            try bridge { try DataLoaderBindings.collate(try Runtime.toArray(a[0])) }
        }
        data["default_collate"] = collate
        TorchModule.submodule("torch.utils.data._utils.collate", in: torch)["default_collate"] = collate
    }

    /// `torch.utils.data.Dataset`: the base class script datasets derive from.
    static let datasetClass: PyClass = {
        let c = PyClass(name: "Dataset", bases: [Builtin.objectType], module: "torch.utils.data.dataset")
        c.define("__getitem__", "self, index") { _ in
            throw PyError.notImplemented("Subclasses of Dataset should implement __getitem__.")
        }
        return c
    }()

    /// The native storage of `TensorDataset` and `Subset` objects.
    final class DataObject: PyObject {
        /// `TensorDataset`: the tensors.
        var tensors: [TensorObject] = []
        /// `Subset`: the dataset and the indices.
        var dataset: PyObject = PyNone.shared
        var indices: [Int] = []
    }

    static func dataOf(_ o: PyObject) throws -> DataObject {
        guard let d = o as? DataObject else { throw PyError.type("expected a dataset object, got \(pythonTypeName(o))") }
        return d
    }

    /// `TensorDataset(*tensors)`: item `i` is `tuple(t[i] for t in tensors)`.
    static let tensorDatasetClass: PyClass = {
        let c = PyClass(name: "TensorDataset", bases: [datasetClass], module: "torch.utils.data.dataset")
        c.method("__new__", "cls, *tensors") { a in
            let o = DataObject(cls: (a[0] as? PyClass) ?? c, withAttributes: true)
            o.tensors = try a.rest.map { item in
                guard let t = item as? TensorObject else {
                    throw PyError.attribute("'\(pythonTypeName(item))' object has no attribute 'size'")
                }
                return t
            }
            _ = try TensorDataset(o.tensors.map(\.tensor))
            return o
        }
        c.define("__init__", "self, *tensors") { _ in PyNone.shared }
        c.method("__getitem__", "self, index") { a in
            PyTuple(try dataOf(a[0]).tensors.map { try Runtime.getItem($0, a[1]) })
        }
        c.method("__len__", "self") { a in PyInt.make(try dataOf(a[0]).tensors.first?.tensor.shape.first ?? 0) }
        c.property("tensors") { o in PyTuple(try dataOf(o).tensors) }
        return c
    }()

    /// `Subset(dataset, indices)`: `subset[i]` is `dataset[indices[i]]`.
    static let subsetClass: PyClass = {
        let c = PyClass(name: "Subset", bases: [datasetClass], module: "torch.utils.data.dataset")
        c.method("__new__", "cls, dataset, indices") { a in
            makeSubset(a[1], try Args.intList(a[2], ArgumentSite("Subset", isMethod: false), "indices", 1), cls: (a[0] as? PyClass) ?? c)
        }
        c.define("__init__", "self, dataset, indices") { _ in PyNone.shared }
        c.method("__getitem__", "self, idx") { a in
            let s = try dataOf(a[0])
            if let list = a[1] as? PyList {
                return PyList(try list.items.map { try Runtime.getItem(s.dataset, PyInt.make(try index(s.indices, $0))) })
            }
            return try Runtime.getItem(s.dataset, PyInt.make(try index(s.indices, a[1])))
        }
        c.method("__len__", "self") { a in PyInt.make(try dataOf(a[0]).indices.count) }
        c.property("dataset") { o in try dataOf(o).dataset }
        c.property("indices") { o in PyList(try dataOf(o).indices.map { PyInt.make($0) as PyObject }) }
        return c
    }()

    static func makeSubset(_ dataset: PyObject, _ indices: [Int], cls: PyClass = subsetClass) -> DataObject {
        let o = DataObject(cls: cls, withAttributes: true)
        o.dataset = dataset
        o.indices = indices
        return o
    }

    /// `indices[i]` with Python's list indexing rules.
    static func index(_ indices: [Int], _ o: PyObject) throws -> Int {
        guard let i = o as? PyInt, let v = Int(exactly: i.value) else {
            throw PyError.type("list indices must be integers or slices, not \(pythonTypeName(o))")
        }
        let k = v < 0 ? v + indices.count : v
        guard k >= 0, k < indices.count else { throw PyError.index("list index out of range") }
        return indices[k]
    }

    /// `random_split(dataset, lengths, generator=default_generator)`.
    static func randomSplit(_ a: Arguments) throws -> PyObject {
        let count = try Runtime.length(a[0])
        let items = try Runtime.toArray(a[1])
        var values: [Double] = []
        var allInts = true
        for item in items {
            guard let s = Args.scalarOrNil(item) else {
                throw PyError.type("unsupported operand type(s) for +: 'int' and '\(pythonTypeName(item))'")
            }
            if case .double = s { allInts = false }
            values.append(s.doubleValue)
        }
        var lengths: [Int]
        if let fromFractions = try Sampling.splitLengths(count: count, fractions: values) {
            lengths = fromFractions
            for (i, n) in lengths.enumerated() where n == 0 {
                Autograd.warn("Length of split at index \(i) is 0. This might result in an empty dataset.")
            }
        } else {
            guard allInts else { throw PyError.value("Sum of input lengths does not equal the length of the input dataset!") }
            lengths = try items.map { item in
                guard let i = item as? PyInt, let n = Int(exactly: i.value) else { throw PyError.overflow() }
                return n
            }
        }
        let generator = try Args.generator(a.optional(2))
        let splits = try Sampling.randomSplit(count: count, lengths: lengths, generator: generator)
        return PyList(splits.map { makeSubset(a[0], $0) as PyObject })
    }
}
