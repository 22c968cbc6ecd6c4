import Engine
import Script

/// `nn.Sequential`, `nn.ModuleList`, `nn.ModuleDict` for scripts, over the engine containers.
enum NNContainers {
    /// The container classes.
    static let classes: [(String, PyClass)] = [("Sequential", sequentialClass), ("ModuleList", moduleListClass),
                                               ("ModuleDict", moduleDictClass)]

    /// A module argument: the engine module, or `TypeError: int is not a Module subclass`.
    static func module(_ o: PyObject) throws -> Module {
        if let m = o as? ModuleObject { return m.module }
        throw PyError.type("\(torchTypename(o)) is not a Module subclass")
    }

    /// The modules of an iterable argument.
    static func modules(_ o: PyObject) throws -> [Module] { try Runtime.toArray(o).map(module) }

    /// (start, stop, step) of a slice object.
    static func sliceBounds(_ s: PySlice) throws -> (Int?, Int?, Int?) {
        func v(_ o: PyObject, _ what: String) throws -> Int? {
            if o is PyNone { return nil }
            guard let i = o as? PyInt, let x = Int(exactly: i.value) else {
                throw PyError.type("slice indices must be integers or None or have an __index__ method")
            }
            return x
        }
        return (try v(s.start, "start"), try v(s.stop, "stop"), try v(s.step, "step"))
    }

    static func index(_ o: PyObject, _ cls: String) throws -> Int {
        guard let i = o as? PyInt, let x = Int(exactly: i.value) else {
            throw PyError.type("\(cls) indices must be integers or slices, not \(pythonTypeName(o))")
        }
        return x
    }

    /// Wraps a freshly made container as an object of `cls`.
    static func object(_ m: Module, _ cls: PyClass) -> ModuleObject {
        let o = ModuleObject(m, cls: cls, initialized: true)
        ModuleRegistry.bind(o, m)
        return o
    }

    static func engine<M: Module>(_ o: PyObject, _ type: M.Type) throws -> M {
        if let m = (o as? ModuleObject)?.module as? M { return m }
        throw PyError.type("descriptor requires a '\(M.self)' object")
    }

    static let sequentialClass: PyClass = {
        let c = NNModuleClass.layerClass("Sequential", module: "torch.nn.modules.container")
        ModuleRegistry.classes[ObjectIdentifier(Sequential.self)] = c
        c.method("__init__", "self, *args") { a in
            let me = try moduleOf(a[0])
            let seq: Sequential
            if a.rest.count == 1, let d = a.rest[0] as? PyDict {
                seq = try nnBridge {
                    try Sequential(try d.table.pairs.map { (try Args.string($0.0.object, ArgumentSite("Sequential", isMethod: true), "key", 0), try module($0.1)) })
                }
            } else {
                seq = Sequential()
                for (i, o) in a.rest.enumerated() { try nnBridge { try seq.registerModule(String(i), try module(o)) } }
            }
            ModuleRegistry.bind(me, seq)
            me.initialized = true
            return PyNone.shared
        }
        c.method("__getitem__", "self, idx") { a in
            let seq = try engine(a[0], Sequential.self)
            if let s = a[1] as? PySlice {
                let (start, stop, step) = try sliceBounds(s)
                return object(try nnBridge { try seq.slice(start: start, stop: stop, step: step) }, sequentialClass)
            }
            return ModuleObject.wrap(try nnBridge { try seq.module(at: try index(a[1], "Sequential")) })
        }
        c.method("__setitem__", "self, idx, module") { a in
            let seq = try engine(a[0], Sequential.self)
            try nnBridge { try seq.setModule(try module(a[2]), at: try index(a[1], "Sequential")) }
            return PyNone.shared
        }
        c.method("__delitem__", "self, idx") { a in
            let seq = try engine(a[0], Sequential.self)
            if let s = a[1] as? PySlice {
                let (start, stop, step) = try sliceBounds(s)
                try nnBridge { try seq.removeSlice(start: start, stop: stop, step: step) }
            } else {
                try nnBridge { try seq.remove(at: try index(a[1], "Sequential")) }
            }
            return PyNone.shared
        }
        c.method("__len__", "self") { a in PyInt.make(try engine(a[0], Sequential.self).count) }
        c.method("__iter__", "self") { a in
            try Runtime.iterate(PyList(try engine(a[0], Sequential.self).modulesInOrder.map { ModuleObject.wrap($0) }))
        }
        c.method("append", "self, module") { a in
            _ = try nnBridge { try engine(a[0], Sequential.self).append(try module(a[1])) }
            return a[0]
        }
        c.method("insert", "self, index, module") { a in
            _ = try nnBridge { try engine(a[0], Sequential.self).insert(try index(a[1], "Sequential"), try module(a[2])) }
            return a[0]
        }
        c.method("extend", "self, sequential") { a in
            _ = try nnBridge { try engine(a[0], Sequential.self).extend(try modules(a[1])) }
            return a[0]
        }
        c.method("pop", "self, key") { a in
            ModuleObject.wrap(try nnBridge { try engine(a[0], Sequential.self).pop(try index(a[1], "Sequential")) })
        }
        c.method("__add__", "self, other") { a in
            guard let other = (a[1] as? ModuleObject)?.module as? Sequential else {
                throw PyError.value("add operator supports only objects of Sequential class, but \(torchTypename(a[1])) is given.")
            }
            return object(try engine(a[0], Sequential.self) + other, sequentialClass)
        }
        return c
    }()

