/// `nn.Sequential`: runs its children one after another, each on the previous one's output.
///
///     let model = try Sequential(Linear(64, 128), ReLU(), Linear(128, 10))
///     let y = try model(x)
public final class Sequential: Module {
    /// `Sequential(*modules)`: children named "0", "1", ….
    public init(_ modules: Module...) {
        super.init()
        for (i, m) in modules.enumerated() { moduleSlots.set(String(i), m) }
    }

    /// `Sequential(*modules)` from an array.
    public init(_ modules: [Module]) {
        super.init()
        for (i, m) in modules.enumerated() { moduleSlots.set(String(i), m) }
    }

    /// `Sequential(OrderedDict([...]))`: children under the given names (PyTorch's name checks).
    public init(_ named: [(String, Module)]) throws {
        super.init()
        for (name, m) in named { try registerModule(name, m) }
    }

    /// `forward(input)`: feeds the input through every child in order.
    override public func forward(_ inputs: [ModuleValue], keywords: [(String, ModuleValue)]) throws -> ModuleValue {
        var value = try bindArguments(inputs, keywords, names: ["input"])[0] ?? .none
        for case let module? in moduleSlots.entries.map({ $0.value }) { value = try module.call([value]) }
        return value
    }

    /// Typed forward for Swift callers.
    public func forward(_ x: Tensor) throws -> Tensor { try self(x) }

    /// `len(seq)`.
    public var count: Int { moduleSlots.count }

    /// `seq[i]` (negative counts from the end): IndexError "index 5 is out of range".
    public func module(at index: Int) throws -> Module {
        let key = try keyForIndex(index)
        guard let m = moduleSlots[key] ?? nil else { throw TensorError.type("'NoneType' object is not a Module") }
        return m
    }

    /// `seq[start:stop:step]`: a new Sequential holding the selected children under their
    /// original names (PyTorch keeps the keys).
    public func slice(start: Int? = nil, stop: Int? = nil, step: Int? = nil) throws -> Sequential {
        let entries = moduleSlots.entries
        let picked = try pythonSliceIndices(count: entries.count, start: start, stop: stop, step: step)
        let result = Sequential()
        for i in picked { result.moduleSlots.set(entries[i].key, entries[i].value) }
        return result
    }

    /// `seq[i] = module`.
    public func setModule(_ module: Module, at index: Int) throws {
        moduleSlots.set(try keyForIndex(index), module)
    }

    /// `del seq[i]`: removes the child and renumbers the rest "0", "1", ….
    public func remove(at index: Int) throws {
        moduleSlots.remove(try keyForIndex(index))
        renumber()
    }

    /// `del seq[start:stop:step]`.
    public func removeSlice(start: Int? = nil, stop: Int? = nil, step: Int? = nil) throws {
        let keys = moduleSlots.keys
        for i in try pythonSliceIndices(count: keys.count, start: start, stop: stop, step: step) {
            moduleSlots.remove(keys[i])
        }
        renumber()
    }

    /// `seq.pop(i)`: removes and returns the child at `index`.
    @discardableResult
    public func pop(_ index: Int) throws -> Module {
        let m = try module(at: index)
        try remove(at: index)
        return m
    }

    /// `append(module)`: adds a child named `str(len(self))`.
    @discardableResult
    public func append(_ module: Module) throws -> Sequential {
        try registerModule(String(count), module)
        return self
    }

    /// `insert(index, module)`: shifts the children from `index` on and puts `module` there
    /// (IndexError "Index out of range: 5" unless -len ≤ index ≤ len).
    @discardableResult
    public func insert(_ index: Int, _ module: Module) throws -> Sequential {
        let n = moduleSlots.count
        guard -n <= index && index <= n else { throw TensorError.index("Index out of range: \(index)") }
        let at = index < 0 ? index + n : index
        var i = n
        while i > at {
            moduleSlots.set(String(i), moduleSlots[String(i - 1)] ?? nil)
            i -= 1
        }
        moduleSlots.set(String(at), module)
        return self
    }

    /// `extend(modules)`: appends each module.
    @discardableResult
    public func extend(_ modules: [Module]) throws -> Sequential {
        for m in modules { try append(m) }
        return self
    }

    /// `seq + other`: a new Sequential of both containers' children.
    public static func + (lhs: Sequential, rhs: Sequential) -> Sequential {
        Sequential(lhs.moduleSlots.entries.compactMap { $0.value } + rhs.moduleSlots.entries.compactMap { $0.value })
    }

    /// The children in order (`iter(seq)`).
    public var modulesInOrder: [Module] { moduleSlots.entries.compactMap { $0.value } }