    static let moduleListClass: PyClass = {
        let c = NNModuleClass.layerClass("ModuleList", module: "torch.nn.modules.container")
        ModuleRegistry.classes[ObjectIdentifier(ModuleList.self)] = c
        c.method("__init__", "self, modules=") { a in
            let me = try moduleOf(a[0])
            let list = ModuleList(try a.optional(1).map(modules) ?? [])
            ModuleRegistry.bind(me, list)
            me.initialized = true
            return PyNone.shared
        }
        c.method("__getitem__", "self, idx") { a in
            let list = try engine(a[0], ModuleList.self)
            if let s = a[1] as? PySlice {
                let (start, stop, step) = try sliceBounds(s)
                return object(try nnBridge { try list.slice(start: start, stop: stop, step: step) }, moduleListClass)
            }
            return ModuleObject.wrap(try nnBridge { try list.module(at: try index(a[1], "ModuleList")) })
        }
        c.method("__setitem__", "self, idx, module") { a in
            try nnBridge { try engine(a[0], ModuleList.self).setModule(try module(a[2]), at: try index(a[1], "ModuleList")) }
            return PyNone.shared
        }
        c.method("__delitem__", "self, idx") { a in
            let list = try engine(a[0], ModuleList.self)
            if let s = a[1] as? PySlice {
                let (start, stop, step) = try sliceBounds(s)
                let picked = try nnBridge { try pythonSliceIndices(count: list.count, start: start, stop: stop, step: step) }
                for i in picked.sorted(by: >) { try nnBridge { try list.remove(at: i) } }
            } else {
                try nnBridge { try list.remove(at: try index(a[1], "ModuleList")) }
            }
            return PyNone.shared
        }
        c.method("__len__", "self") { a in PyInt.make(try engine(a[0], ModuleList.self).count) }
        c.method("__iter__", "self") { a in
            try Runtime.iterate(PyList(try engine(a[0], ModuleList.self).modulesInOrder.map { ModuleObject.wrap($0) }))
        }
        c.method("append", "self, module") { a in
            _ = try nnBridge { try engine(a[0], ModuleList.self).append(try module(a[1])) }
            return a[0]
        }
        c.method("extend", "self, modules") { a in
            _ = try nnBridge { try engine(a[0], ModuleList.self).extend(try modules(a[1])) }
            return a[0]
        }
        c.method("insert", "self, index, module") { a in
            try nnBridge { try engine(a[0], ModuleList.self).insert(try index(a[1], "ModuleList"), try module(a[2])) }
            return PyNone.shared
        }
        c.method("pop", "self, key") { a in
            ModuleObject.wrap(try nnBridge { try engine(a[0], ModuleList.self).pop(try index(a[1], "ModuleList")) })
        }
        c.method("__add__", "self, other") { a in
            guard let other = (a[1] as? ModuleObject)?.module as? ModuleList else {
                throw PyError.type("unsupported operand type(s) for +: 'ModuleList' and '\(pythonTypeName(a[1]))'")
            }
            return object(try engine(a[0], ModuleList.self) + other, moduleListClass)
        }
        return c
    }()