    /// `seq[i]` for Swift callers: `try model[0]`, `try model[-1]`.
    public subscript(_ index: Int) -> Module { get throws { try module(at: index) } }

    private func keyForIndex(_ index: Int) throws -> String {
        let n = moduleSlots.count
        guard -n <= index && index < n else { throw TensorError.index("index \(index) is out of range") }
        return moduleSlots.keys[index < 0 ? index + n : index]
    }

    private func renumber() {
        moduleSlots.replaceAll(moduleSlots.entries.enumerated().map { (String($0.offset), $0.element.value) })
    }
}

/// `nn.ModuleList`: a list of registered children ("0", "1", …) with no forward of its own.
public final class ModuleList: Module {
    /// `ModuleList(modules)`.
    public init(_ modules: [Module] = []) {
        super.init()
        for (i, m) in modules.enumerated() { moduleSlots.set(String(i), m) }
    }

    /// `len(list)`.
    public var count: Int { moduleSlots.count }

    /// The children in order (`iter(list)`).
    public var modulesInOrder: [Module] { moduleSlots.entries.compactMap { $0.value } }

    /// `list[i]` for Swift callers: `try layers[0]`.
    public subscript(_ index: Int) -> Module { get throws { try module(at: index) } }

    /// `list[i]` (negative counts from the end): IndexError "index 5 is out of range".
    public func module(at index: Int) throws -> Module {
        guard let m = moduleSlots[try absoluteKey(index)] ?? nil else {
            throw TensorError.type("'NoneType' object is not a Module")
        }
        return m
    }

    /// `list[start:stop:step]`: a new ModuleList (renumbered from 0).
    public func slice(start: Int? = nil, stop: Int? = nil, step: Int? = nil) throws -> ModuleList {
        let values = moduleSlots.entries.map { $0.value }
        let picked = try pythonSliceIndices(count: values.count, start: start, stop: stop, step: step)
        let result = ModuleList()
        for (j, i) in picked.enumerated() { result.moduleSlots.set(String(j), values[i]) }
        return result
    }

    /// `list[i] = module`.
    public func setModule(_ module: Module, at index: Int) throws {
        moduleSlots.set(try absoluteKey(index), module)
    }

    /// `del list[i]`: removes the child and renumbers the rest.
    public func remove(at index: Int) throws {
        moduleSlots.remove(try absoluteKey(index))
        renumber()
    }

    /// `list.pop(i)`.
    @discardableResult
    public func pop(_ index: Int) throws -> Module {
        let m = try module(at: index)
        try remove(at: index)
        return m
    }

    /// `append(module)`.
    @discardableResult
    public func append(_ module: Module) throws -> ModuleList {
        try registerModule(String(count), module)
        return self
    }

    /// `extend(modules)` / `list += modules`.
    @discardableResult
    public func extend(_ modules: [Module]) throws -> ModuleList {
        let offset = count
        for (i, m) in modules.enumerated() { try registerModule(String(offset + i), m) }
        return self
    }

    /// `insert(index, module)`, exactly as PyTorch's loop does it: no range check, so an index
    /// past the end adds the key `str(index)`, and a negative index shifts every child and then
    /// fails with `KeyError: '-1'`.
    public func insert(_ index: Int, _ module: Module) throws {
        var i = moduleSlots.count
        while i > index {
            guard let previous = moduleSlots[String(i - 1)] else { throw ModuleError(.key, String(i - 1)) }
            moduleSlots.set(String(i), previous)
            i -= 1
        }
        moduleSlots.set(String(index), module)
    }

    /// `list + other`: a new ModuleList of both lists' children.
    public static func + (lhs: ModuleList, rhs: ModuleList) -> ModuleList {
        ModuleList(lhs.modulesInOrder + rhs.modulesInOrder)
    }

    /// ModuleList's own `__repr__`: runs of identical children collapse into
    /// `(0-2): 3 x Linear(...)`; an empty list prints `ModuleList()`.
    override public var description: String {
        let reprs = moduleSlots.entries.map { $0.value?.description ?? "None" }
        guard let first = reprs.first else { return typeName + "()" }
        var blocks: [(start: Int, end: Int, repr: String)] = [(0, 0, first)]
        for (i, r) in reprs.enumerated().dropFirst() {
            if let last = blocks.last, r == last.repr {
                blocks[blocks.count - 1].end += 1
            } else {
                blocks.append((i, i, r))
            }
        }
        let lines = blocks.map { b -> String in
            let local = b.start == b.end ? "(\(b.start)): \(b.repr)"
                : "(\(b.start)-\(b.end)): \(b.end - b.start + 1) x \(b.repr)"
            return containerAddIndent(local, 2)
        }
        return typeName + "(\n  " + lines.joined(separator: "\n  ") + "\n)"
    }