    static let moduleDictClass: PyClass = {
        let c = NNModuleClass.layerClass("ModuleDict", module: "torch.nn.modules.container")
        ModuleRegistry.classes[ObjectIdentifier(ModuleDict.self)] = c
        func pairs(_ o: PyObject) throws -> [(String, Module)] {
            let site = ArgumentSite("ModuleDict", isMethod: true)
            if let d = o as? PyDict {
                return try d.table.pairs.map { (try Args.string($0.0.object, site, "key", 0), try module($0.1)) }
            }
            return try Runtime.toArray(o).map { item in
                let kv = try Runtime.toArray(item)
                guard kv.count == 2 else {
                    throw PyError.value("ModuleDict update sequence element has length \(kv.count); 2 is required")
                }
                return (try Args.string(kv[0], site, "key", 0), try module(kv[1]))
            }
        }
        func key(_ o: PyObject) throws -> String {
            guard let s = o as? PyStr else { throw PyError.key(o) }
            return s.value
        }
        c.method("__init__", "self, modules=") { a in
            let me = try moduleOf(a[0])
            let dict = try nnBridge { try ModuleDict(try a.optional(1).map(pairs) ?? []) }
            ModuleRegistry.bind(me, dict)
            me.initialized = true
            return PyNone.shared
        }
        c.method("__getitem__", "self, key") { a in
            let dict = try engine(a[0], ModuleDict.self)
            guard dict.contains(try key(a[1])) else { throw PyError.key(a[1]) }
            return try nnBridge { try dict.module(forKey: try key(a[1])) }.map { ModuleObject.wrap($0) } ?? PyNone.shared
        }
        c.method("__setitem__", "self, key, module") { a in
            try nnBridge { try engine(a[0], ModuleDict.self).setModule(try module(a[2]), forKey: try key(a[1])) }
            return PyNone.shared
        }
        c.method("__delitem__", "self, key") { a in
            let dict = try engine(a[0], ModuleDict.self)
            guard dict.contains(try key(a[1])) else { throw PyError.key(a[1]) }
            try nnBridge { try dict.remove(try key(a[1])) }
            return PyNone.shared
        }
        c.method("__len__", "self") { a in PyInt.make(try engine(a[0], ModuleDict.self).count) }
        c.method("__iter__", "self") { a in try Runtime.iterate(PyList(try engine(a[0], ModuleDict.self).keys.map { PyStr($0) })) }
        c.method("__contains__", "self, key") { a in
            PyBool.make(try engine(a[0], ModuleDict.self).contains((a[1] as? PyStr)?.value ?? "\u{0}"))
        }
        c.method("keys", "self") { a in PyList(try engine(a[0], ModuleDict.self).keys.map { PyStr($0) }) }
        c.method("values", "self") { a in
            PyList(try engine(a[0], ModuleDict.self).values.map { $0.map { ModuleObject.wrap($0) } ?? PyNone.shared })
        }
        c.method("items", "self") { a in
            PyList(try engine(a[0], ModuleDict.self).items.map { PyTuple([PyStr($0.0), $0.1.map { ModuleObject.wrap($0) } ?? PyNone.shared]) })
        }
        c.method("update", "self, modules") { a in
            try nnBridge { try engine(a[0], ModuleDict.self).update(try pairs(a[1])) }
            return PyNone.shared
        }
        c.method("pop", "self, key") { a in
            let dict = try engine(a[0], ModuleDict.self)
            guard dict.contains(try key(a[1])) else { throw PyError.key(a[1]) }
            return try nnBridge { try dict.pop(try key(a[1])) }.map { ModuleObject.wrap($0) } ?? PyNone.shared
        }
        c.method("clear", "self") { a in
            try engine(a[0], ModuleDict.self).clear()
            return PyNone.shared
        }
        return c
    }()
}