    private func absoluteKey(_ index: Int) throws -> String {
        let n = moduleSlots.count
        guard -n <= index && index < n else { throw TensorError.index("index \(index) is out of range") }
        return String(index < 0 ? index + n : index)
    }

    private func renumber() {
        moduleSlots.replaceAll(moduleSlots.entries.enumerated().map { (String($0.offset), $0.element.value) })
    }
}

/// `nn.ModuleDict`: an ordered dictionary of registered children with no forward of its own.
public final class ModuleDict: Module {
    /// `ModuleDict(modules)`: the pairs in order (PyTorch's name checks apply).
    public init(_ modules: [(String, Module)] = []) throws {
        super.init()
        try update(modules)
    }

    /// `len(dict)`.
    public var count: Int { moduleSlots.count }
    /// `keys()`.
    public var keys: [String] { moduleSlots.keys }
    /// `values()`.
    public var values: [Module?] { moduleSlots.entries.map { $0.value } }
    /// `items()`.
    public var items: [(String, Module?)] { moduleEntries }

    /// `dict[key]` for Swift callers: `try heads["policy"]`.
    public subscript(_ key: String) -> Module? { get throws { try module(forKey: key) } }

    /// `key in dict`.
    public func contains(_ key: String) -> Bool { moduleSlots.contains(key) }

    /// `dict[key]`: KeyError with the key's repr when absent.
    public func module(forKey key: String) throws -> Module? {
        guard let m = moduleSlots[key] else { throw ModuleError(.key, key) }
        return m
    }

    /// `dict[key] = module` (add_module's checks).
    public func setModule(_ module: Module?, forKey key: String) throws { try registerModule(key, module) }

    /// `del dict[key]`.
    public func remove(_ key: String) throws {
        guard moduleSlots.remove(key) != nil else { throw ModuleError(.key, key) }
    }

    /// `pop(key)`.
    @discardableResult
    public func pop(_ key: String) throws -> Module? {
        let m = try module(forKey: key)
        try remove(key)
        return m
    }

    /// `clear()`.
    public func clear() { moduleSlots.replaceAll([]) }

    /// `update(pairs)`: sets each pair in order.
    public func update(_ modules: [(String, Module)]) throws {
        for (k, m) in modules { try registerModule(k, m) }
    }
}

/// Python's `slice.indices(count)` walked: the indices a slice selects (ValueError for step 0).
public func pythonSliceIndices(count: Int, start: Int?, stop: Int?, step: Int?) throws -> [Int] {
    let step = step ?? 1
    guard step != 0 else { throw TensorError.value("slice step cannot be zero") }
    func clamp(_ v: Int?, _ dflt: Int, _ lo: Int, _ hi: Int) -> Int {
        guard let v else { return dflt }
        if v < 0 { return v < -count ? lo : Swift.max(v + count, lo) }
        return Swift.min(v, hi)
    }
    var out: [Int] = []
    if step > 0 {
        var i = clamp(start, 0, 0, count)
        let end = clamp(stop, count, 0, count)
        while i < end {
            out.append(i)
            let (next, overflow) = i.addingReportingOverflow(step)
            if overflow { break }
            i = next
        }
    } else {
        var i = clamp(start, count - 1, -1, count - 1)
        let end = clamp(stop, -1, -1, count - 1)
        while i > end {
            out.append(i)
            let (next, overflow) = i.addingReportingOverflow(step)
            if overflow { break }
            i = next
        }
    }
    return out
}

/// `_addindent` of torch/nn/modules/container.py (ModuleList's repr): indents every line but
/// the first, blank lines included.
func containerAddIndent(_ s: String, _ spaces: Int) -> String {
    let lines = s.split(separator: "\n", omittingEmptySubsequences: false)
    guard lines.count > 1, let first = lines.first else { return s }
    let pad = String(repeating: " ", count: spaces)
    return ([String(first)] + lines.dropFirst().map { pad + $0 }).joined(separator: "\n")
}

extension Sequential: Sequence {
    /// `for layer in model`: the children in order.
    public func makeIterator() -> IndexingIterator<[Module]> { modulesInOrder.makeIterator() }
}

extension ModuleList: Sequence {
    /// `for layer in layers`: the children in order.
    public func makeIterator() -> IndexingIterator<[Module]> { modulesInOrder.makeIterator() }
}
